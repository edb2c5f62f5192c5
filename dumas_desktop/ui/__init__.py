"""The window: Qt only. It calls services and shows what they return; no SQL here."""

from __future__ import annotations

import ctypes
import sys


def _keep_none_alive() -> None:
    """PySide6 6.12 on Python 3.11 takes one reference from None on every call of a Qt
    method that returns nothing; after a few thousand clicks None's count reaches zero
    and Python aborts ("deallocating None"). Python 3.12 made None immortal; on older
    versions, give None a reference count no session can use up."""
    if sys.version_info >= (3, 12):
        return
    count = ctypes.c_ssize_t.from_address(id(None))
    if count.value < 1 << 40:
        count.value += 1 << 40


_keep_none_alive()
