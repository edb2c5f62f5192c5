"""Indonesian dates and numbers as they are written in official papers."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_datetime
from num2words import num2words


def long_date(value: date) -> str:
    """23 Februari 2026."""
    return format_date(value, "d MMMM y", locale="id")


def day_and_date(value: date) -> str:
    """Senin, 23 Februari 2026."""
    return format_date(value, "EEEE, d MMMM y", locale="id")


def date_time(value: datetime) -> str:
    """23 Februari 2026 pukul 09.15."""
    return f"{long_date(value)} pukul {format_datetime(value, 'HH.mm', locale='id')}"


def number_words(value: int) -> str:
    return str(num2words(value, lang="id"))


def date_in_words(value: date) -> str:
    """The opening of minutes: "hari Senin tanggal dua puluh tiga bulan Februari tahun
    dua ribu dua puluh enam"."""
    weekday = format_date(value, "EEEE", locale="id")
    month = format_date(value, "MMMM", locale="id")
    return f"hari {weekday} tanggal {number_words(value.day)} bulan {month} tahun {number_words(value.year)}"
