"""Qt's own buttons, key names and calendar speak Indonesian, from a compiled file kept in
step with its source and the Indonesian locale."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCalendarWidget, QDialogButtonBox

SOURCE = Path(__file__).parents[2] / "resources" / "i18n" / "qt_id.ts"


def test_standard_buttons_are_indonesian(qt_app):
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Close
    )
    assert sorted(b.text().replace("&", "") for b in buttons.buttons()) == ["Batal", "OK", "Tutup"]


def test_compiled_words_match_their_source(tmp_path):
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    if lrelease is None:
        pytest.fail("pyside6-lrelease not found beside the Python running the tests")
    out = tmp_path / "qt_id.qm"
    subprocess.run([lrelease, str(SOURCE), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == SOURCE.with_suffix(".qm").read_bytes(), "run: pyside6-lrelease resources/i18n/qt_id.ts"


def test_keys_beside_menu_commands_are_named_as_an_office_keyboard_shows_them(qt_app):
    native = QKeySequence.SequenceFormat.NativeText
    assert QKeySequence("Ctrl+Shift+Left").toString(native) == "Ctrl+Shift+Kiri"
    assert QKeySequence("Ctrl+PgDown").toString(native) == "Ctrl+PgDn"
    assert QKeySequence("Space").toString(native) == "Spasi"
    # What a menu shows is read back as the same key: shortcuts typed in Indonesian still work.
    for typed in ("Ctrl+Kiri", "Ctrl+PgDn", "Shift+Spasi", "Ctrl+Shift+Del", "F5"):
        assert QKeySequence.fromString(typed, native).toString(native) == typed
    assert QKeySequence("Ctrl+O") == QKeySequence.fromString("Ctrl+O", native)


def test_the_calendar_popup_names_months_and_days_in_indonesian(qt_app, qtbot):
    calendar = QCalendarWidget()
    qtbot.addWidget(calendar)
    calendar.setSelectedDate(QDate(2026, 8, 17))
    assert calendar.locale().monthName(8) == "Agustus"
    assert calendar.locale().dayName(1, QLocale.FormatType.ShortFormat) == "Sen"
