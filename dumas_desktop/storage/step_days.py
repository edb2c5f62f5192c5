"""The working days and the on-time mark stored on every finished step record, counted
again in bulk: by the migration that added them, after the office's calendar changed (a
day off declared later changes how long every step around it took), and after rows came
from another file (whose values are not trusted). Plain SQLAlchemy Core, so SQLite and
PostgreSQL are served alike."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, time
from typing import cast

from sqlalchemy import Connection, Table, and_, bindparam, case, func, or_, select, update

from .models import StepRecord

CHUNK = 900  # ids per UPDATE: under SQLite's 999 bound parameters of older builds


def _day(value: object) -> date:
    """A date as the database gives it from date(): text in SQLite, a date elsewhere."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def recount_step_days(
    conn: Connection,
    working_days_between: Callable[[date, date], int],
    *,
    missing_only: bool = False,
    around: date | None = None,
) -> int:
    """Store on every finished step record the working days it took on the calendar given
    and whether it was done by its due time; clear both on a running one. With
    `missing_only`, only records not counted yet; with `around`, only those that ran over
    that day (the one day of the calendar that changed). Returns how many records changed."""
    table = cast(Table, StepRecord.__table__)  # the stubs give it as any FromClause
    done = table.c.completed_at.is_not(None)
    on_time = case((table.c.due_at.is_(None), 1), (table.c.completed_at <= table.c.due_at, 1), else_=0)
    changed = conn.execute(
        update(table).where(done, or_(table.c.on_time.is_(None), table.c.on_time != on_time)).values(on_time=on_time)
    ).rowcount
    changed += conn.execute(
        update(table)
        .where(table.c.completed_at.is_(None), or_(table.c.working_days.is_not(None), table.c.on_time.is_not(None)))
        .values(working_days=None, on_time=None)
    ).rowcount
    wanted = and_(done, table.c.working_days.is_(None)) if missing_only else done
    if around is not None:  # started before that day and finished on it or after
        day_start = datetime.combine(around, time())
        wanted = and_(wanted, table.c.started_at < day_start, table.c.completed_at >= day_start)
    counted: dict[tuple[object, object], int] = {}
    ids_by_days: dict[int, list[int]] = defaultdict(list)
    rows = conn.execute(
        select(table.c.id, func.date(table.c.started_at), func.date(table.c.completed_at), table.c.working_days).where(
            wanted
        )
    )
    for record_id, started, finished, stored in rows:
        days = counted.get((started, finished))
        if days is None:
            days = counted[(started, finished)] = working_days_between(_day(started), _day(finished))
        if days != stored:
            ids_by_days[days].append(record_id)
    statement = (
        update(table).where(table.c.id.in_(bindparam("ids", expanding=True))).values(working_days=bindparam("days"))
    )
    for days, ids in ids_by_days.items():
        for first in range(0, len(ids), CHUNK):
            conn.execute(statement, {"ids": ids[first : first + CHUNK], "days": days})
            changed += min(CHUNK, len(ids) - first)
    return changed
