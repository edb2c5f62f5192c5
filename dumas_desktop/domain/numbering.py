"""Letter and agenda numbers from an office's patterns.

A pattern is a format string over {seq}, {year}, {month}, {month_roman},
{office_code} and {classification}; "{seq:03d}" pads the sequence.
"""

from __future__ import annotations

import string
from datetime import date

FIELDS = ("seq", "year", "month", "month_roman", "office_code", "classification")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def pattern_problem(pattern: str) -> str | None:
    """None when the pattern is usable; otherwise what is wrong, in Indonesian."""
    try:
        names = [f for _, f, _, _ in string.Formatter().parse(pattern) if f is not None]
    except ValueError:
        return "kurung kurawal tidak seimbang"
    unknown = [n for n in names if n not in FIELDS]
    if unknown:
        return f"isian tidak dikenal: {', '.join(unknown)} (pilih: {', '.join(FIELDS)})"
    if "seq" not in names:
        return "pola harus memuat {seq}"
    try:
        render(pattern, 1, date(2026, 1, 1), "0000", "XX")
    except (ValueError, IndexError, KeyError):
        return "format isian tidak sah"
    return None


def render(pattern: str, seq: int, on: date, office_code: str, classification: str = "") -> str:
    return pattern.format(
        seq=seq,
        year=on.year,
        month=f"{on.month:02d}",
        month_roman=_ROMAN[on.month - 1],
        office_code=office_code,
        classification=classification,
    )
