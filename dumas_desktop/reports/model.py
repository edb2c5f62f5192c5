"""What a recap is made from: the period and one plain row per complaint (no database)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

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


@dataclass(frozen=True)
class Period:
    year: int
    month: int | None = None
    quarter: int | None = None

    def __post_init__(self) -> None:
        if not 2000 <= self.year <= 2100:
            raise ValidationError.single("year", "Tahun", "isi tahun empat angka, misalnya 2026")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValidationError.single("month", "Bulan", "isi 1 sampai 12")
        if self.quarter is not None and not 1 <= self.quarter <= 4:
            raise ValidationError.single("quarter", "Triwulan", "isi 1 sampai 4")
        if self.month is not None and self.quarter is not None:
            raise ValidationError.single("month", "Periode", "pilih bulan atau triwulan, tidak keduanya")

    @property
    def months(self) -> tuple[int, int]:
        if self.month is not None:
            return self.month, self.month
        if self.quarter is not None:
            return 3 * self.quarter - 2, 3 * self.quarter
        return 1, 12

    @property
    def start(self) -> datetime:
        return datetime(self.year, self.months[0], 1)

    @property
    def end(self) -> datetime:
        last = self.months[1]
        return datetime(self.year + 1, 1, 1) if last == 12 else datetime(self.year, last + 1, 1)

    @property
    def label(self) -> str:
        if self.month is not None:
            return f"{MONTHS[self.month - 1]} {self.year}"
        if self.quarter is not None:
            return f"Triwulan {QUARTERS[self.quarter - 1]} {self.year}"
        return f"Tahun {self.year}"

    @property
    def slug(self) -> str:
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
