"""The figures of a period's statistics, as plain values: made by services.statistics,
laid out by the window's charts, the statistics paper and the recap's Statistik sheet."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Period

# Colours told apart in print and by colour-blind readers (Okabe and Ito's palette).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


@dataclass(frozen=True)
class StepTiming:
    step: str  # "3. Telaah"
    standard: str  # the SOP's standard time, as written
    finished: int
    on_time: int
    average_days: float | None
    slowest_days: int | None

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.finished if self.finished else None


@dataclass
class Statistics:
    office_name: str
    office_code: str
    period: Period
    total: int = 0
    statuses: tuple[str, ...] = ()
    by_month: list[tuple[str, dict[str, int]]] = field(default_factory=list)
    by_classification: list[tuple[str, int]] = field(default_factory=list)
    by_channel: list[tuple[str, int]] = field(default_factory=list)
    by_body: list[tuple[str, int]] = field(default_factory=list)
    steps: list[StepTiming] = field(default_factory=list)
    open_by_age: list[tuple[str, int]] = field(default_factory=list)
    closures: list[tuple[str, int]] = field(default_factory=list)
    cancelled: int = 0  # received in the period but cancelled: outside every figure above

    def sections(self) -> list[tuple[str, str, list[tuple[str, int]]]]:
        """The counted figures as (key, title, rows), in the order every layout shows them."""
        return [
            ("klasifikasi", "Klasifikasi", self.by_classification),
            ("kanal", "Kanal pengaduan", self.by_channel),
            ("badan_terlapor", "Terlapor menurut badan", self.by_body),
            ("umur_terbuka", "Pengaduan terbuka menurut umur", self.open_by_age),
            ("penutupan", "Penutupan menurut jenis", self.closures),
        ]
