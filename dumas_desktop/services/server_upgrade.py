"""Bringing the office's server to a newer program's schema: run by office IT staff as
the database's owner once the new program is installed, while no PC is connected.

A backup comes first, and it must be made at the server's own (older) revision, where
the program's models no longer fit: the backup file is built by the migrations up to
that revision, and its tables — named by that file, which our migrations just made —
are filled column by column from the server. It is an ordinary `.dumas` file of the
older schema: any PC opens it (bringing it up to date after its own copy), and
`restore` or `server migrate-from` puts it back. Then the migrations run and the
program's role is granted its limited privileges again, new tables included, in one
transaction: a failed step leaves the server as it was.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, MetaData, column, create_engine, insert, select, table
from sqlalchemy.exc import DBAPIError

from ..domain.errors import DataFileError
from ..storage import fileops
from ..storage.database import (
    APPLICATION_ID,
    Database,
    _alembic_config,
    head_revision,
    known_revisions,
    migrate_server,
    server_revision,
    sync_file,
)
from ..storage.server import (
    PROGRAM_ROLE,
    PasswordAsker,
    ServerAddress,
    close_quietly,
    connect_engine,
    ensure_role,
    explain_server_error,
    grant_program_role,
)
from .server_keeping import other_sessions, require_owner

# Kept by each side's own triggers (the search indexes differ in kind: FTS5 on a file,
# tsvector on a server), so never copied.
_BUILT_BY_TRIGGERS = ("alembic_version", "audit_head", "complaint_search", "sqlite_")
_BATCH = 500


@dataclass(frozen=True)
class Upgrade:
    old_revision: str
    new_revision: str
    backup: Path | None  # None when there was nothing to do
    cases: int
    program_role: str


def _file_at(path: Path, revision: str) -> Engine:
    """An empty data file at `revision`, made by the program's migrations."""
    from alembic import command

    conn = sqlite3.connect(path)
    try:
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.commit()
    finally:
        conn.close()
    uri = path.resolve().as_uri()
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))
    with engine.begin() as conn_:
        conn_.exec_driver_sql("PRAGMA foreign_keys=OFF")
        config = _alembic_config()
        config.attributes["connection"] = conn_
        command.upgrade(config, revision)
    return engine


def _copied(name: str) -> bool:
    return not any(name.startswith(prefix) for prefix in _BUILT_BY_TRIGGERS)


def _fill(reading: Connection, writing: Connection) -> int:
    """Every row of the older schema's tables, as the file names their columns; the
    server's values are converted by the file's column types. Returns the cases copied."""
    shape = MetaData()
    shape.reflect(writing, only=lambda name, _meta: _copied(name))
    cases = 0
    for target in shape.sorted_tables:
        if not _copied(target.name):
            continue
        names = [c.name for c in target.c]
        source = table(target.name, *(column(n) for n in names))
        order = [source.c[c.name] for c in target.primary_key.columns]
        result = reading.execution_options(yield_per=_BATCH).execute(select(source).order_by(*order))
        for batch in result.mappings().partitions():
            writing.execute(insert(target), [dict(row) for row in batch])
            if target.name == "complaints":
                cases += len(batch)
    return cases


def back_up_older_server(engine: Engine, revision: str, out: Path) -> int:
    """A `.dumas` file of the server at its own `revision`, at one moment (REPEATABLE
    READ), built under a temporary name; returns its cases."""
    out = Path(out)
    if out.exists():
        raise DataFileError(f"Berkas {out} sudah ada; pilih nama lain untuk cadangan sebelum pembaruan.")
    building = out.with_name(f".{out.name}.{os.getpid()}.sedang-dibuat")
    try:
        file_engine = _file_at(building, revision)
        try:
            with (
                engine.connect().execution_options(isolation_level="REPEATABLE READ") as reading,
                reading.begin(),
                file_engine.begin() as writing,
            ):
                cases = _fill(reading, writing)
                problems = writing.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise DataFileError(f"Cadangan sebelum pembaruan tidak utuh: {len(problems)} rujukan rusak.")
                if writing.exec_driver_sql("PRAGMA quick_check").scalar() != "ok":
                    raise DataFileError("Cadangan sebelum pembaruan tidak lolos pemeriksaan.")
        finally:
            file_engine.dispose()
        sync_file(building)
        fileops.replace(building, out)
    except DBAPIError as exc:
        with contextlib.suppress(OSError):
            fileops.remove_database(building)
        reason = explain_server_error(exc) or str(exc.orig).strip().splitlines()[0]
        raise DataFileError(f"Cadangan sebelum pembaruan tidak dapat dibuat ({reason}); server tidak diubah.") from None
    except BaseException:
        with contextlib.suppress(OSError):
            fileops.remove_database(building)
        raise
    return cases


def upgrade_server(
    address: ServerAddress,
    backup: Path,
    *,
    program_role: str = PROGRAM_ROLE,
    program_password: str | None = None,
    ask_password: PasswordAsker | None = None,
) -> Upgrade:
    """Bring the server (opened as its owner) to this program's schema after a backup at
    `backup`; the program's role keeps exactly its limited privileges."""
    engine = connect_engine(address, ask_password)
    try:
        revision = server_revision(engine)
        if revision is None:
            raise DataFileError(
                f"Basis data {address.name} belum disiapkan untuk Dumas Desktop: jalankan `dumas-desktop server init`."
            )
        if revision not in known_revisions():
            raise DataFileError(
                f"Server {address.name} ditulis versi Dumas Desktop yang lebih baru (skema {revision}); "
                "perbarui program ini, bukan servernya."
            )
        db = Database(None, engine, read_only=False, address=address)
        require_owner(db, "Memperbarui susunan server")
        if revision == head_revision():
            return Upgrade(revision, revision, None, 0, program_role)
        others = other_sessions(db)
        if others:
            raise DataFileError(
                f"{len(others)} sambungan lain masih terbuka ke {address.name} ({', '.join(others[:5])}): "
                "tutup Dumas Desktop di setiap PC, lalu ulangi. Tidak ada yang diubah."
            )
        cases = back_up_older_server(engine, revision, backup)

        def grant(conn: Connection) -> None:
            ensure_role(conn, program_role, program_password)
            grant_program_role(conn, program_role)

        migrate_server(engine, then=grant)
        return Upgrade(revision, head_revision(), Path(backup), cases, program_role)
    finally:
        close_quietly(engine)
