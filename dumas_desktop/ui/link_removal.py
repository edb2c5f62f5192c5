"""Removing a link between two cases from the case view: the reason is asked for, the
removal confirmed, then done by services.links.unlink (which enforces who may)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QWidget

from ..domain.errors import DumasError
from ..services import links
from . import dialogs
from .context import AppContext
from .texts import tr


class UnlinkDialog(QDialog):
    def __init__(self, app: AppContext, case_id: int, view: links.LinkView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.case_id = case_id
        self.view = view
        self.setWindowTitle(tr("Hapus tautan"))
        form = QFormLayout(self)
        text = tr("Tautan \u201c{label} {number}\u201d dihapus dari kedua pengaduan; riwayat keduanya mencatatnya.")
        said = QLabel(text.format(label=tr(view.label), number=view.other_number))
        said.setWordWrap(True)
        form.addRow(said)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(tr("mis. salah tautan: pokok pengaduannya berbeda"))
        self.reason.setMaximumHeight(90)
        form.addRow(tr("Alasan"), self.reason)
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(tr("Hapus tautan"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def submit(self) -> None:
        reason = self.reason.toPlainText()
        if not reason.strip():
            dialogs.warn(self, self.windowTitle(), tr("Tuliskan alasan tautan ini dihapus."))
            return
        question = tr("Hapus tautan \u201c{label} {number}\u201d?").format(
            label=tr(self.view.label), number=self.view.other_number
        )
        if not dialogs.ask(self, self.windowTitle(), question):
            return
        self.buttons.setEnabled(False)
        case_id, other_id = self.case_id, self.view.other_id
        self.app.runner.run(
            lambda: links.unlink(self.app.ws, case_id, other_id, reason), self._done, on_message=self._refused
        )

    def _done(self, result: links.Linked) -> None:
        self.app.events.tell(result)
        self.accept()

    def _refused(self, error: DumasError) -> None:
        self.buttons.setEnabled(True)
        dialogs.warn(self, self.windowTitle(), error.message)
