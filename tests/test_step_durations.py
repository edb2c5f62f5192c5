"""The working days and the on-time mark kept on every finished step record: the statistics
add them up, so they must say what counting the record's own dates on the office calendar
says, after the calendar changes, for records not counted yet, and after the migration that
brought them to an older file."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from dumas_desktop.domain.calendar import OfficeHours, WorkingCalendar
from dumas_desktop.reports.model import Period
from dumas_desktop.reports.stats_model import StepTiming
from dumas_desktop.services import closure, office
from dumas_desktop.services import statistics as stats_service
from dumas_desktop.services.context import Workspace, home_office
from dumas_desktop.services.demo import make_demo
from dumas_desktop.storage.database import open_database
from dumas_desktop.storage.models import Complaint, DayOff, StepRecord
from dumas_desktop.storage.server import ServerAddress, is_server_address, parse_address

from .builders import INDEXES_OF_0011

NOW = datetime(2026, 11, 20, 10, 0)
YEAR = Period(2026)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory.mktemp("langkah") / "kantor.dumas", 60, "sanggau-2026", seed=4, now=NOW).path


@pytest.fixture
def copy(demo_file: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(demo_file, tmp_path / "salinan.dumas"))


def _source(made: str) -> Path | ServerAddress:
    return parse_address(made) if is_server_address(made) else Path(made)


def _calendar(ws: Workspace) -> WorkingCalendar:
    """The office calendar made here from its rows, not taken from the program's cache."""
    with ws.db.read() as session:
        home = home_office(session)
        rows = session.scalars(select(DayOff).where(DayOff.office_code == home.office_code)).all()
        return WorkingCalendar(
            hours=OfficeHours.from_dict(home.office_hours),
            days_off={r.day: r.name for r in rows if r.kind == "libur"},
            extra_working_days=[r.day for r in rows if r.kind == "masuk"],
        )


def _finished(ws: Workspace, period: Period = YEAR) -> list[tuple[str, datetime, datetime, datetime | None]]:
    with ws.db.read() as session:
        return [
            (key, started, done, due)
            for key, started, done, due in session.execute(
                select(StepRecord.step_key, StepRecord.started_at, StepRecord.completed_at, StepRecord.due_at)
                .join(Complaint, Complaint.id == StepRecord.complaint_id)
                .where(
                    Complaint.received_at >= period.start,
                    Complaint.received_at < period.end,
                    Complaint.status != "batal",
                    StepRecord.completed_at.is_not(None),
                )
            )
            if done is not None  # as the query says: the typing does not know
        ]


def _expected_steps(ws: Workspace, period: Period = YEAR) -> list[tuple[int, int, float | None, int | None]]:
    """(finished, on time, average and slowest working days) per SOP step, from the dates."""
    calendar = _calendar(ws)
    by_key: dict[str, list[tuple[int, bool]]] = {}
    for key, started, done, due in _finished(ws, period):
        days = calendar.working_days_between(started.date(), done.date())
        by_key.setdefault(key, []).append((days, due is None or done <= due))
    with ws.db.read() as session:
        profile = ws.profile(session, home_office(session).sop_profile_id)
    expected = []
    for step in profile.steps:
        rows = by_key.get(step.key, [])
        taken = [d for d, _on in rows]
        expected.append(
            (
                len(rows),
                sum(on for _d, on in rows),
                sum(taken) / len(taken) if taken else None,
                max(taken, default=None),
            )
        )
    return expected


def _shown(steps: list[StepTiming]) -> list[tuple[int, int, float | None, int | None]]:
    return [(s.finished, s.on_time, s.average_days, s.slowest_days) for s in steps]


@pytest.mark.both_backends
def test_the_step_figures_match_working_days_counted_from_the_dates(demo_source) -> None:
    ws = Workspace(open_database(_source(demo_source(40, seed=4))), clock=datetime.now)
    year = Period(ws.now().year)  # the demo's cases run up to today
    try:
        figures = stats_service.statistics(ws, year)
        expected = _expected_steps(ws, year)
    finally:
        ws.db.close()
    assert sum(n for n, _on, _avg, _max in expected) > 20  # enough finished steps to mean something
    assert _shown(figures.steps) == expected


@pytest.mark.both_backends
def test_a_day_off_declared_later_counts_the_finished_steps_around_it_again(demo_source) -> None:
    ws = Workspace(open_database(_source(demo_source(40, seed=4))), clock=datetime.now)
    year = Period(ws.now().year)
    try:
        spans = [(s, d) for _k, s, d, _due in _finished(ws, year) if (d.date() - s.date()).days >= 3]
        started, _done = spans[len(spans) // 2]
        day = started.date() + timedelta(days=1)
        calendar = _calendar(ws)
        while not calendar.is_working_day(day):
            day += timedelta(days=1)
        crossing = sum(1 for s, d in spans if s.date() < day <= d.date())
        assert crossing > 0
        before = _shown(stats_service.statistics(ws, year).steps)

        office.set_day(ws, day, "libur", "Rapat pleno")
        after = _shown(stats_service.statistics(ws, year).steps)
        assert after == _expected_steps(ws, year)
        assert after != before  # the steps that ran over that day took one working day less

        office.remove_day(ws, day)
        assert _shown(stats_service.statistics(ws, year).steps) == before
    finally:
        ws.db.close()


def _stored(path: Path) -> list[tuple[int, int | None, int | None]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT id, working_days, on_time FROM step_records ORDER BY id").fetchall()


def test_steps_not_counted_yet_are_counted_from_their_dates(copy: Path) -> None:
    ws = Workspace(open_database(copy), clock=lambda: NOW)
    try:
        counted = stats_service.statistics(ws, YEAR)
        with closing(sqlite3.connect(copy)) as conn, conn:
            changed = conn.execute("UPDATE step_records SET working_days = NULL, on_time = NULL WHERE id % 2 = 0")
            assert changed.rowcount > 10
        assert stats_service.statistics(ws, YEAR) == counted
        assert _shown(counted.steps) == _expected_steps(ws)
    finally:
        ws.db.close()


def test_every_finished_step_holds_its_count_and_a_running_one_none(demo_file: Path) -> None:
    ws = Workspace(open_database(demo_file), clock=lambda: NOW)
    try:
        calendar = _calendar(ws)
        with ws.db.read() as session:
            records = session.scalars(select(StepRecord)).all()
            for r in records:
                if r.completed_at is None:
                    assert (r.working_days, r.on_time) == (None, None)
                else:
                    days = calendar.working_days_between(r.started_at.date(), r.completed_at.date())
                    on_time = r.due_at is None or r.completed_at <= r.due_at
                    assert (r.working_days, r.on_time) == (days, int(on_time))
        assert {r.on_time for r in records if r.completed_at} == {0, 1}  # late steps are there too
    finally:
        ws.db.close()


def test_a_step_ended_by_an_early_closure_is_counted(copy: Path) -> None:
    later = NOW + timedelta(days=9)
    ws = Workspace(open_database(copy), clock=lambda: later)
    try:
        with ws.db.read() as session:
            running = session.execute(
                select(Complaint.id, StepRecord.started_at)
                .join(StepRecord, StepRecord.complaint_id == Complaint.id)
                .where(Complaint.status == "proses", StepRecord.completed_at.is_(None))
                .order_by(StepRecord.started_at)
            ).first()
        assert running is not None
        case_id, started = running
        closure.close(ws, case_id, "dicabut", "Pelapor mencabut pengaduannya")
        with ws.db.read() as session:
            record = session.scalars(
                select(StepRecord).where(StepRecord.complaint_id == case_id).order_by(StepRecord.id.desc())
            ).first()
        assert record is not None and record.completed_at == later
        assert record.working_days == _calendar(ws).working_days_between(started.date(), later.date()) > 0
        assert record.on_time == int(record.due_at is None or later <= record.due_at)
    finally:
        ws.db.close()


def test_the_migration_counts_the_steps_of_an_older_file(copy: Path) -> None:
    counted = _stored(copy)
    with closing(sqlite3.connect(copy)) as conn, conn:
        conn.execute("ALTER TABLE step_records DROP COLUMN working_days")
        conn.execute("ALTER TABLE step_records DROP COLUMN on_time")
        for index in INDEXES_OF_0011:
            conn.execute(f"DROP INDEX {index}")
        conn.execute("UPDATE alembic_version SET version_num = '0009'")
    open_database(copy).close()
    assert _stored(copy) == counted
    assert any(days for _id, days, _on in counted)


def test_only_the_steps_that_ran_over_a_changed_day_are_counted_again(copy: Path) -> None:
    ws = Workspace(open_database(copy), clock=lambda: NOW)
    try:
        calendar = _calendar(ws)
        finished = [(s.date(), d.date()) for _k, s, d, _due in _finished(ws)]
        days = [s + timedelta(days=n) for s, d in finished for n in range(1, (d - s).days + 1)]
        day = max((d for d in days if calendar.is_working_day(d)), key=days.count)  # the most crossed
        before = {i: (d, o) for i, d, o in _stored(copy)}
        office.set_day(ws, day, "libur", "Cuti bersama kantor")
        after = {i: (d, o) for i, d, o in _stored(copy)}
        moved = {i for i in before if before[i] != after[i]}
        start = datetime.combine(day, datetime.min.time())
        with ws.db.read() as session:
            crossing = set(
                session.scalars(
                    select(StepRecord.id).where(StepRecord.started_at < start, StepRecord.completed_at >= start)
                )
            )
        assert len(crossing) >= 3 and moved == crossing
        assert all(after[i] == ((before[i][0] or 0) - 1, before[i][1]) for i in moved)
    finally:
        ws.db.close()


def test_a_newer_national_calendar_counts_the_finished_steps_again_once(copy: Path) -> None:
    from dumas_desktop.services.deadline_updates import STEP_DAYS_SETTING, refresh_national_calendar

    counted = _stored(copy)
    ws = Workspace(open_database(copy), clock=lambda: NOW)
    try:
        refresh_national_calendar(ws)  # the first start records the calendar the counts were made on
        with closing(sqlite3.connect(copy)) as conn, conn:
            conn.execute("UPDATE step_records SET working_days = working_days + 7 WHERE working_days IS NOT NULL")
        refresh_national_calendar(ws)  # the same calendar: nothing counted again
        assert _stored(copy) != counted
        older = '{"years": [2026], "sha256": "lama"}'  # as before an update of the holidays package
        with closing(sqlite3.connect(copy)) as conn, conn:
            conn.execute("UPDATE settings SET value = ? WHERE key = ?", (older, STEP_DAYS_SETTING))
        refresh_national_calendar(ws)
        assert _stored(copy) == counted
    finally:
        ws.db.close()


def test_the_period_s_complaints_are_read_through_the_index_of_the_day_received(demo_file: Path) -> None:
    """Without ANALYZE figures SQLite's planner would take the unique index that starts with
    the office code and read every complaint of the office (on 100,000 cases, four times
    the year's)."""
    from sqlalchemy import event

    db = open_database(demo_file)
    plans: list[str] = []

    def explain(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().startswith("SELECT") and "complaints.received_at >=" in statement:
            rows = cursor.connection.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
            plans.append(" | ".join(str(row[-1]) for row in rows))

    event.listen(db.engine, "after_cursor_execute", explain)
    try:
        stats_service.statistics(Workspace(db, clock=lambda: NOW), YEAR)
    finally:
        event.remove(db.engine, "after_cursor_execute", explain)
        db.close()
    by_period = [plan for plan in plans if "ix_complaints_status_due" not in plan]  # the open ones: by status
    assert len(by_period) >= 3
    for plan in by_period:
        assert "SEARCH complaints USING INDEX ix_complaints_received_at" in plan, plan
