"""Qt's own buttons speak Indonesian, from a compiled file kept in step with its source."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

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
