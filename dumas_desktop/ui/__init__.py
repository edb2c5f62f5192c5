"""The window: Qt only. It calls services and shows what they return; no SQL here."""

from __future__ import annotations

import ctypes
import sys

IMMORTAL = 1 << 40


def _keep_singletons_alive() -> None:
    """PySide6 6.12 on Python 3.11 takes one reference from None on every call of a Qt
    method that returns nothing, and from True or False on every call returning a bool;
    after a few thousand clicks a count reaches zero and Python aborts ("deallocating
    None", "bool_dealloc: deallocating True or False"). Python 3.12 made these objects
    immortal; on older versions, give each a reference count no session can use up."""
    if sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < IMMORTAL:
            count.value += IMMORTAL


_keep_singletons_alive()
