"""What a document is made from: plain values read from the case file, no database.

The services fill these; the layouts only read them. Keeping them plain makes every
document reproducible from its facts and testable without a data file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ..domain.privacy import CONFIDENTIAL_LABEL

HIDDEN = CONFIDENTIAL_LABEL


@dataclass(frozen=True)
class OfficeFacts:
    name: str  # "Komisi Pemilihan Umum Kabupaten Sanggau"
    level: str
    code: str
    address: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    logo: bytes | None = None


@dataclass(frozen=True)
class Signatory:
    position: str
    name: str
    nip: str = ""


@dataclass(frozen=True)
class PartyFacts:
    role: str  # reporter, respondent, witness, related
    name: str
    id_kind: str = ""
    id_number: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    occupation: str = ""
    position: str = ""
    unit: str = ""
    confidentiality: str = "terbuka"

    @property
    def confidential(self) -> bool:
        return self.role == "reporter" and self.confidentiality != "terbuka"


@dataclass(frozen=True)
class WorksheetFacts:
    kind: str  # telaah, telaah_lanjutan, penyelesaian
    rows: tuple[tuple[str, bool | None, str], ...]  # requirement, met, note
    rules_cited: str = ""
    survey: str = ""
    analysis: str = ""
    conclusion: str = ""
    result: str = ""
    missing_items: str = ""
    hearing_needed: bool | None = None
    reviewer: str = ""
    saved_at: datetime | None = None


@dataclass(frozen=True)
class ParticipantFacts:
    role: str  # tim, pelapor, terlapor, saksi, pihak_terkait
    name: str
    position: str = ""
    address: str = ""
    invitation_number: str = ""
    attended: bool | None = None
    statement: str = ""
    confidential: bool = False


@dataclass(frozen=True)
class HearingFacts:
    scheduled_at: datetime
    place: str
    agenda: str
    assignment_number: str
    participants: tuple[ParticipantFacts, ...]
    held_at: datetime | None = None
    summary: str = ""
    planned_at: datetime | None = None

    @property
    def team(self) -> list[ParticipantFacts]:
        return [p for p in self.participants if p.role == "tim"]

    @property
    def invited(self) -> list[ParticipantFacts]:
        return [p for p in self.participants if p.role != "tim"]


@dataclass(frozen=True)
class PlenaryFacts:
    held_at: datetime
    place: str
    chair: str
    members_present: tuple[str, ...]
    decision: str
    number: str = ""


def minutes_paper_label(version: int, is_correction: bool) -> str:
    """How the paper of one version of the minutes is told apart from the others: the
    first is plain, each correction is its own paper with its own number."""
    return f"perbaikan versi {version}" if is_correction else ""


@dataclass(frozen=True)
class CorrectionFacts:
    """What a corrected berita acara replaces, and why."""

    version: int  # of the minutes it replaces
    number: str  # of the paper that version was issued as; "" when it never was
    adopted_on: date | None
    reason: str


@dataclass(frozen=True)
class MinutesFacts:
    version: int
    status: str  # draf, ditetapkan, diganti
    place: str
    chronology: str
    identities: str
    evidence_summary: str
    petitum: str
    recommended_sanction: str
    drafted_at: datetime
    adopted_at: datetime | None = None
    plenary: PlenaryFacts | None = None
    correction: CorrectionFacts | None = None
    number: str = ""  # of the paper this version was issued as, once it is


@dataclass(frozen=True)
class LetterFacts:
    kind: str
    direction: str  # keluar, masuk
    number: str
    letter_date: date
    subject: str
    counterpart: str
    receipt_at: datetime | None = None
    receipt_by: str = ""
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class DispositionFacts:
    given_at: datetime
    from_name: str
    from_position: str
    to_name: str
    instruction: str
    number: str = ""
    step_key: str = ""


@dataclass(frozen=True)
class DecisionFacts:
    kind: str  # label, in Indonesian
    summary: str
    decided_at: date
    letter_number: str
    received_at: datetime


@dataclass(frozen=True)
class CompletionFacts:
    requested_at: datetime
    due_at: datetime
    missing_items: str
    outcome: str = ""


@dataclass(frozen=True)
class MailFacts:
    """The e-mail a complaint came in, as its print-out shows it."""

    sender: str
    recipients: str
    received_at: datetime
    subject: str
    body: str
    message_id: str
    size: int
    sha256: str  # of the raw message
    attachments: tuple[tuple[str, int, str], ...] = ()  # name, size, SHA-256
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseFacts:
    office: OfficeFacts
    agenda_number: str
    received_at: datetime
    channel: str  # label
    subject: str
    description: str
    classification: str  # label
    status: str  # label
    profile_name: str
    event_date: date | None = None
    event_place: str = ""
    location: str = ""
    closure_kind: str = ""
    closure_note: str = ""
    referred_to: str = ""
    referral_body: tuple[str, str] = ("", "")  # addressee and address of the body referred to
    duplicate_of: str = ""  # agenda number of the case this one duplicates
    closed_at: datetime | None = None
    parties: tuple[PartyFacts, ...] = ()
    evidence: tuple[tuple[str, str], ...] = ()  # name, description
    dispositions: tuple[DispositionFacts, ...] = ()
    completion: CompletionFacts | None = None
    worksheets: dict[str, WorksheetFacts] = field(default_factory=dict)
    hearing: HearingFacts | None = None
    minutes: MinutesFacts | None = None
    letters: tuple[LetterFacts, ...] = ()
    decision: DecisionFacts | None = None
    signatories: dict[str, Signatory] = field(default_factory=dict)  # SOP actor -> official
    received_by: str = ""  # the officer who took the complaint in
    completion_days: int = 3  # the reporter's window, from the SOP profile
    issued: dict[str, tuple[str, date]] = field(default_factory=dict)  # kind -> number, date issued
    mail: MailFacts | None = None  # the e-mail the complaint came in, when it was registered from one

    def signer(self, *actors: str) -> Signatory | None:
        """The official of the first of these SOP actors the office has named."""
        for actor in actors:
            if actor in self.signatories:
                return self.signatories[actor]
        return None

    def parties_of(self, role: str) -> list[PartyFacts]:
        return [p for p in self.parties if p.role == role]

    @property
    def reporter(self) -> PartyFacts | None:
        found = self.parties_of("reporter")
        return found[0] if found else None

    @property
    def whole_report_confidential(self) -> bool:
        reporter = self.reporter
        return reporter is not None and reporter.confidentiality == "seluruh"

    def letter(self, kind: str) -> LetterFacts | None:
        found = [item for item in self.letters if item.kind == kind and item.direction == "keluar"]
        return found[-1] if found else None


@dataclass(frozen=True)
class Issue:
    """How this paper is issued: its number, date, paper size and addressee."""

    kind: str
    number: str
    issued_on: date
    paper: str = "A4"  # A4 or F4
    recipient: str = ""  # for one invitation among several
    draft: bool = False
