"""The verification and clarification step: first the plan (when, where, the team, who
is invited; saving it issues the assignment letter's and the invitations' numbers),
then, on the day, who came and what they said."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLineEdit

from ..domain import catalog
from ..domain.checks import CaseSnapshot
from ..services import hearing
from ..services.case_file import CaseDetail
from ..services.context import Workspace
from ..services.hearing import HearingPlan, HearingRecord, TeamMember
from ..services.workflow import StepContext, StepOutcome
from .step_editors import Action, StepEditor, datetime_edit, text_edit
from .texts import tr

ROLE_LABELS = {
    "tim": "Tim",
    "pelapor": "Pelapor",
    "terlapor": "Terlapor",
    "saksi": "Saksi",
    "pihak_terkait": "Pihak terkait",
}


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
        self.add("team", tr("Tim klarifikasi (satu per baris: Nama — Jabatan)"), text_edit(3))
        box = QGroupBox(tr("Pihak yang diundang (satu surat undangan per pihak)"))
        grid = QGridLayout(box)
        for row, party in enumerate(detail.parties):
            check = QCheckBox(f"{tr(catalog.PARTY_ROLES[party.role])}: {party.name}")
            check.setChecked(True)
            check.toggled.connect(lambda _: self.changed.emit())
            grid.addWidget(check, row, 0)
            self.invite_boxes[party.id] = check
        self.form.addRow(box)

    def plan(self) -> HearingPlan:
        team = []
        for line in self.value("team").splitlines():
            if line.strip():
                name, _, position = line.replace("—", "-").partition("-")
                team.append(TeamMember(name.strip(), position.strip()))
        invited = tuple(pid for pid, box in self.invite_boxes.items() if box.isChecked())
        return HearingPlan(self.value("scheduled_at"), self.value("place"), tuple(team), invited)

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
            grid.addWidget(check, row, 0)
            grid.addWidget(statement, row, 1)
            self.attendance[pid] = (check, statement)
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
            planned = bool(plan.place and plan.team and plan.invited_party_ids)
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
