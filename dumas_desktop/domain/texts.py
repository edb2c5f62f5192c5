"""Indonesian dates and numbers as they are written in official papers."""

from __future__ import annotations

from datetime import date, datetime

# babel and num2words load on first use: they cost the window's start-up time.


def long_date(value: date) -> str:
    """23 Februari 2026."""
    from babel.dates import format_date

    return format_date(value, "d MMMM y", locale="id")


def date_time(value: datetime) -> str:
    """23 Februari 2026 pukul 09.15."""
    return f"{long_date(value)} pukul {value:%H.%M}"


def number_words(value: int) -> str:
    from num2words import num2words

    return str(num2words(value, lang="id"))


def date_in_words(value: date) -> str:
    """The opening of minutes: "hari Senin tanggal dua puluh tiga bulan Februari tahun
    dua ribu dua puluh enam"."""
    from babel.dates import format_date

    weekday = format_date(value, "EEEE", locale="id")
    month = format_date(value, "MMMM", locale="id")
    return f"hari {weekday} tanggal {number_words(value.day)} bulan {month} tahun {number_words(value.year)}"
