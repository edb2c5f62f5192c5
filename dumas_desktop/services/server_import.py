"""Importing a USB package into the office's server with the same hardened merge a file
gets (services/transfer.py, merge.py), never a second merge written for PostgreSQL.

The server's content is copied into a scratch data file (services/server_move.py), the
package is checked and merged into a copy of that file exactly as into an office's file,
and what the merge changed — rows added, changed or removed, found by comparing the two
files table by table through the program's own models — is written to the server in one
transaction. Column and table names come from the models, values are bound and converted
by each column's type; nothing named in the package reaches the server's SQL.

Only the writing holds the writers' lock, exclusively (`Database.transaction(exclusive=True)`,
see import_into_server): the other PCs wait for the changes, not for the copy and merge.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, and_, create_engine, delete, func, insert, select, text, update

from ..domain.access import SYSTEM, Access
from ..domain.errors import DataFileError
from ..storage.database import Database, copy_database
from ..storage.models import Base
from .merge import ImportSummary
from .server_move import snapshot_server

# Rows that never change once written: only their keys are compared (the files' contents
# would otherwise be read twice for nothing).
_WRITE_ONCE = frozenset({"blobs", "audit_log"})
# Kept by the server's own triggers.
_BUILT_BY_TRIGGERS = frozenset({"audit_head"})
_BATCH = 500


@dataclass
class Changes:
    """What the merge did, per table: rows added (write-once tables: their keys, the rows
    read as they are written), columns set, rows removed; keys as {column: value}."""

    inserted: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    updated: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = field(default_factory=dict)
    deleted: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(len(v) for part in (self.inserted, self.updated, self.deleted) for v in part.values())


def _tables() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if t.name not in _BUILT_BY_TRIGGERS]


def _keyed(conn: Connection, table: Table, *, keys_only: bool) -> dict[tuple[Any, ...], dict[str, Any]]:
    key_columns = list(table.primary_key.columns)
    # In key order: the audit log's entries must reach the server in their chain's order.
    result = conn.execute(select(*(key_columns if keys_only else table.c)).order_by(*key_columns))
    return {tuple(row[c.name] for c in key_columns): dict(row) for row in result.mappings()}


def _where(table: Table, key: dict[str, Any]) -> Any:
    return and_(*(table.c[name] == value for name, value in key.items()))


def compare(before: Connection, after: Connection) -> Changes:
    """Every row the merge added, changed or removed in `after`, a copy of `before`."""
    changes = Changes()
    for table in _tables():
        keys_only = table.name in _WRITE_ONCE
        names = [c.name for c in table.primary_key.columns]
        old = _keyed(before, table, keys_only=keys_only)
        new = _keyed(after, table, keys_only=keys_only)
        added = [row for key, row in new.items() if key not in old]
        if added:
            changes.inserted[table.name] = added
        changed = [
            (dict(zip(names, key, strict=True)), {k: v for k, v in row.items() if old[key][k] != v})
            for key, row in new.items()
            if key in old and old[key] != row
        ]
        if changed:
            changes.updated[table.name] = changed
        gone = [dict(zip(names, key, strict=True)) for key in old if key not in new]
        if gone:
            changes.deleted[table.name] = gone
    return changes


def _batches(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), _BATCH):
        yield rows[start : start + _BATCH]


def _whole(after: Connection, table: Table, keys: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if table.name not in _WRITE_ONCE:
        return keys
    return [dict(after.execute(select(table).where(_where(table, key))).mappings().one()) for key in keys]


def apply(conn: Connection, changes: Changes, after: Connection) -> None:
    """Write `changes` to the server inside the caller's transaction: inserts and updates
    in reference order, removals in the reverse order; the id counters are moved past the
    ids the new rows brought (ids stay as the merge gave them, so references hold)."""
    tables = _tables()
    for table in tables:
        rows = changes.inserted.get(table.name, [])
        self_refs = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
        later: list[tuple[dict[str, Any], dict[str, Any]]] = []
        for batch in _batches(rows):
            batch = _whole(after, table, batch)
            if self_refs:  # a row may point at one inserted after it: set once both are there
                for row in batch:
                    pointing = {c: row[c] for c in self_refs if row[c] is not None}
                    if pointing:
                        later.append(({c.name: row[c.name] for c in table.primary_key.columns}, pointing))
                batch = [{**row, **dict.fromkeys(self_refs)} for row in batch]
            conn.execute(insert(table), batch)
        for key, values in [*changes.updated.get(table.name, []), *later]:
            conn.execute(update(table).where(_where(table, key)).values(**values))
        if rows and "id" in table.c and table.c.id.primary_key:
            _advance_counter(conn, table, max(row["id"] for row in rows))
    for table in reversed(tables):
        for key in changes.deleted.get(table.name, []):
            conn.execute(delete(table).where(_where(table, key)))


def _advance_counter(conn: Connection, table: Table, top: int) -> None:
    """Take values from the table's id counter until it has passed `top`: the program's
    role may take values (USAGE) but not set the counter (setval needs UPDATE)."""
    sequence = conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}).scalar()
    if sequence is None:
        return
    taken = int(conn.execute(text("SELECT nextval(CAST(:s AS regclass))"), {"s": sequence}).scalar_one())
    if taken < top:
        conn.execute(
            text("SELECT max(nextval(CAST(:s AS regclass))) FROM generate_series(1, :n)"),
            {"s": sequence, "n": top - taken},
        )


def _sqlite_engine(path: Path) -> Engine:
    uri = path.resolve().as_uri() + "?mode=ro"
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))


def _head(conn: Connection) -> tuple[int, str] | None:
    row = conn.execute(text("SELECT entries, hash FROM audit_head WHERE id = 1")).first()
    return (int(row[0]), str(row[1])) if row is not None else None


def _counts(conn: Connection) -> dict[str, int]:
    return {t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one()) for t in _tables()}


@dataclass
class _Merged:
    summary: ImportSummary
    head: tuple[int, str] | None  # the server's audit head when it was copied
    changes: Changes
    after: Path
    expected_head: tuple[int, str] | None


def _merge(db: Database, package: Path, work: Path, merge: dict[str, Any], *, dry_run: bool) -> _Merged:
    """The server copied, the package merged into the copy by the file's own merge, and
    the difference found: all of it without holding any lock on the server."""
    from .transfer import import_package

    before, after = work / "server.dumas", work / "gabungan.dumas"
    if merge.get("progress"):
        merge["progress"]("Menyalin isi server…")
    snapshot_server(db, before)
    copy_database(before, after)
    summary = import_package(after, package, dry_run=dry_run, **merge)
    old, new = _sqlite_engine(before), _sqlite_engine(after)
    try:
        with old.connect() as copy, new.connect() as merged:
            head, expected = _head(copy), _head(merged)
            changes = Changes() if dry_run or summary.already_imported else compare(copy, merged)
    finally:
        old.dispose()
        new.dispose()
    return _Merged(summary, head, changes, after, expected)


def _write(conn: Connection, merged: _Merged) -> None:
    """The merge's changes onto the server, each table then checked to have grown or
    shrunk by exactly what was written (a PC's unaudited work since the copy, a fetched
    e-mail, stays as it is)."""
    before = _counts(conn)
    engine = _sqlite_engine(merged.after)
    try:
        with engine.connect() as after:
            apply(conn, merged.changes, after)
    finally:
        engine.dispose()
    found = _counts(conn)
    changes = merged.changes
    wrong = [
        name
        for name, count in found.items()
        if count - before[name] != len(changes.inserted.get(name, [])) - len(changes.deleted.get(name, []))
    ]
    if wrong:
        raise DataFileError(f"Impor ke server dibatalkan: jumlah baris {', '.join(wrong)} tidak sesuai.")
    # The server's trigger moved the head entry by entry: it must end where the merged copy's did.
    if _head(conn) != merged.expected_head:
        raise DataFileError("Impor ke server dibatalkan: jejak audit tidak bersambung seperti di salinan gabungan.")


# Copies made while other PCs keep working, before one is made with them waiting.
_UNLOCKED_TRIES = 2


def import_into_server(
    db: Database,
    package: Path,
    *,
    password: str | None = None,
    user: str = "sistem",
    dry_run: bool = False,
    now: datetime | None = None,
    progress: Callable[[str], None] | None = None,
    access: Access = SYSTEM,
) -> ImportSummary:
    """Check `package`, then merge it into the server as into a file: all of it in one
    transaction, or nothing (with `dry_run`, only what it would do).

    The copy, the merge and the comparison are made while the other PCs go on working;
    only the writing holds the writers' lock (exclusively), and it goes ahead only if the
    server's audit head is still the copy's (every change to the office's data is in the
    trail). Had a PC written meanwhile, it is done again, the last time with the lock held
    throughout."""
    if not db.is_server:
        raise DataFileError("Impor ke server: tujuannya harus server kantor.")
    access.require_admin("Mengimpor paket")
    from .transfer import check_package

    if progress:
        progress("Memeriksa paket…")
    check_package(package, password)  # a package to refuse is refused before the server is copied
    merge: dict[str, Any] = dict(password=password, user=user, now=now, progress=progress, access=access)
    for attempt in range(_UNLOCKED_TRIES + 1):
        with tempfile.TemporaryDirectory(prefix="dumas-impor-server-", ignore_cleanup_errors=True) as folder:
            work = Path(folder)
            if dry_run:
                return _merge(db, package, work, merge, dry_run=True).summary
            if attempt < _UNLOCKED_TRIES:
                merged = _merge(db, package, work, merge, dry_run=False)
                if merged.summary.already_imported:
                    return merged.summary
                with db.transaction(exclusive=True) as session:  # every other writer done, and waiting
                    conn = session.connection()
                    if _head(conn) != merged.head:
                        continue  # a PC wrote after the copy was made: the transaction ends unused
                    if progress:
                        progress(f"Menulis {merged.changes.rows} perubahan ke server…")
                    _write(conn, merged)
                return merged.summary
            with db.transaction(exclusive=True) as session:  # the writers' lock held alone: every PC waits
                merged = _merge(db, package, work, merge, dry_run=False)
                conn = session.connection()
                if _head(conn) != merged.head:
                    raise DataFileError(
                        "Server diubah PC lain selama impor; impor dibatalkan, tidak ada yang berubah. Ulangi."
                    )
                if not merged.summary.already_imported:
                    _write(conn, merged)
            return merged.summary
    raise AssertionError("unreachable")  # the last try returns or raises
