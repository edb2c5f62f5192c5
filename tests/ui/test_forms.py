"""Designer forms and their generated modules agree, and the dialogs built on them work."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from dumas_desktop.services import case_file
from dumas_desktop.ui.case_actions import CloseDialog

from .conftest import wait_idle
from .driving import intake

ROOT = Path(__file__).resolve().parents[2]


def test_generated_modules_match_their_forms():
    done = subprocess.run([sys.executable, str(ROOT / "forms" / "build.py"), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    forms = {p.stem for p in (ROOT / "forms").glob("*.ui")}
    modules = {p.stem.removeprefix("ui_") for p in (ROOT / "dumas_desktop" / "ui" / "forms").glob("ui_*.py")}
    assert forms == modules and forms


def test_close_dialog_refers_a_case_elsewhere(window_for, qtbot, dialog_log):
    window = window_for("sanggau-2026")
    case_id = intake(qtbot, window)
    dialog = CloseDialog(window.app, case_id, window)
    qtbot.addWidget(dialog)
    assert not dialog.ui.duplicate_of.isEnabled() and dialog.ui.referred.isEnabled()
    dialog.ui.referred.setCurrentIndex(dialog.ui.referred.findData("bawaslu"))
    dialog.ui.note.setPlainText("Dugaan pelanggaran oleh peserta pemilu")
    dialog.submit()
    wait_idle(qtbot, window)
    detail = case_file.case_detail(window.app.ws, case_id)
    assert (detail.closure_kind, detail.referred_to) == ("bukan_kewenangan", "bawaslu")
