"""Deadlines that follow the office calendar as it is now.

A due time is stored when a step starts (and pushed on when a stopped clock runs again),
so an office day off, a substitute working day or new office hours declared later would
leave it where the old calendar put it. After every such change, the due time of each
running step and of each open completion window is worked out again from its start, with
the time its clock was stopped, on the calendar as it now stands; each case whose due time
moved records it in its history ("batas waktu bergeser karena …").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.calendar import WorkingCalendar
from ..domain.deadlines import Deadline, deadline_for, extend_for_pause
from ..domain.sop import Profile
from ..storage.models import Complaint, CompletionRequest, StepRecord
from ..storage.step_days import recount_step_days
from .context import Workspace, home_office

OPEN_STATUSES = ("proses", "menunggu_pelapor")


@dataclass(frozen=True)
class Shift:
    """One case whose due time moved."""

    case_id: int
    agenda_number: str
    what: str  # the step's name, or the completion window
    before: datetime | None
    after: datetime | None


def _step_deadline(
    calendar: WorkingCalendar, profile: Profile, record: StepRecord, pauses: list[CompletionRequest]
) -> tuple[Deadline | None, int]:
    """The step's due and warning times from its start, with every finished pause of its
    clock added, and the office minutes those pauses took."""
    step = profile.step(record.step_key)
    deadline = deadline_for(calendar, record.started_at, step.time) if step.time else None
    paused = 0
    for request in pauses:
        if request.resolved_at is None:
            continue
        paused += calendar.working_minutes_between(request.requested_at, request.resolved_at)
        if deadline is not None:
            deadline = extend_for_pause(calendar, deadline, request.requested_at, request.resolved_at)
    return deadline, paused


def recompute_open_deadlines(
    ws: Workspace, session: Session, reason: str, changed_day: date | None = None
) -> list[Shift]:
    """Work out again the due times of the home office's open cases, inside the caller's
    transaction (after the calendar change was flushed); returns the cases that moved. The
    working days stored on finished steps are counted again too: of those around
    `changed_day` when only that day changed, else of all."""
    ws.forget_calendar()
    calendar = ws.calendar(session)
    ws.forget_calendar()  # a transaction rolled back must not leave this calendar cached
    office = home_office(session)
    shifts: list[Shift] = []
    cases = session.scalars(
        select(Complaint)
        .where(Complaint.office_code == office.office_code, Complaint.status.in_(OPEN_STATUSES))
        .order_by(Complaint.id)
    ).all()
    for complaint in cases:
        profile = ws.profile(session, complaint.sop_profile_id)
        requests = session.scalars(
            select(CompletionRequest)
            .where(CompletionRequest.complaint_id == complaint.id)
            .order_by(CompletionRequest.id)
        ).all()
        running = session.scalars(
            select(StepRecord)
            .where(StepRecord.complaint_id == complaint.id, StepRecord.completed_at.is_(None))
            .order_by(StepRecord.id)
        ).all()
        moved: list[tuple[str, datetime | None, datetime | None]] = []
        changed = False
        for record in running:
            try:
                step = profile.step(record.step_key)
            except KeyError:
                continue  # a step the profile no longer has: nothing to work out
            pauses = [r for r in requests if r.requested_at >= record.started_at]
            deadline, paused = _step_deadline(calendar, profile, record, pauses)
            due = deadline.due if deadline else None
            warn = deadline.warn if deadline else None
            if (due, warn) != (record.due_at, record.warn_at):
                changed = True
                if record.paused_at is None:  # a stopped clock's due time shows only once it runs again
                    moved.append((f"langkah {step.no} \u201c{step.name}\u201d", record.due_at, due))
                record.due_at, record.warn_at = due, warn
            changed = changed or record.paused_minutes != paused
            record.paused_minutes = paused
            if record.paused_at is None and complaint.status == "proses":
                complaint.current_due_at, complaint.current_warn_at = due, warn
        for request in requests:
            if request.resolved_at is not None:
                continue
            due = calendar.add_working_days(request.requested_at, profile.completion.time.value)
            if due != request.due_at:
                moved.append(("kelengkapan dari pelapor", request.due_at, due))
                request.due_at, changed = due, True
            if complaint.status == "menunggu_pelapor":
                complaint.completion_due_at = due
        if not changed:
            continue
        complaint.revision += 1
        complaint.updated_at = ws.now()
        for what, before, after in moved:
            shifts.append(Shift(complaint.id, complaint.agenda_number, what, before, after))
            ws.audit(
                session,
                complaint.office_code,
                "batas_waktu_bergeser",
                "complaint",
                entity_uuid=complaint.uuid,
                complaint_uuid=complaint.uuid,
                before={"due": before},
                after={"note": f"batas waktu bergeser karena {reason}", "deadline_of": what, "due": after},
            )
    session.flush()
    recount_step_days(session.connection(), calendar.working_days_between, around=changed_day)
    return shifts


NATIONAL_SETTING = "calendar.national"
# The national calendar the finished steps' working days were counted on. Not there yet
# (a file the migration just counted, a new one): every count so far was made on the
# calendar installed here, which is then recorded.
STEP_DAYS_SETTING = "calendar.national.step_days"


def refresh_national_calendar(ws: Workspace) -> list[Shift]:
    """At start: when the national calendar the program now has (a newer `holidays` release)
    differs from the one the open cases' due times were worked out on, work them out again;
    and when it differs from the one the finished steps' working days were counted on, count
    those again. Each calendar is remembered by a digest of its holidays over the years that
    matter: those of the open cases, and those from the first complaint on."""
    from ..domain.calendar import national_digest, step_day_years
    from .numbering import get_setting, set_setting

    with ws.db.read() as session:
        office = home_office(session)
        starts = session.scalars(
            select(StepRecord.started_at)
            .join(Complaint, Complaint.id == StepRecord.complaint_id)
            .where(Complaint.office_code == office.office_code, Complaint.status.in_(OPEN_STATUSES))
        ).all()
        known = get_setting(session, NATIONAL_SETTING)
        first_received = session.scalar(select(func.min(Complaint.received_at)))
        counted_on = get_setting(session, STEP_DAYS_SETTING)
    shifts: list[Shift] = []
    if starts:
        first = min(s.year for s in starts)
        years = list(range(first, max(s.year for s in starts) + 2))  # a window may run into the next year
        digest = national_digest(years)
        if not (isinstance(known, dict) and known.get("sha256") == digest and known.get("years") == years):
            with ws.db.transaction() as session:
                shifts = recompute_open_deadlines(ws, session, "kalender libur nasional diperbarui")
                set_setting(session, NATIONAL_SETTING, {"years": years, "sha256": digest})
            ws.forget_calendar()
    if first_received is not None:
        step_years = step_day_years(first_received.date(), ws.now().date())
        step_digest = national_digest(step_years)
        if counted_on != {"years": step_years, "sha256": step_digest}:
            with ws.db.transaction() as session:
                if counted_on is not None:
                    recount_step_days(session.connection(), ws.calendar(session).working_days_between)
                set_setting(session, STEP_DAYS_SETTING, {"years": step_years, "sha256": step_digest})
    return shifts
