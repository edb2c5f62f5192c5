"""Moving a single-PC office's data file onto the office's server: every row of every
table the models know, in the order their references need, then the server's own
counters set past the ids taken, and the audit chain and the row counts verified.

Rows are read and written through the models' tables (SQLAlchemy Core), so column names
come from the program, never from the file, and each value is converted by its column's
type (SQLite's text dates and JSON become PostgreSQL's timestamps and json). The search
indexes and the audit head are not copied: the server's triggers build them as the rows
arrive, and the head they build must then equal the chain's end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Table, func, insert, select, text

from ..domain.errors import DataFileError
from ..storage.audit import verify_chain
from ..storage.database import Database, open_database
from ..storage.models import Base

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
        with file_db.engine.connect() as reading, target.transaction() as session:
            writing = session.connection()
            if empty_first is not None:
                empty_first(writing)
            _row_triggers(writing, enable=False)
            moved = copy_rows(reading, writing, progress)
            # Each case's search rows once, rather than again for every party that arrives.
            writing.execute(
                text(
                    "SELECT count(complaint_search_refresh(id)), count(complaint_search_open_refresh(id)) "
                    "FROM complaints"
                )
            )
            _row_triggers(writing, enable=True)
            _advance_id_counters(writing)
            _verify(writing, moved)
            writing.execute(text("ANALYZE"))  # the planner knows the tables' sizes from the first query on
    finally:
        file_db.close()
    return MoveSummary(moved)


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


# The triggers that index a case or tell other PCs of it, row by row; set aside while a
# whole file arrives (inside the same transaction, as the schema's owner), then put back.
_ROW_TRIGGERS = (
    ("complaints", "complaint_search_c"),
    ("parties", "complaint_search_p"),
    ("complaints", "complaint_search_open_c"),
    ("parties", "complaint_search_open_p"),
    ("complaints", "complaints_changed"),
)


def _row_triggers(conn: Connection, *, enable: bool) -> None:
    for table, trigger in _ROW_TRIGGERS:
        conn.execute(text(f"ALTER TABLE {table} {'ENABLE' if enable else 'DISABLE'} TRIGGER {trigger}"))


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
