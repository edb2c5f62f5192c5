"""One writer per data file: a lock file beside it names who has the file open (host,
user, process, since when), and the operating system's own lock on that open file says
whether its holder is still alive, so no process id is ever guessed at.

The lock follows the file, not the name it was opened by: it sits beside the file's real
path (links and other spellings resolved), and a second lock named by the file's device
and inode, in this computer's temporary folder, is taken too, so two hard links of one
file cannot be written at once either. A lock left by a process that ended is cleared;
one written by another computer is only cleared when a person says that computer no
longer has the file open.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import IO

from ..domain.errors import DataFileError

# Windows locks byte ranges: the range is taken far past the owner's text, so that others
# can still read who holds the file (as SQLite keeps its own lock bytes past the data).
_WINDOWS_LOCK_OFFSET = 2**30
_MAX_OWNER_BYTES = 4096


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
    real = Path(os.path.realpath(data))
    return real.with_name(real.name + ".kunci")


def _identity_path(data: Path) -> Path | None:
    """The per-computer lock of the file itself (device and inode), once it exists."""
    try:
        st = os.stat(data)
    except OSError:
        return None
    if not st.st_ino:
        return None  # a filesystem that gives no file identity
    return Path(tempfile.gettempdir()) / "dumas-desktop-kunci" / f"{st.st_dev}-{st.st_ino}.kunci"


def _parse(raw: bytes) -> LockOwner | None:
    try:
        found = json.loads(raw.decode("utf-8"))
        pid = int(found["pid"])
        if not 0 <= pid < 2**63:
            return None
        return LockOwner(
            str(found["host"])[:200], str(found["user"])[:200], pid, datetime.fromisoformat(found["since"])
        )
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError):
        return None


def read_owner(data: Path) -> LockOwner | None:
    try:
        with open(lock_path(data), "rb") as handle:
            return _parse(handle.read(_MAX_OWNER_BYTES))
    except OSError:
        return None


def _os_lock(handle: IO[bytes]) -> bool:
    """Take the operating system's lock on the open file without waiting; False if held."""
    try:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(_WINDOWS_LOCK_OFFSET)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK, errno.EDEADLK):
            return False
        raise
    return True


def _os_unlock(handle: IO[bytes]) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(_WINDOWS_LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _same_file(handle: IO[bytes], path: Path) -> bool:
    """The file we locked is still the one at `path` (a holder that let go removes it, and
    whoever opened it just before must then lock the new one)."""
    try:
        mine, now = os.fstat(handle.fileno()), os.stat(path)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (now.st_dev, now.st_ino)


def _refusal(path: Path, exc: OSError) -> DataFileError:
    if exc.errno == errno.ENOSPC:
        return DataFileError(f"Disk penuh: berkas kunci {path} tidak dapat ditulis. Kosongkan ruang disk dahulu.")
    if exc.errno == errno.EISDIR or path.is_dir():
        return DataFileError(f"Berkas kunci {path} tidak dapat dibuat: di tempatnya ada folder dengan nama itu.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return DataFileError(f"Berkas kunci {path} tidak dapat dibuat: folder itu tidak dapat ditulisi.")
    return DataFileError(f"Berkas kunci {path} tidak dapat dibuat: {exc.strerror or exc}.")


class _HeldFile:
    """One lock file, opened and locked by this process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle: IO[bytes] | None = None

    def take(self) -> LockOwner | bool | None:
        """Lock it; returns False when someone alive holds it, else whoever wrote it last
        (None when it was empty or unreadable)."""
        folder = self.path.parent
        if folder.exists() and not folder.is_dir():
            raise DataFileError(f"{folder} bukan folder; berkas data tidak dapat diletakkan di dalamnya.")
        for _attempt in range(3):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                handle = open(self.path, "a+b")  # noqa: SIM115 - kept open for the whole session
            except OSError as exc:
                raise _refusal(self.path, exc) from None
            try:
                locked = _os_lock(handle)
            except OSError as exc:
                handle.close()
                raise _refusal(self.path, exc) from None
            if not locked:
                handle.close()
                return False
            if not _same_file(handle, self.path):
                _os_unlock(handle)
                handle.close()
                continue
            handle.seek(0)
            raw = handle.read(_MAX_OWNER_BYTES)
            self.handle = handle
            return _parse(raw) if raw else None
        return False

    def write(self, body: bytes) -> None:
        assert self.handle is not None
        try:
            self.handle.seek(0)
            self.handle.truncate(0)
            self.handle.write(body)
            self.handle.flush()
            os.fsync(self.handle.fileno())
        except OSError as exc:
            self.drop()
            raise _refusal(self.path, exc) from None

    def drop(self) -> None:
        """Let go: the file is emptied and removed, then unlocked."""
        handle, self.handle = self.handle, None
        if handle is None:
            return
        with contextlib.suppress(OSError):
            handle.seek(0)
            handle.truncate(0)
        if sys.platform != "win32":  # Windows cannot remove a file that is still open
            with contextlib.suppress(OSError):
                self.path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            _os_unlock(handle)
        handle.close()
        if sys.platform == "win32":
            # Another program may have it open this moment; it is empty and unlocked then.
            with contextlib.suppress(OSError):
                self.path.unlink(missing_ok=True)


class DataFileLock:
    def __init__(self, data: Path, user: str) -> None:
        self.data = Path(data)
        self.user = user
        self.held = False
        self.cleared_stale = False  # the last holder ended without closing the file
        self._files: list[_HeldFile] = []

    def acquire(self, *, force: bool = False) -> None:
        beside = _HeldFile(lock_path(self.data))
        found = beside.take()
        if found is False:
            raise FileLocked(self.data, read_owner(self.data))
        self._files.append(beside)
        owner = found if isinstance(found, LockOwner) else None
        stale = beside.handle is not None and beside.path.stat().st_size > 0
        if owner is not None and owner.host != socket.gethostname() and not force:
            # Another computer wrote it; its lock may not be visible from here.
            self.release()
            raise FileLocked(self.data, owner)
        identity = _identity_path(self.data)
        if identity is not None and identity != beside.path:
            other = _HeldFile(identity)
            if other.take() is False:
                self.release()
                raise FileLocked(self.data, None)
            self._files.append(other)
        self.cleared_stale = stale and not force
        body = json.dumps(
            {
                "host": socket.gethostname(),
                "user": self.user,
                "pid": os.getpid(),
                "since": datetime.now().replace(microsecond=0).isoformat(),
            }
        ).encode("utf-8")
        try:
            for held in self._files:
                held.write(body)
        except DataFileError:
            self.release()
            raise
        self.held = True

    def release(self) -> None:
        for held in reversed(self._files):
            held.drop()
        self._files = []
        self.held = False

    def __enter__(self) -> DataFileLock:
        self.acquire()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self.release()
