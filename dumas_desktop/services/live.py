"""Other PCs' changes, as they commit on the office's server: a thread of its own holds one
connection that LISTENs on the channel the complaints' trigger notifies (migration 0001),
gathers the case ids that arrive for a moment, and hands them on as a Changes, the same
value an operation of this PC's returns, so the tabs refresh those rows in place.

When the connection is lost (the server restarts, a cable is pulled) the listener says so,
tries again every few seconds, and once back reports that anything may have changed."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from typing import Any

from ..storage.database import Database
from .changes import Changes

CHANNEL = "dumas_cases"
GATHER_S = 0.15  # a step touches its case several times: one refresh for them all
RETRY_S = 3.0


class CaseListener:
    def __init__(
        self,
        db: Database,
        changed: Callable[[Changes], None],
        connected: Callable[[bool], None] | None = None,
    ) -> None:
        self._db = db
        self._changed = changed
        self._connected = connected or (lambda _up: None)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="dumas-dengar", daemon=True)
        self._conn: Any = None

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        conn = self._conn
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.cancel_safe(timeout=1.0)
        self._thread.join(timeout=5)

    def _run(self) -> None:
        from ..storage.server import raw_connection

        lost = False
        while not self._stop.is_set():
            try:
                self._conn = raw_connection(self._db.engine)
                self._conn.execute(f"LISTEN {CHANNEL}")
                if lost:  # what changed while we were away is not known: everything may have
                    self._changed(Changes.of_all())
                self._connected(True)
                lost = False
                self._listen(self._conn)
            except Exception:
                if self._stop.is_set():
                    break
                if not lost:
                    self._connected(False)
                lost = True
                self._stop.wait(RETRY_S)
            finally:
                conn, self._conn = self._conn, None
                if conn is not None:
                    with contextlib.suppress(Exception):
                        conn.close()

    def _listen(self, conn: Any) -> None:
        pending: set[int] = set()
        due = 0.0
        while not self._stop.is_set():
            wait = max(0.01, due - time.monotonic()) if pending else 1.0
            for notice in conn.notifies(timeout=wait, stop_after=1):
                with contextlib.suppress(ValueError):
                    pending.add(int(notice.payload))
                if len(pending) == 1:
                    due = time.monotonic() + GATHER_S
            if pending and time.monotonic() >= due:
                self._changed(Changes.of_cases(pending))
                pending = set()
            if conn.closed:
                raise ConnectionError("sambungan ke server terputus")
