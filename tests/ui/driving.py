"""Driving the real window through cases, as an officer would with the keyboard."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt

from dumas_desktop.ui.intake_wizard import IntakeWizard
from dumas_desktop.ui.step_wizard import StepWizard

from ..builders import REPORTER_NIK
from .conftest import now, wait_idle


def latest(window, kind):
    return next(w for w in reversed(window.windows) if isinstance(w, kind))


def intake(qtbot, window, *, complete_confirmations: bool = True, location: str = "Desa Beringin") -> int:
    window.new_complaint()
    wizard: IntakeWizard = latest(window, IntakeWizard)
    wizard.channel_page.received.setDateTime(now() - timedelta(minutes=5))
    reporter = wizard.reporter_page
    reporter.name.setText("Maria Goreti Lestari")
    reporter.id_number.setText(REPORTER_NIK)
    reporter.address.setText("Jl. Jenderal Sudirman 12, Beringin")
    reporter.phone.setText("0812-5678-1234")
    wizard.respondent_page.table.setItem(0, 0, _item("Yohanes Bilung"))
    wizard.respondent_page.table.setItem(0, 1, _item("Anggota PPS"))
    complaint = wizard.complaint_page
    complaint.subject.setText("Dugaan ketidaknetralan anggota PPS")
    complaint.description.setPlainText("Anggota PPS menghadiri kampanye salah satu calon.")
    complaint.location.setText(location)
    for box in wizard.summary_page.confirmations.values():
        box.setChecked(complete_confirmations)
    wizard.summary_page.recheck()
    received: list[int] = []
    wizard.received.connect(received.append)
    wizard.accept()
    wait_idle(qtbot, window)
    assert received, "the intake wizard did not record the complaint"
    return received[0]


def _item(text: str):
    from PySide6.QtWidgets import QTableWidgetItem

    return QTableWidgetItem(text)


def open_step(qtbot, window, case_id: int) -> StepWizard:
    window.work_on_step(case_id)
    wizard: StepWizard = latest(window, StepWizard)
    qtbot.waitUntil(lambda: wizard.editor is not None, timeout=10_000)
    return wizard


def do_step(
    qtbot, window, case_id: int, fields: dict[str, Any], outcome: str | None = None, *, expect_next: bool = True
) -> StepWizard:
    wizard = open_step(qtbot, window, case_id)
    assert not wizard.finish.isEnabled(), "Finish must wait for the requirements"
    assert wizard.reason.text().startswith("Belum dapat diselesaikan")
    wizard.editor.restore(fields)
    for box in wizard.confirmations.values():
        box.setChecked(True)
    if outcome is not None:
        button = next(b for b in wizard.outcomes.buttons() if b.property("outcome") == outcome)
        button.setChecked(True)
    wizard.update_checklist()
    assert wizard.finish.isEnabled(), wizard.reason.text()
    qtbot.mouseClick(wizard.finish, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert wizard.submitted
    return wizard


DISPOSITION = {"from_name": "Ketua", "from_position": "Ketua KPU", "to_name": "Tim", "instruction": "Tindak lanjuti"}
WORKSHEET = {f"{k}_ok": True for k in ("identity", "evidence", "time", "place", "event", "rule")} | {
    "rules_cited": "PKPU 8/2019",
    "analysis": "Analisis",
    "conclusion": "Memenuhi syarat",
    "reviewer": "Tim",
}
