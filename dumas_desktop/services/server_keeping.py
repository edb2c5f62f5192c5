"""Backups and packages of the office's server, made through a data file: the server's
content at one moment is copied into a new file by the program's own migrations and
models (services/server_move.py), checked as every file is checked, and then kept as a
backup or packed as a USB package exactly as a file's would be. A server backup is thus a
`.dumas` file, which opens on any PC and moves back onto a server with `server migrate-from`
(an empty database) or `restore` (over the server, its present content kept aside first).
"""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, text
from sqlalchemy.dialects.postgresql import insert

from ..domain.access import SYSTEM, Access
from ..domain.errors import DataFileError
from ..storage.database import Database, copy_database, open_database
from ..storage.integrity import check_file
from ..storage.models import Base, MergeState
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


# --- restoring a backup over the server -----------------------------------------------------

# Filled by triggers and refreshed at the end of a move; emptied with the models' tables.
_SEARCH_TABLES = ("complaint_search", "complaint_search_open")


@dataclass(frozen=True)
class ServerRestore:
    cases: int
    kept_aside: Path  # the server's content just before, as a checked .dumas file


def other_sessions(db: Database) -> list[str]:
    """Where the other connections to the server's database come from (one entry each):
    the PCs still working on it. The program's own idle connections are closed first."""
    db.engine.dispose()
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT coalesce(host(client_addr), 'PC server'), coalesce(nullif(application_name, ''), usename) "
            "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND backend_type = 'client backend'"
        ).fetchall()
    return [f"{host} ({program})" for host, program in rows]


def require_owner(db: Database, what: str) -> None:
    with db.engine.connect() as conn:
        owner = conn.exec_driver_sql(
            "SELECT t.tableowner = current_user OR r.rolsuper FROM pg_tables t, pg_roles r "
            "WHERE t.schemaname = 'public' AND t.tablename = 'audit_log' AND r.rolname = current_user"
        ).scalar()
    if not owner:
        address = db.address
        example = f"postgresql://postgres@{address.host}:{address.port}/{address.database}" if address else ""
        raise DataFileError(
            f"{what} dijalankan petugas TI sebagai pemilik basis data (mis. --data {example}), "
            "bukan dengan peran program; tidak ada yang diubah."
        )


def _empty(conn: Connection) -> None:
    """Every table of the program emptied, as the schema's owner, inside the restore's
    transaction: the audit log's own refusal of TRUNCATE is lifted for that statement only."""
    names = [t.name for t in Base.metadata.sorted_tables] + list(_SEARCH_TABLES)
    conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate"))
    conn.execute(text(f"TRUNCATE {', '.join(names)} RESTART IDENTITY"))
    conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_truncate"))
    conn.execute(text("INSERT INTO audit_head (id, entries, hash) VALUES (1, 0, '')"))


def restore_server(
    db: Database, backup: Path, *, aside: Path, actor: str, access: Access, now: datetime | None = None
) -> ServerRestore:
    """Replace everything on the server (opened as its owner) by a checked backup, in one
    transaction, after the server's present content is saved at `aside` (a checked file):
    nothing is lost. Refused while another PC is connected, since its open forms would
    then stand on data that is no longer there."""
    from .keeping import RESTORE
    from .server_move import move_file_to_server

    access.require_admin(RESTORE)
    require_owner(db, "Memulihkan server")
    backup, aside = Path(backup), Path(aside)
    if aside.exists():
        raise DataFileError(f"Berkas {aside} sudah ada; pilih nama lain untuk salinan isi server sekarang.")
    others = other_sessions(db)
    if others:
        shown = ", ".join(others[:5]) + (f", dan {len(others) - 5} lagi" if len(others) > 5 else "")
        raise DataFileError(
            f"{len(others)} sambungan lain masih terbuka ke {db.address.name if db.address else 'server'} "
            f"({shown}): tutup Dumas Desktop di PC lain, lalu ulangi. Tidak ada yang diubah."
        )
    with tempfile.TemporaryDirectory(prefix="dumas-pulih-server-", ignore_cleanup_errors=True) as work:
        # A copy is brought to this program's schema, never the backup itself.
        source = Path(work) / "cadangan.dumas"
        try:
            copy_database(backup, source)
        except (OSError, sqlite3.Error) as exc:
            raise DataFileError(f"Cadangan {backup} tidak dapat dibaca: {exc}.") from None
        try:
            open_database(source).close()  # an older backup is brought to this schema, after its own copy
        except DataFileError as exc:
            raise DataFileError(
                f"Cadangan {backup.name} tidak dapat dipakai: {exc.message} Server tidak diubah."
            ) from None
        report = check_file(source)
        if not report.ok:
            raise DataFileError(
                f"Cadangan {backup.name} tidak lolos pemeriksaan ({report.problems[0]}); server tidak diubah."
            )
        back_up_server(db, aside, actor=actor, now=now)
        summary = move_file_to_server(source, db, empty_first=_empty)
    after: dict[str, object] = {"file": backup.name, "kept_aside": aside.name}
    _record(db, actor, "cadangan_dipulihkan", "backup", after, now or datetime.now())
    return ServerRestore(summary.cases, aside)
