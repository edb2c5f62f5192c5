"""The download half of a mail fetch, on a thread of its own: while the caller stores one
batch in the data file, this thread fetches the next batch from the server and reads it
(MIME, text, attachment list). Waiting for the network and SQLite's writing and syncing
(both done without Python's lock) then overlap the reading, which needs it.

The connection belongs to this thread from start to end: it also marks the stored batches
as read on the server when asked to, between its fetches. At most one read batch waits for
the caller, so memory holds about three batches. Stopping (cancel, or the caller's error)
lets a fetch under way end for a moment, then shuts the connection's socket, so on a slow
line it ends within seconds; nothing of a batch not handed over is stored.
"""

from __future__ import annotations

import imaplib
import queue
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import suppress
from typing import Any, Generic, TypeVar

T = TypeVar("T")
Fetch = Callable[[list[int]], T]  # one batch of UIDs, fetched and read
_POLL_SECONDS = 0.1
GRACE_SECONDS = 2.0


class Downloader(Generic[T]):
    def __init__(self, imap: imaplib.IMAP4, batches: list[list[int]], fetch: Fetch[T], *, mark_read: bool) -> None:
        self._imap = imap
        self._batches = batches
        self._fetch = fetch
        self._mark_read = mark_read
        self._ready: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=1)
        self._stored: queue.Queue[list[int]] = queue.Queue()
        self._stop = threading.Event()
        self._unmarked = 0  # batches handed over and not yet marked read (with mark_read)
        self._thread = threading.Thread(target=self._run, name="dumas-mail-download", daemon=True)

    def __enter__(self) -> Downloader[T]:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def batches(self, cancelled: Callable[[], bool]) -> Iterator[tuple[list[int], T]]:
        """Each batch as it is read, in order; ends early once `cancelled()` (asked between
        waits); raises what the thread met (a dropped connection, a refusal)."""
        while True:
            try:
                kind, value = self._ready.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                if cancelled():
                    return
                continue
            if kind == "end":
                return
            if kind == "error":
                raise value
            yield value

    def stored(self, batch: list[int]) -> None:
        """The caller committed this batch: it may be marked read on the server now."""
        if self._mark_read:
            self._stored.put(batch)

    def stop(self) -> None:
        self._stop.set()
        # On a good line the fetch under way ends soon, and the batches stored meanwhile are
        # still marked read; on a slow one the socket is shut, which ends the fetch at once.
        self._thread.join(timeout=GRACE_SECONDS)
        if self._thread.is_alive():
            with suppress(OSError):  # the caller's logout then fails, and it closes the connection
                self._imap.sock.shutdown(socket.SHUT_RDWR)
            self._thread.join()

    def _run(self) -> None:
        try:
            for batch in self._batches:
                self._mark_stored()
                if self._stop.is_set():
                    break
                read = self._fetch(batch)
                if not self._hand(("batch", (batch, read))):
                    break
                if self._mark_read:
                    self._unmarked += 1
            else:
                while self._unmarked and not self._stop.is_set():
                    self._mark_stored(wait=True)
                self._hand(("end", None))
                return
            self._mark_stored()  # stopped: what the caller stored before is still marked read
        except BaseException as exc:  # handed to the caller, on its thread
            if not self._stop.is_set():
                self._hand(("error", exc))

    def _hand(self, item: tuple[str, Any]) -> bool:
        while not self._stop.is_set():
            try:
                self._ready.put(item, timeout=_POLL_SECONDS)
                return True
            except queue.Full:
                continue
        return False

    def _mark_stored(self, *, wait: bool = False) -> None:
        """Mark read on the server the batches the caller has committed (waiting for one with `wait`)."""
        while self._mark_read:
            try:
                batch = self._stored.get(timeout=_POLL_SECONDS) if wait else self._stored.get_nowait()
            except queue.Empty:
                return
            self._imap.uid("STORE", ",".join(str(u) for u in batch), "+FLAGS.SILENT", r"(\Seen)")
            self._unmarked -= 1
            wait = False  # one waited for; the rest only if already there
