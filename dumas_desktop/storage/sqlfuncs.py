"""SQL functions spelled differently by the two backends, as one SQLAlchemy construct each."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Integer, Text, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
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


def one_of(session: Any, column: Any, ids: Iterable[int]) -> Any:
    """`column IN (ids)` for a page of row ids. On a server the list goes as one array
    parameter (`= ANY(:ids)`): as 200 separate parameters, each one rendered, sent and
    parsed, it took psycopg longer than the server took to answer."""
    values = list(ids)
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, values, type_=ARRAY(Integer)))
    return column.in_(values)
