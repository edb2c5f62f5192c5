"""What a process killed half-way leaves beside a data file: a restore's incoming copy, a
new file being built, an import's unpacked package, a backup being written. None of them
ever carries a final name; the next writer, holding the file's lock, removes them."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from . import fileops
from .database import backups_dir

# A backup is written without the lock (reading is allowed while another program writes),
# so only one old enough that no backup could still be writing it is removed.
BACKUP_LEFTOVER_SECONDS = 3600


def remove_leftovers(data: Path, now: float | None = None) -> list[Path]:
    """Remove them (the caller holds the data file's lock); returns what was removed."""
    data = Path(data)
    now = time.time() if now is None else now
    found: list[Path] = []
    folder = data.parent
    if folder.is_dir():
        for pattern in (f".{data.name}.dipulihkan*", f".{data.name}.*.sedang-dibuat*", ".dumas-impor-*"):
            found += folder.glob(pattern)
    backups = backups_dir(data)
    if backups.is_dir():
        for partial in backups.glob(f".{data.stem}.*.sebagian*"):
            try:
                if now - partial.stat().st_mtime > BACKUP_LEFTOVER_SECONDS:
                    found.append(partial)
            except OSError:
                continue
    removed = []
    for path in found:
        try:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                fileops.unlink(path)
            removed.append(path)
        except OSError:
            continue  # held by another program this moment: the next start tries again
    return removed
