"""SQL functions spelled differently by the two backends, as one SQLAlchemy construct each."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction


class joined(GenericFunction[str]):
    """Strings of a group joined by a separator: group_concat in SQLite, string_agg in PostgreSQL."""

    type = Text()
    inherit_cache = True
    name = "joined"


@compiles(joined)
def _joined_sqlite(element: joined, compiler: Any, **kw: Any) -> str:
    return f"group_concat({compiler.process(element.clauses, **kw)})"


@compiles(joined, "postgresql")
def _joined_postgresql(element: joined, compiler: Any, **kw: Any) -> str:
    return f"string_agg({compiler.process(element.clauses, **kw)})"
