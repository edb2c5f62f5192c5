"""The schema this program makes, and how another file's schema differs from it.

A file from elsewhere (a package's snapshot, a backup, a data file edited by hand) may
carry tables, columns, triggers or views of its own. Nothing of them is ever adopted:
the reference is what the program's own migrations build in an empty database, and a
file is compared with it object by object (by name and normalized SQL, read as data and
never executed). Column lists for statements over incoming rows come from here too.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..domain.errors import DataFileError

# SQLite's own bookkeeping, which the program does not make by name.
_INTERNAL = re.compile(r"^sqlite_")
# FTS5 keeps shadow tables beside each full-text table; they are made by SQLite itself.
_FTS_SHADOW = re.compile(r"^(?P<base>.+)_(data|idx|content|docsize|config)$")
_KIND_LABELS = {"table": "tabel", "index": "indeks", "trigger": "pemicu", "view": "tampilan"}


def _normalize(sql: str | None) -> str:
    text = " ".join((sql or "").split()).rstrip(";").replace('"', "")
    if not text.upper().startswith("CREATE TABLE") or "(" not in text:
        return text
    # A batch migration rebuilds a table with its constraints in no fixed order.
    head, body = text.split("(", 1)
    body, _, tail = body.rpartition(")")
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(body):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            parts.append(body[start:i].strip())
            start = i + 1
    parts.append(body[start:].strip())
    columns = [p for p in parts if not p.upper().startswith("CONSTRAINT")]
    constraints = sorted(p for p in parts if p.upper().startswith("CONSTRAINT"))
    return f"{head.strip()} ({', '.join(columns + constraints)}){tail}"


@dataclass(frozen=True)
class Schema:
    objects: dict[tuple[str, str], str]  # (type, name) -> normalized SQL
    columns: dict[str, tuple[tuple[str, str, int], ...]]  # table -> (name, declared type, not null)

    def tables(self) -> list[str]:
        return sorted(name for kind, name in self.objects if kind == "table")


def read_schema(conn: sqlite3.Connection) -> Schema:
    """A file's schema as data: the rows of sqlite_master and each table's columns."""
    objects: dict[tuple[str, str], str] = {}
    for kind, name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master"):
        if _INTERNAL.match(str(name)):
            continue
        objects[(str(kind), str(name))] = _normalize(sql)
    columns: dict[str, tuple[tuple[str, str, int], ...]] = {}
    for kind, name in objects:
        if kind != "table":
            continue
        # The name is bound as a value to the table-valued pragma, never pasted into SQL.
        rows = conn.execute('SELECT name, type, "notnull" FROM pragma_table_info(?) ORDER BY cid', (name,))
        columns[name] = tuple((str(c), str(t).upper(), int(n)) for c, t, n in rows)
    return Schema(objects, columns)


def migrated_schema() -> Schema:
    """What the migrations make, built in memory (slow: Alembic and every migration)."""
    from alembic import command
    from sqlalchemy import create_engine

    from .database import _alembic_config

    engine = create_engine("sqlite://")
    try:
        with engine.begin() as conn:
            config = _alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            raw = conn.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            return read_schema(raw)
    finally:
        engine.dispose()


@lru_cache(maxsize=1)
def reference_schema() -> Schema:
    """What the migrations make, as recorded in `schema_reference` (a test keeps the record
    equal to the migrations; `python -m dumas_desktop.storage.schema` writes it anew), so
    that every open can compare a file with it at no cost."""
    from .schema_reference import COLUMNS, OBJECTS

    return Schema(
        {(kind, name): sql for kind, name, sql in OBJECTS},
        {table: tuple(tuple(c) for c in columns) for table, columns in COLUMNS.items()},  # type: ignore[misc]
    )


def write_reference(path: Path) -> None:
    schema = migrated_schema()
    objects = sorted((kind, name, sql) for (kind, name), sql in schema.objects.items())
    lines = [
        '"""The schema the migrations make, recorded by `python -m dumas_desktop.storage.schema`."""',
        "",
        "# fmt: off",
        "OBJECTS = [",
        *(f"    {entry!r}," for entry in objects),
        "]",
        "COLUMNS = {",
        *(f"    {table!r}: {list(columns)!r}," for table, columns in sorted(schema.columns.items())),
        "}",
        "# fmt: on",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def schema_differences(found: Schema, reference: Schema | None = None) -> list[str]:
    """Every table, column, index, trigger or view that is missing, extra or changed, one
    Indonesian line each (names quoted as found, shortened)."""
    reference = reference or reference_schema()
    problems: list[str] = []
    for (kind, name), sql in sorted(reference.objects.items()):
        label = _KIND_LABELS.get(kind, kind)
        if (kind, name) not in found.objects:
            problems.append(f"{label} {_shown(name)} tidak ada")
        elif found.objects[(kind, name)] != sql and kind != "table":  # tables: by column below
            problems.append(f"{label} {_shown(name)} berbeda dari yang dibuat program")
    for kind, name in sorted(found.objects):
        if (kind, name) not in reference.objects:
            problems.append(f"{_KIND_LABELS.get(kind, kind)} {_shown(name)} tidak dikenal program")
    for table, expected in sorted(reference.columns.items()):
        have = found.columns.get(table)
        if have is None:
            continue
        before = len(problems)
        expected_names = {c[0]: c for c in expected}
        have_names = {c[0]: c for c in have}
        for column in expected_names:
            if column not in have_names:
                problems.append(f"kolom {_shown(table)}.{_shown(column)} tidak ada")
            elif have_names[column] != expected_names[column]:
                problems.append(f"kolom {_shown(table)}.{_shown(column)} berbeda jenis atau aturannya")
        for column in have_names:
            if column not in expected_names:
                problems.append(f"kolom {_shown(table)}.{_shown(column)} tidak dikenal program")
        # Same columns but other constraints (a CHECK, a foreign key, a default dropped).
        if len(problems) == before and found.objects[("table", table)] != reference.objects[("table", table)]:
            problems.append(f"tabel {_shown(table)} berbeda dari yang dibuat program")
    return problems


def _shown(name: str) -> str:
    printable = "".join(ch if ch.isprintable() else "?" for ch in name)
    return f"“{printable[:40]}{'…' if len(printable) > 40 else ''}”"


def file_schema_differences(path: Path) -> list[str]:
    """The differences of a file on disk, opened read-only."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DataFileError(f"Berkas {Path(path).name} tidak terbaca: {exc}.") from None
    try:
        return schema_differences(read_schema(conn))
    except sqlite3.DatabaseError as exc:
        raise DataFileError(f"Susunan berkas {Path(path).name} tidak terbaca: {exc}.") from None
    finally:
        conn.close()


def quoted(name: str) -> str:
    """An identifier the program itself chose, quoted for SQL."""
    return '"' + name.replace('"', '""') + '"'


def table_columns(table: str) -> list[str]:
    """The columns of one of the program's own tables, in order."""
    return [name for name, _type, _notnull in reference_schema().columns[table]]


_AFFINITY = (("INT", "integer"), ("CHAR", "text"), ("CLOB", "text"), ("TEXT", "text"), ("BLOB", "blob"))


def storage_classes(declared: str) -> tuple[str, ...]:
    """What `typeof()` may answer for a value of a column of this declared type (SQLite's
    affinity rules): anything else in an incoming row is refused."""
    upper = declared.upper()
    for marker, kind in _AFFINITY:
        if marker in upper:
            if kind == "integer":
                return ("integer", "null")
            if kind == "text":
                return ("text", "null")
            return ("blob", "null")
    if not upper:
        return ("blob", "null")
    if any(m in upper for m in ("REAL", "FLOA", "DOUB")):
        return ("real", "integer", "null")
    # NUMERIC affinity: DATETIME, DATE, BOOLEAN, NUMERIC(…) columns.
    return ("integer", "real", "text", "null")


# Tables whose rows are never read from a file from elsewhere: accounts never travel, the
# schema's own version is the program's, and full-text indexes are rebuilt from the cases.
NOT_CARRIED = frozenset({"users", "alembic_version"})


def carried_tables() -> list[str]:
    return [t for t in reference_schema().tables() if t not in NOT_CARRIED and not t.startswith("complaint_search")]


def bad_values(conn: sqlite3.Connection) -> list[str]:
    """Columns of the program's tables holding a value of a kind their type does not allow
    (text in a number column, a missing value where one is required), one line each."""
    problems = []
    for table in carried_tables():
        checks = []
        # The files themselves are checked byte for byte against their SHA-256 instead
        # (a kind check would read every page of them a second time).
        columns = tuple(c for c in reference_schema().columns[table] if (table, c[0]) != ("blobs", "content"))
        for name, declared, notnull in columns:
            allowed = [k for k in storage_classes(declared) if not (notnull and k == "null")]
            checks.append(f"typeof({quoted(name)}) NOT IN ({', '.join(repr(k) for k in allowed)})")
        # One pass over the table for all its columns.
        found = conn.execute(
            "SELECT " + ", ".join(f"coalesce(max({c}), 0)" for c in checks) + f" FROM {quoted(table)}"
        ).fetchone()
        for (name, _declared, _notnull), bad in zip(columns, found, strict=True):
            if bad:
                problems.append(f"kolom {_shown(table)}.{_shown(name)} berisi nilai yang tidak sesuai jenisnya")
    return problems


if __name__ == "__main__":
    write_reference(Path(__file__).with_name("schema_reference.py"))


# What the migrations make on a server beyond the models' tables.
SERVER_EXTRA_TABLES = frozenset({"alembic_version", "complaint_search", "complaint_search_open"})
SERVER_TRIGGERS = frozenset(
    {
        ("audit_log", "audit_log_no_update"),
        ("audit_log", "audit_log_no_delete"),
        ("audit_log", "audit_log_no_truncate"),
        ("audit_log", "audit_log_head"),
        ("minutes", "minutes_frozen"),
        ("complaints", "complaints_changed"),
        ("issued_documents", "issued_documents_frozen"),
        ("complaints", "complaint_search_c"),
        ("parties", "complaint_search_p"),
        ("complaints", "complaint_search_open_c"),
        ("parties", "complaint_search_open_p"),
    }
)


def server_schema_differences(conn: Any) -> list[str]:
    """How a server's schema differs from what the migrations make there: tables and
    columns against the models, the guarding and indexing triggers, views nobody made, and
    the program role's privileges on the audit trail (append only)."""
    from sqlalchemy import text

    from .models import Base
    from .server import PROGRAM_ROLE

    problems: list[str] = []
    found = {
        row[0]: set(row[1])
        for row in conn.execute(
            text(
                "SELECT table_name, array_agg(column_name::text) FROM information_schema.columns "
                "WHERE table_schema = 'public' GROUP BY table_name"
            )
        )
    }
    expected = {name: {c.name for c in table.columns} for name, table in Base.metadata.tables.items()}
    for name in sorted(set(expected) - set(found)):
        problems.append(f"tabel {name} tidak ada")
    for name in sorted(set(found) - set(expected) - SERVER_EXTRA_TABLES):
        problems.append(f"tabel {name} tidak dibuat oleh Dumas Desktop")
    for name in sorted(set(expected) & set(found)):
        for column in sorted(expected[name] - found[name]):
            problems.append(f"kolom {name}.{column} tidak ada")
        for column in sorted(found[name] - expected[name]):
            problems.append(f"kolom {name}.{column} tidak dibuat oleh Dumas Desktop")
    triggers = {
        (str(table), str(name))
        for table, name in conn.execute(
            text("SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal")
        )
    }
    for table, name in sorted(SERVER_TRIGGERS - triggers):
        problems.append(f"pemicu {name} pada {table} hilang")
    for table, name in sorted(triggers - SERVER_TRIGGERS):
        problems.append(f"pemicu {name} pada {table} tidak dibuat oleh Dumas Desktop")
    for (view,) in conn.execute(text("SELECT viewname FROM pg_views WHERE schemaname = 'public'")):
        problems.append(f"tampilan {view} tidak dibuat oleh Dumas Desktop")
    role = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": PROGRAM_ROLE}).first()
    if role is not None:
        for privilege in ("UPDATE", "DELETE", "TRUNCATE"):
            allowed = conn.execute(
                text("SELECT has_table_privilege(:role, 'audit_log', :privilege)"),
                {"role": PROGRAM_ROLE, "privilege": privilege},
            ).scalar()
            if allowed:
                problems.append(f"peran {PROGRAM_ROLE} boleh {privilege} pada jejak audit (seharusnya hanya menambah)")
    return problems
