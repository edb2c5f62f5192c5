"""Small dialogs for what happens outside a step's own page: the reporter's completion,
rejection after the window lapsed, and closing a case early."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ..domain import catalog
from ..domain.errors import DumasError
from ..services import closure, screening
from ..services.intake import EvidenceInput
from . import dialogs
from .context import AppContext
from .texts import tr


class _ActionDialog(QDialog):
    def __init__(self, app: AppContext, case_id: int, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.app = app
        self.case_id = case_id
        self.setWindowTitle(title)
        self.resize(560, 360)
        self.form = QFormLayout(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.form.addRow(self.buttons)

    def run(self, action: Callable[[], object]) -> None:
        self.buttons.setEnabled(False)
        self.app.runner.run(action, self._done, on_message=self._refused)

    def _done(self, _result: object) -> None:
        self.app.events.cases_changed.emit()
        self.accept()

    def _refused(self, error: DumasError) -> None:
        self.buttons.setEnabled(True)
        dialogs.warn(self, self.windowTitle(), error.message)

    def submit(self) -> None:
        raise NotImplementedError


class CompletionDialog(_ActionDialog):
    """The reporter brought what was missing: a note, and the new files."""

    def __init__(self, app: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(app, case_id, tr("Catat kelengkapan dari pelapor"), parent)
        self.note = QPlainTextEdit()
        self.files = QListWidget()
        self.paths: list[Path] = []
        add = QPushButton(tr("Tambah berkas…"))
        add.clicked.connect(self.add_files)
        self.form.addRow(tr("Yang diterima dari pelapor"), self.note)
        self.form.addRow(tr("Berkas bukti baru"), self.files)
        self.form.addRow("", add)
        self.finish_layout()

    def add_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, tr("Pilih berkas bukti"))
        for name in names:
            self.paths.append(Path(name))
            self.files.addItem(Path(name).name)

    def submit(self) -> None:
        try:
            evidence = [
                EvidenceInput(p.name, p.read_bytes(), mimetypes.guess_type(p.name)[0] or "") for p in self.paths
            ]
        except OSError as exc:
            dialogs.warn(self, self.windowTitle(), tr("Berkas tidak dapat dibaca: {e}").format(e=exc.strerror))
            return
        note, case_id = self.note.toPlainText(), self.case_id
        self.run(lambda: screening.record_completion(self.app.ws, case_id, note, evidence))


class RejectDialog(_ActionDialog):
    def __init__(self, app: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(app, case_id, tr("Tolak pengaduan"), parent)
        self.reason = QPlainTextEdit(tr("Pelapor tidak melengkapi pengaduan dalam batas waktu 3 hari kerja."))
        self.form.addRow(QLabel(tr("Pengaduan ditolak karena tidak dilengkapi dalam batas waktu.")))
        self.form.addRow(tr("Alasan"), self.reason)
        self.finish_layout()

    def submit(self) -> None:
        reason, case_id = self.reason.toPlainText(), self.case_id
        self.run(lambda: screening.reject(self.app.ws, case_id, reason))


class CloseDialog(_ActionDialog):
    """Outside KPU's authority (referred), a duplicate, or withdrawn by the reporter."""

    def __init__(self, app: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(app, case_id, tr("Tutup pengaduan lebih awal"), parent)
        self.kind = QComboBox()
        for key in closure.EARLY_CLOSURES:
            self.kind.addItem(tr(catalog.CLOSURE_KINDS[key]), key)
        self.referred = QComboBox()
        for key, label in catalog.REFERRAL_TARGETS.items():
            self.referred.addItem(tr(label), key)
        self.duplicate_of = QLineEdit()
        self.duplicate_of.setPlaceholderText(tr("nomor agenda pengaduan asal"))
        self.note = QPlainTextEdit()
        self.form.addRow(tr("Alasan penutupan"), self.kind)
        self.form.addRow(tr("Dilimpahkan kepada"), self.referred)
        self.form.addRow(tr("Duplikat dari"), self.duplicate_of)
        self.form.addRow(tr("Keterangan"), self.note)
        self.kind.currentIndexChanged.connect(lambda _: self._show_fields())
        self._show_fields()
        self.finish_layout()

    def _show_fields(self) -> None:
        kind = self.kind.currentData()
        self.referred.setEnabled(kind == "bukan_kewenangan")
        self.duplicate_of.setEnabled(kind == "duplikat")

    def submit(self) -> None:
        kind, note, case_id = self.kind.currentData(), self.note.toPlainText(), self.case_id
        referred = self.referred.currentData() if kind == "bukan_kewenangan" else ""
        duplicate = self.duplicate_of.text() if kind == "duplikat" else ""
        self.run(lambda: closure.close(self.app.ws, case_id, kind, note, referred_to=referred, duplicate_of=duplicate))
