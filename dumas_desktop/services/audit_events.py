"""What happens to the data file as a whole, in its audit trail: packages exported, backups
made and restored. These paths copy the file rather than work in a session, so the entry is
appended here, through a connection of its own, with the chain's head read inside the
writing transaction (BEGIN IMMEDIATE): a writer elsewhere cannot slip an entry in between.
Sign-ins, failed sign-ins and failed unlocks are recorded by the accounts service."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain.errors import DataFileError
from ..storage import backups
from ..storage.audit import GENESIS, make_row
from ..storage.package import Manifest

BUSY_MS = 15_000


def append(data: Path, *, actor: str, action: str, entity: str, after: dict[str, Any], now: datetime) -> None:
    """One entry at the end of the data file's trail, in a transaction of its own."""
    try:
        with closing(sqlite3.connect(Path(data), timeout=BUSY_MS / 1000, isolation_level=None)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                home = conn.execute("SELECT office_code FROM offices WHERE is_home = 1").fetchone()
                last = conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
                row = make_row(
                    last[0] if last else GENESIS,
                    office_code=home[0] if home else "",
                    at=now.replace(microsecond=0),
                    actor=actor,
                    action=action,
                    entity=entity,
                    after=after,
                )
                row["at"] = row["at"].isoformat(sep=" ")
                row["after"] = json.dumps(row["after"], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                columns = list(row)
                names = ", ".join(f'"{c}"' for c in columns)
                conn.execute(
                    f"INSERT INTO audit_log ({names}) VALUES ({', '.join('?' for _ in columns)})",
                    [row[c] for c in columns],
                )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
    except sqlite3.Error as exc:
        raise DataFileError(f"Jejak audit {Path(data).name} tidak dapat ditulis: {exc}.") from None


def exported(
    data: Path, out: Path, manifest: Manifest, *, actor: str, password: bool, now: datetime | None = None
) -> None:
    """A package has left the office: what it carries, and whether it is locked. A package
    with identities and no password is recorded as the exporter's choice (they were warned)."""
    after = export_entry(out, manifest, password=password)
    try:
        append(data, actor=actor, action="paket_diekspor", entity="package", after=after, now=now or datetime.now())
    except DataFileError as exc:
        raise DataFileError(f"Paket {Path(out).name} dibuat, tetapi tidak tercatat: {exc.message}") from None


def export_entry(out: Path, manifest: Manifest, *, password: bool) -> dict[str, Any]:
    """What the trail says of a package that left the office (a file's or a server's)."""
    raw = manifest.data
    identities = bool(raw.get("identities", True))
    period = raw.get("period")
    counts = raw.get("counts")
    after: dict[str, Any] = {
        "file": Path(out).name,
        "identities": identities,
        "password": password,
        "period": str(period["year"]) if isinstance(period, dict) and "year" in period else "semua",
        "cases": counts.get("complaints") if isinstance(counts, dict) else None,
    }
    if identities and not password:
        after["unprotected_accepted"] = True
    return after


def back_up(
    data: Path, out: Path | None = None, *, actor: str, automatic: bool = False, now: datetime | None = None
) -> backups.BackupInfo:
    """A checked backup of the data file, recorded in its trail."""
    info = backups.make_backup(data, out, now)
    after = {"file": info.path.name, "cases": info.cases, "automatic": automatic}
    try:
        append(data, actor=actor, action="cadangan_dibuat", entity="backup", after=after, now=now or datetime.now())
    except DataFileError as exc:
        raise DataFileError(f"Cadangan {info.path} dibuat, tetapi tidak tercatat: {exc.message}") from None
    return info


def restore(data: Path, backup: Path, *, actor: str, now: datetime | None = None) -> Path | None:
    """Replace the (closed) data file with a backup, the current file kept aside (returned);
    the restored file's trail then says so, its entry following the backup's own last entry."""
    aside = backups.restore(data, backup, now)
    after = {"file": Path(backup).name, "kept_aside": aside.name if aside else ""}
    try:
        append(data, actor=actor, action="cadangan_dipulihkan", entity="backup", after=after, now=now or datetime.now())
    except DataFileError as exc:
        name = Path(backup).name
        raise DataFileError(f"Berkas dipulihkan dari {name}, tetapi tidak tercatat: {exc.message}") from None
    return aside
