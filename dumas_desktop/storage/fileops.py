"""Renaming, moving and removing the program's files, the same on Windows as on Linux.

On Windows a file that another process has open cannot be renamed or removed: SQLite
opens its files without FILE_SHARE_DELETE, and antivirus programs (Smadav, Avast, Windows
Defender) open every new file for a moment to scan it, so `os.replace` and `unlink` fail
with WinError 32 (sharing violation) or 5 (access denied) where Linux never fails. SQLite
itself retries such failures for a while (its win32 VFS, `winRetryIoerr`); these helpers
do the same, then turn what remains into one Indonesian message.
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..domain.errors import DataFileError

T = TypeVar("T")
# ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
TRANSIENT_WINERRORS = frozenset({5, 32, 33})
RETRY_DELAYS = (0.025, 0.05, 0.1, 0.2, 0.4, 0.8)  # about 1.6 s in all
DATABASE_COMPANIONS = ("-wal", "-shm")


def _transient(exc: OSError) -> bool:
    return getattr(exc, "winerror", None) in TRANSIENT_WINERRORS


def retrying(action: Callable[[], T], sleep: Callable[[float], None] = time.sleep) -> T:
    """Run `action`, retrying briefly while Windows says another program holds the file."""
    for delay in (*RETRY_DELAYS, None):
        try:
            return action()
        except OSError as exc:
            if delay is None or not _transient(exc):
                raise
            sleep(delay)
    raise AssertionError("unreachable")


def replace(source: Path, target: Path) -> None:
    retrying(lambda: os.replace(source, target))


def unlink(path: Path) -> None:
    """Remove `path` if it is there."""
    retrying(lambda: Path(path).unlink(missing_ok=True))


def remove_database(path: Path) -> None:
    """A database file and its journal companions, companions last."""
    for leftover in (path, *(path.with_name(path.name + suffix) for suffix in DATABASE_COMPANIONS)):
        unlink(leftover)


def move_database(source: Path, target: Path) -> None:
    """Move a database file with its -wal and -shm: the database first, then its
    companions; when a companion cannot follow, the database is moved back, so committed
    changes in the WAL never end up apart from their database."""
    replace(source, target)
    moved: list[tuple[Path, Path]] = []
    try:
        for suffix in DATABASE_COMPANIONS:
            companion = source.with_name(source.name + suffix)
            if companion.exists():
                replace(companion, target.with_name(target.name + suffix))
                moved.append((companion, target.with_name(target.name + suffix)))
    except OSError:
        for back, there in reversed(moved):
            replace(there, back)
        replace(target, source)
        raise


def explain(exc: OSError, path: Path) -> str:
    """What went wrong with `path`, for a person, in one Indonesian line."""
    name = Path(path).name
    if _transient(exc):
        return (
            f"Berkas {name} sedang dipakai program lain (mis. antivirus atau program yang membukanya); "
            "tunggu sebentar lalu coba lagi."
        )
    if exc.errno == errno.ENOSPC:
        return f"Ruang penyimpanan di {Path(path).parent} penuh. Kosongkan sebagian ruang atau pilih tempat lain."
    if exc.errno == errno.EFBIG:
        return (
            f"Berkas {name} melebihi ukuran terbesar yang dapat disimpan di tempat itu "
            "(flashdisk FAT32: 4 GiB). Pakai flashdisk berformat exFAT atau NTFS."
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"Tidak ada izin menulis {Path(path).parent}; pilih folder lain."
    if exc.errno == errno.EROFS:
        return f"{Path(path).parent} hanya dapat dibaca; pilih tempat lain."
    if exc.errno == errno.EIO:
        return f"Perangkat penyimpanan gagal menulis {name} (flashdisk dicabut atau rusak?)."
    if exc.errno == errno.ENOENT:
        return f"Folder atau berkas {path} tidak ada (flashdisk dicabut?)."
    return f"Berkas {name} tidak dapat ditulis: {exc.strerror or exc}."


def refusal(exc: OSError, path: Path, prefix: str = "") -> DataFileError:
    return DataFileError(f"{prefix}{explain(exc, path)}")
