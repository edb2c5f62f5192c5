"""Indonesian working days and office hours: the clock every SOP standard time runs on.

Working days are Monday to Friday minus national public holidays and cuti bersama
(from the `holidays` package's Indonesian calendar, categories public and government)
minus the office's own days off; the office may also declare a holiday a working day.
Minute and hour standards count only within office hours.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

WEEKDAY_NAMES = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")


def _parse_hhmm(text: str) -> time:
    hours, minutes = text.strip().split(":")
    return time(int(hours), int(minutes))


@dataclass(frozen=True)
class OfficeHours:
    """Opening and closing time for each weekday (0 = Monday); absent days are closed."""

    days: Mapping[int, tuple[time, time]]

    @classmethod
    def default(cls) -> OfficeHours:
        mon_thu = (time(7, 30), time(16, 0))
        return cls({0: mon_thu, 1: mon_thu, 2: mon_thu, 3: mon_thu, 4: (time(7, 30), time(16, 30))})

    @classmethod
    def from_dict(cls, data: Mapping[str, str]) -> OfficeHours:
        """Read {"senin": "07:30-16:00", ...}; raises ValueError naming the bad day."""
        days: dict[int, tuple[time, time]] = {}
        for name, span in data.items():
            if name not in WEEKDAY_NAMES:
                raise ValueError(f"nama hari tidak dikenal: {name}")
            if not span:
                continue
            try:
                start_text, end_text = span.split("-")
                start, end = _parse_hhmm(start_text), _parse_hhmm(end_text)
            except ValueError:
                raise ValueError(f"jam kerja hari {name} harus berbentuk JJ:MM-JJ:MM") from None
            if end <= start:
                raise ValueError(f"jam pulang hari {name} harus setelah jam masuk")
            days[WEEKDAY_NAMES.index(name)] = (start, end)
        if not days:
            raise ValueError("paling sedikit satu hari harus memiliki jam kerja")
        return cls(days)

    def to_dict(self) -> dict[str, str]:
        return {WEEKDAY_NAMES[day]: f"{start:%H:%M}-{end:%H:%M}" for day, (start, end) in sorted(self.days.items())}

    def span(self, day: date) -> tuple[time, time]:
        """Hours for a day; a weekend day declared a working day gets Monday's hours."""
        return self.days.get(day.weekday()) or next(iter(self.days.values()))


@lru_cache(maxsize=1)
def _national_calendar() -> Any:
    import holidays  # loaded on first use: it costs the window's start-up time

    # expand=True fills in each year the first time a date of it is asked for.
    return holidays.country_holidays("ID", categories=("public", "government"), language="id", expand=True)


def national_holidays(years: Iterable[int]) -> list[tuple[date, str]]:
    """The national holidays and cuti bersama of these years, as the installed `holidays`
    release gives them (a newer release may add a cuti bersama decreed later)."""
    found = []
    for year in sorted(set(years)):
        day = date(year, 1, 1)
        while day.year == year:
            name = _national_calendar().get(day)
            if name:
                found.append((day, str(name)))
            day += timedelta(days=1)
    return found


def national_digest(years: Iterable[int]) -> str:
    """A digest of the national holidays of these years: what a file remembers of the
    calendar its due times and step durations were worked out on."""
    import hashlib
    import json

    days = national_holidays(years)
    return hashlib.sha256(json.dumps([(d.isoformat(), n) for d, n in days]).encode()).hexdigest()


def step_day_years(first_received: date | None, today: date) -> list[int]:
    """The years whose holidays the finished steps' working days depend on: from the first
    complaint to the one after this (a step may end in the next year)."""
    first = first_received.year if first_received else today.year
    return list(range(first, max(first, today.year) + 2))


@dataclass
class WorkingCalendar:
    hours: OfficeHours = field(default_factory=OfficeHours.default)
    days_off: Mapping[date, str] = field(default_factory=dict)
    extra_working_days: Iterable[date] = ()
    use_national_holidays: bool = True

    def __post_init__(self) -> None:
        self._extra = frozenset(self.extra_working_days)
        self._cache: dict[date, bool] = {}
        self._spans: dict[date, tuple[datetime, datetime]] = {}
        self._rank_from = 0  # ordinal of the first day in _ranks
        self._ranks: list[int] = []  # working days from _rank_from up to and including each day

    def holiday_name(self, day: date) -> str | None:
        if day in self.days_off:
            return self.days_off[day]
        if self.use_national_holidays:
            name = _national_calendar().get(day)
            if name:
                return str(name)
        return None

    def is_working_day(self, day: date) -> bool:
        cached = self._cache.get(day)
        if cached is not None:
            return cached
        if day in self._extra:
            result = True
        elif day.weekday() not in self.hours.days:
            result = False
        else:
            result = self.holiday_name(day) is None
        self._cache[day] = result
        return result

    def next_working_day(self, day: date) -> date:
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def office_span(self, day: date) -> tuple[datetime, datetime]:
        span = self._spans.get(day)
        if span is None:
            opening, closing = self.hours.span(day)
            span = self._spans[day] = (datetime.combine(day, opening), datetime.combine(day, closing))
        return span

    def closing_time(self, day: date) -> datetime:
        return self.office_span(day)[1]

    def opening_time(self, day: date) -> datetime:
        return self.office_span(day)[0]

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """Close of office hours on the `days`-th working day after the day of `start`.

        The day of receipt is day zero, working or not; with days == 0 the due time is
        the close of that day, or of the next working day when it is not one.
        """
        day = start.date()
        if days == 0:
            if not self.is_working_day(day):
                day = self.next_working_day(day)
            return self.closing_time(day)
        for _ in range(days):
            day = self.next_working_day(day)
        return self.closing_time(day)

    def add_working_minutes(self, start: datetime, minutes: int) -> datetime:
        """The moment when `minutes` of office time have passed since `start`."""
        if minutes <= 0:
            return start
        cursor = start
        remaining = timedelta(minutes=minutes)
        while True:
            day = cursor.date()
            if self.is_working_day(day):
                opening, closing = self.office_span(day)
                cursor = max(cursor, opening)
                if cursor < closing:
                    available = closing - cursor
                    if remaining <= available:
                        return cursor + remaining
                    remaining -= available
            cursor = datetime.combine(day + timedelta(days=1), time(0, 0))

    def working_minutes_between(self, start: datetime, end: datetime) -> int:
        """Office minutes in [start, end); zero when end is not after start."""
        if end <= start:
            return 0
        total = timedelta()
        day = start.date()
        while day <= end.date():
            if self.is_working_day(day):
                opening, closing = self.office_span(day)
                lo, hi = max(start, opening), min(end, closing)
                if hi > lo:
                    total += hi - lo
            day += timedelta(days=1)
        return int(total.total_seconds() // 60)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (start is day zero)."""
        if end <= start:
            return 0
        before = self._rank(start)  # first: it may move the start of the running count back
        return self._rank(end) - before

    def _rank(self, day: date) -> int:
        """A running count of working days, so that a recap of thousands of cases does not
        walk every case's days one by one."""
        ordinal = day.toordinal()
        if not self._ranks or ordinal < self._rank_from:
            first = ordinal
            known, known_from = self._ranks, self._rank_from
            self._ranks, self._rank_from = [], first
            end = known_from if known else ordinal + 1
            running = 0
            for number in range(first, end):
                running += self.is_working_day(date.fromordinal(number))
                self._ranks.append(running)
            self._ranks.extend(r + running for r in known)
        index = ordinal - self._rank_from
        while len(self._ranks) <= index:
            following = date.fromordinal(self._rank_from + len(self._ranks))
            self._ranks.append(self._ranks[-1] + self.is_working_day(following))
        return self._ranks[index]
