"""Links between cases: a complaint recorded as related to ("terkait dengan") or as a
duplicate of ("duplikat dari") another. A link is never a merge: both cases stay whole,
each shows the other, and a duplicate can then be closed early as such (closure.close).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from ..domain.access import step_roles
from ..domain.errors import NotAllowed, NotFound
from ..domain.validation import Problems
from ..storage.models import CaseLink, Complaint
from ..storage.sqlfuncs import one_of
from . import privacy
from .changes import Changes
from .context import Workspace
from .workflow import OPEN_STATUSES, case_profile, case_work_roles, find_case_id, load_cases, touch

KINDS = {"terkait": "Terkait dengan", "duplikat": "Duplikat dari"}
# How a link reads from the case it points at.
REVERSE = {"terkait": "Terkait dengan", "duplikat": "Diadukan ulang sebagai"}
MARK_LABELS = {"duplikat": "Duplikat", "diadukan_ulang": "Diadukan ulang", "terkait": "Terkait"}  # link_marks


@dataclass(frozen=True)
class Linked:
    case_id: int
    linked_id: int
    kind: str

    @property
    def changes(self) -> Changes:
        return Changes.of_cases([self.case_id, self.linked_id])


@dataclass(frozen=True)
class LinkView:
    """One link as seen from one case: `label` reads "Duplikat dari" on the newer case and
    "Diadukan ulang sebagai" on the one it points at."""

    other_id: int
    other_number: str
    other_subject: str
    other_status: str
    kind: str
    label: str
    outgoing: bool  # recorded on this case (this one is the newer, or the duplicate)
    note: str
    linked_at: datetime
    linked_by: str


def _require_link_rights(ws: Workspace, session: Session, complaint: Complaint, doing: str = "Menautkan") -> None:
    profile = case_profile(ws, session, complaint)
    roles = set(step_roles(profile, profile.step(profile.first_step)))
    if complaint.status in OPEN_STATUSES:
        roles |= set(case_work_roles(profile, complaint))
    ws.access.require(profile, sorted(roles), f"{doing} pengaduan {complaint.agenda_number}")


def _link_between(session: Session, case_id: int, other_id: int) -> CaseLink | None:
    return session.scalar(
        select(CaseLink).where(
            or_(
                (CaseLink.complaint_id == case_id) & (CaseLink.linked_id == other_id),
                (CaseLink.complaint_id == other_id) & (CaseLink.linked_id == case_id),
            )
        )
    )


def link(ws: Workspace, case_id: int, to_id: int, kind: str, note: str = "") -> Linked:
    """Record `case_id` as related to, or a duplicate of, `to_id`; audited on both cases."""
    problems = Problems()
    problems.choice(kind, KINDS, "kind", "Jenis tautan")
    problems.raise_if_any()
    if case_id == to_id:
        raise NotAllowed("Pengaduan tidak dapat ditautkan dengan dirinya sendiri.")
    with ws.db.transaction() as session:
        complaint, other = load_cases(session, case_id, to_id)
        _require_link_rights(ws, session, complaint)
        existing = _link_between(session, case_id, to_id)
        if existing is not None:
            raise NotAllowed(
                f"{complaint.agenda_number} dan {other.agenda_number} sudah ditautkan "
                f"({KINDS.get(existing.kind, existing.kind).lower()})."
            )
        row = CaseLink(
            office_code=complaint.office_code,
            complaint_id=case_id,
            linked_id=to_id,
            kind=kind,
            note=" ".join(note.split()),
            linked_at=ws.now(),
            linked_by=ws.actor,
        )
        session.add(row)
        session.flush()
        after = {
            "kind": kind,
            "agenda_number": complaint.agenda_number,
            "linked_to": other.agenda_number,
            "note": row.note,
        }
        for target in (complaint, other):
            ws.audit(
                session,
                target.office_code,
                "pengaduan_ditautkan",
                "case_link",
                entity_uuid=row.uuid,
                complaint_uuid=target.uuid,
                after=after,
            )
            touch(ws, target)
    return Linked(case_id, to_id, kind)


def unlink(ws: Workspace, case_id: int, other_id: int, reason: str) -> Linked:
    """Remove the link between two cases, whichever of them it was recorded on, with the
    reason why (a link made by mistake, or two complaints found different after all);
    audited on both. Whoever may link the case it was recorded on may remove it. A
    duplicate link that closed its case early as a duplicate stays while that closure does:
    the closure and the notice sent to the reporter rest on it."""
    problems = Problems()
    problems.required(reason, "reason", "Alasan menghapus tautan")
    problems.raise_if_any()
    with ws.db.transaction() as session:
        complaint, other = load_cases(session, case_id, other_id)
        row = _link_between(session, case_id, other_id)
        if row is None:
            raise NotFound(f"{complaint.agenda_number} dan {other.agenda_number} tidak bertaut.")
        source, target = (complaint, other) if row.complaint_id == complaint.id else (other, complaint)
        _require_link_rights(ws, session, source, "Menghapus tautan")
        if row.kind == "duplikat" and source.closure_kind == "duplikat" and source.duplicate_of_id == target.id:
            raise NotAllowed(
                f"Tautan tidak dapat dihapus: pengaduan {source.agenda_number} ditutup sebagai duplikat dari "
                f"{target.agenda_number}, dan penutupan itu beserta pemberitahuannya kepada pelapor bersandar "
                "pada tautan ini."
            )
        before = {
            "kind": row.kind,
            "agenda_number": source.agenda_number,
            "linked_to": target.agenda_number,
            "note": row.note,
        }
        after = {**before, "note": "", "reason": " ".join(reason.split())}  # the case's history names the link
        for case in (source, target):
            ws.audit(
                session,
                case.office_code,
                "tautan_dihapus",
                "case_link",
                entity_uuid=row.uuid,
                complaint_uuid=case.uuid,
                before=before,
                after=after,
            )
            touch(ws, case)
        session.delete(row)
    return Linked(source.id, target.id, row.kind)


def unlink_by_number(ws: Workspace, number: str, other_number: str, reason: str) -> Linked:
    with ws.db.read() as session:
        case_id = find_case_id(session, number)
        other_id = find_case_id(session, other_number)
    return unlink(ws, case_id, other_id, reason)


def record_duplicate(ws: Workspace, session: Session, complaint: Complaint, original: Complaint) -> None:
    """Within the early closure as duplicate: the closed case shows the original as
    "duplikat dari" (a related link between the two becomes that)."""
    existing = session.scalar(
        select(CaseLink).where(
            or_(
                (CaseLink.complaint_id == complaint.id) & (CaseLink.linked_id == original.id),
                (CaseLink.complaint_id == original.id) & (CaseLink.linked_id == complaint.id),
            )
        )
    )
    if existing is not None and existing.complaint_id == complaint.id and existing.kind == "duplikat":
        return
    if existing is not None:
        session.delete(existing)
        session.flush()
    row = CaseLink(
        office_code=complaint.office_code,
        complaint_id=complaint.id,
        linked_id=original.id,
        kind="duplikat",
        note="",
        linked_at=ws.now(),
        linked_by=ws.actor,
    )
    session.add(row)
    session.flush()
    after = {
        "kind": "duplikat",
        "agenda_number": complaint.agenda_number,
        "linked_to": original.agenda_number,
        "note": "ditutup sebagai duplikat",
    }
    for target in (complaint, original):
        ws.audit(
            session,
            target.office_code,
            "pengaduan_ditautkan",
            "case_link",
            entity_uuid=row.uuid,
            complaint_uuid=target.uuid,
            after=after,
        )


def link_by_number(ws: Workspace, number: str, to_number: str, kind: str, note: str = "") -> Linked:
    with ws.db.read() as session:
        case_id = find_case_id(session, number)
        to_id = find_case_id(session, to_number)
    return link(ws, case_id, to_id, kind, note)


def links_of(ws: Workspace, case_id: int) -> list[LinkView]:
    """Every link of a case, both those recorded on it and those pointing at it, oldest first."""
    with ws.db.read() as session:
        sees = privacy.sees_identity(ws, session)
        rows = session.execute(
            select(CaseLink, Complaint.id, Complaint.agenda_number, privacy.subject_shown(sees), Complaint.status)
            .join(
                Complaint,
                or_(
                    (CaseLink.complaint_id == case_id) & (Complaint.id == CaseLink.linked_id),
                    (CaseLink.linked_id == case_id) & (Complaint.id == CaseLink.complaint_id),
                ),
            )
            .where(or_(CaseLink.complaint_id == case_id, CaseLink.linked_id == case_id))
            .order_by(CaseLink.id)
        ).all()
        return [
            LinkView(
                other_id=other_id,
                other_number=number,
                other_subject=subject,
                other_status=status,
                kind=row.kind,
                label=(KINDS if row.complaint_id == case_id else REVERSE).get(row.kind, row.kind),
                outgoing=row.complaint_id == case_id,
                note=row.note,
                linked_at=row.linked_at,
                linked_by=row.linked_by,
            )
            for row, other_id, number, subject, status in rows
        ]


def duplicate_target(ws: Workspace, case_id: int) -> str:
    """The agenda number this case was recorded a duplicate of ("" if none): what the early
    closure as duplicate asks for."""
    for view in links_of(ws, case_id):
        if view.outgoing and view.kind == "duplikat":
            return view.other_number
    return ""


def link_notes(session: Session, case_ids: Any) -> dict[int, list[str]]:
    """ "Duplikat dari 001/…" and the like for every case whose id `case_ids` (a subquery)
    selects, read in one go for the recap."""
    this, other = aliased(Complaint), aliased(Complaint)
    notes: dict[int, list[str]] = {}
    rows = session.execute(
        select(CaseLink.complaint_id, CaseLink.linked_id, CaseLink.kind, this.agenda_number, other.agenda_number)
        .join(this, this.id == CaseLink.complaint_id)
        .join(other, other.id == CaseLink.linked_id)
        .where(or_(CaseLink.complaint_id.in_(case_ids), CaseLink.linked_id.in_(case_ids)))
        .order_by(CaseLink.id)
    ).all()
    for source, target, kind, source_number, target_number in rows:
        notes.setdefault(source, []).append(f"{KINDS.get(kind, kind)} {target_number}")
        notes.setdefault(target, []).append(f"{REVERSE.get(kind, kind)} {source_number}")
    return notes


def link_marks(session: Session, ids: list[int]) -> dict[int, str]:
    """A short mark per case for lists (the agenda book, the recap): "duplikat" when it was
    recorded as a duplicate, "diadukan_ulang" when another was recorded as its duplicate,
    "terkait" when it has any other link."""
    if not ids:
        return {}
    marks: dict[int, str] = {}
    rows = session.execute(
        select(CaseLink.complaint_id, CaseLink.linked_id, CaseLink.kind).where(
            or_(one_of(session, CaseLink.complaint_id, ids), one_of(session, CaseLink.linked_id, ids))
        )
    ).all()
    rank = {"duplikat": 3, "diadukan_ulang": 2, "terkait": 1}  # what a list says first
    for source, target, kind in rows:
        mark = "duplikat" if kind == "duplikat" else "terkait"
        if source in ids and rank[mark] > rank.get(marks.get(source, ""), 0):
            marks[source] = mark
        # The case a duplicate points at was complained of again: said so, not merely "related".
        mark = "diadukan_ulang" if kind == "duplikat" else "terkait"
        if target in ids and rank[mark] > rank.get(marks.get(target, ""), 0):
            marks[target] = mark
    return marks
