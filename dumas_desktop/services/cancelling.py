"""Stopping a long job at the next sound point: the person asks (the progress dialog's
button, on the UI thread), the job looks between its units of work (on the worker) and ends
there, keeping what it finished. No unit is ever left half-done."""

from __future__ import annotations

import threading


class CancelToken:
    """Shared by whoever may ask to stop and the job that checks; safe across threads."""

    def __init__(self) -> None:
        self._asked = threading.Event()

    def cancel(self) -> None:
        self._asked.set()

    @property
    def cancelled(self) -> bool:
        return self._asked.is_set()
