"""The fetched e-mails: the list still to deal with, one message to read, its attachments,
and what becomes of it — registered as a complaint (with its attachments and the raw
message as evidence, in one transaction) or set aside as no complaint with a reason."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..documents.facts import MailFacts
from ..domain import catalog
from ..domain.errors import NotAllowed, NotFound
from ..storage.models import Blob, Complaint, MailMessage, load_blob
from ..storage.server import get_locked
from .changes import Changes
from .context import Workspace, home_office
from .intake import ComplaintInput, EvidenceInput, PartyInput, Received, receive
from .mail_fetch import require_mail_work
from .mail_parse import parse_message
from .mail_read import read_pending

CHANNEL = "surat_elektronik"
# What senders and mailers put before the matter itself: replies and forwards in the usual
# languages (Re, Fwd, Balas, Teruskan, AW/WG, TR, RV) and the senders' own "Pengaduan:",
# "PENGADUAN -", "[Laporan]"; repeated as often as a thread makes them. A dash counts only
# with a blank after it, so "Pengaduan-pengaduan" stays a word.
_PREFIXES = re.compile(
    r"^(?:\s*(?:\[(?:pengaduan|aduan|laporan|lapor)\]|"
    r"(?:re|fwd?|tr|aw|wg|rv|balas|bls|teruskan|diteruskan|trs|pengaduan|aduan|laporan|lapor)"
    r"\s*(?:\[\d+\]|\(\d+\))?\s*(?::|[-\u2013\u2014](?=\s))))+\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class AttachmentView:
    name: str
    mime_type: str
    size: int
    sha256: str


@dataclass(frozen=True)
class MailView:
    id: int
    received_at: datetime
    sender_name: str
    sender_address: str
    subject: str
    attachments: int
    state: str
    reason: str
    agenda_number: str
    printed: bool

    @property
    def sender(self) -> str:
        if self.sender_name and self.sender_address:
            return f"{self.sender_name} <{self.sender_address}>"
        return self.sender_address or self.sender_name or "-"

    @property
    def state_label(self) -> str:
        label = catalog.MAIL_STATES.get(self.state, self.state)
        return f"{label} {self.agenda_number}" if self.agenda_number else label


@dataclass(frozen=True)
class MailDetail:
    view: MailView
    recipients: str
    body: str
    message_id: str
    size: int
    sha256: str
    attachments: tuple[AttachmentView, ...]
    notes: tuple[str, ...]
    complaint_id: int | None


@dataclass(frozen=True)
class Handled:
    message_id: int
    case_id: int | None = None

    @property
    def changes(self) -> Changes:
        return Changes.of_cases([self.case_id]) if self.case_id else Changes()


def _agenda(session: Session, complaint_id: int | None) -> str:
    if complaint_id is None:
        return ""
    return session.scalar(select(Complaint.agenda_number).where(Complaint.id == complaint_id)) or ""


def _view(session: Session, m: MailMessage) -> MailView:
    return MailView(
        m.id,
        m.received_at,
        m.sender_name,
        m.sender_address,
        m.subject,
        len(m.attachments or []),
        m.state,
        m.reason,
        _agenda(session, m.complaint_id),
        m.printed_at is not None,
    )


def list_messages(ws: Workspace, *, everything: bool = False) -> list[MailView]:
    """The messages still to deal with (newest first), or every message with `everything`."""
    require_mail_work(ws, "Melihat surel masuk")
    with ws.db.read() as session:
        query = select(MailMessage).order_by(MailMessage.received_at.desc(), MailMessage.id.desc())
        if not everything:
            query = query.where(MailMessage.state == "baru")
        return [_view(session, m) for m in session.scalars(query)]


def _message(session: Session, message_id: int) -> MailMessage:
    # Held when written on a server: two PCs registering one message, the second is refused.
    found = get_locked(session, MailMessage, message_id)
    if found is None:
        raise NotFound(f"Surel #{message_id} tidak ada dalam berkas data (lihat: dumas-desktop mail list --all).")
    return found


def detail(ws: Workspace, message_id: int) -> MailDetail:
    require_mail_work(ws, "Membaca surel masuk")
    read_pending(ws, only=message_id)  # fetched but not read (the program stopped in between)
    with ws.db.read() as session:
        m = _message(session, message_id)
        return MailDetail(
            _view(session, m),
            m.recipients,
            m.body,
            m.message_id,
            m.size,
            m.raw_sha256,
            tuple(AttachmentView(a["name"], a["mime_type"], a["size"], a["sha256"]) for a in m.attachments or []),
            tuple(m.notes or ()),
            m.complaint_id,
        )


def _blob(session: Session, digest: str) -> bytes:
    return load_blob(session, digest, "lampiran")


def _attachment_files(session: Session, m: MailMessage, items: tuple[AttachmentView, ...]) -> list[bytes]:
    """The attachments' files: kept already (the raw message itself, one registered before,
    or fetched by an older version), or taken out of the raw message, read once for all of
    them (a fetch lists attachments without writing their files a second time)."""
    files: list[bytes] = []
    taken: dict[str, bytes] | None = None
    for item in items:
        if session.get(Blob, item.sha256) is not None:
            files.append(_blob(session, item.sha256))
            continue
        if taken is None:
            parsed = parse_message(load_blob(session, m.raw_sha256, "surel"))
            taken = {found.sha256: found.content for found in parsed.attachments}
        if item.sha256 not in taken:
            raise NotFound(f"Lampiran {item.name} tidak ditemukan lagi dalam surel asli #{m.id}.")
        files.append(taken[item.sha256])
    return files


def attachment(ws: Workspace, message_id: int, index: int) -> tuple[AttachmentView, bytes]:
    found = detail(ws, message_id)
    if not 0 <= index < len(found.attachments):
        raise NotFound(f"Surel #{message_id} tidak berlampiran nomor {index + 1}.")
    item = found.attachments[index]
    with ws.db.read() as session:
        return item, _attachment_files(session, _message(session, message_id), (item,))[0]


def raw_message(ws: Workspace, message_id: int) -> bytes:
    require_mail_work(ws, "Membaca surel masuk")
    with ws.db.read() as session:
        return _blob(session, _message(session, message_id).raw_sha256)


def eml_name(message_id: int, received_at: datetime) -> str:
    return f"surel-{received_at:%Y%m%d-%H%M}-{message_id}.eml"


def _require_new(m: MailMessage) -> None:
    if m.state == "dicatat":
        agenda = m.complaint_id
        raise NotAllowed(f"Surel #{m.id} sudah dicatat sebagai pengaduan (#{agenda}).")
    if m.state == "bukan_pengaduan":
        raise NotAllowed(f"Surel #{m.id} sudah ditandai bukan pengaduan ({m.reason}).")


def set_aside(ws: Workspace, message_id: int, reason: str, note: str = "") -> Handled:
    """Bukan pengaduan: kept, with why, in the audit trail."""
    require_mail_work(ws, "Menandai surel bukan pengaduan")
    note = " ".join(note.split())[:500]
    if reason not in catalog.MAIL_REASONS:
        raise NotAllowed(f"Pilih alasan: {', '.join(catalog.MAIL_REASONS)}.")
    if reason == "lainnya" and not note:
        raise NotAllowed("Tuliskan alasannya bila memilih \u201cLainnya\u201d.")
    text = catalog.MAIL_REASONS[reason] + (f": {note}" if note else "")
    with ws.db.transaction() as session:
        m = _message(session, message_id)
        _require_new(m)
        m.state = "bukan_pengaduan"
        m.reason = text
        m.handled_at = ws.now()
        m.handled_by = ws.actor
        ws.audit(
            session,
            home_office(session).office_code,
            "surel_bukan_pengaduan",
            "mail_message",
            entity_uuid=m.uuid,
            after={"subject": m.subject, "from": m.sender_address, "reason": text},
        )
    return Handled(message_id)


def restore(ws: Workspace, message_id: int) -> Handled:
    """A message set aside by mistake goes back among the new ones (audited, the reason it had
    kept in the trail), so a real complaint can still be recorded from it."""
    require_mail_work(ws, "Mengembalikan surel ke surel baru")
    with ws.db.transaction() as session:
        m = _message(session, message_id)
        if m.state != "bukan_pengaduan":
            raise NotAllowed(f"Surel #{m.id} tidak sedang ditandai bukan pengaduan.")
        before = m.reason
        m.state, m.reason, m.handled_at, m.handled_by = "baru", "", None, ""
        ws.audit(
            session,
            home_office(session).office_code,
            "surel_dikembalikan",
            "mail_message",
            entity_uuid=m.uuid,
            before={"reason": before},
            after={"subject": m.subject, "from": m.sender_address},
        )
    return Handled(message_id)


def mail_facts(m: MailMessage) -> MailFacts:
    sender = f"{m.sender_name} <{m.sender_address}>" if m.sender_name and m.sender_address else m.sender_address
    return MailFacts(
        sender=sender or m.sender_name,
        recipients=m.recipients,
        received_at=m.received_at,
        subject=m.subject,
        body=m.body,
        message_id=m.message_id,
        size=m.size,
        sha256=m.raw_sha256,
        attachments=tuple((a["name"], a["size"], a["sha256"]) for a in m.attachments or []),
        notes=tuple(m.notes or ()),
    )


def complaint_subject(subject: str) -> str:
    """The subject as the complaint's matter: the mail and sender prefixes taken off (the
    officer sees the prefilled field and may change it); the subject itself when nothing else is left."""
    matter = _PREFIXES.sub("", subject).strip()
    if not matter:
        return subject.strip()
    return matter[0].upper() + matter[1:]


@dataclass(frozen=True)
class MailIntake:
    """What the intake wizard starts from for one e-mail; the officer completes the rest."""

    message_id: int
    received_at: datetime
    reporter_name: str
    reporter_email: str
    subject: str
    description: str
    evidence: tuple[AttachmentView, ...]  # the attachments, then the raw message itself
    printed: bool
    channel: str = CHANNEL


def intake_of(ws: Workspace, message_id: int) -> MailIntake:
    found = detail(ws, message_id)
    if found.view.state != "baru":
        with ws.db.read() as session:
            _require_new(_message(session, message_id))
    raw = AttachmentView(eml_name(message_id, found.view.received_at), "message/rfc822", found.size, found.sha256)
    return MailIntake(
        message_id,
        found.view.received_at,
        found.view.sender_name or found.view.sender_address.split("@")[0],
        found.view.sender_address,
        complaint_subject(found.view.subject),
        found.body,
        (*found.attachments, raw),
        found.view.printed,
    )


def register(
    ws: Workspace,
    message_id: int,
    data: ComplaintInput,
    *,
    confirmations: frozenset[str] = frozenset(),
    complete_step: bool = True,
) -> Received:
    """Catat sebagai pengaduan: the complaint as the officer completed it, with the e-mail's
    attachments and the raw message as evidence, and the message linked, all at once."""
    start = intake_of(ws, message_id)
    evidence: list[EvidenceInput] = []
    with ws.db.read() as session:
        files = _attachment_files(session, _message(session, message_id), start.evidence)
    last = len(start.evidence) - 1  # the raw message itself (an attachment may be an .eml too)
    for index, (item, content) in enumerate(zip(start.evidence, files, strict=True)):
        described = "Surel asli (.eml)" if index == last else "Dari surel pengaduan"
        evidence.append(EvidenceInput(item.name, content, item.mime_type, described))
    data = dataclasses.replace(data, evidence=(*data.evidence, *evidence))

    def link(session: Session, complaint: Complaint) -> None:
        m = _message(session, message_id)
        _require_new(m)  # another PC or window registered it meanwhile: nothing is kept
        m.state = "dicatat"
        m.complaint_id = complaint.id
        m.handled_at = ws.now()
        m.handled_by = ws.actor
        ws.audit(
            session,
            complaint.office_code,
            "surel_dicatat",
            "mail_message",
            entity_uuid=m.uuid,
            complaint_uuid=complaint.uuid,
            after={"subject": m.subject, "from": m.sender_address, "agenda_number": complaint.agenda_number},
        )

    return receive(ws, data, confirmations=confirmations, complete_step=complete_step, also=link)


def complaint_input(start: MailIntake, reporter: PartyInput | None = None) -> ComplaintInput:
    """The complaint as the e-mail gives it (the CLI's and tests' starting point)."""
    return ComplaintInput(
        channel=start.channel,
        received_at=start.received_at,
        reporter=reporter or PartyInput(start.reporter_name, email=start.reporter_email),
        subject=start.subject or "(tanpa perihal)",
        description=start.description or start.subject or "(surel tanpa teks)",
    )
