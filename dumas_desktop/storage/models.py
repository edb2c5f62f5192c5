"""SQLAlchemy 2 models of the office's data file.

Every row that may travel to another office carries a stable UUID and the code of the
office that made it, so packages from several offices merge without clashes.
Datetimes are the office's local wall-clock time (WIB, WITA or WIT), stored naive.
"""

from __future__ import annotations

import uuid as uuid_module
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uuid() -> str:
    return str(uuid_module.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Travelling:
    """Columns of a row that can be carried to another office."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    office_code: Mapped[str] = mapped_column(String(20))


class SopProfileRecord(Base):
    """The exact text of every SOP profile a case has run under."""

    __tablename__ = "sop_profiles"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    profile_id: Mapped[str] = mapped_column(String(60))
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(DateTime)


class Office(Travelling, Base):
    __tablename__ = "offices"
    __table_args__ = (UniqueConstraint("office_code", name="uq_offices_office_code"),)
    name: Mapped[str] = mapped_column(Text)
    level: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(Text, default="")
    city: Mapped[str] = mapped_column(Text, default="")
    region_code: Mapped[str] = mapped_column(String(10), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    website: Mapped[str] = mapped_column(String(200), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    logo_mime: Mapped[str] = mapped_column(String(60), default="")
    is_home: Mapped[bool] = mapped_column(Boolean, default=False)
    sop_profile_id: Mapped[int] = mapped_column(ForeignKey("sop_profiles.id"))
    office_hours: Mapped[dict[str, str]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Official(Travelling, Base):
    """A signatory: name, NIP and position for signature blocks."""

    __tablename__ = "officials"
    name: Mapped[str] = mapped_column(Text)
    nip: Mapped[str] = mapped_column(String(30), default="")
    position: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(60), default="")
    sort: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Setting(Base):
    """Per-file settings (numbering patterns and the like), as JSON values."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class Complaint(Travelling, Base):
    __tablename__ = "complaints"
    __table_args__ = (
        UniqueConstraint("office_code", "year", "agenda_seq", name="uq_complaints_agenda"),
        # Each office numbers its own book: a province's file holds its regencies' numbers side by side.
        UniqueConstraint("office_code", "agenda_number", name="uq_complaints_office_agenda_number"),
        Index("ix_complaints_agenda_number", "agenda_number"),
        Index("ix_complaints_status_due", "status", "current_due_at"),
        Index("ix_complaints_received_at", "received_at"),
        Index("ix_complaints_year_seq", "year", "agenda_seq"),
        Index("ix_complaints_current_step", "current_step"),
        Index("ix_complaints_classification", "classification"),
        Index("ix_complaints_channel", "channel"),
    )
    sop_profile_id: Mapped[int] = mapped_column(ForeignKey("sop_profiles.id"))
    year: Mapped[int] = mapped_column(Integer)
    agenda_seq: Mapped[int] = mapped_column(Integer)
    agenda_number: Mapped[str] = mapped_column(String(80))
    received_at: Mapped[datetime] = mapped_column(DateTime)
    channel: Mapped[str] = mapped_column(String(30))
    subject: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    event_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    event_place: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str] = mapped_column(Text, default="")
    classification: Mapped[str] = mapped_column(String(60), default="")
    status: Mapped[str] = mapped_column(String(30))
    current_step: Mapped[str] = mapped_column(String(60), default="")
    current_due_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    current_warn_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    completion_due_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    closure_kind: Mapped[str] = mapped_column(String(30), default="")
    closure_note: Mapped[str] = mapped_column(Text, default="")
    referred_to: Mapped[str] = mapped_column(Text, default="")
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    void_reason: Mapped[str] = mapped_column(Text, default="")
    revision: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    parties: Mapped[list[Party]] = relationship(
        back_populates="complaint", order_by="Party.sort", cascade="all, delete-orphan"
    )
    steps: Mapped[list[StepRecord]] = relationship(
        back_populates="complaint", order_by="StepRecord.id", cascade="all, delete-orphan"
    )


class Party(Travelling, Base):
    __tablename__ = "parties"
    __table_args__ = (Index("ix_parties_complaint", "complaint_id", "role"),)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(Text)
    id_kind: Mapped[str] = mapped_column(String(20), default="nik")
    id_number: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    occupation: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[str] = mapped_column(Text, default="")
    unit: Mapped[str] = mapped_column(Text, default="")
    confidentiality: Mapped[str] = mapped_column(String(20), default="terbuka")
    sort: Mapped[int] = mapped_column(Integer, default=0)

    complaint: Mapped[Complaint] = relationship(back_populates="parties")


class CaseLink(Travelling, Base):
    """A complaint recorded as related to, or a duplicate of, an earlier one
    (`complaint_id` is the one linked, `linked_id` the one it points at)."""

    __tablename__ = "case_links"
    __table_args__ = (
        UniqueConstraint("complaint_id", "linked_id", name="uq_case_links_pair"),
        Index("ix_case_links_linked", "linked_id"),
    )
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"))
    linked_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # terkait, duplikat
    note: Mapped[str] = mapped_column(Text, default="")
    linked_at: Mapped[datetime] = mapped_column(DateTime)
    linked_by: Mapped[str] = mapped_column(String(120), default="")


class Blob(Base):
    """File contents, stored once by SHA-256 however often they are attached."""

    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)


def load_blob(session: Any, digest: str, what: str) -> bytes:
    """File contents kept by `store_blob`, checked against their SHA-256; `what` names them
    in the message when they are missing or damaged."""
    import hashlib

    from ..domain.errors import NotFound

    blob = session.get(Blob, digest)
    if blob is None:
        raise NotFound(f"Isi {what} tidak ditemukan dalam berkas data. Jalankan pemeriksaan berkas (check).")
    content = bytes(blob.content)
    if hashlib.sha256(content).hexdigest() != digest:
        raise NotFound(f"Isi {what} dalam berkas data rusak (SHA-256 tidak cocok). Jalankan pemeriksaan berkas.")
    return content


def store_blob(session: Any, content: bytes) -> str:
    """Keep file contents once, by their SHA-256; returns the digest."""
    import hashlib

    digest = hashlib.sha256(content).hexdigest()
    if session.get(Blob, digest) is None:
        _insert_blob(session, digest, content)
    return digest


def store_blobs(session: Any, contents: list[bytes], digests: list[str] | None = None) -> list[str]:
    """`store_blob` for many at once (a batch of e-mails): one query finds those kept already,
    instead of one per file; returns the digests in order. `digests`, when the caller hashed
    the contents already, spares hashing them again."""
    import hashlib

    from sqlalchemy import select

    if digests is None:
        digests = [hashlib.sha256(content).hexdigest() for content in contents]
    kept = set(session.scalars(select(Blob.sha256).where(Blob.sha256.in_(set(digests))))) if digests else set()
    small: list[dict[str, Any]] = []
    for digest, content in zip(digests, contents, strict=True):
        if digest not in kept:
            kept.add(digest)
            if len(content) < STREAMED_BLOB_BYTES and session.bind.dialect.name != "postgresql":
                small.append({"sha256": digest, "size": len(content), "content": content})
            else:
                _insert_blob(session, digest, content)
    if small:  # one INSERT for the batch's small files, not an ORM object each
        from sqlalchemy import insert

        session.execute(insert(Blob), small)
    return digests


def _insert_blob(session: Any, digest: str, content: bytes) -> None:
    if session.bind.dialect.name == "postgresql":
        # Two PCs may keep the same file at once (one attachment, two desks): the second
        # waits for the first's row and then finds its content already kept.
        from sqlalchemy.dialects.postgresql import insert as upsert

        session.execute(upsert(Blob).values(sha256=digest, size=len(content), content=content).on_conflict_do_nothing())
        return
    if len(content) < STREAMED_BLOB_BYTES:
        session.add(Blob(sha256=digest, size=len(content), content=content))
        return
    # A large file goes in by pieces: bound whole, SQLite would copy it while Python's lock
    # is held (tens of milliseconds for a 50 MB scan), and the UI thread would stand still.
    from sqlalchemy import func, insert

    added = session.execute(insert(Blob).values(sha256=digest, size=len(content), content=func.zeroblob(len(content))))
    connection = session.connection().connection.driver_connection
    view = memoryview(content)
    with connection.blobopen(Blob.__tablename__, "content", added.lastrowid) as blob:
        for start in range(0, len(content), STREAMED_BLOB_BYTES):
            blob.write(view[start : start + STREAMED_BLOB_BYTES])


STREAMED_BLOB_BYTES = 2**20


class Evidence(Travelling, Base):
    __tablename__ = "evidence"
    __table_args__ = (Index("ix_evidence_complaint", "complaint_id"),)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)
    mime_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    description: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime] = mapped_column(DateTime)
    added_by: Mapped[str] = mapped_column(String(120), default="")


class StepRecord(Travelling, Base):
    """One pass through one SOP step: when it started, was due, and was done."""

    __tablename__ = "step_records"
    __table_args__ = (Index("ix_step_records_complaint", "complaint_id"),)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"))
    step_key: Mapped[str] = mapped_column(String(60))
    step_no: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    due_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    warn_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    outcome: Mapped[str] = mapped_column(String(60), default="")
    next_step: Mapped[str] = mapped_column(String(60), default="")
    paused_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    paused_minutes: Mapped[int] = mapped_column(Integer, default=0)
    confirmations: Mapped[list[str]] = mapped_column(JSON, default=list)
    actor: Mapped[str] = mapped_column(String(120), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # Set when the step is done (storage/step_days.py keeps them right when the office's
    # calendar changes): the statistics then add plain integers instead of counting the
    # working days of every record. NULL while running, or when not yet counted.
    working_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    on_time: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 1 done by its due time (or none), else 0

    complaint: Mapped[Complaint] = relationship(back_populates="steps")


class CompletionRequest(Travelling, Base):
    """The reporter's window to complete an incomplete complaint (3 working days)."""

    __tablename__ = "completion_requests"
    __table_args__ = (Index("ix_completion_requests_complaint", "complaint_id"),)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"))
    requested_at: Mapped[datetime] = mapped_column(DateTime)
    due_at: Mapped[datetime] = mapped_column(DateTime)
    missing_items: Mapped[str] = mapped_column(Text)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    outcome: Mapped[str] = mapped_column(String(30), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class Disposition(Travelling, Base):
    __tablename__ = "dispositions"
    __table_args__ = (
        Index("ix_dispositions_complaint", "complaint_id"),
        Index("ix_dispositions_number", "office_code", "number"),
    )
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"))
    step_key: Mapped[str] = mapped_column(String(60))
    given_at: Mapped[datetime] = mapped_column(DateTime)
    from_name: Mapped[str] = mapped_column(Text)
    from_position: Mapped[str] = mapped_column(Text, default="")
    to_name: Mapped[str] = mapped_column(Text)
    instruction: Mapped[str] = mapped_column(Text)
    number: Mapped[str] = mapped_column(String(80), default="")
    actor: Mapped[str] = mapped_column(String(120), default="")


class Worksheet(Travelling, Base):
    """A review worksheet (kertas kerja): formal and material requirements, conclusion."""

    __tablename__ = "worksheets"
    __table_args__ = (Index("ix_worksheets_complaint", "complaint_id", "kind"),)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))  # telaah, telaah_lanjutan, penyelesaian
    step_key: Mapped[str] = mapped_column(String(60))
    identity_ok: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    identity_note: Mapped[str] = mapped_column(Text, default="")
    evidence_ok: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    evidence_note: Mapped[str] = mapped_column(Text, default="")
    time_ok: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    time_note: Mapped[str] = mapped_column(Text, default="")
    place_ok: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    place_note: Mapped[str] = mapped_column(Text, default="")
    event_ok: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    event_note: Mapped[str] = mapped_column(Text, default="")
    rule_ok: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    rule_note: Mapped[str] = mapped_column(Text, default="")
    rules_cited: Mapped[str] = mapped_column(Text, default="")
    survey: Mapped[str] = mapped_column(Text, default="")
    analysis: Mapped[str] = mapped_column(Text, default="")
    conclusion: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(String(30), default="")
    missing_items: Mapped[str] = mapped_column(Text, default="")
    hearing_needed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    reviewer: Mapped[str] = mapped_column(Text, default="")
    saved_at: Mapped[datetime] = mapped_column(DateTime)


class Hearing(Travelling, Base):
    __tablename__ = "hearings"
    __table_args__ = (
        Index("ix_hearings_complaint", "complaint_id"),
        Index("ix_hearings_assignment_number", "office_code", "assignment_number"),
    )
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"))
    scheduled_at: Mapped[datetime] = mapped_column(DateTime)
    place: Mapped[str] = mapped_column(Text)
    agenda: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="direncanakan")
    held_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    assignment_number: Mapped[str] = mapped_column(String(80), default="")

    participants: Mapped[list[HearingParticipant]] = relationship(
        order_by="HearingParticipant.id", cascade="all, delete-orphan"
    )


class HearingParticipant(Travelling, Base):
    __tablename__ = "hearing_participants"
    __table_args__ = (
        Index("ix_hearing_participants_hearing", "hearing_id"),
        Index("ix_hearing_participants_invitation_number", "office_code", "invitation_number"),
    )
    hearing_id: Mapped[int] = mapped_column(ForeignKey("hearings.id", ondelete="CASCADE"))
    party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"), nullable=True)
    role: Mapped[str] = mapped_column(String(20))  # tim, pelapor, terlapor, saksi, pihak_terkait
    name: Mapped[str] = mapped_column(Text)
    position: Mapped[str] = mapped_column(Text, default="")
    invitation_number: Mapped[str] = mapped_column(String(80), default="")
    attended: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    statement: Mapped[str] = mapped_column(Text, default="")


class PlenaryMeeting(Travelling, Base):
    __tablename__ = "plenary_meetings"
    __table_args__ = (Index("ix_plenary_meetings_number", "office_code", "number"),)
    held_at: Mapped[datetime] = mapped_column(DateTime)
    place: Mapped[str] = mapped_column(Text)
    chair: Mapped[str] = mapped_column(Text, default="")
    members_present: Mapped[list[str]] = mapped_column(JSON, default=list)
    decision: Mapped[str] = mapped_column(Text)
    number: Mapped[str] = mapped_column(String(80), default="")


class Minutes(Travelling, Base):
    """Berita Acara: drafts, and the version adopted in plenary, which is frozen."""

    __tablename__ = "minutes"
    __table_args__ = (
        UniqueConstraint("complaint_id", "version", name="uq_minutes_version"),
        Index("ix_minutes_complaint", "complaint_id"),
    )
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))  # draf, ditetapkan, diganti
    place: Mapped[str] = mapped_column(Text, default="")
    chronology: Mapped[str] = mapped_column(Text, default="")
    identities: Mapped[str] = mapped_column(Text, default="")
    evidence_summary: Mapped[str] = mapped_column(Text, default="")
    petitum: Mapped[str] = mapped_column(Text, default="")
    recommended_sanction: Mapped[str] = mapped_column(Text, default="")
    drafted_at: Mapped[datetime] = mapped_column(DateTime)
    drafted_by: Mapped[str] = mapped_column(String(120), default="")
    plenary_id: Mapped[int | None] = mapped_column(ForeignKey("plenary_meetings.id"), nullable=True)
    adopted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    content_sha256: Mapped[str] = mapped_column(String(64), default="")
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("minutes.id"), nullable=True)
    correction_reason: Mapped[str] = mapped_column(Text, default="")


class Letter(Travelling, Base):
    """A letter sent or received, with its number, and its receipt when recorded."""

    __tablename__ = "letters"
    __table_args__ = (
        Index("ix_letters_complaint", "complaint_id"),
        Index("ix_letters_number", "office_code", "number"),
    )
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"), nullable=True)
    direction: Mapped[str] = mapped_column(String(10))  # keluar, masuk
    kind: Mapped[str] = mapped_column(String(60))
    number: Mapped[str] = mapped_column(String(120))
    letter_date: Mapped[date] = mapped_column(Date)
    subject: Mapped[str] = mapped_column(Text, default="")
    counterpart: Mapped[str] = mapped_column(Text, default="")
    receipt_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    receipt_by: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime)


class KpuDecision(Travelling, Base):
    __tablename__ = "kpu_decisions"
    __table_args__ = (Index("ix_kpu_decisions_complaint", "complaint_id"),)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"))
    decided_at: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(30))
    summary: Mapped[str] = mapped_column(Text)
    letter_number: Mapped[str] = mapped_column(String(120), default="")
    received_at: Mapped[datetime] = mapped_column(DateTime)


class DayOff(Travelling, Base):
    """The office's own calendar: an extra day off, or a holiday worked ("masuk")."""

    __tablename__ = "days_off"
    __table_args__ = (UniqueConstraint("office_code", "day", name="uq_days_off_day"),)
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(10))  # libur, masuk
    name: Mapped[str] = mapped_column(Text)


class Sequence(Base):
    """Number sequences: agenda numbers and letter numbers, per office, name and year."""

    __tablename__ = "sequences"
    office_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class AuditEntry(Base):
    """Append-only, hash-chained record of every change (triggers refuse edits)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_complaint", "complaint_uuid"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    office_code: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))
    entity_uuid: Mapped[str] = mapped_column(String(36), default="")
    complaint_uuid: Mapped[str] = mapped_column(String(36), default="")
    before: Mapped[Any] = mapped_column(JSON, nullable=True)
    after: Mapped[Any] = mapped_column(JSON, nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class IssuedDocument(Travelling, Base):
    """A paper the office issued: its number, date and the exact PDF, kept for reprints.

    The PDF lives in `blobs`; a reprint stamps that same PDF as a copy (SALINAN), so what
    was issued is reproduced exactly even after the program's layouts change. A paper
    signed and scanned back in is attached as `signed_sha256`.
    """

    __tablename__ = "issued_documents"
    # A paper in force with a number of its own holds it alone (migration 0007 makes the
    # index; status "ganda" marks a pair left over from before, which `check` names).
    __table_args__ = (
        Index("ix_issued_documents_complaint", "complaint_id", "kind"),
        Index("ix_issued_documents_number", "office_code", "number"),
    )
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(60))
    recipient: Mapped[str] = mapped_column(Text, default="")  # one invitation per invited party
    title: Mapped[str] = mapped_column(Text)
    number: Mapped[str] = mapped_column(String(120), default="")
    issued_on: Mapped[date] = mapped_column(Date)
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    issued_by: Mapped[str] = mapped_column(String(120), default="")
    paper: Mapped[str] = mapped_column(String(10))
    pages: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    size: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="berlaku")  # berlaku, diganti, diperbaiki, ganda
    copies_made: Mapped[int] = mapped_column(Integer, default=0)
    signed_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"), nullable=True)
    signed_name: Mapped[str] = mapped_column(Text, default="")
    signed_mime: Mapped[str] = mapped_column(String(100), default="")
    signed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    signed_by: Mapped[str] = mapped_column(String(120), default="")


class ImportRecord(Base):
    """A package imported into this file, so that importing it again changes nothing."""

    __tablename__ = "imports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    office_code: Mapped[str] = mapped_column(String(20))
    made_at: Mapped[str] = mapped_column(String(40), default="")
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    imported_by: Mapped[str] = mapped_column(String(120), default="")
    summary: Mapped[Any] = mapped_column(JSON, default=dict)


class MergeState(Base):
    """The revision of each case as last exchanged, to tell one-sided changes (taken) from
    changes on both sides (kept both, listed as a conflict)."""

    __tablename__ = "merge_state"
    complaint_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)


class MergeConflict(Base):
    """A case changed both here and in an imported package: the local version stays, the
    incoming one is kept whole here until a person settles it."""

    __tablename__ = "merge_conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    complaint_uuid: Mapped[str] = mapped_column(String(36), index=True)
    agenda_number: Mapped[str] = mapped_column(String(80))
    package_sha256: Mapped[str] = mapped_column(String(64))
    found_at: Mapped[datetime] = mapped_column(DateTime)
    local_revision: Mapped[int] = mapped_column(Integer)
    incoming_revision: Mapped[int] = mapped_column(Integer)
    incoming: Mapped[Any] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), default="terbuka")  # terbuka, diselesaikan


class User(Base):
    """A person who signs in; roles are SOP actor keys of the office's profile, or
    "administrator". Users stay with their file: packages never carry them."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(Text)
    password_hash: Mapped[str] = mapped_column(Text)
    roles: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    retry_after: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class AuditHead(Base):
    """How many audit entries there are and the last one's hash, kept by a trigger: a
    last entry removed outside the program leaves the chain whole but not the head."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entries: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class MailMessage(Base):
    """A message fetched from the office mailbox: kept once, raw, with what was read from it.

    The raw message (`raw_sha256`) lives in `blobs`; `attachments` lists its attachments as
    the parser found them (name made safe, type, size, SHA-256), whose files are taken out of
    the raw message when opened (and kept in `blobs` once registered). Messages stay on this
    PC's file and never travel in a package: the case registered from one carries them as
    evidence."""

    __tablename__ = "mail_messages"
    __table_args__ = (
        UniqueConstraint("message_id", "raw_sha256", name="uq_mail_messages_identity"),
        Index("ix_mail_messages_state", "state", "received_at"),
        Index("ix_mail_messages_uid", "folder", "uid_validity", "uid"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    message_id: Mapped[str] = mapped_column(String(400))
    raw_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    size: Mapped[int] = mapped_column(Integer)
    folder: Mapped[str] = mapped_column(String(200))
    uid_validity: Mapped[int] = mapped_column(BigInteger)  # IMAP: up to 2**32 - 1, past PostgreSQL's integer
    uid: Mapped[int] = mapped_column(BigInteger)
    received_at: Mapped[datetime] = mapped_column(DateTime)
    sender_name: Mapped[str] = mapped_column(Text, default="")
    sender_address: Mapped[str] = mapped_column(String(320), default="")
    recipients: Mapped[str] = mapped_column(Text, default="")
    subject: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    attachments: Mapped[Any] = mapped_column(JSON, default=list)
    notes: Mapped[Any] = mapped_column(JSON, default=list)  # what the parser refused or changed, in Indonesian
    fetched_at: Mapped[datetime] = mapped_column(DateTime)
    state: Mapped[str] = mapped_column(String(20), default="baru")  # baru, dicatat, bukan_pengaduan
    reason: Mapped[str] = mapped_column(Text, default="")
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id", ondelete="SET NULL"), nullable=True)
    handled_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    handled_by: Mapped[str] = mapped_column(String(120), default="")
    printed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # When its MIME was read (text, attachments). A fetch reads a message before storing it;
    # None is left by earlier versions, which read after the download (mail_read.read_pending).
    read_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
