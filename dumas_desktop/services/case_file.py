"""Reading one case: its detail as the signed-in user may see it (identities masked or
hidden by role), its history, its evidence files, and the working days it took."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    func,
    select,
)
from sqlalchemy.orm import Session

from ..domain import catalog, deadlines
from ..domain.access import roles_of
from ..domain.calendar import WorkingCalendar
from ..domain.errors import NotAllowed, NotFound
from ..domain.privacy import (
    CONFIDENTIAL_LABEL,
    CONFIDENTIAL_SUBJECT,
    hides_content,
    hides_identity,
    mask_email,
    mask_id,
    mask_phone,
    redactor,
)
from ..storage.models import (
    AuditEntry,
    Blob,
    Complaint,
    CompletionRequest,
    Disposition,
    Evidence,
    Hearing,
    KpuDecision,
    Letter,
    Minutes,
    Party,
    SopProfileRecord,
    StepRecord,
    Worksheet,
)
from . import privacy
from .context import Workspace, home_office
from .queries import OPEN
from .workflow import case_profile, load_case


@dataclass(frozen=True)
class StepView:
    key: str
    no: int
    name: str
    started_at: datetime
    due_at: datetime | None
    completed_at: datetime | None
    outcome: str
    paused_minutes: int
    state: str
    actor: str
    minutes_taken: int | None  # office minutes from start to completion, pauses excluded


@dataclass(frozen=True)
class PartyView:
    id: int
    role: str
    name: str
    id_kind: str
    id_number: str
    address: str
    phone: str
    email: str
    occupation: str
    position: str
    unit: str
    confidentiality: str
    masked: bool = False  # NIK, phone and e-mail shown masked: revealing them is recorded


@dataclass(frozen=True)
class CaseDetail:
    id: int
    uuid: str
    office_code: str
    agenda_number: str
    received_at: datetime
    channel: str
    subject: str
    description: str
    event_date: date | None
    event_place: str
    location: str
    classification: str
    status: str
    current_step: str
    current_due_at: datetime | None
    completion_due_at: datetime | None
    closure_kind: str
    closure_note: str
    referred_to: str
    closed_at: datetime | None
    profile_id: str
    profile_version: int
    parties: list[PartyView]
    steps: list[StepView]
    evidence: list[tuple[int, str, str, int, str]]  # id, name, mime, size, sha256
    dispositions: list[tuple[str, datetime, str, str, str, str]]  # step, at, from, to, instruction, number
    letters: list[tuple[int, str, str, str, date, datetime | None]]  # id, kind, direction, number, date, receipt
    worksheets: dict[str, int] = field(default_factory=dict)  # kind -> newest worksheet id
    hearing_id: int | None = None
    hearing_participants: list[tuple[int, str, str, bool | None]] = field(default_factory=list)
    minutes: list[tuple[int, int, str]] = field(default_factory=list)  # id, version, status
    kpu_decision: str = ""
    completion_requests: list[tuple[datetime, datetime, str, str]] = field(default_factory=list)
    days_taken: int | None = None  # working days from receipt to closure, pauses excluded

    @property
    def reporter(self) -> PartyView | None:
        return next((p for p in self.parties if p.role == "reporter"), None)


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    action: str
    details: str


IDENTITY_KEYS = frozenset({"reporter", "name", "id_number", "address", "phone", "email", "evidence"})
# What an entry of a whole-confidential report may still show to those who need not know:
# where the case stands, never what anyone wrote or who anyone is (worksheet and disposition
# texts, minutes, hearing notes, file names and people are all left out).
OPEN_KEYS = frozenset(
    {
        "agenda_number",
        "status",
        "step",
        "kind",
        "number",
        "paper",
        "outcome",
        "confirmations",
        "classification",
        "channel",
        "version",
        "result",
        "copy",
        "due",
        "closure",
        "role",
        "confidential",
        "at",
        "held_at",
        "received_at",
        "decided_at",
        "assignment_number",
        "letter_number",
        "size",
        "dipakai",
    }
)


@dataclass(frozen=True)
class Secrecy:
    """How one case's audit entries are shown to a user who need not know its reporter."""

    whole: bool  # the whole report is confidential, not the identity alone
    redact: Callable[[str], str]  # takes the reporter's name and numbers out of what is left

    def details(self, entity: str, values: Any, names: Names | None = None) -> str:
        if entity == "party":
            return CONFIDENTIAL_LABEL
        if not isinstance(values, dict):
            return ""
        if self.whole:
            kept = {k: v for k, v in values.items() if k in OPEN_KEYS or isinstance(v, bool)}
        else:
            kept = {k: v for k, v in values.items() if k not in IDENTITY_KEYS}
        return summarize({k: self._redacted(v) for k, v in kept.items()}, names=names)

    def _redacted(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.redact(value)
        if isinstance(value, list):
            return [self._redacted(v) for v in value]
        return value


def secrecy_of(ws: Workspace, session: Session, complaint_ids: Any = None) -> dict[str, Secrecy]:
    """The confidential cases (by uuid) whose audit entries the signed-in user may not read
    whole; empty for a user whose role needs the identities. `complaint_ids` narrows it."""
    if privacy.sees_identity(ws, session):
        return {}
    query = (
        select(Complaint.uuid, Party.confidentiality, Party.name, Party.id_number, Party.phone, Party.email)
        .join(Party, Party.complaint_id == Complaint.id)
        .where(Party.role == "reporter", Party.confidentiality != "terbuka")
    )
    if complaint_ids is not None:
        query = query.where(Complaint.id.in_(complaint_ids))
    found: dict[str, Secrecy] = {}
    for uuid, confidentiality, name, id_number, phone, email in session.execute(query):
        if hides_identity("reporter", confidentiality) and uuid not in found:
            found[uuid] = Secrecy(hides_content(confidentiality), redactor([name], [id_number, phone, email]))
    return found


def case_history(ws: Workspace, case_id: int) -> list[HistoryEntry]:
    """The audit trail of one case, oldest first; a confidential reporter's details left
    out for those who need not know them."""
    with ws.db.read() as session:
        complaint = load_case(session, case_id)
        secrecy = secrecy_of(ws, session, [case_id]).get(complaint.uuid)
        names = audit_names(ws, session)
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.complaint_uuid == complaint.uuid).order_by(AuditEntry.id)
        ).all()
        return [
            HistoryEntry(
                e.at,
                e.actor,
                e.action,
                secrecy.details(e.entity, e.after, names) if secrecy else summarize(e.after, names=names),
            )
            for e in entries
        ]


Names = Mapping[str, Mapping[str, str]]


def summarize(values: Any, hide: frozenset[str] = frozenset(), names: Names | None = None) -> str:
    """An entry's values as a line a person reads: "nomor agenda: 001/…; keadaan: Selesai".
    Codes are named as the screens name them (`names`: the office's roles and steps)."""
    if not isinstance(values, dict):
        return ""
    known = {**catalog.AUDIT_VALUES, **(names or {})}
    parts = []
    for key, value in values.items():
        if value in (None, "", [], {}) or key in hide or key == "sha256":
            continue
        labels = known.get(key, {})
        if isinstance(value, bool):
            text_ = "ya" if value else "tidak"
        elif isinstance(value, list):
            text_ = ", ".join(labels.get(str(v), str(v)) for v in value)
        else:
            text_ = labels.get(str(value), _as_read(str(value)))
        parts.append(f"{catalog.AUDIT_FIELDS.get(key, key.replace('_', ' '))}: {text_[:80]}")
    return "; ".join(parts)


ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")


def _as_read(text: str) -> str:
    """A date or moment recorded as 2026-03-05T09:00:00, written as the screens write it."""
    if not ISO_MOMENT.fullmatch(text):
        return text
    moment = datetime.fromisoformat(text)
    return f"{moment:%d-%m-%Y}" if len(text) == 10 else f"{moment:%d-%m-%Y %H.%M}"


def audit_names(ws: Workspace, session: Session) -> Names:
    """The roles, steps, confirmations and classifications of every SOP profile the file
    holds by name, for the codes its audit entries hold: imported cases and users keep their
    own SOP's words. Where two profiles share a code, the office's own name for it wins."""
    home_id = home_office(session).sop_profile_id
    others = [i for i in session.scalars(select(SopProfileRecord.id).order_by(SopProfileRecord.id)) if i != home_id]
    names: dict[str, dict[str, str]] = {key: {} for key in ("roles", "step", "confirmations", "classification")}
    names["role"] = dict(catalog.PARTY_ROLES)
    for profile_id in (*others, home_id):  # the office's own last, so its names win
        profile = ws.profile(session, profile_id)
        roles = roles_of(profile)
        requirements = [
            r for s in profile.steps for r in (*s.requirements, *(x for b in s.branches for x in b.requirements))
        ]
        names["roles"].update(roles)
        names["role"].update(roles)
        names["step"].update({step.key: step.name for step in profile.steps})
        names["confirmations"].update({r.key: r.label for r in requirements})
        names["classification"].update(profile.classifications)
    return names


def evidence_content(ws: Workspace, evidence_id: int) -> bytes:
    with ws.db.read() as session:
        evidence = session.get(Evidence, evidence_id)
        if evidence is not None and not privacy.sees_identity(ws, session):
            hidden = session.scalar(
                select(Party.id).where(
                    Party.complaint_id == evidence.complaint_id,
                    Party.role == "reporter",
                    Party.confidentiality != "terbuka",
                )
            )
            if hidden is not None:
                raise NotAllowed("Bukti pengaduan ini dapat memuat identitas pelapor yang dirahasiakan.")
        content = session.scalar(
            select(Blob.content).join(Evidence, Evidence.sha256 == Blob.sha256).where(Evidence.id == evidence_id)
        )
    if content is None:
        raise NotFound(f"Berkas bukti #{evidence_id} tidak ditemukan.")
    return bytes(content)


def working_days_taken(
    calendar: WorkingCalendar, received: datetime, closed: datetime, requests: Sequence[CompletionRequest]
) -> int:
    """Working days from receipt to closure, less the days spent waiting for the reporter."""
    total = calendar.working_days_between(received.date(), closed.date())
    waited = sum(
        calendar.working_days_between(r.requested_at.date(), (r.resolved_at or closed).date())
        for r in requests
        if r.outcome != "lewat_waktu"
    )
    return max(0, total - waited)


def _party_view(p: Party, sees: bool, content_hidden: bool = False) -> PartyView:
    """NIK, phone and e-mail masked for everyone (the full ones are revealed on request,
    recorded); a confidential reporter (and, when the whole report is confidential, everyone
    in it) shown only as "Dirahasiakan" to those who need not know."""
    hidden = hides_identity(p.role, p.confidentiality)
    if (hidden or content_hidden) and not sees:
        return PartyView(p.id, p.role, CONFIDENTIAL_LABEL, p.id_kind, "", "", "", "", "", "", "", p.confidentiality)
    return PartyView(
        p.id,
        p.role,
        p.name,
        p.id_kind,
        mask_id(p.id_number) if p.id_number else "",
        CONFIDENTIAL_LABEL if hidden and p.address else p.address,
        mask_phone(p.phone) if p.phone else "",
        mask_email(p.email) if p.email else "",
        p.occupation,
        p.position,
        p.unit,
        p.confidentiality,
        masked=True,
    )


def case_detail(ws: Workspace, case_id: int) -> CaseDetail:
    now = ws.now()
    with ws.db.read() as session:
        c = load_case(session, case_id)
        profile = case_profile(ws, session, c)
        names = {s.key: (s.no, s.name) for s in profile.steps}
        calendar = ws.calendar(session)
        records = session.scalars(
            select(StepRecord).where(StepRecord.complaint_id == case_id).order_by(StepRecord.id)
        ).all()
        steps = [
            StepView(
                key=r.step_key,
                no=r.step_no,
                name=names.get(r.step_key, (r.step_no, r.step_key))[1],
                started_at=r.started_at,
                due_at=r.due_at,
                completed_at=r.completed_at,
                outcome=r.outcome,
                paused_minutes=r.paused_minutes,
                state=deadlines.state_of(
                    now, r.due_at, r.warn_at, completed=r.completed_at, paused=r.paused_at is not None
                ),
                actor=r.actor,
                minutes_taken=(
                    calendar.working_minutes_between(r.started_at, r.completed_at) - r.paused_minutes
                    if r.completed_at is not None
                    else None
                ),
            )
            for r in records
        ]
        sees = privacy.sees_identity(ws, session)
        rows = list(session.scalars(select(Party).where(Party.complaint_id == case_id).order_by(Party.sort)))
        reporter_hidden = not sees and any(hides_identity(p.role, p.confidentiality) for p in rows)
        content_hidden = not sees and any(p.role == "reporter" and hides_content(p.confidentiality) for p in rows)
        parties = [_party_view(p, sees, content_hidden) for p in rows]
        hearing = session.scalar(
            select(Hearing)
            .where(Hearing.complaint_id == case_id, Hearing.status != "dibatalkan")
            .order_by(Hearing.id.desc())
            .limit(1)
        )
        decision = session.scalar(select(KpuDecision.kind).where(KpuDecision.complaint_id == case_id))
        requests = session.scalars(
            select(CompletionRequest).where(CompletionRequest.complaint_id == case_id).order_by(CompletionRequest.id)
        ).all()
        days_taken = None
        if c.closed_at is not None:
            days_taken = working_days_taken(calendar, c.received_at, c.closed_at, requests)
        return CaseDetail(
            id=c.id,
            uuid=c.uuid,
            office_code=c.office_code,
            agenda_number=c.agenda_number,
            received_at=c.received_at,
            channel=c.channel,
            subject=CONFIDENTIAL_SUBJECT if content_hidden else c.subject,
            description=CONFIDENTIAL_LABEL if content_hidden else c.description,
            event_date=c.event_date,
            event_place=c.event_place,
            location=c.location,
            classification=c.classification,
            status=c.status,
            current_step=c.current_step if c.status in OPEN else "",
            current_due_at=c.current_due_at,
            completion_due_at=c.completion_due_at,
            closure_kind=c.closure_kind,
            closure_note=c.closure_note,
            referred_to=c.referred_to,
            closed_at=c.closed_at,
            profile_id=profile.id,
            profile_version=profile.version,
            parties=parties,
            steps=steps,
            # Evidence may show the reporter (an ID card, a signed letter): not for those who need not know.
            evidence=[]
            if reporter_hidden
            else [
                (e.id, e.name, e.mime_type, e.size, e.sha256)
                for e in session.scalars(select(Evidence).where(Evidence.complaint_id == case_id))
            ],
            dispositions=[
                (d.step_key, d.given_at, d.from_name, d.to_name, d.instruction, d.number)
                for d in session.scalars(select(Disposition).where(Disposition.complaint_id == case_id))
            ],
            letters=[
                (letter.id, letter.kind, letter.direction, letter.number, letter.letter_date, letter.receipt_at)
                for letter in session.scalars(select(Letter).where(Letter.complaint_id == case_id))
            ],
            worksheets={
                kind: wid
                for kind, wid in session.execute(
                    select(Worksheet.kind, func.max(Worksheet.id))
                    .where(Worksheet.complaint_id == case_id)
                    .group_by(Worksheet.kind)
                )
            },
            hearing_id=hearing.id if hearing else None,
            hearing_participants=[
                (
                    p.id,
                    p.role,
                    CONFIDENTIAL_LABEL
                    if (reporter_hidden and p.role == "pelapor") or (content_hidden and p.role != "tim")
                    else p.name,
                    p.attended,
                )
                for p in hearing.participants
            ]
            if hearing
            else [],
            minutes=[
                (m.id, m.version, m.status)
                for m in session.scalars(
                    select(Minutes).where(Minutes.complaint_id == case_id).order_by(Minutes.version)
                )
            ],
            kpu_decision=decision or "",
            completion_requests=[(r.requested_at, r.due_at, r.missing_items, r.outcome) for r in requests],
            days_taken=days_taken,
        )
