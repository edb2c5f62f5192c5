"""Moving a single-PC office's data file onto the office's server: every row of every
table the models know, in the order their references need, then the server's own
counters set past the ids taken, and the audit chain and the row counts verified.

A file goes onto a server by COPY, one stream per table: the columns named are the
models' own, never the file's, and the server parses each value by its column's type
(SQLite's text dates, 0/1 booleans and JSON text become timestamps, booleans and json;
psycopg sends blobs as bytea). A server goes into a file through the models' tables
(SQLAlchemy Core), each value converted by its column's type. The search indexes and the
audit head are not copied: they are built from the rows that arrived, and the chain is
then verified from its first entry to that head.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, text
from sqlalchemy.exc import IntegrityError

from ..domain.errors import DataFileError
from ..storage.audit import verify_chain
from ..storage.database import Database, open_database
from ..storage.models import Base
from ..storage.schema import quoted

# Filled by the server's triggers, not copied (see the module's docstring).
_BUILT_BY_TRIGGERS = frozenset({"audit_head"})
_BATCH_ROWS = 500


@dataclass(frozen=True)
class MoveSummary:
    rows: dict[str, int]  # table -> rows moved

    @property
    def cases(self) -> int:
        return self.rows.get("complaints", 0)

    @property
    def audit_entries(self) -> int:
        return self.rows.get("audit_log", 0)


def _tables() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if t.name not in _BUILT_BY_TRIGGERS]


def copy_rows(
    reading: Connection, writing: Connection, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Every row of every table from one database into another's empty tables, in
    reference order, each table in id order; returns the rows per table."""
    moved: dict[str, int] = {}
    for table in _tables():
        count = 0
        order = list(table.primary_key.columns)
        result = reading.execution_options(yield_per=_BATCH_ROWS).execute(select(table).order_by(*order))
        for batch in result.mappings().partitions():
            writing.execute(insert(table), [dict(row) for row in batch])
            count += len(batch)
        moved[table.name] = count
        if progress is not None:
            progress(table.name, count)
    return moved


def copy_file_rows(
    reading: sqlite3.Connection, writing: Connection, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Every row of every table of a file into a server's empty tables by COPY, in
    reference order, each table in id order; returns the rows per table."""
    from psycopg import errors, sql

    raw: Any = writing.connection.dbapi_connection  # psycopg's own: its cursors COPY
    moved: dict[str, int] = {}
    for table in _tables():
        names = [column.name for column in table.columns]
        order = ", ".join(quoted(column.name) for column in table.primary_key.columns)
        rows = reading.execute(f"SELECT {', '.join(map(quoted, names))} FROM {quoted(table.name)} ORDER BY {order}")
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, names))
        )
        count = 0
        try:
            with raw.cursor() as cursor, cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        except (errors.DataError, errors.IntegrityError) as exc:
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise DataFileError(
                f"Pemindahan dibatalkan: tabel {table.name} di berkas memuat nilai yang tidak dapat disimpan di "
                f"server ({detail}). Tujuan tidak diubah."
            ) from None
        moved[table.name] = count
        if progress is not None:
            progress(table.name, count)
    return moved


def move_file_to_server(
    source: Path,
    target: Database,
    progress: Callable[[str, int], None] | None = None,
    *,
    empty_first: Callable[[Connection], None] | None = None,
) -> MoveSummary:
    """Copy the file at `source` (brought to the newest schema first, after its safety
    copy) into `target`, an empty server schema, in one transaction: all of it, or none.
    `empty_first` empties a server that holds data, inside that transaction (a restore)."""
    if not target.is_server:
        raise DataFileError("Tujuan pemindahan harus server kantor.")
    file_db = open_database(source)
    try:
        with file_db.engine.connect() as reading, target.transaction(exclusive=True) as session:
            writing = session.connection()
            if empty_first is not None:
                empty_first(writing)
            _row_triggers(writing, enable=False)
            put_back = _set_aside_checks(writing)
            source_rows = reading.connection.driver_connection
            assert isinstance(source_rows, sqlite3.Connection)  # a data file's engine is sqlite3's
            moved = copy_file_rows(source_rows, writing, progress)
            _put_back(writing, put_back.before_search)
            # The planner learns the tables' sizes now: the search documents are gathered by
            # index, and the first query of every PC is planned for the real tables. Not the
            # kept files' contents: sampling them reads megabytes for no plan's sake.
            analyzed = ", ".join(quoted(t.name) for t in _tables() if t.name != "blobs")
            writing.execute(text(f"ANALYZE {analyzed}"))
            # Each case's search rows once, rather than again for every party that arrives,
            # and the chain's head once, from the entries that arrived.
            writing.execute(text("SELECT complaint_search_rebuild()"))
            writing.execute(text("SELECT complaint_search_open_rebuild()"))  # copies from the first
            writing.execute(text(_HEAD_FROM_ROWS))
            _put_back(writing, put_back.after_search)
            _row_triggers(writing, enable=True)
            _advance_id_counters(writing)
            _verify(writing, moved)
            writing.execute(text("ANALYZE complaint_search, complaint_search_open"))
    finally:
        file_db.close()
    return MoveSummary(moved)


_HEAD_FROM_ROWS = (
    "UPDATE audit_head SET entries = (SELECT count(*) FROM audit_log), "
    "hash = coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') WHERE id = 1"
)


def snapshot_server(server: Database, target: Path) -> MoveSummary:
    """A data file holding everything on the server as it stood at one moment (one
    REPEATABLE READ transaction), made by the program's migrations and filled through the
    models; its audit chain and row counts are verified before it takes its name."""
    from ..storage.database import create_database

    moved: list[MoveSummary] = []

    def fill(file_db: Database) -> None:
        with (
            server.engine.connect().execution_options(isolation_level="REPEATABLE READ") as reading,
            reading.begin(),
            file_db.transaction() as session,
        ):
            writing = session.connection()
            rows = copy_rows(reading, writing)
            _verify(writing, rows)
            moved.append(MoveSummary(rows))

    create_database(target, fill).close()
    return moved[0]


# The triggers that index a case, tell other PCs of it, or move the audit head, row by row;
# set aside while a whole file arrives (inside the same transaction, as the schema's owner),
# then put back. What they would have built is built once, and verified.
_ROW_TRIGGERS = (
    ("complaints", "complaint_search_c"),
    ("parties", "complaint_search_p"),
    ("complaints", "complaint_search_open_c"),
    ("parties", "complaint_search_open_p"),
    ("complaints", "complaints_changed"),
    ("audit_log", "audit_log_head"),
)


def _row_triggers(conn: Connection, *, enable: bool) -> None:
    for table, trigger in _ROW_TRIGGERS:
        conn.execute(text(f"ALTER TABLE {table} {'ENABLE' if enable else 'DISABLE'} TRIGGER {trigger}"))


@dataclass(frozen=True)
class _PutBack:
    before_search: list[str]  # the search documents are gathered through these indexes
    after_search: list[str]  # the search indexes' own: built once over all the rows


def _set_aside_checks(conn: Connection) -> _PutBack:
    """Drop the plain indexes and the foreign keys while the rows arrive, as pg_restore
    loads data before it makes them; returns the statements that make them again, each as
    the schema defined it (pg_get_indexdef, pg_get_constraintdef). Made again after the
    load, every foreign key is checked against every row in one pass, and the whole move is
    one transaction: a file whose references do not hold is refused, nothing is kept."""
    indexes = conn.execute(
        text(
            "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND NOT i.indisprimary AND NOT i.indisunique ORDER BY c.relname"
        )
    ).all()
    keys = conn.execute(
        text(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND connamespace = 'public'::regnamespace ORDER BY conrelid::regclass::text, conname"
        )
    ).all()
    for table, name, _definition in keys:
        conn.execute(text(f"ALTER TABLE {quoted(table)} DROP CONSTRAINT {quoted(name)}"))
    for name, _definition in indexes:
        conn.execute(text(f"DROP INDEX {quoted(name)}"))
    search = [definition for name, definition in indexes if name.startswith("ix_complaint_search")]
    return _PutBack(
        [definition for _name, definition in indexes if definition not in search]
        + [
            f"ALTER TABLE {quoted(table)} ADD CONSTRAINT {quoted(name)} {definition}"
            for table, name, definition in keys
        ],
        search,
    )


def _put_back(conn: Connection, statements: list[str]) -> None:
    for statement in statements:
        try:
            with conn.begin_nested():
                conn.execute(text(statement))
        except IntegrityError as exc:
            detail = str(exc.orig).splitlines()[0]
            raise DataFileError(
                f"Pemindahan dibatalkan: rujukan antartabel di berkas tidak utuh ({detail}). Tujuan tidak diubah."
            ) from None


def _advance_id_counters(conn: object) -> None:
    """Ids were copied as they were: each table's id counter continues after them."""
    for table in _tables():
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        conn.execute(  # type: ignore[attr-defined]
            text(
                "SELECT setval(pg_get_serial_sequence(:table, 'id'), coalesce(max(id), 0) + 1, false) FROM "
                + table.name
            ),
            {"table": table.name},
        )


def _verify(conn: object, moved: dict[str, int]) -> None:
    for table in _tables():
        found = conn.execute(select(func.count()).select_from(table)).scalar_one()  # type: ignore[attr-defined]
        if found != moved[table.name]:
            raise DataFileError(
                f"Pemindahan dibatalkan: tabel {table.name} memuat {found} baris di tujuan, "
                f"{moved[table.name]} di sumber."
            )
    problem = verify_chain(conn)  # type: ignore[arg-type]
    if problem is not None:
        raise DataFileError(f"Pemindahan dibatalkan: {problem.message}. Tujuan tidak diubah.")
