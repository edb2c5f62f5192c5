"""Small dialogs for what happens outside a step's own page: the reporter's completion,
rejection after the window lapsed, and closing a case early."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QMainWindow, QWidget

from ..domain import catalog
from ..domain.errors import DumasError
from ..services import closure, screening
from ..services.intake import evidence_from_files
from . import dialogs
from .context import AppContext
from .drafts import DraftKeeper, DraftNotice, DraftStore, closing_keeps, field_value, restore_field
from .forms.ui_close_dialog import Ui_CloseDialog
from .forms.ui_completion_dialog import Ui_CompletionDialog
from .forms.ui_reject_dialog import Ui_RejectDialog
from .texts import tr


class ActionDialog(QDialog):
    """A dialog laid out in Qt Designer (forms/*.ui) that runs one service call. What is
    typed in it is kept as a draft while typing, as in the wizards (given a draft store)."""

    draft_kind = ""  # names the case's draft of this dialog
    done_message = ""  # said in the main window's status bar once the action is saved

    def __init__(self, app: AppContext, case_id: int, parent: QWidget | None, drafts: DraftStore | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.case_id = case_id
        self.drafts = drafts
        self.keeper: DraftKeeper | None = None

    def fields(self) -> dict[str, QWidget]:
        """The fields a draft keeps, by a name that stays the same between versions."""
        return {}

    def draft_state(self) -> dict[str, object]:
        return {name: field_value(widget) for name, widget in self.fields().items()}

    def keep_drafts(self) -> None:
        """Called once the fields are built: offers a kept draft, then keeps one while typing."""
        if self.drafts is None or not self.draft_kind:
            return
        name = f"{self.draft_kind}-{self.case_id}"
        self.keeper = DraftKeeper(self, self.drafts, name, self.draft_state)
        self.keeper.begin()
        saved = self.drafts.load(name)
        if saved and dialogs.ask(
            self,
            tr("Draf tersimpan"),
            tr("Ada isian yang belum selesai untuk {what}. Lanjutkan dari draf itu?").format(what=self.windowTitle()),
        ):
            for key, widget in self.fields().items():
                if key in saved:
                    restore_field(widget, saved[key])
        elif saved:
            self.drafts.discard(name)
        self.keeper.watch(self)
        notice = DraftNotice()
        form = self.layout()
        if isinstance(form, QFormLayout):  # every such dialog is one form, its buttons last
            row, _ = cast(tuple[int, object], form.getWidgetPosition(self.buttons))  # the stubs say object
            form.insertRow(row if row >= 0 else form.rowCount(), notice)
        self.keeper.trouble.connect(notice.say)

    def reject(self) -> None:
        if self.keeper is None or closing_keeps(self, self.keeper.keep):
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.keeper is None or closing_keeps(self, self.keeper.keep):
            super().closeEvent(event)
        else:
            event.ignore()

    def connect_buttons(self, buttons: QDialogButtonBox) -> None:
        self.buttons = buttons
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)

    def run(self, action: Callable[[], object]) -> None:
        self.buttons.setEnabled(False)
        self.app.runner.run(action, self._done, on_message=self._refused)

    def _done(self, result: object) -> None:
        if self.keeper is not None:
            self.keeper.finish()
        self.app.events.tell(result, self.case_id)
        if self.done_message:
            widget = self.parentWidget()
            while widget is not None and not isinstance(widget, QMainWindow):
                widget = widget.parentWidget()
            if isinstance(widget, QMainWindow):
                widget.statusBar().showMessage(self.done_message, 10_000)
        self.accept()

    def _refused(self, error: DumasError) -> None:
        self.buttons.setEnabled(True)
        dialogs.warn(self, self.windowTitle(), error.message)

    def submit(self) -> None:
        raise NotImplementedError


class CompletionDialog(ActionDialog):
    """The reporter brought what was missing: a note, and the new files."""

    draft_kind = "kelengkapan"

    def __init__(
        self, app: AppContext, case_id: int, parent: QWidget | None = None, drafts: DraftStore | None = None
    ) -> None:
        super().__init__(app, case_id, parent, drafts)
        self.ui = Ui_CompletionDialog()
        self.ui.setupUi(self)
        self.note = self.ui.note
        self.paths: list[Path] = []
        self.ui.add_files.clicked.connect(self.add_files)
        self.connect_buttons(self.ui.buttons)
        self.keep_drafts()

    def fields(self) -> dict[str, QWidget]:
        return {"note": self.note}  # the files are chosen again: a draft keeps no copies of them

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
    draft_kind = "penolakan"

    def __init__(
        self, app: AppContext, case_id: int, parent: QWidget | None = None, drafts: DraftStore | None = None
    ) -> None:
        super().__init__(app, case_id, parent, drafts)
        self.ui = Ui_RejectDialog()
        self.ui.setupUi(self)
        self.reason = self.ui.reason
        self.connect_buttons(self.ui.buttons)
        self.keep_drafts()

    def fields(self) -> dict[str, QWidget]:
        return {"reason": self.reason}

    def submit(self) -> None:
        reason, case_id = self.reason.toPlainText(), self.case_id
        self.run(lambda: screening.reject(self.app.ws, case_id, reason))


class CloseDialog(ActionDialog):
    """Outside KPU's authority (referred), a duplicate, or withdrawn by the reporter."""

    draft_kind = "penutupan"

    def __init__(
        self,
        app: AppContext,
        case_id: int,
        parent: QWidget | None = None,
        drafts: DraftStore | None = None,
        *,
        duplicate_of: str = "",
    ) -> None:
        super().__init__(app, case_id, parent, drafts)
        self.ui = Ui_CloseDialog()
        self.ui.setupUi(self)
        for key in closure.EARLY_CLOSURES:
            self.ui.kind.addItem(tr(catalog.CLOSURE_KINDS[key]), key)
        for key, label in catalog.REFERRAL_TARGETS.items():
            self.ui.referred.addItem(tr(label), key)
        self.ui.kind.currentIndexChanged.connect(lambda _: self._show_fields())
        if duplicate_of:  # from a case recorded "duplikat dari": the closure it leads to
            self.ui.kind.setCurrentIndex(self.ui.kind.findData("duplikat"))
            self.ui.duplicate_of.setText(duplicate_of)
        self._show_fields()
        self.connect_buttons(self.ui.buttons)
        self.keep_drafts()

    def fields(self) -> dict[str, QWidget]:
        ui = self.ui
        return {"kind": ui.kind, "referred": ui.referred, "duplicate_of": ui.duplicate_of, "note": ui.note}

    def _show_fields(self) -> None:
        kind = self.ui.kind.currentData()
        self.ui.referred.setEnabled(kind == "bukan_kewenangan")
        self.ui.duplicate_of.setEnabled(kind == "duplikat")

    def submit(self) -> None:
        kind, note, case_id = self.ui.kind.currentData(), self.ui.note.toPlainText(), self.case_id
        referred = self.ui.referred.currentData() if kind == "bukan_kewenangan" else ""
        duplicate = self.ui.duplicate_of.text() if kind == "duplikat" else ""
        self.run(lambda: closure.close(self.app.ws, case_id, kind, note, referred_to=referred, duplicate_of=duplicate))
