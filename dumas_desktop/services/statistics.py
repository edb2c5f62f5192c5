"""Statistics of a period: how many complaints, about what, by which channel, about whom,
how fast each SOP step was done against its standard time, how old the open ones are, and
how they closed. Counts only: no name, subject or other text of a case is in them, so they
may be shown and printed for anyone."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, case, extract, func, or_, select

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
        in_period = (
            Complaint.received_at >= period.start,
            Complaint.received_at < period.end,
            Complaint.status != "batal",
            office_is(conn, code),
        )
        month = extract("month", Complaint.received_at)
        grouped = conn.execute(
            select(
                month,
                Complaint.status,
                Complaint.channel,
                Complaint.classification,
                Complaint.closure_kind,
                func.count(),
            )
            .where(*in_period)
            .group_by(month, Complaint.status, Complaint.channel, Complaint.classification, Complaint.closure_kind)
        ).all()
        statuses = tuple(catalog.STATUSES.values())
        result = Statistics(home.name, code, period, total=sum(row[-1] for row in grouped), statuses=statuses)
        first, last = period.months
        months: dict[int, Counter[str]] = {m: Counter() for m in range(first, last + 1)}
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
        result.by_month = [(f"{MONTHS[m - 1]} {period.year}", dict(months[m])) for m in months]
        result.by_classification = _counted(classifications)
        result.by_channel = _counted(channels, list(catalog.CHANNELS.values()))
        result.closures = _counted(closures)
        result.open_by_age = [(label, ages[label]) for _limit, label in AGE_BUCKETS]

        bodies: Counter[str] = Counter()
        seen: set[tuple[int, str]] = set()
        body_of_text: dict[tuple[str, str], str] = {}  # positions repeat: each is read once
        for complaint_id, position, unit in conn.execute(
            select(Party.complaint_id, Party.position, Party.unit)
            .join(Complaint, Complaint.id == Party.complaint_id)
            .where(*in_period, Party.role == "respondent")
        ):
            typed = (position or "", unit or "")
            body = body_of_text.get(typed)
            if body is None:
                body = body_of_text[typed] = body_of(*typed)
            if (complaint_id, body) not in seen:  # a case counts once per body it is about
                seen.add((complaint_id, body))
                bodies[body] += 1
        result.by_body = _counted(bodies, [b for b, _ in BODIES] + [OTHER_BODY])

        # (working days, steps, on time) per step: the days and the mark stored on each
        # finished record are added up by the database; a record not counted yet (from an
        # older program, or just imported) is counted here from its dates, as before.
        timings: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        uncounted = False
        for key, counted_days, in_time, n in conn.execute(
            select(StepRecord.step_key, StepRecord.working_days, StepRecord.on_time, func.count())
            .join(Complaint, Complaint.id == StepRecord.complaint_id)
            .where(*in_period, StepRecord.completed_at.is_not(None))
            .group_by(StepRecord.step_key, StepRecord.working_days, StepRecord.on_time)
        ):
            if counted_days is None or in_time is None:
                uncounted = True
            else:
                timings[key].append((counted_days, n, n if in_time else 0))
        if uncounted:
            for key, days, n, on in _uncounted_timings(conn, in_period, calendar):
                timings[key].append((days, n, on))
        for step in profile.steps:
            done_rows = timings.get(step.key, [])
            finished = sum(n for _days, n, _on in done_rows)
            result.steps.append(
                StepTiming(
                    f"{step.no}. {step.name}",
                    step.time.describe() if step.time is not None else "-",
                    finished,
                    sum(on for _days, _n, on in done_rows),
                    sum(days * n for days, n, _on in done_rows) / finished if finished else None,
                    max((days for days, _n, _on in done_rows), default=None),
                )
            )
    return result


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
