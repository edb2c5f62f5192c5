"""Statistics of a period: how many complaints, about what, by which channel, about whom,
how fast each SOP step was done against its standard time, how old the open ones are, and
how they closed. Counts only: no name, subject or other text of a case is in them, so they
may be shown and printed for anyone."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, extract, func, or_, select

from ..domain import catalog
from ..domain.calendar import WorkingCalendar
from ..reports.model import Period
from ..reports.stats_model import Statistics, StepTiming
from ..storage.models import Complaint, Party, StepRecord
from .context import Workspace, home_office
from .documents import Paper
from .queries import offices as offices  # the Statistik tab's choice of office

MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
# Open cases by how many working days they have been running.
AGE_BUCKETS = ((5, "0–5 hari kerja"), (10, "6–10 hari kerja"), (20, "11–20 hari kerja"), (None, "> 20 hari kerja"))
# The respondent's body, read from the position and unit typed at intake (first match wins).
BODIES = (
    ("KPPS", ("kpps",)),
    ("PPS", ("pps",)),
    ("PPK", ("ppk",)),
    ("Pantarlih", ("pantarlih",)),
    ("Anggota KPU", ("anggota kpu", "ketua kpu", "komisioner")),
    ("Sekretariat", ("sekretariat", "sekretaris", "kasubag", "kabag", "staf", "pegawai", "asn")),
)
OTHER_BODY = "Lainnya"


def body_of(position: str, unit: str) -> str:
    words = " " + " ".join(re.findall(r"\w+", f"{position} {unit}".casefold())) + " "
    for body, names in BODIES:
        if any(f" {name} " in words for name in names):
            return body
    return OTHER_BODY


def _day(value: object) -> date:
    """A date as the database gives it from date(): text in SQLite, a date elsewhere."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _counted(counter: Counter[str], order: list[str] | None = None) -> list[tuple[str, int]]:
    if order is not None:
        return [(label, counter[label]) for label in order if counter[label]]
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def statistics(ws: Workspace, period: Period, office_code: str | None = None) -> Statistics:
    """The figures of `period`, for the home office or, in a province's file, one office."""
    now = ws.now()
    with ws.db.read() as session:
        home = home_office(session)
        code = office_code or home.office_code
        profile = ws.profile(session, home.sop_profile_id)
        calendar = ws.calendar(session)
        conn = session.connection()  # plain rows: the counting is done by the database
        received = (Complaint.received_at >= period.start, Complaint.received_at < period.end, office_is(conn, code))
        in_period = (*received, Complaint.status != "batal")
        # By year * 100 + month: a range of days may run over the new year.
        month = extract("year", Complaint.received_at) * 100 + extract("month", Complaint.received_at)
        grouped = conn.execute(
            select(
                month,
                Complaint.status,
                Complaint.channel,
                Complaint.classification,
                Complaint.closure_kind,
                func.count(),
            )
            .where(*received)  # the cancelled too, to say how many are left out
            .group_by(month, Complaint.status, Complaint.channel, Complaint.classification, Complaint.closure_kind)
        ).all()
        cancelled = sum(row[-1] for row in grouped if row[1] == "batal")
        grouped = [row for row in grouped if row[1] != "batal"]
        statuses = tuple(catalog.STATUSES.values())
        result = Statistics(home.name, code, period, total=sum(row[-1] for row in grouped), statuses=statuses)
        result.cancelled = cancelled
        months: dict[int, Counter[str]] = {y * 100 + m: Counter() for y, m in period.month_keys}
        classifications: Counter[str] = Counter()
        channels: Counter[str] = Counter()
        closures: Counter[str] = Counter()
        for in_month, status, channel, classification, closure_kind, n in grouped:
            months[int(in_month)][catalog.STATUSES.get(status, status)] += n
            classifications[profile.classifications.get(classification, classification or "-")] += n
            channels[catalog.CHANNELS.get(channel, channel)] += n
            if closure_kind:
                closures[catalog.CLOSURE_KINDS.get(closure_kind, closure_kind)] += n
            elif status == "selesai":
                closures["Selesai menurut SOP"] += n
        ages: Counter[str] = Counter()
        received_on = func.date(Complaint.received_at)
        for day, n in conn.execute(
            select(received_on, func.count()).where(*in_period, Complaint.status == "proses").group_by(received_on)
        ):
            days = calendar.working_days_between(_day(day), now.date())
            ages[next(label for limit, label in AGE_BUCKETS if limit is None or days <= limit)] += n
        result.by_month = [(f"{MONTHS[key % 100 - 1]} {key // 100}", dict(months[key])) for key in months]
        result.by_classification = _counted(classifications)
        result.by_channel = _counted(channels, list(catalog.CHANNELS.values()))
        result.closures = _counted(closures)
        result.open_by_age = [(label, ages[label]) for _limit, label in AGE_BUCKETS]

        result.by_body = _counted(_bodies(conn, in_period), [b for b, _ in BODIES] + [OTHER_BODY])

        # Per step, (working days added up, steps, of which on time): the days and on-time
        # marks stored on each finished record are added up by the database; records not
        # counted yet (from an older program, or just imported) are counted here from their
        # dates, as before.
        timings: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        longest: dict[str, int] = {}
        counted = and_(StepRecord.working_days.is_not(None), StepRecord.on_time.is_not(None))
        uncounted = False
        for key, steps, done, days, slowest, on in conn.execute(
            select(
                StepRecord.step_key,
                func.count(),
                func.count(case((counted, 1))),
                func.sum(case((counted, StepRecord.working_days))),
                func.max(case((counted, StepRecord.working_days))),
                func.sum(case((counted, StepRecord.on_time))),
            )
            .join(Complaint, Complaint.id == StepRecord.complaint_id)
            .where(*in_period, StepRecord.completed_at.is_not(None))
            .group_by(StepRecord.step_key)
        ):
            uncounted = uncounted or steps > done
            if done:
                timings[key].append((int(days), int(done), int(on)))
                longest[key] = int(slowest)
        if uncounted:
            for key, days, n, on in _uncounted_timings(conn, in_period, calendar):
                timings[key].append((days * n, n, on))
                longest[key] = max(longest.get(key, days), days)
        for step in profile.steps:
            done_rows = timings.get(step.key, [])
            finished = sum(n for _days, n, _on in done_rows)
            result.steps.append(
                StepTiming(
                    f"{step.no}. {step.name}",
                    step.time.describe() if step.time is not None else "-",
                    finished,
                    sum(on for _days, _n, on in done_rows),
                    sum(days for days, _n, _on in done_rows) / finished if finished else None,
                    longest.get(step.key),
                )
            )
    return result


def _bodies(conn: Connection, in_period: tuple[Any, ...]) -> Counter[str]:
    """Complaints by the respondent's body, each counted once per body it is about. The
    database groups the respondents by what was typed (thousands of cases share a few
    hundred positions). That counts each complaint once only when it has one respondent;
    when some have more, their rows come back per complaint, so that two respondents of
    one body count it once."""
    of_case = Complaint.id == Party.complaint_id
    respondents_in_period = (*in_period, Party.role == "respondent")
    rows, complaints = conn.execute(
        select(func.count(), func.count(Party.complaint_id.distinct()))
        .join(Complaint, of_case)
        .where(*respondents_in_period)
    ).one()
    bodies: Counter[str] = Counter()
    if rows == complaints:
        for position, unit, n in conn.execute(
            select(Party.position, Party.unit, func.count())
            .join(Complaint, of_case)
            .where(*respondents_in_period)
            .group_by(Party.position, Party.unit)
        ):
            bodies[body_of(position or "", unit or "")] += n
        return bodies
    respondents = (
        select(
            Party.complaint_id,
            Party.position,
            Party.unit,
            func.count().over(partition_by=Party.complaint_id).label("respondents"),
        )
        .join(Complaint, of_case)
        .where(*respondents_in_period)
        .subquery()
    )
    alone = case((respondents.c.respondents == 1, None), else_=respondents.c.complaint_id)
    several: defaultdict[int, set[str]] = defaultdict(set)
    for complaint_id, position, unit, n in conn.execute(
        select(alone, respondents.c.position, respondents.c.unit, func.count()).group_by(
            alone, respondents.c.position, respondents.c.unit
        )
    ):
        body = body_of(position or "", unit or "")
        if complaint_id is None:
            bodies[body] += n
        else:
            several[complaint_id].add(body)
    for found in several.values():
        bodies.update(found)
    return bodies


def office_is(conn: Connection, code: str) -> ColumnElement[bool]:
    """The complaints of one office, written for SQLite so that its planner reads a period's
    complaints through the index of the day they were received: without ANALYZE figures it
    takes the unique index that starts with the office code, and so reads every complaint
    of the office, not just the period's (`|| ''` is SQLite's way to keep a term off an
    index). PostgreSQL keeps its own figures and gets the plain term."""
    if conn.dialect.name == "sqlite":
        return Complaint.office_code.concat("") == code
    return Complaint.office_code == code


def _uncounted_timings(
    conn: Connection, in_period: tuple[Any, ...], calendar: WorkingCalendar
) -> list[tuple[str, int, int, int]]:
    """(step, working days, steps, on time) of the finished records of the period that do
    not hold their counts yet, counted from their dates on the calendar."""
    started_on, done_on = func.date(StepRecord.started_at), func.date(StepRecord.completed_at)
    on_time = case((StepRecord.due_at.is_(None), 1), (StepRecord.completed_at <= StepRecord.due_at, 1), else_=0)
    rows = conn.execute(
        select(StepRecord.step_key, started_on, done_on, on_time, func.count())
        .join(Complaint, Complaint.id == StepRecord.complaint_id)
        .where(
            *in_period,
            StepRecord.completed_at.is_not(None),
            or_(StepRecord.working_days.is_(None), StepRecord.on_time.is_(None)),
        )
        .group_by(StepRecord.step_key, started_on, done_on, on_time)
    )
    return [
        (key, calendar.working_days_between(_day(started), _day(done)), n, n if in_time else 0)
        for key, started, done, in_time, n in rows
    ]


def stats_paper(ws: Workspace, period: Period, paper: str = "A4", office_code: str | None = None) -> Paper:
    """The statistics as a PDF on the office's letterhead."""
    from ..documents.stats_pdf import stats_pdf
    from .document_facts import office_facts

    figures = statistics(ws, period, office_code)
    with ws.db.read() as session:
        office = office_facts(session, figures.office_code)
    return Paper(
        stats_pdf(figures, office, paper),
        f"Statistik pengaduan {period.label}",
        f"statistik-pengaduan-{period.slug}.pdf",
        "",
        False,
        None,
    )


def as_rows(stats: Statistics) -> list[tuple[str, str, str, str]]:
    """Every figure as (bagian, label, seri, nilai): the CSV and the workbook read these."""
    rows: list[tuple[str, str, str, str]] = []
    for label, counts in stats.by_month:
        for status in stats.statuses:
            rows.append(("per_bulan", label, status, str(counts.get(status, 0))))
    for section, _title, counted in stats.sections():
        rows += [(section, label, "jumlah", str(n)) for label, n in counted]
    for step in stats.steps:
        rows.append(("langkah", step.step, "selesai", str(step.finished)))
        rows.append(("langkah", step.step, "tepat_waktu", str(step.on_time)))
        if step.average_days is not None:
            rows.append(("langkah", step.step, "rata_rata_hari", f"{step.average_days:.2f}"))
            rows.append(("langkah", step.step, "terlama_hari", str(step.slowest_days)))
    return rows
