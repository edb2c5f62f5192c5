"""Sumatera Barat's steps 7 and 8 produce the recap and the report: the step's page offers
them for the month the complaint was received, and the report prints as its own paper."""

from __future__ import annotations

import shutil
from datetime import datetime

from PySide6.QtWidgets import QComboBox

from dumas_desktop.services import workflow
from dumas_desktop.services.context import Workspace
from dumas_desktop.storage.database import open_database

from ..conftest import FakeClock
from ..test_complaint_report import _walk_to_report
from .conftest import wait_idle
from .driving import open_step
from .person import field, press, wait_for


def _file_at_step(templates, tmp_path, *, report_step: bool) -> tuple[object, int]:
    path = tmp_path / "sumbar.dumas"
    shutil.copyfile(templates["sumbar-2022"], path)
    database = open_database(path)
    clock = FakeClock(datetime(2026, 3, 2, 9, 0))
    ws = Workspace(database, actor="petugas", clock=clock)
    case_id, _ = _walk_to_report(ws, clock)  # stops at step 8
    assert not report_step or workflow.step_context(ws, case_id).step.no == 8
    database.close()
    return path, case_id


def test_step_eight_offers_the_report_of_the_complaints_month(window_for, qtbot, dialog_log, templates, tmp_path):
    from dumas_desktop.ui.paper_dialog import PaperDialog
    from dumas_desktop.ui.recap_dialog import RecapDialog

    path, case_id = _file_at_step(templates, tmp_path, report_step=True)
    window = window_for("sumbar-2022", path=path)
    wizard = open_step(qtbot, window, case_id)
    press(qtbot, wizard, "Buat laporan pengaduan…")
    dialog = wait_for(qtbot, RecapDialog)
    wait_idle(qtbot, window)
    assert field(dialog, "Dokumen", QComboBox).currentText() == "Laporan pengaduan (alur setiap pengaduan)"
    assert field(dialog, "Tahun", QComboBox).currentText() == "2026"
    assert field(dialog, "Triwulan/bulan", QComboBox).currentText() == "Maret"
    press(qtbot, dialog, "Cetak…")
    paper = wait_for(qtbot, PaperDialog)
    assert "Laporan pengaduan Maret 2026" in paper.windowTitle()
    assert not dialog_log.texts("warn")
