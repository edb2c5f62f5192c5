"""Letter and agenda numbers from an office's patterns.

A pattern is a format string over {seq}, {year}, {month}, {month_roman},
{office_code} and {classification}; "{seq:03d}" pads the sequence.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
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
        return "pola harus memuat nomor urut ({seq})"
    try:
        render(pattern, 1, date(2026, 1, 1), "0000", "XX")
    except (ValueError, IndexError, KeyError):
        return "format isian tidak sah"
    return None


_SPEC = re.compile(r"^0?[1-9]?d?$")


def render(pattern: str, seq: int, on: date, office_code: str, classification: str = "") -> str:
    # A pattern may come from a package or a backup: only the known fields, by plain name,
    # with at most a one-digit width, so a pattern can neither reach into an object
    # ("{seq.__class__}") nor ask for a gigabyte of padding.
    for _, name, spec, conversion in string.Formatter().parse(pattern):
        if name is None:
            continue
        if name not in FIELDS or conversion or not _SPEC.match(spec or ""):
            raise ValueError(f"isian pola nomor tidak sah: {name!r}")
    return pattern.format(
        seq=seq,
        year=on.year,
        month=f"{on.month:02d}",
        month_roman=_ROMAN[on.month - 1],
        office_code=office_code,
        classification=classification,
    )


# A pattern as a secretary builds it: the parts of the number in order, each a field or a
# fixed text (the slashes between parts are fixed texts too).
PART_LABELS = {
    "seq": "Nomor urut",
    "classification": "Kode klasifikasi arsip",
    "office_code": "Kode kantor",
    "month": "Bulan (angka)",
    "month_roman": "Bulan (angka Romawi)",
    "year": "Tahun",
    "text": "Teks tetap",
}


@dataclass(frozen=True)
class Part:
    kind: str  # one of FIELDS, or "text"
    text: str = ""  # the fixed text of a "text" part
    spec: str = ""  # the running number's format: "" as it comes, "03d" three digits

    @property
    def width(self) -> int:
        digits = self.spec.strip("0d")
        return int(digits) if digits.isdigit() else 0

    def with_width(self, width: int) -> Part:
        return Part(self.kind, self.text, f"0{width}d" if width > 1 else "")

    def describe(self) -> str:
        if self.kind == "text":
            return f"Teks tetap \u201c{self.text}\u201d"
        if self.kind == "seq" and self.width > 1:
            return f"Nomor urut ({self.width} digit)"
        return PART_LABELS.get(self.kind, self.kind)


def parts_of(pattern: str) -> list[Part]:
    """The parts of a pattern, in order; `pattern_of` puts them back to the same pattern."""
    parts: list[Part] = []
    for literal, name, spec, _conversion in string.Formatter().parse(pattern):
        for piece in re.split(r"(/)", literal):
            if piece:
                parts.append(Part("text", piece))
        if name is not None:
            parts.append(Part(name, spec=spec or ""))
    return parts


def pattern_of(parts: list[Part]) -> str:
    out = []
    for part in parts:
        if part.kind == "text":
            out.append(part.text.replace("{", "{{").replace("}", "}}"))
        else:
            out.append("{" + part.kind + (f":{part.spec}" if part.spec else "") + "}")
    return "".join(out)
