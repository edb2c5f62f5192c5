"""Backups of the data file: consistent copies made with SQLite's backup API into the
folder beside the data, each checked after it is written, thinned over time (dense for
recent days, sparse for older months, as Anki keeps its daily/weekly/monthly backups),
and restored with the current file kept aside first."""

from __future__ import annotations

import contextlib
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ..domain.errors import DataFileError
from . import fileops
from .database import APPLICATION_ID, backups_dir, copy_database, head_revision, known_revisions, sync_file

STAMP = "%Y%m%d-%H%M%S"
# Automatic and manual backups are named NAME.cadangan-YYYYMMDD-HHMMSS.dumas; the copies
# made before a schema update or a restore have their own names and are never thinned.
_NAME = re.compile(r"^(?P<stem>.+)\.cadangan-(?P<stamp>\d{8}-\d{6})\.dumas$")

KEEP_ALL_HOURS = 24
KEEP_DAILY_DAYS = 7
KEEP_WEEKLY_WEEKS = 8
KEEP_MONTHLY_MONTHS = 12


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime
    size_bytes: int
    cases: int | None  # None when the copy cannot be read
    kind: str  # cadangan, pra-migrasi, sebelum-pulih, rusak


def _verify(path: Path) -> int:
    """The copy opens, passes SQLite's quick check, is a Dumas file; returns its case count."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                raise DataFileError(f"{path.name} bukan berkas data Dumas Desktop.")
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise DataFileError(f"Salinan {path.name} rusak: {result}")
            return int(conn.execute("SELECT count(*) FROM complaints").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise DataFileError(f"Salinan {path.name} tidak dapat dibaca: {exc}") from None


def make_backup(data: Path, out: Path | None = None, now: datetime | None = None) -> BackupInfo:
    """Copy the data file (open or not) to `out`, or to its backup folder; checked before
    it takes its final name, so a half-written copy never looks like a backup."""
    data = Path(data)
    if not data.exists():
        raise DataFileError(f"Berkas data {data} tidak ada.")
    now = now or datetime.now()
    target = out or backups_dir(data) / f"{data.stem}.cadangan-{now.strftime(STAMP)}.dumas"
    if target.exists():
        raise DataFileError(f"Berkas {target} sudah ada; pilih nama lain.")
    partial = target.with_name(f".{target.name}.sebagian")
    try:
        copy_database(data, partial, scratch=True, map_if_local=True)
        sync_file(partial)
        cases = _verify(partial)
        fileops.replace(partial, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            fileops.unlink(partial)
        raise fileops.refusal(exc, target, "Cadangan tidak dapat ditulis: ") from None
    except (sqlite3.Error, DataFileError) as exc:
        with contextlib.suppress(OSError):
            fileops.unlink(partial)
        raise DataFileError(f"Cadangan gagal dan dibuang: {exc}") from None
    return BackupInfo(target, now, target.stat().st_size, cases, "cadangan")


def list_backups(data: Path, *, count_cases: bool = True) -> list[BackupInfo]:
    """Every backup of this data file, newest first."""
    folder = backups_dir(Path(data))
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.dumas"):
        match = _NAME.match(path.name)
        if match:
            made = datetime.strptime(match["stamp"], STAMP)
            kind = "cadangan"
        else:
            made = datetime.fromtimestamp(path.stat().st_mtime)
            kind = next((k for k in ("pra-migrasi", "rusak", "sebelum-pulih") if f".{k}-" in path.name), "lain")
        cases: int | None = None
        if count_cases:
            try:
                cases = _verify(path)
            except DataFileError:
                cases = None
        found.append(BackupInfo(path, made, path.stat().st_size, cases, kind))
    return sorted(found, key=lambda b: b.made_at, reverse=True)


def to_keep(made: list[datetime], now: datetime) -> set[datetime]:
    """Which backup times a thinning keeps: all of the last day, then the newest of each
    day for a week, of each week for two months, of each month for a year."""
    keep: set[datetime] = set()
    buckets: dict[tuple[str, int, int], datetime] = {}
    for moment in sorted(made, reverse=True):
        age = now - moment
        if age <= timedelta(hours=KEEP_ALL_HOURS):
            keep.add(moment)
            continue
        if age <= timedelta(days=KEEP_DAILY_DAYS):
            key = ("hari", moment.toordinal(), 0)
        elif age <= timedelta(weeks=KEEP_WEEKLY_WEEKS):
            iso = moment.isocalendar()
            key = ("minggu", iso.year, iso.week)
        elif age <= timedelta(days=31 * KEEP_MONTHLY_MONTHS):
            key = ("bulan", moment.year, moment.month)
        else:
            continue
        buckets.setdefault(key, moment)  # newest first: the first seen is the newest of its bucket
    return keep | set(buckets.values())


def thin(data: Path, now: datetime | None = None) -> list[Path]:
    """Delete the automatic and manual backups the policy no longer keeps; returns them."""
    now = now or datetime.now()
    backups = [b for b in list_backups(data, count_cases=False) if b.kind == "cadangan"]
    keep = to_keep([b.made_at for b in backups], now)
    removed = []
    for backup in backups:
        if backup.made_at not in keep:
            try:
                fileops.unlink(backup.path)
            except OSError:
                continue  # held by another program (a scan, a copy): thinned next time
            removed.append(backup.path)
    return removed


def check_restorable(backup: Path) -> int:
    """The backup is a sound Dumas file this program can open; returns its case count."""
    backup = Path(backup)
    if not backup.is_file():
        raise DataFileError(f"Cadangan {backup} tidak ada.")
    cases = _verify(backup)
    conn = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    except (sqlite3.Error, TypeError):  # no version row at all
        revision = None
    finally:
        conn.close()
    if revision not in known_revisions():
        raise DataFileError(
            f"Cadangan {backup.name} dibuat oleh versi program yang lebih baru (skema {revision}); "
            f"program ini mengenal sampai skema {head_revision()}."
        )
    return cases


def _same_schema_as_the_program(copy: Path, name: str) -> None:
    """A backup may have been edited or made elsewhere: brought to this schema by the
    program's own migrations, it must hold exactly what the program makes (no foreign
    trigger, view, table or column is ever put in place)."""
    from .database import _migrate, inspect_file
    from .schema import file_schema_differences

    revision = inspect_file(copy)
    if revision != head_revision():
        _migrate(copy, revision, backup=False)
    problems = file_schema_differences(copy)
    if problems:
        shown = "; ".join(problems[:5]) + (f"; dan {len(problems) - 5} lagi" if len(problems) > 5 else "")
        raise DataFileError(
            f"Cadangan {name} tidak seperti yang dibuat Dumas Desktop ({shown}); "
            "tidak dipulihkan, berkas data tidak diubah."
        )


def restore(data: Path, backup: Path, now: datetime | None = None) -> Path | None:
    """Replace the data file with the backup; the current file is first kept aside in the
    backup folder (returned). The data file must be closed."""
    data, backup = Path(data), Path(backup)
    check_restorable(backup)
    now = now or datetime.now()
    aside: Path | None = None
    incoming = data.with_name(f".{data.name}.dipulihkan")
    try:
        copy_database(backup, incoming, scratch=True)
        _verify(incoming)
        _same_schema_as_the_program(incoming, backup.name)
        sync_file(incoming)
        if data.exists():
            aside = backups_dir(data) / f"{data.stem}.sebelum-pulih-{now.strftime(STAMP)}.dumas"
            copy_database(data, aside)  # a consistent copy, WAL included
        for companion in (data.with_name(data.name + "-wal"), data.with_name(data.name + "-shm")):
            fileops.unlink(companion)
        fileops.replace(incoming, data)
    except OSError as exc:
        with contextlib.suppress(OSError):
            fileops.remove_database(incoming)
        raise fileops.refusal(exc, data, "Pemulihan gagal, berkas data tidak diubah: ") from None
    except sqlite3.Error as exc:
        with contextlib.suppress(OSError):
            fileops.remove_database(incoming)
        raise DataFileError(f"Pemulihan gagal, berkas data tidak diubah: {exc}.") from None
    except DataFileError:
        with contextlib.suppress(OSError):
            fileops.remove_database(incoming)
        raise
    return aside


def set_aside_damaged(data: Path, now: datetime | None = None) -> Path:
    """Move a damaged data file (and its journal) into the backup folder, untouched."""
    data = Path(data)
    now = now or datetime.now()
    folder = backups_dir(data)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{data.stem}.rusak-{now.strftime(STAMP)}.dumas"
    try:
        fileops.move_database(data, target)  # the WAL never apart from its database
    except OSError as exc:
        raise fileops.refusal(exc, data, "Berkas rusak tidak dapat dipindahkan: ") from None
    return target
