"""Registration, classification, dispositions, and the reporter's completion window."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.access import completion_roles
from ..domain.errors import NotAllowed
from ..domain.sop import COMPLETION_TARGET
from ..domain.texts import date_time
from ..domain.validation import Problems
from ..storage.models import Complaint, CompletionRequest, Disposition
from .context import Workspace
from .intake import EvidenceInput, check_evidence, store_evidence
from .numbering import next_letter_number
from .workflow import (
    StepOutcome,
    case_profile,
    close_case,
    complete_current,
    finish_open_steps,
    load_case,
    require_case_work,
    require_form,
    require_open,
    resume_after_completion,
    touch,
)


@dataclass(frozen=True)
class DispositionInput:
    from_name: str
    to_name: str
    instruction: str
    from_position: str = ""
    given_at: datetime | None = None


def _check_disposition(problems: Problems, data: DispositionInput, now: datetime) -> None:
    problems.required(data.from_name, "disposition.from_name", "Pemberi disposisi")
    problems.required(data.to_name, "disposition.to_name", "Tujuan disposisi")
    problems.required(data.instruction, "disposition.instruction", "Isi disposisi")
    problems.not_future(data.given_at, now, "disposition.given_at", "Tanggal disposisi")


def _add_disposition(ws: Workspace, session: Session, complaint: Complaint, data: DispositionInput) -> Disposition:
    given = (data.given_at or ws.now()).replace(microsecond=0)
    row = Disposition(
        office_code=complaint.office_code,
        complaint_id=complaint.id,
        step_key=complaint.current_step,
        given_at=given,
        from_name=data.from_name.strip(),
        from_position=data.from_position.strip(),
        to_name=data.to_name.strip(),
        instruction=data.instruction.strip(),
        number=next_letter_number(session, complaint.office_code, "lembar_disposisi", given.date()),
        actor=ws.actor,
    )
    session.add(row)
    session.flush()
    ws.audit(
        session,
        complaint.office_code,
        "disposisi_dicatat",
        "disposition",
        entity_uuid=row.uuid,
        complaint_uuid=complaint.uuid,
        after={
            "step": row.step_key,
            "from": row.from_name,
            "to": row.to_name,
            "instruction": row.instruction,
            "number": row.number,
        },
    )
    return row


def record_disposition(
    ws: Workspace,
    case_id: int,
    data: DispositionInput,
    *,
    complete: bool = False,
    outcome: str | None = None,
    confirmations: Iterable[str] = (),
) -> StepOutcome | None:
    """A superior's disposition at the current step; optionally completes the step."""
    problems = Problems()
    _check_disposition(problems, data, ws.now())
    problems.raise_if_any()
    with ws.db.transaction() as session:
        complaint = load_case(session, case_id)
        require_case_work(ws, session, complaint, "Mencatat disposisi")
        if complaint.status == "menunggu_pelapor":
            raise NotAllowed("Pengaduan sedang menunggu kelengkapan dari pelapor.")
        _add_disposition(ws, session, complaint, data)
        touch(ws, complaint)
        if complete:
            return complete_current(ws, session, complaint, outcome, confirmations)
        return None


def register(
    ws: Workspace,
    case_id: int,
    classification: str,
    disposition: DispositionInput | None = None,
    *,
    confirmations: Iterable[str] = (),
    complete: bool = True,
) -> StepOutcome | None:
    """Registration and classification with the first screening (and its disposition)."""
    problems = Problems()
    problems.required(classification, "classification", "Klasifikasi")
    if disposition is not None:
        _check_disposition(problems, disposition, ws.now())
    problems.raise_if_any()
    with ws.db.transaction() as session:
        complaint = load_case(session, case_id)
        require_form(ws, session, complaint, "register", "receive")
        profile = case_profile(ws, session, complaint)
        if classification not in profile.classifications:
            problems.add("classification", "Klasifikasi", f"\u201c{classification}\u201d tidak ada dalam profil SOP")
            problems.raise_if_any()
        before = complaint.classification
        complaint.classification = classification
        ws.audit(
            session,
            complaint.office_code,
            "diklasifikasi",
            "complaint",
            entity_uuid=complaint.uuid,
            complaint_uuid=complaint.uuid,
            before={"classification": before},
            after={"classification": classification},
        )
        if disposition is not None:
            _add_disposition(ws, session, complaint, disposition)
        touch(ws, complaint)
        if complete:
            return complete_current(ws, session, complaint, None, confirmations)
        return None


def request_completion(ws: Workspace, case_id: int, confirmations: Iterable[str] = ()) -> StepOutcome:
    """Send the complaint back to the reporter: the branch of the current step that
    leads to the completion window (its requirements include the list of what is missing)."""
    with ws.db.transaction() as session:
        complaint = load_case(session, case_id)
        require_open(complaint)  # the branch's own roles are checked as the step completes
        step = case_profile(ws, session, complaint).step(complaint.current_step)
        branch = next((b for b in step.branches if b.next == COMPLETION_TARGET), None)
        if branch is None:
            raise NotAllowed(
                f"Profil SOP tidak mengatur permintaan kelengkapan pada langkah {step.no} \u201c{step.name}\u201d."
            )
        return complete_current(ws, session, complaint, branch.outcome, confirmations)


def _open_request(ws: Workspace, session: Session, complaint: Complaint, what: str) -> CompletionRequest:
    require_open(complaint)
    profile = case_profile(ws, session, complaint)
    ws.access.require(profile, completion_roles(profile), f"{what} pengaduan {complaint.agenda_number}")
    request = session.scalar(
        select(CompletionRequest)
        .where(CompletionRequest.complaint_id == complaint.id, CompletionRequest.resolved_at.is_(None))
        .order_by(CompletionRequest.id.desc())
        .limit(1)
    )
    if complaint.status != "menunggu_pelapor" or request is None:
        raise NotAllowed(f"Pengaduan {complaint.agenda_number} tidak sedang menunggu kelengkapan dari pelapor.")
    return request


def record_completion(
    ws: Workspace, case_id: int, note: str, evidence: Iterable[EvidenceInput] = ()
) -> datetime | None:
    """The reporter completed the file; the stopped step resumes. Returns its new due time."""
    problems = Problems()
    problems.required(note, "note", "Keterangan kelengkapan yang diterima")
    items = list(evidence)
    for i, item in enumerate(items):
        check_evidence(problems, item, f"evidence.{i}")
    problems.raise_if_any()
    now = ws.now()
    with ws.db.transaction() as session:
        complaint = load_case(session, case_id)
        request = _open_request(ws, session, complaint, "Mencatat kelengkapan")
        for item in items:
            row = store_evidence(session, complaint, item, ws)
            ws.audit(
                session,
                complaint.office_code,
                "bukti_ditambahkan",
                "evidence",
                entity_uuid=row.uuid,
                complaint_uuid=complaint.uuid,
                after={"name": row.name, "sha256": row.sha256},
            )
        request.resolved_at = now
        request.outcome = "dilengkapi" if now <= request.due_at else "dilengkapi_terlambat"
        request.note = note.strip()
        resume_after_completion(ws, session, complaint, now)
        ws.audit(
            session,
            complaint.office_code,
            "kelengkapan_diterima",
            "complaint",
            entity_uuid=complaint.uuid,
            complaint_uuid=complaint.uuid,
            after={"outcome": request.outcome, "note": request.note, "due": complaint.current_due_at},
        )
        touch(ws, complaint)
        return complaint.current_due_at


def reject(ws: Workspace, case_id: int, reason: str) -> None:
    """Reject a complaint whose completion window lapsed without completion."""
    problems = Problems()
    problems.required(reason, "reason", "Alasan penolakan")
    problems.raise_if_any()
    now = ws.now()
    with ws.db.transaction() as session:
        complaint = load_case(session, case_id)
        request = _open_request(ws, session, complaint, "Menolak")
        if now <= request.due_at:
            raise NotAllowed(
                f"Batas waktu kelengkapan pengaduan {complaint.agenda_number} belum lewat "
                f"(sampai {date_time(request.due_at)}); pengaduan belum dapat ditolak."
            )
        request.resolved_at = now
        request.outcome = "lewat_waktu"
        finish_open_steps(ws, session, complaint, now, "ditolak", reason.strip())
        close_case(complaint, "ditolak", now)
        complaint.closure_note = reason.strip()
        ws.audit(
            session,
            complaint.office_code,
            "pengaduan_ditolak",
            "complaint",
            entity_uuid=complaint.uuid,
            complaint_uuid=complaint.uuid,
            after={"reason": complaint.closure_note},
        )
        touch(ws, complaint)
