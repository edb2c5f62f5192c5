"""A long session of Qt calls must not wear out None (a PySide6 6.12 bug on Python 3.11)."""

from __future__ import annotations

import subprocess
import sys

SESSION = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import dumas_desktop.ui  # applies the guard
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel("x")
for _ in range(50_000):  # each call of a Qt method returning nothing
    label.setText("y")
    app.processEvents()
print("selamat")
"""


def test_fifty_thousand_qt_calls_do_not_abort_python():
    done = subprocess.run([sys.executable, "-c", SESSION], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "selamat"
