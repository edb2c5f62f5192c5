"""The verification and clarification step: first the plan (when, where, the team, who
is invited; saving it issues the assignment letter's and the invitations' numbers),
then, on the day, who came and what they said."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain import catalog
from ..domain.checks import CaseSnapshot
from ..services import hearing
from ..services.case_file import CaseDetail
from ..services.context import Workspace
from ..services.hearing import Guest, HearingPlan, HearingRecord, TeamMember
from ..services.workflow import StepContext, StepOutcome
from .rows_table import RowsTable
from .step_editors import Action, StepEditor, datetime_edit, text_edit
from .texts import tr

ROLE_LABELS = {
    "tim": "Tim",
    "pelapor": "Pelapor",
    "terlapor": "Terlapor",
    "saksi": "Saksi",
    "pihak_terkait": "Pihak terkait",
}


GUEST_LABELS = {"witness": "Saksi", "related": "Pihak terkait"}


class HearingEditor(StepEditor):
    def __init__(self, context: StepContext, detail: CaseDetail) -> None:
        super().__init__(context, detail)
        self.planned = detail.hearing_id is not None
        self.invite_boxes: dict[int, QCheckBox] = {}
        self.attendance: dict[int, tuple[QCheckBox, QLineEdit]] = {}
        if not self.planned:
            self._plan_fields(detail)
        else:
            self._record_fields(detail)

    # --- the plan ------------------------------------------------------------------------
    def _plan_fields(self, detail: CaseDetail) -> None:
        start = (datetime.now() + timedelta(days=2)).replace(hour=9, minute=0, second=0, microsecond=0)
        self.add("scheduled_at", tr("Waktu klarifikasi"), datetime_edit(start))
        self.add("place", tr("Tempat"), QLineEdit())
        self.team = RowsTable([tr("Nama"), tr("Jabatan")], 3)
        self.team.setAccessibleName(tr("Tim klarifikasi"))
        self.team.itemChanged.connect(lambda _: self.changed.emit())
        add_member = QPushButton(tr("Tambah anggota tim"))
        add_member.clicked.connect(lambda: self._add_and_edit(self.team, self.team.add_row(), 0))
        self.form.addRow(tr("Tim klarifikasi"), self._with_buttons(self.team, add_member))

        box = QGroupBox(tr("Pihak yang diundang (satu surat undangan per pihak)"))
        grid = QGridLayout(box)
        for row, party in enumerate(detail.parties):
            check = QCheckBox(f"{tr(catalog.PARTY_ROLES[party.role])}: {party.name}")
            check.setChecked(True)
            check.toggled.connect(lambda _: self.changed.emit())
            grid.addWidget(check, row, 0)
            self.invite_boxes[party.id] = check
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.form.addRow(box)

        self.guests = RowsTable([tr("Peran"), tr("Nama"), tr("Keterangan"), tr("Alamat")], 0)
        self.guests.setAccessibleName(tr("Saksi dan pihak terkait yang juga diundang"))
        self.guests.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.guests.itemChanged.connect(lambda _: self.changed.emit())
        self.guest_roles: list[str] = []
        add_witness = QPushButton(tr("Tambah saksi"))
        add_witness.clicked.connect(lambda: self.add_guest("witness"))
        add_related = QPushButton(tr("Tambah pihak terkait"))
        add_related.clicked.connect(lambda: self.add_guest("related"))
        self.form.addRow(
            tr("Saksi dan pihak terkait yang juga diundang"),
            self._with_buttons(self.guests, add_witness, add_related),
        )

    def _with_buttons(self, table: QTableWidget, *buttons: QPushButton) -> QWidget:
        holder = QWidget()
        holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # no gap under the table
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(table)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        return holder

    def _add_and_edit(self, table: QTableWidget, row: int, column: int) -> None:
        table.setCurrentCell(row, column)
        table.setFocus()
        table.editItem(table.item(row, column) or self._blank(table, row, column))

    @staticmethod
    def _blank(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
        item = QTableWidgetItem("")
        table.setItem(row, column, item)
        return item

    def add_guest(self, role: str) -> int:
        row = self.guests.add_row()
        self.guest_roles.append(role)
        self.guests.put(row, 0, tr(GUEST_LABELS[role]), editable=False)
        self._add_and_edit(self.guests, row, 1)
        return row

    def team_members(self) -> tuple[TeamMember, ...]:
        rows = ((self.team.text(r, 0), self.team.text(r, 1)) for r in range(self.team.rowCount()))
        return tuple(TeamMember(name, position) for name, position in rows if name or position)

    def guest_list(self) -> tuple[Guest, ...]:
        rows = (
            Guest(role, self.guests.text(r, 1), self.guests.text(r, 2), self.guests.text(r, 3))
            for r, role in enumerate(self.guest_roles)
        )
        return tuple(g for g in rows if g.name or g.position or g.address)

    def plan(self) -> HearingPlan:
        invited = tuple(pid for pid, box in self.invite_boxes.items() if box.isChecked())
        return HearingPlan(
            self.value("scheduled_at"),
            self.value("place"),
            self.team_members(),
            invited,
            guests=self.guest_list(),
        )

    # The tables, the attendance and the statements are kept in the draft beside the ordinary fields.
    def state(self) -> dict[str, Any]:
        result = super().state()
        if not self.planned:
            result["team"] = [[m.name, m.position] for m in self.team_members()]
            result["guests"] = [[g.role, g.name, g.position, g.address] for g in self.guest_list()]
        else:
            result["attendance"] = {
                str(pid): [check.isChecked(), line.text()] for pid, (check, line) in self.attendance.items()
            }
        return result

    def restore(self, state: dict[str, Any]) -> None:
        super().restore(state)
        if self.planned:
            attendance = state.get("attendance")
            if not isinstance(attendance, dict):
                attendance = {}
            for pid, (check, line) in self.attendance.items():
                kept = attendance.get(str(pid))
                if isinstance(kept, list) and len(kept) == 2:
                    check.setChecked(bool(kept[0]))
                    line.setText(str(kept[1]))
            return
        team = state.get("team") or []
        if isinstance(team, str):  # a draft kept before the table: "Nama — Jabatan" lines
            team = [line.replace("—", "-").partition("-")[::2] for line in team.splitlines() if line.strip()]
        self.team.setRowCount(max(3, len(team)))
        for row, (name, position) in enumerate(team):
            self.team.put(row, 0, str(name).strip())
            self.team.put(row, 1, str(position).strip())
        for role, name, position, address in state.get("guests") or []:
            if role in GUEST_LABELS:
                row = self.guests.add_row()
                self.guest_roles.append(role)
                self.guests.put(row, 0, tr(GUEST_LABELS[role]), editable=False)
                for column, text in enumerate((name, position, address), start=1):
                    self.guests.put(row, column, str(text))

    # --- the day itself ----------------------------------------------------------------------
    def _record_fields(self, detail: CaseDetail) -> None:
        self.add("held_at", tr("Dilaksanakan pada"), datetime_edit())
        box = QGroupBox(tr("Daftar hadir dan keterangan"))
        grid = QGridLayout(box)
        for row, (pid, role, name, attended) in enumerate(detail.hearing_participants):
            check = QCheckBox(f"{ROLE_LABELS.get(role, role)}: {name}")
            check.setChecked(bool(attended) if attended is not None else role == "tim")
            statement = QLineEdit()
            statement.setPlaceholderText(tr("keterangan yang disampaikan"))
            check.toggled.connect(lambda _: self.changed.emit())
            statement.textChanged.connect(lambda _: self.changed.emit())
            grid.addWidget(check, row, 0)
            grid.addWidget(statement, row, 1)
            self.attendance[pid] = (check, statement)
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # rows stay together
        self.form.addRow(box)
        self.add("summary", tr("Ringkasan hasil klarifikasi"), text_edit(3))

    def record(self) -> HearingRecord:
        return HearingRecord(
            held_at=self.value("held_at"),
            attendance={pid: check.isChecked() for pid, (check, _) in self.attendance.items()},
            statements={pid: line.text() for pid, (_, line) in self.attendance.items() if line.text().strip()},
            summary=self.value("summary"),
        )

    # --- the wizard's questions ------------------------------------------------------------
    def apply_to(self, snapshot: CaseSnapshot) -> CaseSnapshot:
        if not self.planned:
            plan = self.plan()
            planned = bool(plan.place and plan.team and (plan.invited_party_ids or plan.guests))
            return dataclasses.replace(snapshot, hearing_planned=planned)
        held = any(check.isChecked() for check, _ in self.attendance.values())
        return dataclasses.replace(snapshot, hearing_held=held)

    def problems(self) -> list[str]:
        if not self.planned:
            return [tr("Simpan rencana klarifikasi dahulu; langkah diselesaikan setelah klarifikasi dilaksanakan")]
        if self.value("held_at") > datetime.now():
            return [tr("Waktu pelaksanaan tidak boleh lebih dari sekarang")]
        return []

    def partial(self) -> tuple[str, Callable[[Workspace, int], object]] | None:
        """Read when the button is pressed: the plan is what the form holds at that moment."""
        if self.planned:
            return None
        plan = self.plan()
        return tr("Simpan rencana dan terbitkan nomor surat tugas dan undangan"), (
            lambda ws, case_id: hearing.plan_hearing(ws, case_id, plan)
        )

    def collect(self) -> Action:
        record = self.record()

        def act(ws: Workspace, case_id: int, outcome: str | None, confirmations: frozenset[str]) -> StepOutcome | None:
            return hearing.record_hearing(ws, case_id, record, complete=True, confirmations=confirmations)

        return act
