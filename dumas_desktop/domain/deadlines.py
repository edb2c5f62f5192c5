"""Due times and deadline states of SOP steps on the working-day clock."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from .calendar import WorkingCalendar
from .sop import StandardTime

# Deadline states, stored and shown by these keys.
ON_TIME = "tepat_waktu"
DUE_SOON = "segera"
OVERDUE = "terlambat"
PAUSED = "menunggu_pelapor"
NO_LIMIT = "tanpa_batas"
DONE_ON_TIME = "selesai_tepat_waktu"
DONE_LATE = "selesai_terlambat"

STATE_LABELS = {
    ON_TIME: "Dalam batas waktu",
    DUE_SOON: "Segera jatuh tempo",
    OVERDUE: "Lewat batas waktu",
    PAUSED: "Menunggu pelapor (waktu berhenti)",
    NO_LIMIT: "Tanpa batas waktu baku",
    DONE_ON_TIME: "Selesai tepat waktu",
    DONE_LATE: "Selesai terlambat",
}

# Minute and hour standards warn once this share of the time has passed.
WARN_SHARE = 0.8


@dataclass(frozen=True)
class Deadline:
    due: datetime
    warn: datetime


def deadline_for(calendar: WorkingCalendar, start: datetime, standard: StandardTime) -> Deadline:
    """When a step started at `start` is due, and when it starts to be 'due soon'.

    Day standards are due at the close of office hours on the n-th working day (the
    start day is day zero) and warn from the opening of that day; a range such as
    5–7 days warns from the close of its lower end.
    """
    if standard.unit == "hari":
        due = calendar.add_working_days(start, standard.value)
        if standard.minimum is not None:
            warn = calendar.add_working_days(start, standard.minimum)
        else:
            warn = calendar.opening_time(due.date())
        return Deadline(due, min(warn, due))
    minutes = standard.minutes
    due = calendar.add_working_minutes(start, minutes)
    warn_minutes = (
        standard.minimum * (60 if standard.unit == "jam" else 1)
        if standard.minimum is not None
        else math.ceil(minutes * WARN_SHARE)
    )
    return Deadline(due, calendar.add_working_minutes(start, warn_minutes))


def extend_for_pause(
    calendar: WorkingCalendar, deadline: Deadline, paused_from: datetime, paused_to: datetime
) -> Deadline:
    """The clock stops while the case waits for the reporter: push both times by the
    office time that passed during the pause."""
    lost = calendar.working_minutes_between(paused_from, paused_to)
    return Deadline(
        calendar.add_working_minutes(deadline.due, lost),
        calendar.add_working_minutes(deadline.warn, lost),
    )


def state_of(
    now: datetime,
    due: datetime | None,
    warn: datetime | None,
    *,
    completed: datetime | None = None,
    paused: bool = False,
) -> str:
    if completed is not None:
        if due is None or completed <= due:
            return DONE_ON_TIME
        return DONE_LATE
    if paused:
        return PAUSED
    if due is None:
        return NO_LIMIT
    if now > due:
        return OVERDUE
    if warn is not None and now >= warn:
        return DUE_SOON
    return ON_TIME


def step_timing(
    calendar: WorkingCalendar, started: datetime, completed: datetime, due: datetime | None
) -> tuple[int, int]:
    """(working days the step took, 1 if it was done by its due time or had none, else 0):
    what the statistics count of a finished step."""
    days = calendar.working_days_between(started.date(), completed.date())
    return days, int(due is None or completed <= due)
