"""One writer per data file: a lock file beside it names who has the file open (host,
user, process, since when). A lock whose process is gone from this computer was left by
a crash and is cleared; a lock from another computer is only cleared when a person says
that computer no longer has the file open."""

from __future__ import annotations

import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

from ..domain.errors import DataFileError


@dataclass(frozen=True)
class LockOwner:
    host: str
    user: str
    pid: int
    since: datetime

    def describe(self) -> str:
        return f"{self.user} di komputer {self.host} (sejak {self.since:%d-%m-%Y %H.%M})"


class FileLocked(DataFileError):
    def __init__(self, path: Path, owner: LockOwner | None) -> None:
        self.owner = owner
        who = owner.describe() if owner else "program lain"
        super().__init__(
            f"Berkas data {path.name} sedang dibuka oleh {who}. Tutup program di sana terlebih dahulu, "
            "atau buka berkas ini dalam mode hanya-baca."
        )


def lock_path(data: Path) -> Path:
    return data.with_name(data.name + ".kunci")


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        process = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not process:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(process, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(process)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def read_owner(data: Path) -> LockOwner | None:
    try:
        raw = json.loads(lock_path(data).read_text(encoding="utf-8"))
        return LockOwner(str(raw["host"]), str(raw["user"]), int(raw["pid"]), datetime.fromisoformat(raw["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def is_stale(owner: LockOwner | None) -> bool:
    """A lock nobody holds any more: unreadable (cut short by a crash), or from a process
    of this computer that has ended."""
    if owner is None:
        return True
    return owner.host == socket.gethostname() and not _alive(owner.pid)


class DataFileLock:
    def __init__(self, data: Path, user: str) -> None:
        self.data = Path(data)
        self.user = user
        self.held = False
        self.cleared_stale = False  # the last holder ended without closing the file

    def acquire(self, *, force: bool = False) -> None:
        path = lock_path(self.data)
        for _attempt in range(2):
            try:
                handle = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                owner = read_owner(self.data)
                if force or is_stale(owner):
                    path.unlink(missing_ok=True)
                    self.cleared_stale = not force
                    continue
                raise FileLocked(self.data, owner) from None
            except OSError as exc:
                raise DataFileError(f"Berkas kunci {path} tidak dapat dibuat: {exc.strerror or exc}.") from None
            body = {
                "host": socket.gethostname(),
                "user": self.user,
                "pid": os.getpid(),
                "since": datetime.now().replace(microsecond=0).isoformat(),
            }
            try:
                os.write(handle, json.dumps(body).encode("utf-8"))
                os.fsync(handle)
            finally:
                os.close(handle)
            self.held = True
            return
        raise FileLocked(self.data, read_owner(self.data))

    def release(self) -> None:
        if not self.held:
            return
        owner = read_owner(self.data)
        if owner is not None and owner.pid == os.getpid() and owner.host == socket.gethostname():
            lock_path(self.data).unlink(missing_ok=True)
        self.held = False

    def __enter__(self) -> DataFileLock:
        self.acquire()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self.release()
