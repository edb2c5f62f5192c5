"""A long session of Qt calls must not wear out None, True or False (a PySide6 6.12 bug
on Python 3.11: each call returning nothing or a bool takes a reference it never gave)."""

from __future__ import annotations

import subprocess
import sys

SESSION = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import dumas_desktop.ui  # applies the guard
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QCheckBox
app = QApplication([])
box = QCheckBox("x")
seen = []
box.toggled.connect(lambda checked: seen.append(checked) if len(seen) < 10 else None)  # a bool into Python


class Flag(QObject):
    raised = Signal(bool)


flag = Flag()
flag.raised.connect(lambda value: None)
before = {name: sys.getrefcount(value) for name, value in (("None", None), ("True", True), ("False", False))}
for i in range(200_000):
    box.setToolTip("y")  # returns None
    box.setChecked(i % 2 == 0)  # returns None
    box.isChecked()  # returns True or False
    box.isEnabled()  # returns True
    box.isHidden()  # returns False
    flag.raised.emit(i % 3 == 0)  # True and False handed to a Python slot
    if i % 1000 == 0:
        app.processEvents()
after = {name: sys.getrefcount(value) for name, value in (("None", None), ("True", True), ("False", False))}
print(" ".join(f"{name}={before[name] - after[name]}" for name in before))
print("selamat")
"""


def test_two_hundred_thousand_qt_calls_returning_none_and_bool_do_not_abort_python():
    done = subprocess.run([sys.executable, "-c", SESSION], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.split()
    assert lines[-1] == "selamat"
    print(" ".join(lines[:-1]))  # how many references the session took from each, for the record


def test_the_guard_covers_none_true_and_false():
    import dumas_desktop.ui as ui

    if sys.version_info >= (3, 12):
        return  # immortal objects: nothing to guard
    for singleton in (None, True, False):
        assert sys.getrefcount(singleton) > ui.IMMORTAL // 2, singleton
