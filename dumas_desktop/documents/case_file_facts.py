"""What the whole case file on paper is made from: the case's facts as its other papers
have them, and the record only this print lists — every step with its times, every
version of the minutes, the evidence files and every paper issued."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from .facts import CaseFacts

KIND = "berkas_lengkap"
TITLE = "Berkas lengkap pengaduan"


@dataclass(frozen=True)
class StepFacts:
    no: int
    name: str
    started_at: datetime
    due_at: datetime | None
    completed_at: datetime | None
    outcome: str  # label
    timeliness: str  # "Tepat waktu", "Terlambat 2 hari kerja", "Berjalan", ...
    actor: str = ""


@dataclass(frozen=True)
class EvidenceFacts:
    name: str  # left out when it may name a confidential reporter
    size: int
    sha256: str
    description: str = ""


@dataclass(frozen=True)
class MinutesVersionFacts:
    version: int
    status: str  # label
    drafted_at: datetime
    adopted_at: datetime | None = None
    replaces: int | None = None  # the version this one corrects
    correction_reason: str = ""


@dataclass(frozen=True)
class IssuedFacts:
    title: str
    number: str
    issued_on: date
    paper: str
    sha256: str
    status: str  # label: berlaku, diganti


@dataclass(frozen=True)
class CaseFileFacts:
    case: CaseFacts
    steps: tuple[StepFacts, ...]
    evidence: tuple[EvidenceFacts, ...]
    minutes_versions: tuple[MinutesVersionFacts, ...]
    issued: tuple[IssuedFacts, ...]
    printed_at: datetime
    printed_by: str = ""
