"""Every string the window shows goes through Qt's translation functions."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "DumasDesktop"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)
