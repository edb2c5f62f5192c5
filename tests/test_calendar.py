"""The working-day clock: weekends, holidays, cuti bersama, office hours, office days."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from dumas_desktop.domain import deadlines
from dumas_desktop.domain.calendar import OfficeHours, WorkingCalendar
from dumas_desktop.domain.sop import StandardTime


@pytest.fixture
def cal() -> WorkingCalendar:
    return WorkingCalendar()


def test_national_holidays_and_cuti_bersama_are_days_off(cal):
    assert not cal.is_working_day(date(2026, 2, 16))  # cuti bersama Tahun Baru Imlek
    assert not cal.is_working_day(date(2026, 2, 17))  # Tahun Baru Imlek
    assert not cal.is_working_day(date(2026, 12, 24))  # cuti bersama Natal
    assert cal.holiday_name(date(2026, 8, 17)) == "Hari Kemerdekaan Republik Indonesia"
    assert cal.is_working_day(date(2026, 2, 18))


def test_day_of_receipt_is_day_zero_and_weekends_are_skipped(cal):
    friday = datetime(2026, 3, 6, 10, 0)
    assert cal.add_working_days(friday, 1) == datetime(2026, 3, 9, 16, 0)  # Monday's close
    saturday = datetime(2026, 3, 7, 10, 0)
    assert cal.add_working_days(saturday, 1) == datetime(2026, 3, 9, 16, 0)
    assert cal.add_working_days(saturday, 0) == datetime(2026, 3, 9, 16, 0)
    assert cal.add_working_days(friday, 0) == datetime(2026, 3, 6, 16, 30)  # Friday closes later


def test_three_working_days_across_a_holiday_week(cal):
    # 13 May 2026 (Wed) -> 14 Kenaikan, 15 cuti bersama, weekend: 18, 19, 20.
    assert cal.add_working_days(datetime(2026, 5, 13, 9, 0), 3) == datetime(2026, 5, 20, 16, 0)


def test_minutes_count_only_within_office_hours(cal):
    assert cal.add_working_minutes(datetime(2026, 3, 2, 9, 0), 20) == datetime(2026, 3, 2, 9, 20)
    # Friday 16:20: ten minutes before closing, the other ten on Monday morning.
    assert cal.add_working_minutes(datetime(2026, 3, 6, 16, 20), 20) == datetime(2026, 3, 9, 7, 40)
    assert cal.add_working_minutes(datetime(2026, 3, 2, 6, 0), 20) == datetime(2026, 3, 2, 7, 50)
    assert cal.add_working_minutes(datetime(2026, 3, 2, 18, 0), 120) == datetime(2026, 3, 3, 9, 30)


def test_working_minutes_between_skip_nights_and_weekends(cal):
    assert cal.working_minutes_between(datetime(2026, 3, 6, 15, 0), datetime(2026, 3, 9, 8, 30)) == 150
    assert cal.working_minutes_between(datetime(2026, 3, 9, 9, 0), datetime(2026, 3, 9, 8, 0)) == 0


def test_office_days_off_and_worked_holidays():
    cal = WorkingCalendar(
        days_off={date(2026, 3, 10): "Rapat kerja di luar kantor"},
        extra_working_days=[date(2026, 3, 14), date(2026, 8, 17)],
    )
    assert not cal.is_working_day(date(2026, 3, 10))
    assert cal.holiday_name(date(2026, 3, 10)) == "Rapat kerja di luar kantor"
    assert cal.is_working_day(date(2026, 3, 14))  # a Saturday the office works
    assert cal.is_working_day(date(2026, 8, 17))
    assert cal.add_working_days(datetime(2026, 3, 9, 9, 0), 1) == datetime(2026, 3, 11, 16, 0)


def test_configured_office_hours():
    hours = OfficeHours.from_dict({"senin": "08:00-15:00", "selasa": "08:00-15:00"})
    cal = WorkingCalendar(hours=hours, use_national_holidays=False)
    assert not cal.is_working_day(date(2026, 3, 4))  # Wednesday: closed in this office
    assert cal.add_working_minutes(datetime(2026, 3, 3, 14, 30), 60) == datetime(2026, 3, 9, 8, 30)
    assert hours.to_dict() == {"senin": "08:00-15:00", "selasa": "08:00-15:00"}


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ({"senen": "07:30-16:00"}, "nama hari"),
        ({"senin": "7.30-16"}, "JJ:MM"),
        ({"senin": "16:00-07:30"}, "setelah jam masuk"),
        ({"senin": ""}, "paling sedikit satu hari"),
    ],
)
def test_bad_office_hours_are_named(hours, message):
    with pytest.raises(ValueError, match=message):
        OfficeHours.from_dict(hours)


def test_due_and_warning_times(cal):
    start = datetime(2026, 3, 2, 9, 0)
    one_day = deadlines.deadline_for(cal, start, StandardTime("hari", 1))
    assert one_day.due == datetime(2026, 3, 3, 16, 0)
    assert one_day.warn == datetime(2026, 3, 3, 7, 30)  # due today from opening time
    ranged = deadlines.deadline_for(cal, start, StandardTime("hari", 7, 5))
    assert ranged.warn == datetime(2026, 3, 9, 16, 0) and ranged.due == datetime(2026, 3, 11, 16, 0)
    hours = deadlines.deadline_for(cal, start, StandardTime("jam", 2))
    assert hours.due == datetime(2026, 3, 2, 11, 0) and hours.warn == datetime(2026, 3, 2, 10, 36)


def test_pause_pushes_the_deadline_by_the_office_time_lost(cal):
    deadline = deadlines.Deadline(datetime(2026, 3, 3, 16, 0), datetime(2026, 3, 3, 7, 30))
    moved = deadlines.extend_for_pause(cal, deadline, datetime(2026, 3, 3, 10, 0), datetime(2026, 3, 4, 10, 0))
    assert moved.due == datetime(2026, 3, 4, 16, 0)


def test_states(cal):
    due, warn = datetime(2026, 3, 3, 16, 0), datetime(2026, 3, 3, 7, 30)
    state = deadlines.state_of
    assert state(datetime(2026, 3, 2, 12, 0), due, warn) == deadlines.ON_TIME
    assert state(datetime(2026, 3, 3, 12, 0), due, warn) == deadlines.DUE_SOON
    assert state(datetime(2026, 3, 3, 16, 1), due, warn) == deadlines.OVERDUE
    assert state(datetime(2026, 3, 9), due, warn, paused=True) == deadlines.PAUSED
    assert state(datetime(2026, 3, 9), None, None) == deadlines.NO_LIMIT
    assert state(datetime(2026, 3, 9), due, warn, completed=datetime(2026, 3, 3, 15, 0)) == deadlines.DONE_ON_TIME
    assert state(datetime(2026, 3, 9), due, warn, completed=datetime(2026, 3, 4, 8, 0)) == deadlines.DONE_LATE


def test_dates_as_indonesian_minutes_write_them():
    from dumas_desktop.domain.texts import date_in_words, date_time, long_date

    assert long_date(date(2026, 2, 23)) == "23 Februari 2026"
    assert date_time(datetime(2026, 2, 23, 9, 5)) == "23 Februari 2026 pukul 09.05"
    assert date_in_words(date(2026, 2, 23)) == (
        "hari Senin tanggal dua puluh tiga bulan Februari tahun dua ribu dua puluh enam"
    )


def test_working_days_between_matches_counting_day_by_day():
    import random

    calendar = WorkingCalendar(
        hours=OfficeHours.default(),
        days_off={date(2026, 8, 18): "Libur kantor"},
        extra_working_days=[date(2026, 3, 21)],
    )
    rng = random.Random(5)
    for _ in range(2000):
        start = date(2025, 1, 1) + timedelta(days=rng.randrange(900))
        end = start + timedelta(days=rng.randrange(-10, 300))
        counted, day = 0, start
        while day < end:
            day += timedelta(days=1)
            counted += calendar.is_working_day(day)
        assert calendar.working_days_between(start, end) == counted, (start, end)
