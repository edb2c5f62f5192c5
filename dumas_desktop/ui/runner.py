"""Every user action that touches the data file runs here, off the UI thread, on one
database worker; a progress dialog appears only when it takes more than half a second.

Modelled on Anki's CollectionOp and TaskManager: one worker thread keeps the writes in
order, results and errors come back to the UI thread through queued signals. Steps the
program must wait for (opening the file, an unattended sign-in, the backup as the window
closes) use `call`, which waits in a local event loop, so the screen still paints and
answers meanwhile.
"""

from __future__ import annotations

import itertools
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..domain.errors import DumasError
from .texts import tr

PROGRESS_DELAY_MS = 500
T = TypeVar("T")


class _Worker(QObject):
    done = Signal(int, object)
    failed = Signal(int, object, str)

    @Slot(int, object)
    def execute(self, job: int, action: Callable[[], Any]) -> None:
        try:
            result = action()
        except Exception as exc:  # routed to the UI thread: messages or crash report
            self.failed.emit(job, exc, traceback.format_exc())
        else:
            self.done.emit(job, result)


class OperationRunner(QObject):
    """Runs callables on the database worker; callbacks run on the UI thread."""

    _submit = Signal(int, object)
    busy_changed = Signal(bool)
    # What a long job has got to (a fetch: "12 dari 40 surel"), told from the worker.
    reported = Signal(str)

    def __init__(self, parent: QWidget | None, on_error: Callable[[BaseException, str], object]) -> None:
        super().__init__(parent)
        self.dialog_parent = parent
        self._on_error = on_error
        self._thread = QThread(self)
        self._thread.setObjectName("dumas-database-worker")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.execute, Qt.ConnectionType.QueuedConnection)
        self._worker.done.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._worker.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self._thread.start()
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable[[Any], object] | None, Callable[[DumasError], None] | None]] = {}
        self._labels: dict[int, str] = {}
        self._settled: dict[int, Callable[[], None]] = {}
        self._progress: QProgressDialog | None = None
        self._closed = False
        self.reported.connect(self._show_report, Qt.ConnectionType.QueuedConnection)

    def run(
        self,
        action: Callable[[], Any],
        on_done: Callable[[Any], object] | None = None,
        *,
        label: str = "",
        on_message: Callable[[DumasError], None] | None = None,
        settled: Callable[[], None] | None = None,
        quiet: bool = False,
    ) -> int:
        """`settled` is told first however the job ended (done, a message, a bug), so a
        form waiting for it can take input again. A `quiet` job (one the program starts by
        itself, as the periodic fetch) shows no progress dialog; the status bar says busy."""
        if self._closed:  # a late timer after the window closed: its data file is gone
            return -1
        job = next(self._ids)
        self._callbacks[job] = (on_done, on_message)
        if settled is not None:
            self._settled[job] = settled
        self._labels[job] = label or tr("Memproses…")
        if not quiet:
            QTimer.singleShot(PROGRESS_DELAY_MS, lambda: self._show_progress(job))
        self.busy_changed.emit(True)
        self._submit.emit(job, action)
        return job

    def report(self, text: str) -> None:
        """Called on the worker by a long job: shown in its progress dialog."""
        self.reported.emit(text)

    @Slot(str)
    def _show_report(self, text: str) -> None:
        if self._progress is not None:
            self._progress.setLabelText(text)

    def call(self, action: Callable[[], T], *, label: str = "") -> T:
        """`action`'s result, or its exception raised here, after it ran on the worker behind
        whatever was queued before it; the UI thread keeps painting and answering meanwhile."""
        if self._closed:
            raise RuntimeError("the operation runner has shut down")
        return self._wait(action, label)

    def _wait(self, action: Callable[[], T], label: str) -> T:
        outcome: dict[str, Any] = {}

        def work() -> None:
            try:
                outcome["value"] = action()
            except BaseException as exc:  # raised again on the UI thread, in the caller
                outcome["error"] = exc

        loop = QEventLoop()
        job = next(self._ids)
        self._callbacks[job] = (lambda _: loop.quit(), None)
        self._labels[job] = label or tr("Memproses…")
        QTimer.singleShot(PROGRESS_DELAY_MS, lambda: self._show_progress(job))
        self.busy_changed.emit(True)
        self._submit.emit(job, work)
        loop.exec()
        if not outcome:
            # The application quit under the local loop (its last window closed): the work
            # still ends, on the worker, before the caller goes on.
            self._closed = True
            self._thread.quit()
            self._thread.wait()
        if "error" in outcome:
            raise outcome["error"]
        value: T = outcome["value"]
        return value

    @property
    def pending(self) -> int:
        return len(self._callbacks)

    def _show_progress(self, job: int) -> None:
        if job not in self._callbacks or self._progress is not None:
            return  # done already, or its window has closed (shutting down forgets the callbacks)
        dialog = QProgressDialog(self._labels[job], "", 0, 0, self.dialog_parent)
        dialog.setWindowTitle(tr("Mohon tunggu"))
        dialog.setCancelButton(None)
        dialog.setMinimumDuration(0)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        self._progress = dialog

    def _settle(self, job: int) -> tuple[Callable[[Any], object] | None, Callable[[DumasError], None] | None]:
        callbacks = self._callbacks.pop(job, (None, None))
        self._labels.pop(job, None)
        settled = self._settled.pop(job, None)
        if not self._callbacks:
            if self._progress is not None:
                self._progress.close()
                self._progress.deleteLater()
                self._progress = None
            self.busy_changed.emit(False)
        if settled is not None:
            settled()
        return callbacks

    @Slot(int, object)
    def _finished(self, job: int, result: object) -> None:
        on_done, _ = self._settle(job)
        if on_done is not None:
            on_done(result)

    @Slot(int, object, str)
    def _failed(self, job: int, exc: BaseException, details: str) -> None:
        _, on_message = self._settle(job)
        if isinstance(exc, DumasError) and on_message is not None:
            on_message(exc)
        elif isinstance(exc, DumasError):  # what a person can fix (a read-only file, a full disk) is no bug
            from . import dialogs

            dialogs.warn(self.dialog_parent, tr("Tidak dapat dilanjutkan"), exc.message)
        else:
            self._on_error(exc, details)

    def shutdown(self, last: Callable[[], Any] | None = None, *, label: str = "") -> BaseException | None:
        """Stop the worker. `last` (the backup as the window closes) runs on it first, after
        what is queued, while the UI thread keeps painting; its exception is returned."""
        self._closed = True  # a late timer starts nothing more
        self._callbacks.clear()  # what is queued still runs, but calls back into no closed window
        self._settled.clear()
        error: BaseException | None = None
        if last is not None and self._thread.isRunning():
            try:
                self._wait(last, label)
            except Exception as exc:
                error = exc
        self._thread.quit()
        self._thread.wait()
        self._callbacks.clear()  # what never finished will not call back into a closed window
        self._settled.clear()
        if self._progress is not None:
            self._progress.close()
            self._progress = None
        return error
