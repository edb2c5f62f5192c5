"""What a recap is made from: the period and one plain row per complaint (no database)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ..domain.errors import ValidationError

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
QUARTERS = ("I", "II", "III", "IV")
ON_TIME, LATE, RUNNING = "Tepat waktu", "Terlambat", "Dalam proses"
MAX_RANGE_DAYS = 5 * 366


def _day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Period:
    """A year, a quarter or a month of it, or a range of days (`first` to `last`, both
    counted; `year` is then the first day's)."""

    year: int
    month: int | None = None
    quarter: int | None = None
    first: date | None = None
    last: date | None = None

    @classmethod
    def days(cls, first: date, last: date) -> Period:
        return cls(first.year, first=first, last=last)

    @property
    def is_range(self) -> bool:
        return self.first is not None and self.last is not None

    def __post_init__(self) -> None:
        if self.first is not None or self.last is not None:
            self._check_range()
            return
        if not 2000 <= self.year <= 2100:
            raise ValidationError.single("year", "Tahun", "isi tahun empat angka, misalnya 2026")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValidationError.single("month", "Bulan", "isi 1 sampai 12")
        if self.quarter is not None and not 1 <= self.quarter <= 4:
            raise ValidationError.single("quarter", "Triwulan", "isi 1 sampai 4")
        if self.month is not None and self.quarter is not None:
            raise ValidationError.single("month", "Periode", "pilih bulan atau triwulan, tidak keduanya")

    def _check_range(self) -> None:
        if self.first is None or self.last is None:
            raise ValidationError.single("first", "Rentang tanggal", "isi tanggal awal dan tanggal akhir")
        if self.month is not None or self.quarter is not None:
            raise ValidationError.single("first", "Periode", "pilih bulan, triwulan, atau rentang tanggal, satu saja")
        if self.last < self.first:
            raise ValidationError.single("last", "Sampai tanggal", "tanggal akhir tidak boleh sebelum tanggal awal")
        if self.first.year < 2000 or self.last.year > 2100:
            raise ValidationError.single("first", "Rentang tanggal", "isi tanggal antara tahun 2000 dan 2100")
        if (self.last - self.first).days > MAX_RANGE_DAYS:
            raise ValidationError.single("last", "Rentang tanggal", "paling panjang lima tahun")

    @property
    def month_keys(self) -> list[tuple[int, int]]:
        """(year, month) of every month the period touches, in order."""
        if self.first is None or self.last is None:
            return [(self.year, m) for m in range(self.months[0], self.months[1] + 1)]
        keys = []
        year, month = self.first.year, self.first.month
        while (year, month) <= (self.last.year, self.last.month):
            keys.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return keys

    @property
    def months(self) -> tuple[int, int]:
        if self.month is not None:
            return self.month, self.month
        if self.quarter is not None:
            return 3 * self.quarter - 2, 3 * self.quarter
        return 1, 12

    @property
    def start(self) -> datetime:
        if self.first is not None:
            return datetime.combine(self.first, datetime.min.time())
        return datetime(self.year, self.months[0], 1)

    @property
    def end(self) -> datetime:
        if self.last is not None:
            return datetime.combine(self.last + timedelta(days=1), datetime.min.time())
        last = self.months[1]
        return datetime(self.year + 1, 1, 1) if last == 12 else datetime(self.year, last + 1, 1)

    @property
    def label(self) -> str:
        if self.first is not None and self.last is not None:
            return f"{_day(self.first)} s.d. {_day(self.last)}"
        if self.month is not None:
            return f"{MONTHS[self.month - 1]} {self.year}"
        if self.quarter is not None:
            return f"Triwulan {QUARTERS[self.quarter - 1]} {self.year}"
        return f"Tahun {self.year}"

    @property
    def slug(self) -> str:
        if self.first is not None and self.last is not None:
            return f"{self.first:%Y-%m-%d}_{self.last:%Y-%m-%d}"
        if self.month is not None:
            return f"{self.year}-{self.month:02d}"
        if self.quarter is not None:
            return f"{self.year}-tw{self.quarter}"
        return str(self.year)


@dataclass(slots=True)
class LateCase:
    """A complaint that overran a standard time: its latest overrun and how many steps overran."""

    agenda_number: str
    subject: str
    step: str
    due_at: datetime
    completed_at: datetime | None  # None: the step is still open past its time
    late_hours: float
    late_steps: int
    status: str


@dataclass(slots=True)  # thousands per recap: plain slots build faster than frozen instances
class RecapRow:
    agenda_number: str
    received_at: datetime
    channel: str
    reporter: str
    respondent: str
    subject: str
    classification: str
    step_dates: tuple[datetime | None, ...]
    follow_up: str
    status: str
    days_taken: int | None
    timeliness: str
    note: str
    office_code: str
    finished: bool = False


@dataclass
class RecapData:
    office_name: str
    office_code: str
    period: Period
    step_labels: tuple[str, ...]
    classifications: tuple[str, ...] = ()  # every label, so a class with no complaint still shows 0
    channels: tuple[str, ...] = ()
    rows: list[RecapRow] = field(default_factory=list)
    late: list[LateCase] = field(default_factory=list)
    made_at: datetime | None = None
