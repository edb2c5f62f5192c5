"""The step wizard: one SOP step of one case, with a live checklist.

The page is built from the case's SOP profile: the step's own fields (by its form),
the branch to take where the step has branches, the officer's confirmations, and the
checklist of every requirement, met or missing. "Selesaikan langkah" stays disabled,
with the reason in sight, until everything holds. Finishing runs as one transaction.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..domain.checks import requirement_applies, step_checklist
from ..domain.errors import DumasError
from ..domain.texts import date_time
from ..reports.model import MONTHS, Period
from ..services import case_file, documents, minutes, office, workflow
from ..services.case_file import CaseDetail
from ..services.context import Workspace
from ..services.workflow import StepContext, StepOutcome
from . import dialogs
from .context import AppContext
from .documents_panel import show_paper
from .drafts import DraftKeeper, DraftNotice, DraftStore, closing_keeps
from .queue_tab import checklist_html
from .recap_dialog import RECAP, REPORT, RecapDialog
from .step_editors import Extras, PlenaryEditor, StepEditor, editor_for
from .texts import tr


def load_step(ws: Workspace, case_id: int) -> tuple[StepContext, CaseDetail, Extras]:
    """On the worker: the step, the case file and what the page prefills from outside the case."""
    context = workflow.step_context(ws, case_id)
    detail = case_file.case_detail(ws, case_id)
    officials = tuple(
        (name, position, actor) for _id, name, position, _nip, actor in office.office_settings(ws).officials
    )
    current = minutes.current_minutes(ws, case_id) if context.step.form == "plenary" else None
    return context, detail, Extras(officials, ws.access.name, current)


def draft_name(context: StepContext) -> str:
    return f"langkah-{context.case_id}-{context.step.key}"


def clear(layout: QLayout) -> None:
    """Empty a layout, its nested layouts (the button row) included."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        if (widget := item.widget()) is not None:
            widget.hide()
            widget.deleteLater()
        elif (inner := item.layout()) is not None:
            clear(inner)
            inner.deleteLater()


def workbook_outputs(outputs: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
    """The period papers a step names as its outputs, with the button that makes them."""
    offered = {
        "rekapitulasi_pengaduan": (RECAP, tr("Buat &rekapitulasi…")),
        "laporan_pengaduan": (REPORT, tr("Buat &laporan pengaduan…")),
    }
    return [offered[key] for key in outputs if key in offered]


class StepWizard(QDialog):
    """Opened for a case; loads its step, then shows the page."""

    finished_step = Signal(object)  # StepOutcome

    def __init__(self, app: AppContext, drafts: DraftStore, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.drafts = drafts
        self.case_id = case_id
        self.context: StepContext | None = None
        self.editor: StepEditor | None = None
        self.keeper: DraftKeeper | None = None
        self.submitted = False
        self.papers: list[QDialog] = []  # previews opened from the page, kept alive while shown
        self.setWindowTitle(tr("Langkah SOP"))
        self.resize(1100, 720)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(QLabel(tr("Memuat…")))
        app.runner.run(
            lambda: load_step(app.ws, case_id),
            lambda loaded: self.build(*loaded),
            on_message=self._cannot_open,
        )

    def _cannot_open(self, error: DumasError) -> None:
        dialogs.warn(self, tr("Langkah tidak dapat dikerjakan"), error.message)
        self.reject()

    # --- building the page -------------------------------------------------------------------
    def build(self, context: StepContext, detail: CaseDetail, extras: Extras) -> None:
        clear(self.layout_)  # a rebuild (after the hearing's plan is saved) replaces the whole page
        if self.keeper is not None:
            self.keeper.stop()
            self.keeper.deleteLater()
        self.context = context
        step = context.step
        self.setWindowTitle(
            tr("Langkah {no}: {name} — {agenda}").format(no=step.no, name=step.name, agenda=context.agenda_number)
        )
        due = date_time(context.due_at) if context.due_at else tr("tanpa waktu baku")
        header = QLabel(
            f"<h3>{step.no}. {step.name}</h3><p>{step.description}</p>"
            + tr(
                "<b>Pengaduan:</b> {agenda} — {subject}<br><b>Pelaksana:</b> {actors} · <b>Waktu baku:</b> {time} · "
                "<b>Batas waktu:</b> {due}"
            ).format(
                agenda=context.agenda_number,
                subject=context.subject,
                actors=context.profile.actor_names(step.actors),
                time=step.time.describe() if step.time else "–",
                due=due,
            )
        )
        header.setWordWrap(True)
        self.layout_.addWidget(header)

        self.editor = editor_for(context, detail, extras)
        made_here = workbook_outputs(step.outputs)
        if made_here:
            month = f"{MONTHS[detail.received_at.month - 1]} {detail.received_at.year}"
            note = QLabel(
                tr(
                    "Keluaran langkah ini dibuat untuk satu periode, bukan per pengaduan. Tombol di bawah "
                    "membukanya untuk {month}, bulan pengaduan ini diterima; periode lain dapat dipilih di sana, "
                    "dan semuanya juga ada di menu Berkas → Rekapitulasi dan laporan."
                ).format(month=month)
            )
            note.setWordWrap(True)
            self.editor.form.addRow(note)
        self.editor.changed.connect(self.update_checklist)
        if isinstance(self.editor, PlenaryEditor):
            self.editor.preview_wanted.connect(self.show_draft_minutes)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)
        self.editor.settle_tab_order()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(scroll, 1)

        self.outcomes = QButtonGroup(self)
        if step.branches:
            box = QGroupBox(tr("Hasil langkah"))
            box_layout = QVBoxLayout(box)
            for index, branch in enumerate(step.branches):
                radio = QRadioButton(branch.label)
                radio.setProperty("outcome", branch.outcome)
                refusal = self.app.ws.access.step_refusal(context.profile, step, branch.outcome)
                if refusal:  # this outcome is another role's decision (Sanggau: "incomplete")
                    radio.setEnabled(False)
                    radio.setToolTip(refusal)
                    radio.setText(f"{branch.label} — {tr('diputuskan peran lain')}")
                self.outcomes.addButton(radio, index)
                box_layout.addWidget(radio)
            self.outcomes.buttonToggled.connect(lambda *_: self.update_checklist())
            left_layout.addWidget(box)

        self.confirmations: dict[str, QCheckBox] = {}
        confirms = [r for r in step.requirements if r.kind == "confirm"]
        confirms += [r for b in step.branches for r in b.requirements if r.kind == "confirm"]
        # Only what applies to this case (no "e-mail printed" for an in-person complaint),
        # and what the case already recorded (at intake) stands ticked, never asked again.
        confirms = [r for r in confirms if requirement_applies(r, context.snapshot)]
        if confirms:
            box = QGroupBox(tr("Konfirmasi petugas"))
            box_layout = QVBoxLayout(box)
            for requirement in confirms:
                check = QCheckBox(requirement.label)
                check.setChecked(requirement.key in context.snapshot.confirmations)
                check.toggled.connect(lambda _: self.update_checklist())
                box_layout.addWidget(check)
                self.confirmations[requirement.key] = check
            left_layout.addWidget(box)

        self.checklist = QLabel()
        self.checklist.setTextFormat(Qt.TextFormat.RichText)
        self.checklist.setWordWrap(True)
        self.checklist.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: #b02a37;")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.checklist)
        right_layout.addWidget(self.reason)
        right_layout.addStretch(1)
        right.setMinimumWidth(300)  # the requirements stay readable beside a wide form

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.layout_.addWidget(split, 1)

        self.draft_notice = DraftNotice()
        self.layout_.addWidget(self.draft_notice)

        buttons = QHBoxLayout()
        partial = self.editor.partial()
        if partial is not None:
            save_part = QPushButton(partial[0])
            save_part.clicked.connect(self._save_part)
            buttons.addWidget(save_part)
        for which, label in made_here:
            # Sumatera Barat's steps 7 and 8 produce the recap and the report: offered here, for
            # the month in which this complaint was received.
            made = QPushButton(label)
            period = Period(detail.received_at.year, month=detail.received_at.month)
            made.clicked.connect(lambda _=False, w=which, p=period: self._open_recap(w, p))
            buttons.addWidget(made)
        buttons.addStretch(1)
        later = QPushButton(tr("Simpan draf dan &tutup"))
        later.clicked.connect(self.close)
        self.finish = QPushButton(tr("&Selesaikan langkah"))
        self.finish.setDefault(True)
        self.finish.clicked.connect(self.submit)
        buttons.addWidget(later)
        buttons.addWidget(self.finish)
        self.layout_.addLayout(buttons)
        self.update_checklist()  # Finish held back and the checklist shown while the draft is asked about
        self.keeper = DraftKeeper(self, self.drafts, draft_name(context), self.draft_state)
        self.keeper.begin()
        self._offer_draft(context)
        self.update_checklist()
        self.keeper.watch(self)  # the editor's fields, the outcome and the confirmations
        self.editor.changed.connect(self.keeper.touch)
        self.keeper.trouble.connect(self.draft_notice.say)

    def _offer_draft(self, context: StepContext) -> None:
        saved = self.drafts.load(draft_name(context))
        if not saved or self.editor is None:
            return
        if dialogs.ask(
            self, tr("Draf tersimpan"), tr("Ada isian yang belum selesai untuk langkah ini. Lanjutkan dari draf itu?")
        ):
            self.editor.restore(saved.get("fields", {}))
            for key, checked in saved.get("confirmations", {}).items():
                if key in self.confirmations:
                    self.confirmations[key].setChecked(bool(checked))
            for button in self.outcomes.buttons():
                button.setChecked(button.property("outcome") == saved.get("outcome"))
        else:
            self.drafts.discard(draft_name(context))

    def _open_recap(self, which: str, period: Period) -> None:
        dialog = RecapDialog(self.app, self, which=which, period=period)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def show_draft_minutes(self) -> None:
        """The draft minutes being adopted, as the documents panel shows a paper."""
        case_id = self.case_id
        self.app.runner.run(
            lambda: documents.issue(self.app.ws, case_id, "draf_berita_acara"),
            lambda paper: self.papers.append(show_paper(self, paper, paper.note)),
            label=tr("Menyiapkan rancangan berita acara…"),
            on_message=lambda error: dialogs.warn(self, tr("Rancangan belum dapat ditampilkan"), error.message),
        )

    # --- live checklist ----------------------------------------------------------------------
    def outcome(self) -> str | None:
        button = self.outcomes.checkedButton()
        return button.property("outcome") if button else None

    def confirmed(self) -> frozenset[str]:
        return frozenset(key for key, box in self.confirmations.items() if box.isChecked())

    def update_checklist(self) -> None:
        if self.context is None or self.editor is None:
            return
        step = self.context.step
        snapshot = dataclasses.replace(self.editor.apply_to(self.context.snapshot), confirmations=self.confirmed())
        statuses = step_checklist(step, self.outcome(), snapshot)
        reasons = [s.requirement.label for s in statuses if s.blocking]
        if step.branches and self.outcome() is None:
            reasons.insert(0, tr("pilih hasil langkah"))
        reasons += self.editor.problems()
        self.checklist.setText(checklist_html(statuses))
        self.reason.setText(tr("Belum dapat diselesaikan: {why}.").format(why="; ".join(reasons)) if reasons else "")
        self.finish.setEnabled(not reasons)
        self.finish.setToolTip(self.reason.text())

    # --- saving --------------------------------------------------------------------------------
    def _save_part(self) -> None:
        """The record is read from the form as it is when the button is pressed, never as
        it was when the page was built."""
        partial = self.editor.partial() if self.editor is not None else None
        if partial is not None:
            self._run_partial(partial[1])

    def _run_partial(self, action: Callable[[Workspace, int], object]) -> None:
        case_id = self.case_id
        self.app.runner.run(
            lambda: action(self.app.ws, case_id),
            lambda _: self._reload_after_partial(),
            on_message=lambda error: dialogs.warn(self, tr("Belum tersimpan"), error.message),
        )

    def _reload_after_partial(self) -> None:
        self.app.events.tell(None, self.case_id)
        if self.keeper is not None:
            self.keeper.finish()  # the record is saved; the page is built again from it
        case_id = self.case_id
        self.app.runner.run(
            lambda: load_step(self.app.ws, case_id),
            lambda loaded: self.build(*loaded),
        )

    def submit(self) -> None:
        if self.context is None or self.editor is None or not self.finish.isEnabled():
            return
        action = self.editor.collect()
        outcome, confirmations, case_id = self.outcome(), self.confirmed(), self.case_id
        self.finish.setEnabled(False)
        self.app.runner.run(
            lambda: action(self.app.ws, case_id, outcome, confirmations),
            self._done,
            label=tr("Menyimpan langkah…"),
            on_message=self._refused,
        )

    def _refused(self, error: DumasError) -> None:
        dialogs.warn(self, tr("Langkah belum tersimpan"), error.message)
        self.update_checklist()

    def _done(self, result: StepOutcome | None) -> None:
        self.submitted = True
        if self.keeper is not None:
            self.keeper.finish()
        self.app.events.tell(result, self.case_id)
        self.finished_step.emit(result)
        self.accept()

    def closeEvent(self, event: QCloseEvent) -> None:
        if closing_keeps(self, self.keep_draft):
            super().closeEvent(event)
        else:
            event.ignore()

    def reject(self) -> None:
        if closing_keeps(self, self.keep_draft):
            super().reject()

    def keep_draft(self) -> None:
        if self.submitted or self.keeper is None:
            return
        self.keeper.keep()

    def draft_state(self) -> dict[str, object]:
        if self.editor is None:
            return {}
        return {
            "fields": self.editor.state(),
            "confirmations": {k: b.isChecked() for k, b in self.confirmations.items()},
            "outcome": self.outcome(),
        }
