"""Receiving a complaint: the reporter, the respondents, the complaint and its evidence.

Receipt gives the case its agenda number (per year, never reused) and starts the first
SOP step; with complete_step=True the first step is also completed in the same
transaction, so a refused step leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain import catalog
from ..domain.errors import NotFound
from ..domain.filetypes import mime_of
from ..domain.text import plain_fields
from ..domain.validation import Problems
from ..storage.models import Complaint, Evidence, Party, store_blob
from .changes import Changes
from .context import Workspace, home_office
from .files import read_chosen_file
from .numbering import next_agenda_number
from .workflow import StepOutcome, complete_current, load_case, require_case_work, start_step, touch

MAX_EVIDENCE_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True)
class PartyInput:
    name: str
    id_kind: str = "nik"
    id_number: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    occupation: str = ""
    position: str = ""
    unit: str = ""
    confidentiality: str = "terbuka"  # the reporter's choice; ignored for other parties


@dataclass(frozen=True)
class EvidenceInput:
    name: str
    content: bytes
    mime_type: str = ""
    description: str = ""


def evidence_from_files(paths: Iterable[Path]) -> tuple[EvidenceInput, ...]:
    """The chosen evidence files, each refused above the limit before it is read."""
    return tuple(EvidenceInput(p.name, read_chosen_file(p, MAX_EVIDENCE_BYTES, "Bukti"), "") for p in paths)


@dataclass(frozen=True)
class ComplaintInput:
    channel: str
    received_at: datetime
    reporter: PartyInput
    subject: str
    description: str
    respondents: tuple[PartyInput, ...] = ()
    witnesses: tuple[PartyInput, ...] = ()
    related: tuple[PartyInput, ...] = ()
    event_date: date | None = None
    event_place: str = ""
    location: str = ""
    classification: str = ""
    evidence: tuple[EvidenceInput, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Received:
    case_id: int
    agenda_number: str
    step: StepOutcome | None

    @property
    def changes(self) -> Changes:
        return Changes.of_cases([self.case_id])


ROLE_FIELDS = {"reporter": "pelapor", "respondent": "terlapor", "witness": "saksi", "related": "pihak_terkait"}


def check_party(problems: Problems, party: PartyInput, role: str, prefix: str, today: date) -> PartyInput:
    """Validate one party; returns it with NIK, phone and e-mail normalised."""
    label = catalog.PARTY_ROLES[role]
    problems.required(party.name, f"{prefix}.name", f"Nama {label.lower()}")
    problems.choice(party.id_kind, catalog.ID_KINDS, f"{prefix}.id_kind", f"Jenis identitas {label.lower()}")
    id_number = party.id_number.strip()
    if party.id_kind == "nik":
        id_number = problems.nik(id_number, today, f"{prefix}.id_number", f"NIK {label.lower()}")
    if role == "reporter":
        problems.choice(
            party.confidentiality, catalog.CONFIDENTIALITY, f"{prefix}.confidentiality", "Kerahasiaan pelapor"
        )
    return PartyInput(
        name=" ".join(party.name.split()),
        id_kind=party.id_kind,
        id_number=id_number,
        address=party.address.strip(),
        phone=problems.phone(party.phone, f"{prefix}.phone", f"Telepon {label.lower()}"),
        email=problems.email(party.email, f"{prefix}.email", f"Surel {label.lower()}"),
        occupation=party.occupation.strip(),
        position=party.position.strip(),
        unit=party.unit.strip(),
        confidentiality=party.confidentiality if role == "reporter" else "terbuka",
    )


def check_evidence(problems: Problems, item: EvidenceInput, prefix: str) -> None:
    problems.required(item.name, f"{prefix}.name", "Nama berkas bukti")
    if not item.content:
        problems.add(f"{prefix}.content", f"Bukti {item.name}", "berkas kosong")
    elif len(item.content) > MAX_EVIDENCE_BYTES:
        problems.add(
            f"{prefix}.content", f"Bukti {item.name}", f"terlalu besar (paling besar {MAX_EVIDENCE_BYTES // 2**20} MB)"
        )


def store_evidence(session: Session, complaint: Complaint, item: EvidenceInput, ws: Workspace) -> Evidence:
    digest = store_blob(session, item.content)
    evidence = Evidence(
        office_code=complaint.office_code,
        complaint_id=complaint.id,
        name=item.name.strip(),
        mime_type=item.mime_type or mime_of(item.name, item.content[:16]),
        size=len(item.content),
        sha256=digest,
        description=item.description.strip(),
        added_at=ws.now(),
        added_by=ws.actor,
    )
    session.add(evidence)
    session.flush()
    return evidence


def _party_row(complaint: Complaint, role: str, p: PartyInput, sort: int) -> Party:
    return Party(
        office_code=complaint.office_code,
        complaint=complaint,
        role=role,
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
        sort=sort,
    )


def receive(
    ws: Workspace,
    data: ComplaintInput,
    *,
    confirmations: Iterable[str] = (),
    complete_step: bool = True,
    also: Callable[[Session, Complaint], None] | None = None,
) -> Received:
    """`also` runs in the same transaction once the complaint has its row (registering a
    fetched e-mail links the message), so either both are kept or neither."""
    data = plain_fields(data)
    now = ws.now()
    problems = Problems()
    problems.choice(data.channel, catalog.CHANNELS, "channel", "Kanal pengaduan")
    problems.required(data.channel, "channel", "Kanal pengaduan")
    problems.required(data.received_at, "received_at", "Waktu diterima")
    problems.not_future(data.received_at, now, "received_at", "Waktu diterima")
    problems.required(data.subject, "subject", "Pokok pengaduan")
    problems.required(data.description, "description", "Uraian pengaduan")
    problems.not_future(data.event_date, now, "event_date", "Tanggal kejadian")
    today = now.date()
    reporter = check_party(problems, data.reporter, "reporter", "reporter", today)
    groups = {
        "respondent": [
            check_party(problems, p, "respondent", f"respondents.{i}", today) for i, p in enumerate(data.respondents)
        ],
        "witness": [check_party(problems, p, "witness", f"witnesses.{i}", today) for i, p in enumerate(data.witnesses)],
        "related": [check_party(problems, p, "related", f"related.{i}", today) for i, p in enumerate(data.related)],
    }
    for i, item in enumerate(data.evidence):
        check_evidence(problems, item, f"evidence.{i}")
    problems.raise_if_any()

    with ws.db.transaction() as session:
        office = home_office(session)
        profile = ws.profile(session, office.sop_profile_id)
        ws.access.require_step(profile, profile.step(profile.first_step))
        if data.classification and data.classification not in profile.classifications:
            problems.add(
                "classification", "Klasifikasi", f"\u201c{data.classification}\u201d tidak ada dalam profil SOP"
            )
            problems.raise_if_any()
        # The calendar before the number: building it the first time takes a while, and on a
        # server the agenda counter is held from the number taken to the commit.
        ws.calendar(session)
        seq, agenda_number = next_agenda_number(session, office.office_code, data.received_at.date())
        complaint = Complaint(
            office_code=office.office_code,
            sop_profile_id=office.sop_profile_id,
            year=data.received_at.year,
            agenda_seq=seq,
            agenda_number=agenda_number,
            received_at=data.received_at.replace(microsecond=0),
            channel=data.channel,
            subject=data.subject.strip(),
            description=data.description.strip(),
            event_date=data.event_date,
            event_place=data.event_place.strip(),
            location=data.location.strip(),
            classification=data.classification,
            status="proses",
            created_by=ws.actor,
            created_at=now,
            updated_at=now,
        )
        session.add(complaint)
        session.flush()
        session.add(_party_row(complaint, "reporter", reporter, 0))
        sort = 1
        for role, parties in groups.items():
            for party in parties:
                session.add(_party_row(complaint, role, party, sort))
                sort += 1
        for item in data.evidence:
            store_evidence(session, complaint, item, ws)
        session.flush()
        first = start_step(ws, session, complaint, profile.step(profile.first_step), complaint.received_at)
        # What the officer confirmed at intake stays with the open step, so it is not asked again.
        kept = sorted(set(confirmations))
        first.confirmations = kept
        ws.audit(
            session,
            complaint.office_code,
            "pengaduan_diterima",
            "complaint",
            entity_uuid=complaint.uuid,
            complaint_uuid=complaint.uuid,
            after={
                "agenda_number": agenda_number,
                "channel": data.channel,
                "subject": complaint.subject,
                "reporter": reporter.name,
                "respondents": [p.name for p in groups["respondent"]],
                "evidence": [e.name for e in data.evidence],
            },
        )
        if also is not None:
            also(session, complaint)
        step = complete_current(ws, session, complaint, None, kept) if complete_step else None
        return Received(complaint.id, agenda_number, step)


def add_evidence(ws: Workspace, case_id: int, items: Iterable[EvidenceInput]) -> list[int]:
    problems = Problems()
    items = list(items)
    for i, item in enumerate(items):
        check_evidence(problems, item, f"evidence.{i}")
    problems.raise_if_any()
    with ws.db.transaction() as session:
        complaint = load_case(session, case_id)
        require_case_work(ws, session, complaint, "Mengubah data")
        ids = []
        for item in items:
            evidence = store_evidence(session, complaint, item, ws)
            ids.append(evidence.id)
            ws.audit(
                session,
                complaint.office_code,
                "bukti_ditambahkan",
                "evidence",
                entity_uuid=evidence.uuid,
                complaint_uuid=complaint.uuid,
                after={"name": evidence.name, "sha256": evidence.sha256, "size": evidence.size},
            )
        touch(ws, complaint)
        return ids


def add_party(ws: Workspace, case_id: int, role: str, party: PartyInput) -> int:
    problems = Problems()
    if role not in catalog.PARTY_ROLES or role == "reporter":
        problems.add("role", "Peran", "pilih terlapor, saksi, atau pihak terkait")
        problems.raise_if_any()
    clean = check_party(problems, party, role, "party", ws.now().date())
    problems.raise_if_any()
    with ws.db.transaction() as session:
        complaint = load_case(session, case_id)
        require_case_work(ws, session, complaint, "Mengubah data")
        sort = (session.scalar(select(func.max(Party.sort)).where(Party.complaint_id == case_id)) or 0) + 1
        row = _party_row(complaint, role, clean, sort)
        session.add(row)
        session.flush()
        ws.audit(
            session,
            complaint.office_code,
            "pihak_ditambahkan",
            "party",
            entity_uuid=row.uuid,
            complaint_uuid=complaint.uuid,
            after={"role": role, "name": row.name},
        )
        touch(ws, complaint)
        return row.id


def update_party(ws: Workspace, party_id: int, party: PartyInput) -> None:
    with ws.db.transaction() as session:
        row = session.get(Party, party_id)
        if row is None:
            raise NotFound(f"Pihak #{party_id} tidak ditemukan.")
        complaint = load_case(session, row.complaint_id)
        require_case_work(ws, session, complaint, "Mengubah data")
        problems = Problems()
        clean = check_party(problems, party, row.role, "party", ws.now().date())
        problems.raise_if_any()
        fields = (
            "name",
            "id_kind",
            "id_number",
            "address",
            "phone",
            "email",
            "occupation",
            "position",
            "unit",
            "confidentiality",
        )
        before = {f: getattr(row, f) for f in fields}
        for f in fields:
            setattr(row, f, getattr(clean, f))
        ws.audit(
            session,
            complaint.office_code,
            "pihak_diubah",
            "party",
            entity_uuid=row.uuid,
            complaint_uuid=complaint.uuid,
            before=before,
            after={f: getattr(row, f) for f in fields},
        )
        touch(ws, complaint)


@dataclass(frozen=True)
class DetailsInput:
    subject: str
    description: str
    event_date: date | None = None
    event_place: str = ""
    location: str = ""


def update_details(ws: Workspace, case_id: int, data: DetailsInput) -> None:
    data = plain_fields(data)
    problems = Problems()
    problems.required(data.subject, "subject", "Pokok pengaduan")
    problems.required(data.description, "description", "Uraian pengaduan")
    problems.not_future(data.event_date, ws.now(), "event_date", "Tanggal kejadian")
    problems.raise_if_any()
    with ws.db.transaction() as session:
        complaint = load_case(session, case_id)
        require_case_work(ws, session, complaint, "Mengubah data")
        fields = ("subject", "description", "event_date", "event_place", "location")
        before = {f: getattr(complaint, f) for f in fields}
        complaint.subject = data.subject.strip()
        complaint.description = data.description.strip()
        complaint.event_date = data.event_date
        complaint.event_place = data.event_place.strip()
        complaint.location = data.location.strip()
        ws.audit(
            session,
            complaint.office_code,
            "data_pengaduan_diubah",
            "complaint",
            entity_uuid=complaint.uuid,
            complaint_uuid=complaint.uuid,
            before=before,
            after={f: getattr(complaint, f) for f in fields},
        )
        touch(ws, complaint)
