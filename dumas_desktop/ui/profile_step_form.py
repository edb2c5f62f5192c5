"""The profile editor's form for one SOP step: its activity, actors, standard time,
requirements, outputs and branches. Every edit goes straight into the draft step and is
announced (`changed`), so the editor can have the loader check the whole draft at once;
the loader's message for a field of this step is shown beside that field."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain import catalog
from ..domain.sop import CLOSE_TARGET, COMPLETION_TARGET, UNITS
from ..domain.sop_draft import Draft, DraftBranch, DraftRequirement, DraftStep, DraftTime
from .texts import tr

_RANGE = re.compile(r"^\s*(\d{1,6})\s*(?:[-\u2013]\s*(\d{1,6}))?\s*$")
ERROR_STYLE = "color: #b00020"


def parse_time(text: str, unit: str) -> DraftTime | str | None:
    """A standard time as typed: "20", "5-7" (or "5–7"); empty for none. A string back is
    what is wrong with it (the loader cannot read what is not a number)."""
    if not text.strip():
        return None
    match = _RANGE.match(text)
    if match is None:
        return tr("tulis angka, misalnya 3, atau rentang seperti 5-7")
    low, high = int(match.group(1)), match.group(2)
    if high is None:
        return DraftTime(unit, low)
    return DraftTime(unit, int(high), low)


def time_text(time: DraftTime | None) -> str:
    if time is None:
        return ""
    return f"{time.minimum}-{time.value}" if time.minimum is not None else str(time.value)


def error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def target_choices(draft: Draft) -> list[tuple[str, str]]:
    """Where a step or branch may lead, as a person reads it."""
    choices = [(s.key, f"{i}. {s.name}") for i, s in enumerate(draft.steps, start=1)]
    choices.append((COMPLETION_TARGET, tr("Permintaan kelengkapan kepada pelapor")))
    choices.append((CLOSE_TARGET, tr("Selesai")))
    return choices


class StepForm(QWidget):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.draft: Draft | None = None
        self.step: DraftStep | None = None
        self._loading = False
        self.errors: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        top = QHBoxLayout()
        left, right = QFormLayout(), QFormLayout()
        self.key, self.name, self.note = QLineEdit(), QLineEdit(), QLineEdit()
        self.description = QPlainTextEdit()
        self.description.setFixedHeight(64)
        self.form = QComboBox()
        for key, label in catalog.FORMS.items():
            self.form.addItem(tr(label), key)
        self.time, self.unit = QLineEdit(), QComboBox()
        self.time.setPlaceholderText(tr("kosong: tanpa waktu baku; rentang: 5-7"))
        for key, label in UNITS.items():
            self.unit.addItem(tr(label), key)
        self.next = QComboBox()
        self._row(left, tr("Kunci langkah"), self.key, "key")
        self._row(left, tr("Nama kegiatan"), self.name, "name")
        self._row(left, tr("Uraian kegiatan"), self.description, "description")
        self._row(left, tr("Keterangan"), self.note, "note")
        self._row(right, tr("Formulir langkah"), self.form, "form")
        self._row(right, tr("Waktu baku"), self.time, "time")
        self._row(right, tr("Satuan waktu"), self.unit, "unit")
        self._row(right, tr("Langkah berikutnya"), self.next, "next")
        top.addLayout(left, 3)
        top.addLayout(right, 2)
        layout.addLayout(top)

        self.actors_box = QGroupBox(tr("Pelaksana langkah"))
        self.actors_grid = QGridLayout(self.actors_box)
        self.actor_boxes: dict[str, QCheckBox] = {}
        self.errors["actors"] = error_label()
        layout.addWidget(self.actors_box)
        layout.addWidget(self.errors["actors"])

        self.outputs_box = QGroupBox(tr("Output (dokumen)"))
        grid = QGridLayout(self.outputs_box)
        self.output_boxes: dict[str, QCheckBox] = {}
        for index, (kind, label) in enumerate(catalog.DOCUMENT_KINDS.items()):
            box = QCheckBox(tr(label))
            box.toggled.connect(lambda on, kind=kind: self._toggle(self._step().outputs, kind, on))
            self.output_boxes[kind] = box
            grid.addWidget(box, index // 3, index % 3)
        lists = QHBoxLayout()
        lists.addWidget(self._requirements_box(), 1)
        lists.addWidget(self._branches_box(), 1)
        layout.addLayout(lists)
        layout.addWidget(self.outputs_box)
        layout.addStretch(1)

        self.key.textEdited.connect(self._rename)
        self.name.textEdited.connect(lambda t: self._set("name", t))
        self.note.textEdited.connect(lambda t: self._set("note", t))
        self.description.textChanged.connect(lambda: self._set("description", self.description.toPlainText()))
        self.form.activated.connect(lambda _: self._set("form", self.form.currentData()))
        self.time.textEdited.connect(lambda _: self._time_changed())
        self.unit.activated.connect(lambda _: self._time_changed())
        self.next.activated.connect(lambda _: self._set("next", self.next.currentData()))

    # --- building --------------------------------------------------------------------------------
    def _row(self, form: QFormLayout, label: str, widget: QWidget, key: str) -> None:
        if isinstance(widget, QComboBox):  # long check names must not widen the form past the window
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            widget.setMinimumContentsLength(18)
        form.addRow(label, widget)
        self.errors[key] = error_label()
        form.addRow("", self.errors[key])

    def _requirements_box(self) -> QGroupBox:
        box = QGroupBox(tr("Kelengkapan/persyaratan"))
        column = QVBoxLayout(box)
        self.requirements = QListWidget()
        self.requirements.setFixedHeight(96)
        self.requirements.currentRowChanged.connect(lambda _: self._show_requirement())
        column.addWidget(self.requirements)
        row = QHBoxLayout()
        row.addWidget(self._button(tr("Tambah persyaratan"), self._add_requirement))
        row.addWidget(self._button(tr("Hapus persyaratan"), self._remove_requirement))
        column.addLayout(row)
        form = QFormLayout()
        self.req_kind = QComboBox()
        self.req_kind.addItem(tr("Diperiksa program"), "check")
        self.req_kind.addItem(tr("Dikonfirmasi petugas"), "confirm")
        self.req_check = QComboBox()
        for key, label in catalog.CHECK_LABELS.items():
            self.req_check.addItem(tr(label), key)
        self.req_confirm, self.req_label = QLineEdit(), QLineEdit()
        self.req_confirm.setPlaceholderText(tr("mis. buku_tamu"))
        self.req_required = QComboBox()
        self.req_required.addItem(tr("Wajib"), True)
        self.req_required.addItem(tr("Dianjurkan"), False)
        self.req_when = QComboBox()
        self.req_when.addItem(tr("(selalu)"), None)
        for key, label in catalog.CHECK_LABELS.items():
            self.req_when.addItem(tr(label), key)
        for label, widget, key in (
            (tr("Jenis persyaratan"), self.req_kind, "req.kind"),
            (tr("Pemeriksaan"), self.req_check, "req.check"),
            (tr("Kunci konfirmasi"), self.req_confirm, "req.key"),
            (tr("Bunyi persyaratan"), self.req_label, "req.label"),
            (tr("Sifat"), self.req_required, "req.required"),
            (tr("Berlaku bila"), self.req_when, "req.when"),
        ):
            self._row(form, label, widget, key)
        column.addLayout(form)
        self.req_kind.activated.connect(lambda _: self._requirement_changed())
        self.req_check.activated.connect(lambda _: self._requirement_changed())
        self.req_confirm.textEdited.connect(lambda _: self._requirement_changed())
        self.req_label.textEdited.connect(lambda _: self._requirement_changed())
        self.req_required.activated.connect(lambda _: self._requirement_changed())
        self.req_when.activated.connect(lambda _: self._requirement_changed())
        return box

    def _branches_box(self) -> QGroupBox:
        box = QGroupBox(tr("Cabang (hasil langkah)"))
        column = QVBoxLayout(box)
        self.branches = QListWidget()
        self.branches.setFixedHeight(96)
        self.branches.currentRowChanged.connect(lambda _: self._show_branch())
        column.addWidget(self.branches)
        row = QHBoxLayout()
        row.addWidget(self._button(tr("Tambah cabang"), self._add_branch))
        row.addWidget(self._button(tr("Hapus cabang"), self._remove_branch))
        column.addLayout(row)
        form = QFormLayout()
        self.branch_outcome, self.branch_label, self.branch_next = QLineEdit(), QLineEdit(), QComboBox()
        self.branch_outcome.setPlaceholderText(tr("mis. lengkap"))
        self._row(form, tr("Kunci hasil"), self.branch_outcome, "branch.outcome")
        self._row(form, tr("Bunyi cabang"), self.branch_label, "branch.label")
        self._row(form, tr("Cabang menuju"), self.branch_next, "branch.next")
        # A branch may be taken only when its checks hold (the review found the complaint
        # complete); the first is chosen here, any further ones are kept and named below it.
        self.branch_check = QComboBox()
        self.branch_check.addItem(tr("(tanpa syarat)"), None)
        for key, label in catalog.CHECK_LABELS.items():
            self.branch_check.addItem(tr(label), key)
        self._row(form, tr("Syarat cabang"), self.branch_check, "branch.requirements")
        self.branch_more = QLabel()
        self.branch_more.setWordWrap(True)
        form.addRow("", self.branch_more)
        column.addLayout(form)
        self.branch_check.activated.connect(lambda _: self._branch_check_changed())
        self.branch_outcome.textEdited.connect(lambda _: self._branch_changed())
        self.branch_label.textEdited.connect(lambda _: self._branch_changed())
        self.branch_next.activated.connect(lambda _: self._branch_changed())
        return box

    @staticmethod
    def _button(text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: slot())
        return button

    # --- showing ---------------------------------------------------------------------------------
    def _step(self) -> DraftStep:
        assert self.step is not None
        return self.step

    def show_step(self, draft: Draft, index: int) -> None:
        self._loading = True
        try:
            self.draft, self.step = draft, draft.steps[index]
            step = self.step
            self.key.setText(step.key)
            self.name.setText(step.name)
            self.description.setPlainText(step.description)
            self.note.setText(step.note)
            self.form.setCurrentIndex(max(0, self.form.findData(step.form)))
            self.time.setText(time_text(step.time))
            self.unit.setCurrentIndex(max(0, self.unit.findData(step.time.unit if step.time else "hari")))
            self._fill_targets(self.next, step.next)
            self.next.setEnabled(not step.branches)
            self._show_actors()
            for kind, box in self.output_boxes.items():
                box.setChecked(kind in step.outputs)
            self._list_requirements(0)
            self._list_branches(0)
        finally:
            self._loading = False

    def _show_actors(self) -> None:
        assert self.draft is not None and self.step is not None
        while self.actors_grid.count():
            item = self.actors_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.actor_boxes = {}
        for index, (key, label) in enumerate(self.draft.actors.items()):
            box = QCheckBox(label)
            box.setChecked(key in self.step.actors)
            box.toggled.connect(lambda on, key=key: self._toggle(self._step().actors, key, on))
            self.actor_boxes[key] = box
            self.actors_grid.addWidget(box, index // 3, index % 3)

    def _fill_targets(self, box: QComboBox, chosen: str) -> None:
        assert self.draft is not None
        box.clear()
        for key, label in target_choices(self.draft):
            box.addItem(label, key)
        found = box.findData(chosen)
        if found < 0:  # a target the draft no longer has: shown as it is, for the loader to name
            box.addItem(chosen, chosen)
            found = box.count() - 1
        box.setCurrentIndex(found)

    def _list_requirements(self, row: int) -> None:
        self.requirements.clear()
        for req in self._step().requirements:
            self.requirements.addItem(req.label or tr("(tanpa bunyi)"))
        self.requirements.setCurrentRow(min(row, self.requirements.count() - 1))
        self._show_requirement()

    def _show_requirement(self) -> None:
        req = self._requirement()
        was, self._loading = self._loading, True
        try:
            for widget in (self.req_kind, self.req_check, self.req_confirm, self.req_label):
                widget.setEnabled(req is not None)
            self.req_required.setEnabled(req is not None)
            self.req_when.setEnabled(req is not None)
            if req is None:
                self.req_confirm.clear()
                self.req_label.clear()
                return
            self.req_kind.setCurrentIndex(self.req_kind.findData(req.kind))
            self.req_check.setCurrentIndex(max(0, self.req_check.findData(req.key)))
            self.req_check.setEnabled(req.kind == "check")
            self.req_confirm.setText(req.key if req.kind == "confirm" else "")
            self.req_confirm.setEnabled(req.kind == "confirm")
            self.req_label.setText(req.label)
            self.req_required.setCurrentIndex(0 if req.required else 1)
            self.req_when.setCurrentIndex(max(0, self.req_when.findData(req.when)))
        finally:
            self._loading = was

    def _list_branches(self, row: int) -> None:
        self.branches.clear()
        for branch in self._step().branches:
            self.branches.addItem(branch.label or branch.outcome or tr("(cabang baru)"))
        self.branches.setCurrentRow(min(row, self.branches.count() - 1))
        self._show_branch()

    def _show_branch(self) -> None:
        branch = self._branch()
        was, self._loading = self._loading, True
        try:
            for widget in (self.branch_outcome, self.branch_label, self.branch_next, self.branch_check):
                widget.setEnabled(branch is not None)
            if branch is None:
                self.branch_outcome.clear()
                self.branch_label.clear()
                self.branch_next.clear()
                self.branch_more.clear()
                return
            self.branch_outcome.setText(branch.outcome)
            self.branch_label.setText(branch.label)
            self._fill_targets(self.branch_next, branch.next)
            first = branch.requirements[0] if branch.requirements else None
            chosen = first.key if first is not None and first.kind == "check" else None
            self.branch_check.setCurrentIndex(max(0, self.branch_check.findData(chosen)))
            more = [r.label for r in branch.requirements[1:]]
            self.branch_more.setText(tr("dan: {rest}").format(rest="; ".join(more)) if more else "")
        finally:
            self._loading = was

    def _requirement(self) -> DraftRequirement | None:
        row = self.requirements.currentRow()
        reqs = self._step().requirements if self.step else []
        return reqs[row] if 0 <= row < len(reqs) else None

    def _branch(self) -> DraftBranch | None:
        row = self.branches.currentRow()
        branches = self._step().branches if self.step else []
        return branches[row] if 0 <= row < len(branches) else None

    # --- the loader's word -----------------------------------------------------------------------
    def show_problem(self, where: str, field: str, message: str) -> None:
        """Put the loader's message beside the field of this step it concerns; `where` is
        the place below the step ("", "time", "requirements.2", "branches.0")."""
        self.clear_problems()
        parts = where.split(".") if where else []
        key = field or "name"
        if parts[:1] == ["time"]:
            key = "time"
        elif parts[:1] == ["requirements"] and len(parts) > 1:
            self.requirements.setCurrentRow(int(parts[1]))
            key = {"key": "req.key" if self.req_kind.currentData() == "confirm" else "req.check"}.get(
                field, f"req.{field}" if f"req.{field}" in self.errors else "req.label"
            )
        elif parts[:1] == ["branches"] and len(parts) > 1:
            self.branches.setCurrentRow(int(parts[1]))
            if len(parts) > 2:  # one of the branch's own requirements
                key = "branch.requirements"
            else:
                key = f"branch.{field}" if f"branch.{field}" in self.errors else "branch.label"
        elif key == "next" and self._step().branches:
            key = "branch.next"
        label = self.errors.get(key, self.errors["name"])
        label.setText(message)
        label.show()

    def clear_problems(self) -> None:
        for label in self.errors.values():
            label.hide()

    # --- editing ---------------------------------------------------------------------------------
    def _edited(self) -> None:
        if not self._loading:
            self.changed.emit()

    def _set(self, attribute: str, value: object) -> None:
        if self._loading or self.step is None:
            return
        setattr(self.step, attribute, value)
        self._edited()

    def _rename(self, key: str) -> None:
        if self._loading or self.draft is None or self.step is None:
            return
        self.draft.rename_step(self.draft.steps.index(self.step), key)
        self._edited()

    def _toggle(self, values: list[str], key: str, on: bool) -> None:
        if self._loading:
            return
        if on and key not in values:
            values.append(key)
        elif not on and key in values:
            values.remove(key)
        self._edited()

    def _time_changed(self) -> None:
        if self._loading or self.step is None:
            return
        parsed = parse_time(self.time.text(), self.unit.currentData())
        if isinstance(parsed, str):
            self.errors["time"].setText(parsed)
            self.errors["time"].show()
            return
        self.step.time = parsed
        self._edited()

    def _requirement_changed(self) -> None:
        req = self._requirement()
        if self._loading or req is None:
            return
        req.kind = self.req_kind.currentData()
        req.key = self.req_check.currentData() if req.kind == "check" else self.req_confirm.text().strip()
        req.label = self.req_label.text()
        req.required = bool(self.req_required.currentData())
        req.when = self.req_when.currentData()
        self.req_check.setEnabled(req.kind == "check")
        self.req_confirm.setEnabled(req.kind == "confirm")
        item = self.requirements.currentItem()
        if item is not None:
            item.setText(req.label or tr("(tanpa bunyi)"))
        self._edited()

    def _add_requirement(self) -> None:
        step = self._step()
        step.requirements.append(DraftRequirement("confirm", "", ""))
        self._list_requirements(len(step.requirements) - 1)
        self._edited()

    def _remove_requirement(self) -> None:
        row = self.requirements.currentRow()
        if self._requirement() is None:
            return
        del self._step().requirements[row]
        self._list_requirements(row)
        self._edited()

    def _branch_changed(self) -> None:
        branch = self._branch()
        if self._loading or branch is None:
            return
        branch.outcome = self.branch_outcome.text().strip()
        branch.label = self.branch_label.text()
        branch.next = self.branch_next.currentData() or branch.next
        item = self.branches.currentItem()
        if item is not None:
            item.setText(branch.label or branch.outcome or tr("(cabang baru)"))
        self._edited()

    def _branch_check_changed(self) -> None:
        branch = self._branch()
        if self._loading or branch is None:
            return
        key = self.branch_check.currentData()
        first = branch.requirements[0] if branch.requirements else None
        if first is not None and first.kind == "check":
            branch.requirements.pop(0)
        if key is not None:
            branch.requirements.insert(0, DraftRequirement("check", key, catalog.CHECK_LABELS[key]))
        self._edited()

    def _add_branch(self) -> None:
        step = self._step()
        if not step.branches:  # the step's one way on becomes its first branch
            step.branches.append(DraftBranch("lanjut", tr("Dilanjutkan"), step.next))
        step.branches.append(DraftBranch("", "", CLOSE_TARGET))
        self.next.setEnabled(False)
        self._list_branches(len(step.branches) - 1)
        self._edited()

    def _remove_branch(self) -> None:
        step, row = self._step(), self.branches.currentRow()
        if self._branch() is None:
            return
        gone = step.branches.pop(row)
        if not step.branches:  # no branch left: the step leads where its last one led
            step.next = gone.next
            self._fill_targets(self.next, step.next)
            self.next.setEnabled(True)
        self._list_branches(row)
        self._edited()
