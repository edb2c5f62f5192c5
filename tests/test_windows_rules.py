"""Windows branches run here with Windows' answers given to them: the drive types
GetDriveTypeW reports, and byte-range locks as msvcrt.locking grants them."""

from __future__ import annotations

import ctypes
import errno
import sys
import types
from pathlib import Path, PureWindowsPath

import pytest

from dumas_desktop.storage import location
from dumas_desktop.storage import lock as lock_module
from dumas_desktop.storage.lock import DataFileLock, FileLocked


class FakeKernel32:
    def __init__(self, kinds: dict[str, int]) -> None:
        self.kinds = kinds

    def GetDriveTypeW(self, root) -> int:
        return self.kinds.get(root.value, 3)  # DRIVE_FIXED


@pytest.fixture
def windows(monkeypatch):
    kernel = FakeKernel32({"E:\\": 2, "Z:\\": 4})  # a stick, a mapped network drive
    monkeypatch.setattr(location.sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", types.SimpleNamespace(kernel32=kernel), raising=False)
    return kernel


def _problem(path: PureWindowsPath) -> str:
    return location.windows_problem(path) or ""


def test_drive_types_decide_where_a_live_file_may_be(windows) -> None:
    assert location.windows_problem(PureWindowsPath(r"C:\Users\Siti Nur'aini\Documents\kantor.dumas")) is None
    assert "flashdisk" in _problem(PureWindowsPath(r"E:\kantor.dumas"))
    assert "drive jaringan" in _problem(PureWindowsPath(r"Z:\Dumas\kantor.dumas"))
    assert "folder bersama" in _problem(PureWindowsPath(r"\\server-kantor\dumas\kantor.dumas"))
    long_local = PureWindowsPath(r"\\?\C:\Users\Siti Nur'aini\OneDrive\Dokumen\kantor.dumas")
    assert location.windows_problem(long_local) is None


class FakeMsvcrt:
    """Byte-range locks across every handle of this process, as Windows keeps them."""

    LK_UNLCK, LK_NBLCK = 0, 2

    def __init__(self) -> None:
        self.held: dict[tuple[int, int], int] = {}

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        import os

        st = os.fstat(fd)
        key = (st.st_dev, st.st_ino)
        if mode == self.LK_NBLCK:
            if key in self.held and self.held[key] != fd:
                raise OSError(errno.EACCES, "Permission denied")
            self.held[key] = fd
        elif self.held.get(key) == fd:
            del self.held[key]


def test_the_lock_holds_with_windows_byte_range_locks(data_file: Path, monkeypatch) -> None:
    fake = FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setattr(lock_module.sys, "platform", "win32")
    first = DataFileLock(data_file, "rina")
    first.acquire()
    try:
        with pytest.raises(FileLocked, match="rina"):
            DataFileLock(data_file, "andi").acquire()
    finally:
        first.release()
    assert fake.held == {}
    again = DataFileLock(data_file, "andi")
    again.acquire()
    again.release()
