"""Python's garbage collection, run on the UI thread only.

The cycle collector runs on whichever thread happens to allocate when a generation fills
up. When that is the database worker and the garbage holds Qt objects, such as a closed
window's widgets still in a reference cycle, their C++ destructors run off the UI thread
and the program crashes. This happened once in the suite: a segmentation fault "Garbage-
collecting" on the worker while it read an SOP profile. Automatic collection is therefore
switched off, and a timer on the UI thread collects by the same thresholds (the approach
calibre took for PyQt, and many PyQt and PySide programs since)."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_MS = 500


class UiThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("dumas-collector")
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self, interval=CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds, oldest first."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return


def install(app: QObject) -> None:
    if app.findChild(UiThreadCollector, "dumas-collector") is None:
        UiThreadCollector(app)
