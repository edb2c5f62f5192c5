"""Small dialogs for what happens outside a step's own page: the reporter's completion,
rejection after the window lapsed, and closing a case early."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ..domain import catalog
from ..domain.errors import DumasError
from ..services import closure, screening
from ..services.intake import evidence_from_files
from . import dialogs
from .context import AppContext
from .forms.ui_close_dialog import Ui_CloseDialog
from .forms.ui_completion_dialog import Ui_CompletionDialog
from .forms.ui_reject_dialog import Ui_RejectDialog
from .texts import tr


class ActionDialog(QDialog):
    """A dialog laid out in Qt Designer (forms/*.ui) that runs one service call."""

    def __init__(self, app: AppContext, case_id: int, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.app = app
        self.case_id = case_id

    def connect_buttons(self, buttons: QDialogButtonBox) -> None:
        self.buttons = buttons
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)

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


class CompletionDialog(ActionDialog):
    """The reporter brought what was missing: a note, and the new files."""

    def __init__(self, app: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(app, case_id, parent)
        self.ui = Ui_CompletionDialog()
        self.ui.setupUi(self)
        self.note = self.ui.note
        self.paths: list[Path] = []
        self.ui.add_files.clicked.connect(self.add_files)
        self.connect_buttons(self.ui.buttons)

    def add_files(self) -> None:
        evidence = tr("Gambar dan dokumen (*.jpg *.jpeg *.png *.pdf);;Semua berkas (*)")
        for name in dialogs.open_file_names(self, tr("Pilih berkas bukti"), evidence, dialogs.EVIDENCE):
            self.paths.append(Path(name))
            self.ui.files.addItem(Path(name).name)

    def submit(self) -> None:
        note, case_id, paths = self.note.toPlainText(), self.case_id, tuple(self.paths)
        # The files are read (each refused above the limit by its size first) and hashed on the worker.
        self.run(lambda: screening.record_completion(self.app.ws, case_id, note, evidence_from_files(paths)))


class RejectDialog(ActionDialog):
    def __init__(self, app: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(app, case_id, parent)
        self.ui = Ui_RejectDialog()
        self.ui.setupUi(self)
        self.reason = self.ui.reason
        self.connect_buttons(self.ui.buttons)

    def submit(self) -> None:
        reason, case_id = self.reason.toPlainText(), self.case_id
        self.run(lambda: screening.reject(self.app.ws, case_id, reason))


class CloseDialog(ActionDialog):
    """Outside KPU's authority (referred), a duplicate, or withdrawn by the reporter."""

    def __init__(self, app: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(app, case_id, parent)
        self.ui = Ui_CloseDialog()
        self.ui.setupUi(self)
        for key in closure.EARLY_CLOSURES:
            self.ui.kind.addItem(tr(catalog.CLOSURE_KINDS[key]), key)
        for key, label in catalog.REFERRAL_TARGETS.items():
            self.ui.referred.addItem(tr(label), key)
        self.ui.kind.currentIndexChanged.connect(lambda _: self._show_fields())
        self._show_fields()
        self.connect_buttons(self.ui.buttons)

    def _show_fields(self) -> None:
        kind = self.ui.kind.currentData()
        self.ui.referred.setEnabled(kind == "bukan_kewenangan")
        self.ui.duplicate_of.setEnabled(kind == "duplikat")

    def submit(self) -> None:
        kind, note, case_id = self.ui.kind.currentData(), self.ui.note.toPlainText(), self.case_id
        referred = self.ui.referred.currentData() if kind == "bukan_kewenangan" else ""
        duplicate = self.ui.duplicate_of.text() if kind == "duplikat" else ""
        self.run(lambda: closure.close(self.app.ws, case_id, kind, note, referred_to=referred, duplicate_of=duplicate))
