"""Reading a case out of the data file into the plain facts its documents are made from."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..documents.facts import (
    CaseFacts,
    CompletionFacts,
    CorrectionFacts,
    DecisionFacts,
    DispositionFacts,
    HearingFacts,
    LetterFacts,
    MailFacts,
    MinutesFacts,
    OfficeFacts,
    ParticipantFacts,
    PartyFacts,
    PlenaryFacts,
    Signatory,
    WorksheetFacts,
    minutes_paper_label,
)
from ..domain import catalog
from ..domain.sop import Profile
from ..storage.models import (
    AuditEntry,
    Complaint,
    CompletionRequest,
    Disposition,
    Evidence,
    IssuedDocument,
    KpuDecision,
    Letter,
    MailMessage,
    Minutes,
    Office,
    Official,
    Party,
    PlenaryMeeting,
    Worksheet,
)
from .context import Workspace
from .hearing import latest_hearing
from .office import referral_body
from .workflow import case_profile

WORKSHEET_ROWS = tuple((key, f"{subject} (syarat {kind})") for key, subject, kind in catalog.WORKSHEET_CRITERIA)


def office_facts(session: Session, office_code: str) -> OfficeFacts:
    office = session.scalar(select(Office).where(Office.office_code == office_code))
    if office is None:
        office = session.scalar(select(Office).where(Office.is_home.is_(True)))
    assert office is not None
    return OfficeFacts(
        name=office.name,
        level=office.level,
        code=office.office_code,
        address=office.address,
        city=office.city,
        phone=office.phone,
        email=office.email,
        website=office.website,
        logo=office.logo,
    )


def signatories(session: Session, office_code: str) -> dict[str, Signatory]:
    found: dict[str, Signatory] = {}
    rows = session.scalars(
        select(Official)
        .where(Official.office_code == office_code, Official.active.is_(True))
        .order_by(Official.sort, Official.id)
    )
    for official in rows:
        if official.actor and official.actor not in found:
            found[official.actor] = Signatory(official.position, official.name, official.nip)
    return found


def _worksheet(sheet: Worksheet) -> WorksheetFacts:
    rows = tuple((label, getattr(sheet, f"{key}_ok"), getattr(sheet, f"{key}_note")) for key, label in WORKSHEET_ROWS)
    return WorksheetFacts(
        kind=sheet.kind,
        rows=rows,
        rules_cited=sheet.rules_cited,
        survey=sheet.survey,
        analysis=sheet.analysis,
        conclusion=sheet.conclusion,
        result=sheet.result,
        missing_items=sheet.missing_items,
        hearing_needed=sheet.hearing_needed,
        reviewer=sheet.reviewer,
        saved_at=sheet.saved_at,
    )


def _hearing(session: Session, case_id: int, parties: dict[int, Party]) -> HearingFacts | None:
    hearing = latest_hearing(session, case_id)
    if hearing is None:
        return None
    people = []
    for p in hearing.participants:
        party = parties.get(p.party_id) if p.party_id else None
        people.append(
            ParticipantFacts(
                role=p.role,
                name=p.name,
                position=p.position,
                address=party.address if party else "",
                invitation_number=p.invitation_number,
                attended=p.attended,
                statement=p.statement,
                confidential=party is not None and party.role == "reporter" and party.confidentiality != "terbuka",
            )
        )
    return HearingFacts(
        scheduled_at=hearing.scheduled_at,
        place=hearing.place,
        agenda=hearing.agenda,
        assignment_number=hearing.assignment_number,
        participants=tuple(people),
        held_at=hearing.held_at,
        summary=hearing.summary,
        # When the plan (and with it the assignment and invitation numbers) was recorded.
        planned_at=session.scalar(
            select(AuditEntry.at)
            .where(AuditEntry.entity_uuid == hearing.uuid, AuditEntry.action == "klarifikasi_direncanakan")
            .order_by(AuditEntry.id)
            .limit(1)
        ),
    )


def _minutes(session: Session, case_id: int, adopted: bool) -> MinutesFacts | None:
    query = select(Minutes).where(Minutes.complaint_id == case_id)
    if adopted:
        query = query.where(Minutes.status == "ditetapkan")
    record = session.scalar(query.order_by(Minutes.version.desc()).limit(1))
    if record is None:
        return None
    plenary = None
    if record.plenary_id is not None:
        meeting = session.get(PlenaryMeeting, record.plenary_id)
        if meeting is not None:
            plenary = PlenaryFacts(
                held_at=meeting.held_at,
                place=meeting.place,
                chair=meeting.chair,
                members_present=tuple(meeting.members_present or ()),
                decision=meeting.decision,
                number=meeting.number,
            )
    correction = None
    if record.supersedes_id is not None:
        replaced = session.get(Minutes, record.supersedes_id)
        if replaced is not None:
            correction = CorrectionFacts(
                version=replaced.version,
                number=_minutes_paper_number(session, replaced),
                adopted_on=replaced.adopted_at.date() if replaced.adopted_at else None,
                reason=record.correction_reason,
            )
    return MinutesFacts(
        version=record.version,
        status=record.status,
        place=record.place,
        chronology=record.chronology,
        identities=record.identities,
        evidence_summary=record.evidence_summary,
        petitum=record.petitum,
        recommended_sanction=record.recommended_sanction,
        drafted_at=record.drafted_at,
        adopted_at=record.adopted_at,
        plenary=plenary,
        correction=correction,
        number=_minutes_paper_number(session, record),
    )


def _minutes_paper_number(session: Session, record: Minutes) -> str:
    """The number of the berita acara paper issued for this version of the minutes."""
    number = session.scalar(
        select(IssuedDocument.number)
        .where(
            IssuedDocument.complaint_id == record.complaint_id,
            IssuedDocument.kind == "berita_acara",
            IssuedDocument.recipient == minutes_paper_label(record.version, record.supersedes_id is not None),
            IssuedDocument.status.in_(("berlaku", "diperbaiki")),
        )
        .order_by(IssuedDocument.id.desc())
        .limit(1)
    )
    return number or ""


def case_facts(ws: Workspace, session: Session, complaint: Complaint, *, draft_minutes: bool = False) -> CaseFacts:
    """Everything the case's papers may need; `draft_minutes` takes the newest draft
    instead of the adopted minutes."""
    case_id = complaint.id
    profile: Profile = case_profile(ws, session, complaint)
    party_rows = session.scalars(select(Party).where(Party.complaint_id == case_id).order_by(Party.sort, Party.id))
    by_id = {p.id: p for p in party_rows}
    parties = tuple(
        PartyFacts(
            role=p.role,
            name=p.name,
            id_kind=p.id_kind,
            id_number=p.id_number,
            address=p.address,
            phone=p.phone,
            email=p.email,
            occupation=p.occupation,
            position=p.position,
            unit=p.unit,
            confidentiality=p.confidentiality,
        )
        for p in by_id.values()
    )
    request = session.scalar(
        select(CompletionRequest)
        .where(CompletionRequest.complaint_id == case_id)
        .order_by(CompletionRequest.id.desc())
        .limit(1)
    )
    sheets: dict[str, WorksheetFacts] = {}
    for sheet in session.scalars(select(Worksheet).where(Worksheet.complaint_id == case_id).order_by(Worksheet.id)):
        sheets[sheet.kind] = _worksheet(sheet)
    decision = session.scalar(select(KpuDecision).where(KpuDecision.complaint_id == case_id).limit(1))
    issued = {
        d.kind: (d.number, d.issued_on)
        for d in session.scalars(
            select(IssuedDocument)
            .where(IssuedDocument.complaint_id == case_id, IssuedDocument.status == "berlaku")
            .order_by(IssuedDocument.id)
        )
    }
    return CaseFacts(
        office=office_facts(session, complaint.office_code),
        agenda_number=complaint.agenda_number,
        received_at=complaint.received_at,
        channel=catalog.CHANNELS.get(complaint.channel, complaint.channel),
        subject=complaint.subject,
        description=complaint.description,
        classification=profile.classifications.get(complaint.classification, complaint.classification),
        status=catalog.STATUSES.get(complaint.status, complaint.status),
        profile_name=profile.name,
        event_date=complaint.event_date,
        event_place=complaint.event_place,
        location=complaint.location,
        closure_kind=complaint.closure_kind,
        closure_note=complaint.closure_note,
        referred_to=complaint.referred_to,
        referral_body=referral_body(session, complaint.referred_to) if complaint.referred_to else ("", ""),
        duplicate_of=(
            session.scalar(select(Complaint.agenda_number).where(Complaint.id == complaint.duplicate_of_id)) or ""
        )
        if complaint.duplicate_of_id
        else "",
        closed_at=complaint.closed_at,
        parties=parties,
        evidence=tuple(
            (e.name, e.description)
            for e in session.scalars(select(Evidence).where(Evidence.complaint_id == case_id).order_by(Evidence.id))
        ),
        dispositions=tuple(
            DispositionFacts(d.given_at, d.from_name, d.from_position, d.to_name, d.instruction, d.number, d.step_key)
            for d in session.scalars(
                select(Disposition).where(Disposition.complaint_id == case_id).order_by(Disposition.id)
            )
        ),
        completion=(
            CompletionFacts(request.requested_at, request.due_at, request.missing_items, request.outcome)
            if request
            else None
        ),
        worksheets=sheets,
        hearing=_hearing(session, case_id, by_id),
        minutes=_minutes(session, case_id, adopted=not draft_minutes),
        letters=tuple(
            LetterFacts(
                l.kind,
                l.direction,
                l.number,
                l.letter_date,
                l.subject,
                l.counterpart,
                l.receipt_at,
                l.receipt_by,
                l.recorded_at,
            )
            for l in session.scalars(select(Letter).where(Letter.complaint_id == case_id).order_by(Letter.id))  # noqa: E741
        ),
        decision=(
            DecisionFacts(
                kind=catalog.KPU_DECISION_KINDS.get(decision.kind, decision.kind),
                summary=decision.summary,
                decided_at=decision.decided_at,
                letter_number=decision.letter_number,
                received_at=decision.received_at,
            )
            if decision
            else None
        ),
        signatories=signatories(session, complaint.office_code),
        completion_days=profile.completion.time.value,
        issued=issued,
        mail=_mail(session, case_id),
    )


def _mail(session: Session, case_id: int) -> MailFacts | None:
    from .mailbox import mail_facts

    message = session.scalar(select(MailMessage).where(MailMessage.complaint_id == case_id).limit(1))
    return mail_facts(message) if message is not None else None
