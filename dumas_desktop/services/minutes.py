"""Berita Acara: drafting, adoption in plenary (which freezes it), and corrections.

Adopted minutes are never edited: a correction is a new version that supersedes the
adopted one once a plenary adopts it, and the old version stays on the record.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ..documents.facts import minutes_paper_label
from ..domain.errors import NotAllowed
from ..domain.validation import Problems
from ..storage.audit import canonical
from ..storage.models import Complaint, IssuedDocument, Letter, Minutes, PlenaryMeeting
from .context import Workspace
from .numbering import next_letter_number
from .workflow import (
    StepOutcome,
    complete_current,
    load_case,
    require_form,
    require_form_roles,
    touch,
)

CONTENT_FIELDS = ("place", "chronology", "identities", "evidence_summary", "petitum", "recommended_sanction")


@dataclass(frozen=True)
class MinutesInput:
    chronology: str
    identities: str
    evidence_summary: str
    petitum: str
    recommended_sanction: str = ""
    place: str = ""


@dataclass(frozen=True)
class PlenaryInput:
    held_at: datetime
    place: str
    chair: str
    members_present: tuple[str, ...]
    decision: str
    adopt: bool = True


def latest_minutes(session: Session, case_id: int) -> Minutes | None:
    return session.scalar(
        select(Minutes).where(Minutes.complaint_id == case_id).order_by(Minutes.version.desc()).limit(1)
    )


def content_hash(minutes: Minutes) -> str:
    return hashlib.sha256(canonical({f: getattr(minutes, f) for f in CONTENT_FIELDS}).encode()).hexdigest()


def _write(
    ws: Workspace,
    session: Session,
    complaint: Complaint,
    data: MinutesInput,
    supersedes: Minutes | None = None,
    reason: str = "",
) -> Minutes:
    latest = latest_minutes(session, complaint.id)
    values = {f: getattr(data, f).strip() for f in CONTENT_FIELDS}
    if latest is not None and latest.status == "draf":
        before = {f: getattr(latest, f) for f in CONTENT_FIELDS}
        for key, value in values.items():
            setattr(latest, key, value)
        latest.plenary_id = None  # a changed draft must go to plenary again
        latest.drafted_at = ws.now()
        latest.drafted_by = ws.actor
        row = latest
    else:
        before = None
        row = Minutes(
            office_code=complaint.office_code,
            complaint_id=complaint.id,
            version=(latest.version + 1) if latest else 1,
            status="draf",
            drafted_at=ws.now(),
            drafted_by=ws.actor,
            supersedes_id=supersedes.id if supersedes else None,
            correction_reason=reason,
            **values,
        )
        session.add(row)
    session.flush()
    ws.audit(
        session,
        complaint.office_code,
        "draf_berita_acara_disimpan",
        "minutes",
        entity_uuid=row.uuid,
        complaint_uuid=complaint.uuid,
        before=before,
        after={"version": row.version, **values},
    )
    touch(ws, complaint)
    return row


def _mark_replaced_papers(session: Session, complaint: Complaint, replaced: Minutes) -> None:
    """The berita acara paper of the version a correction replaces stays in the archive as
    adopted, marked as replaced (its copies say so)."""
    session.execute(
        update(IssuedDocument)
        .where(
            IssuedDocument.complaint_id == complaint.id,
            IssuedDocument.kind == "berita_acara",
            IssuedDocument.recipient == minutes_paper_label(replaced.version, replaced.supersedes_id is not None),
            IssuedDocument.status == "berlaku",
        )
        .values(status="diperbaiki")
    )


def correction_to_send(session: Session, case_id: int) -> bool:
    """A correction adopted after the minutes went to KPU RI waits for its own cover letter."""
    adopted = list(
        session.scalars(
            select(Minutes.supersedes_id)
            .where(Minutes.complaint_id == case_id, Minutes.status.in_(("ditetapkan", "diganti")))
            .order_by(Minutes.version)
        )
    )
    if not adopted or adopted[-1] is None:
        return False
    sent = session.scalar(
        select(func.count(Letter.id)).where(
            Letter.complaint_id == case_id, Letter.kind == "surat_pengantar", Letter.direction == "keluar"
        )
    )
    return 0 < (sent or 0) < len(adopted)


def save_draft(
    ws: Workspace,
    case_id: int,
    data: MinutesInput,
    *,
    complete: bool = False,
    confirmations: Iterable[str] = (),
) -> StepOutcome | None:
    with ws.db.transaction() as session:
        complaint = load_case(session, case_id)
        require_form(ws, session, complaint, "draft_minutes")
        latest = latest_minutes(session, case_id)
        if latest is not None and latest.status != "draf":
            raise NotAllowed("Berita acara telah ditetapkan dan tidak dapat diubah; buat koreksi sebagai versi baru.")
        _write(ws, session, complaint, data)
        if complete:
            return complete_current(ws, session, complaint, None, confirmations)
        return None


def correct_minutes(ws: Workspace, case_id: int, data: MinutesInput, reason: str) -> int:
    """A new version correcting adopted minutes; it takes effect when a plenary adopts it."""
    problems = Problems()
    problems.required(reason, "reason", "Alasan koreksi")
    problems.raise_if_any()
    with ws.db.transaction() as session:
        complaint = load_case(session, case_id)
        # A correction reopens nothing else, so it is possible after the case closed too.
        require_form_roles(
            ws, session, complaint, "plenary", "Koreksi berita acara yang telah ditetapkan", after_closure=True
        )
        latest = latest_minutes(session, case_id)
        if latest is None or latest.status != "ditetapkan":
            raise NotAllowed("Koreksi hanya untuk berita acara yang telah ditetapkan; ubah drafnya langsung.")
        return _write(ws, session, complaint, data, supersedes=latest, reason=reason.strip()).id


def hold_plenary(
    ws: Workspace,
    case_id: int,
    data: PlenaryInput,
    *,
    complete: bool = True,
    confirmations: Iterable[str] = (),
) -> StepOutcome | None:
    """Record the plenary; when it adopts the draft, the minutes are frozen."""
    problems = Problems()
    problems.required(data.place, "place", "Tempat rapat pleno")
    problems.required(data.chair, "chair", "Pimpinan rapat pleno")
    problems.required(data.decision, "decision", "Keputusan rapat pleno")
    problems.not_future(data.held_at, ws.now(), "held_at", "Waktu rapat pleno")
    if not [m for m in data.members_present if m.strip()]:
        problems.add("members_present", "Anggota yang hadir", "paling sedikit satu anggota hadir")
    problems.raise_if_any()
    with ws.db.transaction() as session:
        complaint = load_case(session, case_id)
        minutes = latest_minutes(session, case_id)
        is_correction = minutes is not None and minutes.status == "draf" and minutes.supersedes_id is not None
        if not is_correction:
            require_form(ws, session, complaint, "plenary")
        else:
            require_form_roles(ws, session, complaint, "plenary", "Penetapan koreksi berita acara", after_closure=True)
        if minutes is None or minutes.status != "draf":
            raise NotAllowed("Tidak ada draf berita acara yang menunggu penetapan pleno.")
        held_at = data.held_at.replace(microsecond=0)
        plenary = PlenaryMeeting(
            office_code=complaint.office_code,
            held_at=held_at,
            place=data.place.strip(),
            chair=data.chair.strip(),
            members_present=[m.strip() for m in data.members_present if m.strip()],
            decision=data.decision.strip(),
            number=next_letter_number(session, complaint.office_code, "berita_acara_pleno", held_at.date()),
        )
        session.add(plenary)
        session.flush()
        minutes.plenary_id = plenary.id
        if data.adopt:
            minutes.status = "ditetapkan"
            minutes.adopted_at = held_at
            minutes.content_sha256 = content_hash(minutes)
            if minutes.supersedes_id is not None:
                old = session.get(Minutes, minutes.supersedes_id)
                if old is not None:
                    old.status = "diganti"
                    _mark_replaced_papers(session, complaint, old)
        ws.audit(
            session,
            complaint.office_code,
            "rapat_pleno_dicatat",
            "plenary",
            entity_uuid=plenary.uuid,
            complaint_uuid=complaint.uuid,
            after={
                "number": plenary.number,
                "held_at": held_at,
                "members": plenary.members_present,
                "decision": plenary.decision,
                "adopted": data.adopt,
                "minutes_version": minutes.version,
            },
        )
        touch(ws, complaint)
        if complete and not is_correction:
            outcome = "ditetapkan" if data.adopt else "perbaikan"
            return complete_current(ws, session, complaint, outcome, confirmations)
        return None


@dataclass(frozen=True)
class MinutesView:
    version: int
    status: str
    content: MinutesInput
    is_correction: bool
    plenary_number: str
    awaiting_cover_letter: bool = False  # a correction adopted after the case's minutes went to KPU RI


def current_minutes(ws: Workspace, case_id: int) -> MinutesView | None:
    """The newest version of a case's minutes, with its content."""
    with ws.db.read() as session:
        latest = latest_minutes(session, case_id)
        if latest is None:
            return None
        plenary = session.get(PlenaryMeeting, latest.plenary_id) if latest.plenary_id else None
        return MinutesView(
            version=latest.version,
            status=latest.status,
            content=MinutesInput(**{f: getattr(latest, f) for f in CONTENT_FIELDS}),
            is_correction=latest.supersedes_id is not None,
            plenary_number=plenary.number if plenary else "",
            awaiting_cover_letter=correction_to_send(session, case_id),
        )
