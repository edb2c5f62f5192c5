"""A correction after the case closed, as the plenary's secretary does it in the case
view: correct, adopt in plenary, then record the cover letter that sends it to KPU RI."""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest
from PySide6.QtWidgets import QPushButton

from dumas_desktop.services import case_file, forwarding, minutes
from dumas_desktop.services.context import Workspace
from dumas_desktop.services.forwarding import DecisionInput
from dumas_desktop.storage.database import open_database

from ..conftest import FakeClock
from ..test_lifecycle_sanggau import adopt_and_forward, drive_to_hearing, receive_and_register
from ..test_numbering import name_signatories
from .conftest import wait_idle
from .person import fill, press, wait_for


def _closed_case_file(templates, tmp_path) -> tuple[object, int]:
    path = tmp_path / "kantor.dumas"
    shutil.copyfile(templates["sanggau-2026"], path)
    database = open_database(path)
    clock = FakeClock(datetime(2026, 3, 2, 9, 0))  # a Monday, as in the lifecycle tests
    ws = Workspace(database, actor="petugas", clock=clock)
    name_signatories(ws)
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=False)
    adopt_and_forward(ws, clock, case_id)
    clock.advance(days=1)
    forwarding.record_kpu_decision(
        ws,
        case_id,
        DecisionInput(clock().date(), "dkpp", "Diteruskan ke DKPP"),
        confirmations={"tanda_terima_tindak_lanjut"},
    )
    database.close()
    return path, case_id


def _visible(view, text: str) -> bool:
    return any(b.isVisible() and b.text() == text for b in view.findChildren(QPushButton))


@pytest.mark.both_backends
def test_minutes_corrected_after_closure_go_to_kpu_ri_with_their_own_letter(
    window_for, qtbot, dialog_log, templates, tmp_path
):
    from dumas_desktop.ui.case_view import CaseView
    from dumas_desktop.ui.minutes_correction import (
        CorrectionCoverLetterDialog,
        CorrectionDialog,
        CorrectionPlenaryDialog,
    )

    path, case_id = _closed_case_file(templates, tmp_path)
    window = window_for(path=path)
    window.show_case(case_id)
    view = wait_for(qtbot, CaseView, ready=lambda v: "/" in v.windowTitle())
    wait_idle(qtbot, window)
    assert not _visible(view, "Catat surat pengantar perbaikan…")
    press(qtbot, view, "Koreksi berita acara…")
    correction = wait_for(qtbot, CorrectionDialog)
    fill(qtbot, correction, "Petitum/putusan", "Petitum dikoreksi")
    fill(qtbot, correction, "Alasan koreksi", "Salah tulis nama desa")
    press(qtbot, correction, "OK")
    qtbot.waitUntil(lambda: not correction.isVisible(), timeout=10_000)
    wait_idle(qtbot, window)
    assert window.statusBar().currentMessage().startswith("Koreksi berita acara tersimpan sebagai draf versi baru")
    press(qtbot, view, "Tetapkan koreksi dalam pleno…")
    plenary = wait_for(qtbot, CorrectionPlenaryDialog)
    fill(qtbot, plenary, "Tempat", "Ruang pleno")
    fill(qtbot, plenary, "Pimpinan rapat", "Ketua")
    fill(qtbot, plenary, "Anggota yang hadir (satu nama per baris)", "Ketua\nAnggota")
    press(qtbot, plenary, "OK")
    qtbot.waitUntil(lambda: not plenary.isVisible(), timeout=10_000)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: _visible(view, "Catat surat pengantar perbaikan…"), timeout=10_000)

    press(qtbot, view, "Catat surat pengantar perbaikan…")
    letter = wait_for(qtbot, CorrectionCoverLetterDialog)
    press(qtbot, letter, "OK")
    qtbot.waitUntil(lambda: not letter.isVisible(), timeout=10_000)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: not _visible(view, "Catat surat pengantar perbaikan…"), timeout=10_000)
    assert window.statusBar().currentMessage().startswith("Surat pengantar berita acara perbaikan dicatat")

    ws = window.app.ws
    detail = case_file.case_detail(ws, case_id)
    assert detail.status == "selesai"
    assert [(v, s) for _, v, s in detail.minutes] == [(1, "diganti"), (2, "ditetapkan")]
    sent = [kind for _lid, kind, direction, *_ in detail.letters if kind == "surat_pengantar" and direction == "keluar"]
    assert len(sent) == 2
    current = minutes.current_minutes(ws, case_id)
    assert current is not None and current.content.petitum == "Petitum dikoreksi"
    assert not dialog_log.texts("warn")
