"""The whole case file on paper: one print of everything the record holds about a case.

It is a print of the record, not a letter: it takes no number, is not archived as an
issued paper, and each print is written in the audit trail with the SHA-256 of what was
printed. A confidential reporter is never named on it (the paper leaves the system), the
way the office's internal papers leave them out."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..documents.case_file_facts import (
    KIND,
    TITLE,
    CaseFileFacts,
    EvidenceFacts,
    IssuedFacts,
    MinutesVersionFacts,
    StepFacts,
)
from ..domain import deadlines
from ..domain.calendar import WorkingCalendar
from ..domain.sop import Profile
from ..storage.models import Complaint, Evidence, IssuedDocument, Minutes, StepRecord
from .context import Workspace
from .document_facts import case_facts
from .documents import Paper, check_paper, default_paper, file_name, require_paper_role
from .workflow import case_profile, load_case

MINUTES_STATUSES = {"draf": "Draf", "ditetapkan": "Ditetapkan", "diganti": "Diganti (diperbaiki)"}
ISSUED_STATUSES = {"berlaku": "Berlaku", "diganti": "Diganti", "diperbaiki": "Diperbaiki (tidak berlaku)"}


def timeliness(calendar: WorkingCalendar, due: datetime | None, completed: datetime | None, state: str) -> str:
    """Whether the step kept its due time, and by how many working days it did not."""
    if due is None:
        return "Tanpa batas waktu baku"
    if completed is None:
        if state == deadlines.PAUSED:
            return "Berjalan, menunggu pelapor (waktu berhenti)"
        if state == deadlines.OVERDUE:
            return "Berjalan, lewat batas waktu"
        return "Berjalan, dalam batas waktu"
    if completed <= due:
        return "Tepat waktu"
    days = calendar.working_days_between(due.date(), completed.date())
    return f"Terlambat {days} hari kerja" if days else "Terlambat (kurang dari 1 hari kerja)"


def _steps(ws: Workspace, session: Session, complaint: Complaint, profile: Profile) -> tuple[StepFacts, ...]:
    calendar = ws.calendar(session)
    now = ws.now()
    by_key = {step.key: step for step in profile.steps}
    found = []
    for r in session.scalars(select(StepRecord).where(StepRecord.complaint_id == complaint.id).order_by(StepRecord.id)):
        step = by_key.get(r.step_key)
        branch = step.branch(r.outcome) if step else None
        state = deadlines.state_of(now, r.due_at, r.warn_at, completed=r.completed_at, paused=r.paused_at is not None)
        found.append(
            StepFacts(
                no=r.step_no,
                name=step.name if step else r.step_key,
                started_at=r.started_at,
                due_at=r.due_at,
                completed_at=r.completed_at,
                outcome=branch.label if branch else r.outcome,
                timeliness=timeliness(calendar, r.due_at, r.completed_at, state),
                actor=r.actor,
            )
        )
    return tuple(found)


def gather(ws: Workspace, session: Session, complaint: Complaint) -> CaseFileFacts:
    """Everything the case file prints, read in one session."""
    profile = case_profile(ws, session, complaint)
    facts = case_facts(ws, session, complaint)
    # A file name can be the reporter's own ("KTP Budi.jpg"): not printed for a confidential one.
    reporter = facts.reporter
    hide_names = reporter is not None and reporter.confidential
    evidence = tuple(
        EvidenceFacts(
            name="" if hide_names else e.name,
            size=e.size,
            sha256=e.sha256,
            description="" if hide_names else e.description,
        )
        for e in session.scalars(select(Evidence).where(Evidence.complaint_id == complaint.id).order_by(Evidence.id))
    )
    rows = list(session.scalars(select(Minutes).where(Minutes.complaint_id == complaint.id).order_by(Minutes.version)))
    versions = {m.id: m.version for m in rows}
    minutes = tuple(
        MinutesVersionFacts(
            version=m.version,
            status=MINUTES_STATUSES.get(m.status, m.status),
            drafted_at=m.drafted_at,
            adopted_at=m.adopted_at,
            replaces=versions.get(m.supersedes_id) if m.supersedes_id else None,
            correction_reason=m.correction_reason,
        )
        for m in rows
    )
    issued = tuple(
        IssuedFacts(
            title=d.title,
            number=d.number,
            issued_on=d.issued_on,
            paper=d.paper,
            sha256=d.sha256,
            status=ISSUED_STATUSES.get(d.status, d.status),
        )
        for d in session.scalars(
            select(IssuedDocument).where(IssuedDocument.complaint_id == complaint.id).order_by(IssuedDocument.id)
        )
    )
    return CaseFileFacts(
        case=facts,
        steps=_steps(ws, session, complaint, profile),
        evidence=evidence,
        minutes_versions=minutes,
        issued=issued,
        printed_at=ws.now(),
        printed_by=ws.actor,
    )


def print_case_file(ws: Workspace, case_id: int, paper: str | None = None) -> Paper:
    """The case file as one PDF; the print is recorded in the audit trail."""
    from ..documents.case_file_pdf import make_case_file_pdf  # reportlab loads on first use

    paper = paper or default_paper(ws)
    check_paper(paper)
    with ws.db.transaction() as session:
        complaint = load_case(session, case_id)
        require_paper_role(ws, session, complaint, KIND)
        facts = gather(ws, session, complaint)
        pdf = make_case_file_pdf(facts, paper)
        ws.audit(
            session,
            complaint.office_code,
            "berkas_lengkap_dicetak",
            "complaint",
            entity_uuid=complaint.uuid,
            complaint_uuid=complaint.uuid,
            after={"kind": KIND, "paper": paper, "sha256": hashlib.sha256(pdf).hexdigest(), "size": len(pdf)},
        )
        return Paper(pdf, TITLE, file_name(KIND, complaint.agenda_number), "", False, None)
