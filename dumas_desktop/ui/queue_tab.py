"""The work tabs (Skrining, Kertas Kerja Telaah, Berita Acara Pleno): the cases whose
current step belongs to the tab, and for the one selected, its step, its deadline,
its checklist, and what can be done now."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..domain import deadlines
from ..domain.checks import RequirementStatus, step_checklist
from ..domain.sop import Profile
from ..domain.texts import date_time
from ..services import queries, workflow
from ..services.changes import Changes
from ..services.queries import Filters
from .agenda_model import AgendaModel
from .agenda_tab import CaseTable, classification_names, repaint_changed
from .context import AppContext
from .texts import tr

QUEUE_HIDDEN = (1, 2, 4, 6)
PANEL_WIDTH = 320  # the step, its deadline and its checklist stay readable beside the list


def checklist_html(statuses: list[RequirementStatus], with_title: bool = True) -> str:
    lines = []
    for status in statuses:
        requirement = status.requirement
        if status.met:
            mark = "<span style='color:#1e7e34'>✔</span>"
        elif requirement.required:
            mark = "<span style='color:#b02a37'>✘</span>"
        else:
            mark = "<span style='color:#8a6d00'>○</span>"
        optional = "" if requirement.required else tr(" (anjuran)")
        lines.append(f"{mark} {requirement.label}{optional}")
    title = f"<b>{tr('Persyaratan langkah')}</b><br>" if with_title else ""
    return title + "<br>".join(lines)


class QueueTab(QWidget):
    open_case = Signal(int)
    work_on_step = Signal(int)
    record_completion = Signal(int)
    reject_case = Signal(int)
    close_case = Signal(int)
    print_documents = Signal(int)

    def __init__(self, app: AppContext, forms: Iterable[str], explanation: str, include_waiting: bool = False) -> None:
        super().__init__()
        self.app = app
        self.forms = frozenset(forms)
        self.steps = self._steps_of(app.all_profiles())
        self.include_waiting = include_waiting
        # Each case's own SOP's names; `learn` extends this dict in place, which the model reads.
        self.classifications = classification_names(app.all_profiles(), app.profile)
        self.model = AgendaModel(
            lambda ids: queries.rows_by_id(app.ws, ids),
            self.classifications,
            lambda ids, deliver: app.runner.run(lambda: queries.rows_by_id(app.ws, ids), deliver),
        )
        self.table = CaseTable(self.model)
        # Received, channel, respondent and classification: the agenda book shows them. The
        # table keeps the number, reporter, subject, step, due and state beside the panel.
        for column in QUEUE_HIDDEN:
            self.table.hideColumn(column)
        self.table.open_case.connect(self.open_case.emit)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())

        self.intro = intro = QLabel(explanation)
        intro.setWordWrap(True)
        self.count = QLabel()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(intro, 1)
        top.addWidget(self.count)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)

        self.detail = QLabel(tr("Pilih pengaduan dari daftar."))
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.buttons: dict[str, QPushButton] = {}
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.detail, 1)
        for key, label, signal in (
            ("work", tr("Kerjakan langkah ini…"), self.work_on_step),
            ("complete", tr("Catat kelengkapan dari pelapor…"), self.record_completion),
            ("reject", tr("Tolak pengaduan…"), self.reject_case),
            ("close", tr("Tutup lebih awal…"), self.close_case),
            ("view", tr("Lihat berkas"), self.open_case),
            ("print", tr("Dokumen dan cetak… (Ctrl+P)"), self.print_documents),
        ):
            button = QPushButton(label)
            button.setEnabled(False)
            button.clicked.connect(self._emitter(signal))
            right_layout.addWidget(button)
            self.buttons[key] = button
        right.setMinimumWidth(PANEL_WIDTH)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setChildrenCollapsible(False)  # dragged narrow, the buttons would be cut off
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([3 * PANEL_WIDTH, PANEL_WIDTH])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        app.events.cases_changed.connect(self.apply_changes)

    def _steps_of(self, profiles: Iterable[Profile]) -> tuple[str, ...]:
        return tuple(sorted({step.key for profile in profiles for step in profile.steps if step.form in self.forms}))

    def learn(self, profiles: Iterable[Profile], explanation: str) -> None:
        """An import brought cases under another SOP: hold its steps of this kind too, and
        name its classifications, without the file being opened again."""
        profiles = tuple(profiles)
        self.intro.setText(explanation)
        names = classification_names(profiles, self.app.profile)
        steps = self._steps_of(profiles)
        if names.items() - self.classifications.items():
            self.classifications.update(names)
            self.model.forget_rows()
        if steps != self.steps:
            self.steps = steps
            self.reload(keep_place=True)

    def _emitter(self, signal: SignalInstance) -> Callable[[], None]:
        def emit() -> None:
            case_id = self.table.selected_case()
            if case_id is not None:
                signal.emit(case_id)

        return emit

    def reload(self, keep_place: bool = False) -> None:
        steps, waiting = self.steps, self.include_waiting

        def fetch() -> list[int]:
            ids = queries.agenda_ids(self.app.ws, Filters(steps=steps, status="proses")) if steps else []
            if waiting:
                ids = sorted(
                    set(ids) | set(queries.agenda_ids(self.app.ws, Filters(status="menunggu_pelapor"))), reverse=True
                )
            return ids

        self.app.runner.run(fetch, lambda ids: self._show(ids, keep_place))

    def apply_changes(self, changes: Changes) -> None:
        """After an operation: changed rows repaint, cases that left the queue leave it and
        new ones join, with the view kept where it was."""
        repaint_changed(self.app, self.model, changes)
        self.reload(keep_place=True)

    def _show(self, ids: list[int], keep_place: bool = False) -> None:
        selected = self.table.selected_case()
        position = self.table.currentIndex().row()
        if keep_place:
            with self.table.keeping_place():
                self.model.update_ids(ids)
        else:
            self.model.set_ids(ids)
        self.count.setText(tr("{n} pengaduan").format(n=len(ids)))
        if selected is not None and (row := self.model.row_of(selected)) is not None:
            if row != self.table.currentIndex().row():
                self.table.selectRow(row)
            else:
                self._show_selected()  # its step, or how its deadline stands by now, may have changed
        elif ids:
            # The case worked on has moved on: the one now in its place is next in line.
            self.table.selectRow(min(max(position, 0), len(ids) - 1) if keep_place else 0)
        else:
            self._show_selected()

    def _show_selected(self) -> None:
        case_id = self.table.selected_case()
        for button in self.buttons.values():
            button.setEnabled(False)
        if case_id is None:
            self.detail.setText(tr("Tidak ada pengaduan pada tahap ini."))
            return
        self.app.runner.run(
            lambda: workflow.step_context(self.app.ws, case_id),
            self._show_context,
            on_message=lambda error: self.detail.setText(error.message),
        )

    def _show_context(self, context: workflow.StepContext) -> None:
        if context.case_id != self.table.selected_case():
            return
        step = context.step
        now = self.app.ws.now()
        waiting = context.status == "menunggu_pelapor"
        lines = [
            f"<h3>{context.agenda_number}</h3>{context.subject}",
            f"<p><b>{tr('Langkah')} {step.no}. {step.name}</b><br>"
            + tr("Pelaksana: {actors}").format(actors=context.profile.actor_names(step.actors)),
        ]
        if waiting:
            due = context.completion_due_at
            lapsed = due is not None and now > due
            lines.append(
                "<p style='color:#1f4e8c'>"
                + tr("Menunggu kelengkapan dari pelapor sampai {due}.").format(due=date_time(due) if due else "–")
                + (
                    " <b style='color:#b02a37'>" + tr("Batas waktunya sudah lewat: pengaduan dapat ditolak.") + "</b>"
                    if lapsed
                    else ""
                )
                + "</p>"
            )
            self.buttons["complete"].setEnabled(True)
            self.buttons["reject"].setEnabled(lapsed)
        else:
            state = deadlines.state_of(now, context.due_at, None)
            due_text = date_time(context.due_at) if context.due_at else tr("tanpa waktu baku")
            lines.append(
                "<br>"
                + tr("Batas waktu: {due} ({state})").format(due=due_text, state=tr(deadlines.STATE_LABELS[state]))
                + "</p>"
            )
            lines.append(checklist_html(step_checklist(step, None, context.snapshot)))
            refusal = self.app.ws.access.step_refusal(context.profile, step)
            self.buttons["work"].setEnabled(not refusal)
            self.buttons["work"].setToolTip(refusal or "")
            if refusal:
                lines.append(f"<p style='color:#8a5a00'><i>{refusal}</i></p>")
        self.buttons["close"].setEnabled(True)
        self.buttons["view"].setEnabled(True)
        self.buttons["print"].setEnabled(True)
        self.detail.setText("".join(lines))
