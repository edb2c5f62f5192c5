"""Backups and packages of the office's server, made through a data file: the server's
content at one moment is copied into a new file by the program's own migrations and
models (services/server_move.py), checked as every file is checked, and then kept as a
backup or packed as a USB package exactly as a file's would be. A server backup is thus a
`.dumas` file, which opens on any PC and moves back onto a server with `server migrate-from`.
"""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import closing
from datetime import datetime
from pathlib import Path

from sqlalchemy.dialects.postgresql import insert

from ..domain.access import SYSTEM, Access
from ..domain.errors import DataFileError
from ..storage.database import Database
from ..storage.integrity import check_file
from ..storage.models import MergeState
from ..storage.package import Manifest
from . import audit_events
from .context import Workspace, home_office
from .server_move import snapshot_server


def _record(db: Database, actor: str, action: str, entity: str, after: dict[str, object], now: datetime) -> None:
    ws = Workspace(db, actor=actor, clock=lambda: now)
    with db.transaction() as session:
        ws.audit(session, home_office(session).office_code, action, entity, after=after)


def back_up_server(db: Database, out: Path, *, actor: str, now: datetime | None = None) -> int:
    """A checked backup of the server at `out` (a new .dumas file); returns its cases."""
    out = Path(out)
    if out.exists():
        raise DataFileError(f"Berkas {out} sudah ada; pilih nama lain untuk cadangan server.")
    summary = snapshot_server(db, out)
    report = check_file(out)
    if not report.ok:
        out.unlink(missing_ok=True)
        raise DataFileError(f"Cadangan server tidak lolos pemeriksaan ({report.problems[0]}); tidak disimpan.")
    after = {"file": out.name, "cases": summary.cases, "automatic": False}
    _record(db, actor, "cadangan_dibuat", "backup", after, now or datetime.now())
    return summary.cases


def export_from_server(
    db: Database,
    out: Path,
    *,
    year: int | None = None,
    password: str | None = None,
    now: datetime | None = None,
    without_identities: bool = False,
    access: Access = SYSTEM,
) -> Manifest:
    """The same USB package a file makes, made from the server's content; the revisions
    it carries are noted on the server, and the export is in the server's trail."""
    from .transfer import export_package

    with tempfile.TemporaryDirectory(prefix="dumas-server-", ignore_cleanup_errors=True) as work:
        snapshot = Path(work) / "server.dumas"
        snapshot_server(db, snapshot)
        manifest = export_package(
            snapshot,
            out,
            year=year,
            password=password,
            now=now,
            without_identities=without_identities,
            access=access,
        )
        with closing(sqlite3.connect(snapshot)) as conn:
            carried = conn.execute("SELECT complaint_uuid, revision FROM merge_state").fetchall()
    with db.transaction() as session:
        if carried:
            statement = insert(MergeState).values([{"complaint_uuid": u, "revision": r} for u, r in carried])
            session.execute(
                statement.on_conflict_do_update(
                    index_elements=["complaint_uuid"], set_={"revision": statement.excluded.revision}
                )
            )
    after = audit_events.export_entry(out, manifest, password=bool(password))
    _record(db, access.label, "paket_diekspor", "package", after, now or datetime.now())
    return manifest
