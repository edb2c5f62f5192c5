"""Verification and clarification: planning the hearing, then recording who came and
what they said. Planning issues the assignment letter's and each invitation's number."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.errors import NotAllowed
from ..domain.validation import Problems
from ..storage.models import Complaint, Hearing, HearingParticipant, Party
from .context import Workspace
from .numbering import next_letter_number
from .workflow import StepOutcome, complete_current, load_case, require_form, touch

ROLE_OF_PARTY = {"reporter": "pelapor", "respondent": "terlapor", "witness": "saksi", "related": "pihak_terkait"}


@dataclass(frozen=True)
class TeamMember:
    name: str
    position: str = ""


@dataclass(frozen=True)
class Guest:
    """A witness or related party not named in the complaint, added to the case and
    invited (SOP Sanggau step 6: "pelapor, terlapor, saksi, dan/atau pihak terkait")."""

    role: str  # "witness" or "related"
    name: str
    position: str = ""
    address: str = ""


GUEST_ROLES = ("witness", "related")


@dataclass(frozen=True)
class HearingPlan:
    scheduled_at: datetime
    place: str
    team: tuple[TeamMember, ...]
    invited_party_ids: tuple[int, ...]
    agenda: str = "Verifikasi dan klarifikasi atas pengaduan masyarakat"
    guests: tuple[Guest, ...] = ()


@dataclass(frozen=True)
class HearingRecord:
    held_at: datetime
    attendance: dict[int, bool]  # participant id -> attended
    statements: dict[int, str] = field(default_factory=dict)
    summary: str = ""


def latest_hearing(session: Session, case_id: int) -> Hearing | None:
    return session.scalar(
        select(Hearing)
        .where(Hearing.complaint_id == case_id, Hearing.status != "dibatalkan")
        .order_by(Hearing.id.desc())
        .limit(1)
    )


def plan_hearing(ws: Workspace, case_id: int, plan: HearingPlan) -> int:
    """Plan (or re-plan) the hearing; a previous plan not yet held is cancelled."""
    problems = Problems()
    problems.required(plan.place, "place", "Tempat klarifikasi")
    problems.required(plan.scheduled_at, "scheduled_at", "Waktu klarifikasi")
    if not any(m.name.strip() for m in plan.team):
        problems.add("team", "Tim klarifikasi", "paling sedikit satu anggota tim")
    guests = [g for g in plan.guests if g.name.strip() or g.position.strip() or g.address.strip()]
    for index, guest in enumerate(guests):
        if guest.role not in GUEST_ROLES:
            problems.add(f"guests.{index}.role", "Peran", "pilih saksi atau pihak terkait")
        label = "Nama saksi" if guest.role == "witness" else "Nama pihak terkait"
        problems.required(guest.name, f"guests.{index}.name", label)
    if not plan.invited_party_ids and not guests:
        problems.add("invited", "Pihak yang diundang", "paling sedikit satu pihak diundang")
    problems.raise_if_any()
    with ws.db.transaction() as session:
        complaint = load_case(session, case_id)
        require_form(ws, session, complaint, "hearing")
        parties = {p.id: p for p in session.scalars(select(Party).where(Party.complaint_id == case_id))}
        unknown = [pid for pid in plan.invited_party_ids if pid not in parties]
        if unknown:
            raise NotAllowed(f"Pihak #{', #'.join(map(str, unknown))} bukan pihak dalam pengaduan ini.")
        previous = latest_hearing(session, case_id)
        if previous is not None:
            if previous.status == "dilaksanakan":
                raise NotAllowed("Klarifikasi sudah dilaksanakan dan dicatat; rencana tidak dapat diubah.")
            previous.status = "dibatalkan"
        invited = list(plan.invited_party_ids)
        for party in _add_guests(ws, session, complaint, guests):
            parties[party.id] = party
            invited.append(party.id)
        day = plan.scheduled_at.date()
        hearing = Hearing(
            office_code=complaint.office_code,
            complaint_id=case_id,
            scheduled_at=plan.scheduled_at.replace(microsecond=0),
            place=plan.place.strip(),
            agenda=plan.agenda.strip(),
            assignment_number=next_letter_number(session, complaint.office_code, "surat_tugas", ws.now().date()),
        )
        session.add(hearing)
        session.flush()
        for member in plan.team:
            if member.name.strip():
                hearing.participants.append(
                    HearingParticipant(
                        office_code=complaint.office_code,
                        role="tim",
                        name=member.name.strip(),
                        position=member.position.strip(),
                    )
                )
        for pid in invited:
            party = parties[pid]
            hearing.participants.append(
                HearingParticipant(
                    office_code=complaint.office_code,
                    party_id=pid,
                    role=ROLE_OF_PARTY[party.role],
                    name=party.name,
                    position=party.position,
                    invitation_number=next_letter_number(session, complaint.office_code, "surat_undangan", day),
                )
            )
        session.flush()
        ws.audit(
            session,
            complaint.office_code,
            "klarifikasi_direncanakan",
            "hearing",
            entity_uuid=hearing.uuid,
            complaint_uuid=complaint.uuid,
            after={
                "at": hearing.scheduled_at,
                "place": hearing.place,
                "team": [m.name for m in plan.team],
                "invited": [parties[p].name for p in invited],
                "assignment_number": hearing.assignment_number,
            },
        )
        touch(ws, complaint)
        return hearing.id


def _add_guests(ws: Workspace, session: Session, complaint: Complaint, guests: list[Guest]) -> list[Party]:
    sort = session.scalar(select(func.max(Party.sort)).where(Party.complaint_id == complaint.id)) or 0
    added = []
    for guest in guests:
        sort += 1
        party = Party(
            office_code=complaint.office_code,
            complaint=complaint,
            role=guest.role,
            name=" ".join(guest.name.split()),
            position=guest.position.strip(),
            address=guest.address.strip(),
            sort=sort,
        )
        session.add(party)
        session.flush()
        ws.audit(
            session,
            complaint.office_code,
            "pihak_ditambahkan",
            "party",
            entity_uuid=party.uuid,
            complaint_uuid=complaint.uuid,
            after={"role": guest.role, "name": party.name},
        )
        added.append(party)
    return added


def record_hearing(
    ws: Workspace,
    case_id: int,
    record: HearingRecord,
    *,
    complete: bool = False,
    confirmations: Iterable[str] = (),
) -> StepOutcome | None:
    problems = Problems()
    problems.not_future(record.held_at, ws.now(), "held_at", "Waktu pelaksanaan klarifikasi")
    if not any(record.attendance.values()):
        problems.add("attendance", "Daftar hadir", "paling sedikit satu pihak hadir")
    problems.raise_if_any()
    with ws.db.transaction() as session:
        complaint = load_case(session, case_id)
        require_form(ws, session, complaint, "hearing")
        hearing = latest_hearing(session, case_id)
        if hearing is None:
            raise NotAllowed("Klarifikasi belum direncanakan: catat waktu, tempat, tim, dan pihak yang diundang.")
        by_id = {p.id: p for p in hearing.participants}
        unknown = [pid for pid in (*record.attendance, *record.statements) if pid not in by_id]
        if unknown:
            raise NotAllowed("Daftar hadir memuat orang yang tidak tercatat dalam rencana klarifikasi.")
        for pid, attended in record.attendance.items():
            by_id[pid].attended = attended
        for pid, statement in record.statements.items():
            by_id[pid].statement = statement.strip()
        hearing.held_at = record.held_at.replace(microsecond=0)
        hearing.summary = record.summary.strip()
        hearing.status = "dilaksanakan"
        ws.audit(
            session,
            complaint.office_code,
            "klarifikasi_dilaksanakan",
            "hearing",
            entity_uuid=hearing.uuid,
            complaint_uuid=complaint.uuid,
            after={
                "held_at": hearing.held_at,
                "attended": [p.name for p in hearing.participants if p.attended],
                "absent": [p.name for p in hearing.participants if p.attended is False],
                "summary": hearing.summary,
            },
        )
        touch(ws, complaint)
        if complete:
            return complete_current(ws, session, complaint, None, confirmations)
        return None
