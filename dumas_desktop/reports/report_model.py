"""What the complaint report (laporan pengaduan, Sumatera Barat's step 8) is made from:
the recap of the period and, for each complaint, the path it took through the SOP."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .model import RecapData


@dataclass(frozen=True)
class StepPass:
    """One pass of a complaint through one SOP step."""

    label: str
    started_at: datetime
    due_at: datetime | None
    completed_at: datetime | None
    late: bool


@dataclass(frozen=True)
class CasePath:
    """The papers and answers of one complaint, each told in one line."""

    memos: tuple[str, ...] = ()  # nota dinas sent, with their numbers
    dispositions: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()  # replies received from the units concerned
    settlement: str = ""  # what the settlement team concluded
    steps: tuple[StepPass, ...] = ()


@dataclass
class ComplaintReport:
    recap: RecapData
    paths: dict[tuple[str, str], CasePath] = field(default_factory=dict)  # (office, agenda number)

    def path_of(self, office_code: str, agenda_number: str) -> CasePath:
        return self.paths.get((office_code, agenda_number), CasePath())
