"""Driving the real window through cases as an officer does, on the person layer
(person.py): fields are found by their labels and typed into, choices clicked."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QGroupBox

from dumas_desktop.ui.case_view import CaseView
from dumas_desktop.ui.step_wizard import StepWizard

from .conftest import wait_idle
from .officer import enter_complaint, reason, step_ready
from .person import TIMEOUT, button, choose, click, enter, open_windows, shown, tick_all, wait_for


def latest(window, kind):
    return next(w for w in reversed(window.windows) if isinstance(w, kind))


def intake(qtbot, window, *, complete_confirmations: bool = True, location: str = "Desa Beringin") -> int:
    """Ctrl+N and the intake wizard; returns the id of the case whose file opens after it."""
    return intake_case(qtbot, window, complete_confirmations=complete_confirmations, location=location)[0]


def intake_case(
    qtbot, window, *, complete_confirmations: bool = True, location: str = "Desa Beringin"
) -> tuple[int, str]:
    """As intake(); also the agenda number, read from the title of the case file that opens."""
    before = open_windows(CaseView)
    enter_complaint(qtbot, window, location=location, confirm=complete_confirmations)
    view = wait_for(qtbot, CaseView, ready=lambda v: "/" in v.windowTitle(), besides=before)
    wait_idle(qtbot, window)
    number = view.windowTitle().removeprefix("Berkas pengaduan ").strip()
    view.close()
    return view.case_id, number


def open_step(qtbot, window, case_id: int) -> StepWizard:
    before = open_windows(StepWizard)
    window.work_on_step(case_id)
    return wait_for(qtbot, StepWizard, "Langkah", ready=step_ready, besides=before)


def do_step(
    qtbot,
    window,
    case_id: int,
    fields: Mapping[str, str | bool],
    outcome: str | None = None,
    *,
    expect_next: bool = True,
) -> StepWizard:
    """Open the case's step, fill `fields` (label -> value), choose `outcome` (the radio
    button's text), tick the officer's confirmations and press "Selesaikan langkah"."""
    wizard = open_step(qtbot, window, case_id)
    finish = button(wizard, "Selesaikan langkah")
    assert not finish.isEnabled(), "Finish must wait for the requirements"
    assert reason(wizard).startswith("Belum dapat diselesaikan")
    for label, value in fields.items():
        enter(qtbot, wizard, label, value)
    for box in wizard.findChildren(QGroupBox):
        if shown(box) and box.title() == "Konfirmasi petugas":
            tick_all(qtbot, box)
    if outcome is not None:
        choose(qtbot, wizard, outcome)
    assert finish.isEnabled(), reason(wizard)
    click(qtbot, finish)
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=TIMEOUT)
    wait_idle(qtbot, window)
    return wizard


CLASSIFIED = {"Klasifikasi": "Netralitas penyelenggara"}
DISPOSITION = {
    "Pemberi disposisi": "Ketua",
    "Jabatan pemberi": "Ketua KPU",
    "Diteruskan kepada": "Tim",
    "Isi disposisi": "Tindak lanjuti",
}
CRITERIA = (
    "Syarat formil: identitas pelapor",
    "Syarat formil: bukti dukung",
    "Syarat formil: waktu kejadian dan tenggat",
    "Syarat materiil: tempat kejadian",
    "Syarat materiil: peristiwa yang diadukan",
    "Syarat materiil: ketentuan yang dilanggar",
)
WORKSHEET: dict[str, str | bool] = {
    **dict.fromkeys(CRITERIA, "Terpenuhi"),
    "Peraturan yang dirujuk": "PKPU 8/2019",
    "Analisis": "Analisis",
    "Kesimpulan": "Memenuhi syarat",
    "Penelaah": "Tim",
}
COMPLETE = "Lengkap: diteruskan ke Tim Telaah"
INCOMPLETE = "Tidak lengkap: dimintakan kelengkapan kepada pelapor (3 hari kerja)"
