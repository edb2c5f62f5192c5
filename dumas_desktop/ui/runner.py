"""Every user action that touches the data file runs here, off the UI thread, on one
database worker; a progress dialog appears only when it takes more than half a second.

Modelled on Anki's CollectionOp and TaskManager: one worker thread keeps the writes in
order, results and errors come back to the UI thread through queued signals. Steps the
program must wait for (opening the file, an unattended sign-in, the backup as the window
closes) use `call`, which waits in a local event loop, so the screen still paints and
answers meanwhile.

A long job may be stopped by the person: it is given a CancelToken (services/cancelling.py,
no Qt), checks it between its units of work, and ends there keeping what it finished; its
progress dialog then has a Batal button that sets the token.
"""

from __future__ import annotations

import itertools
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from ..domain.errors import DumasError
from ..services.cancelling import CancelToken
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
        self._tokens: dict[int, CancelToken] = {}
        self._cancel_button: QPushButton | None = None
        self._cancelling = False  # asked: the dialog says so until the job has stopped
        self._last_report = ""
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
        cancel: CancelToken | None = None,
    ) -> int:
        """`settled` is told first however the job ended (done, a message, a bug), so a
        form waiting for it can take input again. A `quiet` job (one the program starts by
        itself, as the periodic fetch) shows no progress dialog; the status bar says busy.
        With `cancel` (the token `action` checks), the progress dialog offers Batal."""
        if self._closed:  # a late timer after the window closed: its data file is gone
            return -1
        job = next(self._ids)
        self._callbacks[job] = (on_done, on_message)
        if settled is not None:
            self._settled[job] = settled
        if cancel is not None:
            self._tokens[job] = cancel
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
        self._last_report = text  # the dialog may not be up yet (it waits half a second)
        if self._progress is not None and not self._cancelling:
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
        if job not in self._callbacks:
            return  # done already, or its window has closed (shutting down forgets the callbacks)
        if self._progress is None:
            dialog = QProgressDialog(self._last_report or self._labels[job], "", 0, 0, self.dialog_parent)
            dialog.setWindowTitle(tr("Mohon tunggu"))
            dialog.setCancelButton(None)
            dialog.setMinimumDuration(0)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.show()
            self._progress = dialog
        if job in self._tokens and self._cancel_button is None:
            self._offer_cancel(self._progress)

    def _offer_cancel(self, dialog: QProgressDialog) -> None:
        button = QPushButton(tr("Batal"))
        button.setToolTip(
            tr("Berhenti setelah bagian yang sedang dikerjakan selesai; yang sudah selesai tetap tersimpan.")
        )
        dialog.setCancelButton(button)  # the dialog owns it from here
        self._cancel_button = button
        dialog.canceled.connect(self._cancel)

    def _cancel(self) -> None:
        """Batal: every cancellable job waiting or under way stops at its next sound point."""
        if self._progress is None or not self._tokens:
            return
        for token in self._tokens.values():
            token.cancel()
        self._cancelling = True
        if self._cancel_button is not None:
            self._cancel_button.setEnabled(False)
        # QProgressDialog hides itself on cancel; the job has not stopped yet, so it stays up.
        self._progress.setLabelText(tr("Membatalkan… bagian yang sedang dikerjakan diselesaikan dulu."))
        self._progress.show()

    def _settle(self, job: int) -> tuple[Callable[[Any], object] | None, Callable[[DumasError], None] | None]:
        callbacks = self._callbacks.pop(job, (None, None))
        self._labels.pop(job, None)
        settled = self._settled.pop(job, None)
        self._tokens.pop(job, None)
        if not self._callbacks:
            self._close_progress()
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
        for token in self._tokens.values():  # a long job still running stops at its next sound point
            token.cancel()
        self._tokens.clear()
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
        self._close_progress()
        return error

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
        self._cancel_button = None
        self._cancelling = False
        self._last_report = ""
