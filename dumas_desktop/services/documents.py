"""Issuing a case's papers: which ones its SOP step offers, numbering, the archive of what
was issued (number, date, SHA-256 and the PDF), copies marked SALINAN, signed scans, and
batches for one print job."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..documents import stamp
from ..documents.case_file_facts import KIND as CASE_FILE
from ..documents.case_file_facts import TITLE as CASE_FILE_TITLE
from ..documents.facts import CaseFacts, Issue, minutes_paper_label
from ..domain import catalog
from ..domain.access import document_roles
from ..domain.errors import NotAllowed, NotFound, ValidationError
from ..domain.filetypes import mime_of
from ..domain.sop import Profile
from ..domain.texts import long_date
from ..storage.models import (
    Complaint,
    CompletionRequest,
    IssuedDocument,
    MailMessage,
    StepRecord,
    load_blob,
    store_blob,
)
from .context import Workspace
from .document_facts import case_facts
from .numbering import get_setting, next_letter_number, set_setting
from .workflow import case_profile, case_work_roles, load_case

if TYPE_CHECKING:
    from ..documents.kinds import Kind

# The layouts pull in reportlab, which the window does not need to start: loaded on first use.


def _layouts():  # the module, typed loosely: its names are checked where they are defined
    from ..documents import kinds

    return kinds


PAPERS = ("A4", "F4")
PAPER_SETTING = "documents.paper"
MAX_SCAN_BYTES = 50 * 2**20


@dataclass(frozen=True)
class IssuedView:
    id: int
    kind: str
    title: str
    recipient: str
    number: str
    issued_on: date
    issued_at: datetime
    issued_by: str
    paper: str
    pages: int
    sha256: str
    size: int
    status: str
    copies_made: int
    signed_name: str
    signed_at: datetime | None


@dataclass(frozen=True)
class Offer:
    """A paper the case's SOP offers: ready to make or not (and why), and what was issued."""

    kind: str
    title: str
    recipient: str  # invitation number when there is one paper per invited party
    addressee: str
    reason: str  # empty when it can be made now
    issued: IssuedView | None
    draft: bool
    record: bool = False  # a print of the record (the whole case file): no number, not archived
    earlier: bool = False  # a paper of an earlier record (a replaced version, an earlier plenary): copies only

    @property
    def ready(self) -> bool:
        return not self.reason


@dataclass(frozen=True)
class Paper:
    """A PDF ready to preview, print or save."""

    pdf: bytes
    title: str
    file_name: str
    number: str
    is_copy: bool
    document_id: int | None
    note: str = ""  # what the person should know about this print (a copy keeps its paper size)


def default_paper(ws: Workspace) -> str:
    with ws.db.read() as session:
        value = str(get_setting(session, PAPER_SETTING, "A4"))
    return value if value in PAPERS else "A4"


def set_default_paper(ws: Workspace, paper: str) -> None:
    ws.access.require_admin("Mengubah ukuran kertas bawaan")
    check_paper(paper)
    with ws.db.transaction() as session:
        set_setting(session, PAPER_SETTING, paper)


def check_paper(paper: str) -> None:
    if paper not in PAPERS:
        raise ValidationError.single("paper", "Ukuran kertas", f"pilih {' atau '.join(PAPERS)}")


def offered_kinds(profile: Profile, steps_reached: dict[str, set[str]], asked_to_complete: bool) -> list[str]:
    """The papers named in the outputs of the steps the case has reached, in SOP order.

    `steps_reached` maps each step reached to the outcomes it was completed with ("" while
    it is open); a branch's own papers count only for the branch taken, or while open."""
    kinds: list[str] = []
    for step in profile.steps:
        if step.key not in steps_reached:
            continue
        outcomes = steps_reached[step.key]
        taken = [b for b in step.branches if b.outcome in outcomes or "" in outcomes]
        for kind in (*step.outputs, *(k for branch in taken for k in branch.outputs)):
            if kind not in kinds:
                kinds.append(kind)
    if asked_to_complete:
        kinds += [k for k in profile.completion.outputs if k not in kinds]
    layouts = _layouts()
    return [k for k in kinds if k in layouts.KINDS and k not in layouts.WORKBOOK_KINDS]


def _offered(ws: Workspace, session: Session, complaint: Complaint) -> list[str]:
    profile = case_profile(ws, session, complaint)
    reached: dict[str, set[str]] = {}
    for key, outcome, done in session.execute(
        select(StepRecord.step_key, StepRecord.outcome, StepRecord.completed_at).where(
            StepRecord.complaint_id == complaint.id
        )
    ):
        reached.setdefault(key, set()).add(outcome if done is not None else "")
    asked = session.scalar(
        select(func.count()).select_from(CompletionRequest).where(CompletionRequest.complaint_id == complaint.id)
    )
    kinds = offered_kinds(profile, reached, bool(asked))
    # An early closure's own papers, as the profile names them.
    layouts = _layouts()
    closing = profile.closure_outputs.get(complaint.closure_kind, ()) if complaint.status == "selesai" else ()
    kinds += [k for k in closing if k not in kinds and k in layouts.KINDS]
    # A complaint registered from a fetched e-mail has that e-mail's print-out among its papers.
    if session.scalar(select(MailMessage.id).where(MailMessage.complaint_id == complaint.id).limit(1)) is not None:
        kinds.insert(min(1, len(kinds)), "cetakan_surel")
    return kinds


def _view(d: IssuedDocument) -> IssuedView:
    return IssuedView(
        d.id,
        d.kind,
        d.title,
        d.recipient,
        d.number,
        d.issued_on,
        d.issued_at,
        d.issued_by,
        d.paper,
        d.pages,
        d.sha256,
        d.size,
        d.status,
        d.copies_made,
        d.signed_name,
        d.signed_at,
    )


def _paper_recipient(kind: Kind, facts: CaseFacts, recipient: str) -> str:
    """Each version of the minutes is a paper of its own: a correction gets its own number
    and the version it replaces stays on the record as it was adopted."""
    if kind.key == "berita_acara" and facts.minutes is not None:
        return minutes_paper_label(facts.minutes.version, facts.minutes.correction is not None)
    return recipient


def _in_force(
    session: Session, complaint: Complaint, kind: Kind, facts: CaseFacts, recipient: str
) -> IssuedDocument | None:
    """The paper in force for what the case records now. A paper whose number came from an
    earlier record (the plenary before a correction, an earlier cover letter) belongs to
    that record: the case's present one is a new paper."""
    current = _current(session, complaint.id, kind.key, recipient)
    if (
        current is not None
        and kind.number not in ("new", "agenda")
        and current.number != _recorded_number(complaint, kind, facts, recipient)
    ):
        return None
    return current


def _current(session: Session, case_id: int, kind: str, recipient: str) -> IssuedDocument | None:
    return session.scalar(
        select(IssuedDocument)
        .where(
            IssuedDocument.complaint_id == case_id,
            IssuedDocument.kind == kind,
            IssuedDocument.recipient == recipient,
            IssuedDocument.status == "berlaku",
        )
        .order_by(IssuedDocument.id.desc())
        .limit(1)
    )


def offers(ws: Workspace, case_id: int) -> list[Offer]:
    with ws.db.read() as session:
        complaint = load_case(session, case_id)
        facts = case_facts(ws, session, complaint)
        profile = case_profile(ws, session, complaint)
        result: list[Offer] = []
        layouts = _layouts()
        for key in _offered(ws, session, complaint):
            kind = layouts.KINDS[key]
            the_facts = case_facts(ws, session, complaint, draft_minutes=True) if kind.draft else facts
            reason = _paper_refusal(ws, session, complaint, key) or kind.ready(the_facts) or ""
            # A paper already issued can still be reprinted; only a new one needs its signatory.
            unsigned = "" if kind.draft else (signer_missing(profile, kind, facts) or "")
            targets = layouts.recipients(facts) if kind.per_recipient and not reason else [("", "")]
            if kind.per_recipient and not targets:
                reason = "Belum ada pihak yang diundang."
                targets = [("", "")]
            for target, addressee in targets:
                recipient = _paper_recipient(kind, the_facts, target)
                issued = _in_force(session, complaint, kind, the_facts, recipient)
                result.append(
                    Offer(
                        key,
                        kind.title,
                        recipient,
                        addressee,
                        reason or ("" if issued else unsigned[:1].upper() + unsigned[1:]),
                        _view(issued) if issued else None,
                        kind.draft,
                    )
                )
        # Papers of earlier records stay in the archive and can be reprinted: the berita acara a
        # correction replaced, the plenary and cover letter of the version before.
        shown = {offer.issued.id for offer in result if offer.issued is not None}
        for document in session.scalars(
            select(IssuedDocument)
            .where(IssuedDocument.complaint_id == case_id, IssuedDocument.status.in_(("berlaku", "diperbaiki")))
            .order_by(IssuedDocument.id)
        ):
            if document.id not in shown and document.kind in layouts.KINDS:
                result.append(
                    Offer(
                        document.kind, document.title, document.recipient, "", "", _view(document), False, earlier=True
                    )
                )
        # The whole case file can be printed at any step, by those who may make the case's papers.
        refusal = _paper_refusal(ws, session, complaint, CASE_FILE) or ""
        result.append(Offer(CASE_FILE, CASE_FILE_TITLE, "", "", refusal, None, False, record=True))
        return result


def list_issued(ws: Workspace, case_id: int) -> list[IssuedView]:
    with ws.db.read() as session:
        rows = session.scalars(
            select(IssuedDocument).where(IssuedDocument.complaint_id == case_id).order_by(IssuedDocument.id)
        )
        return [_view(d) for d in rows]


def case_by_agenda(ws: Workspace, agenda_number: str, office_code: str | None = None) -> int:
    from .workflow import find_case_id

    with ws.db.read() as session:
        try:
            return find_case_id(session, agenda_number, office_code)
        except NotFound:
            raise NotFound(
                f"Pengaduan dengan nomor agenda \u201c{agenda_number}\u201d tidak ada dalam berkas data."
            ) from None


def agenda_number_of(ws: Workspace, case_id: int) -> str:
    with ws.db.read() as session:
        return load_case(session, case_id).agenda_number


def file_name(kind: str, agenda_number: str, recipient: str = "", copy: bool = False) -> str:
    stem = re.sub(r"[^0-9A-Za-z]+", "-", f"{kind} {agenda_number} {recipient}").strip("-").lower()
    return f"{stem}{'-salinan' if copy else ''}.pdf"


def _number(session: Session, complaint: Complaint, kind: Kind, facts: CaseFacts, on: date, recipient: str) -> str:
    """The paper's number: taken from the case where the case already gave it one."""
    if kind.number == "new":
        return next_letter_number(session, complaint.office_code, kind.key, on)
    return _recorded_number(complaint, kind, facts, recipient)


def _recorded_number(complaint: Complaint, kind: Kind, facts: CaseFacts, recipient: str) -> str:
    source = kind.number
    if source == "invitation":
        return recipient
    if source == "assignment":
        return facts.hearing.assignment_number if facts.hearing else ""
    if source == "plenary":
        plenary = facts.minutes.plenary if facts.minutes else None
        return plenary.number if plenary else ""
    if source == "letter":
        letter = facts.letter(kind.letter)
        return letter.number if letter else ""
    return complaint.agenda_number if source == "agenda" else ""


def issue(
    ws: Workspace,
    case_id: int,
    kind_key: str,
    *,
    recipient: str = "",
    paper: str | None = None,
    reissue: bool = False,
) -> Paper:
    """Make the paper. The first time it is issued: numbered, archived and returned as the
    original. After that the archived PDF comes back marked SALINAN, unless `reissue`
    asks for a new original that replaces the old one (after a correction). The whole case
    file is a print of the record: never numbered nor archived."""
    if kind_key == CASE_FILE:
        from .case_file_print import print_case_file

        return print_case_file(ws, case_id, paper)
    layouts = _layouts()
    kind = layouts.KINDS.get(kind_key)
    if kind is None:
        raise NotFound(f"Jenis dokumen \u201c{kind_key}\u201d tidak dikenal.")
    paper = paper or default_paper(ws)
    check_paper(paper)
    if kind.draft:
        return _draft(ws, case_id, kind, paper)
    with ws.db.transaction() as session:
        complaint = load_case(session, case_id)
        _require_offered(ws, session, complaint, kind)
        facts = case_facts(ws, session, complaint)
        reason = kind.ready(facts)
        if reason:
            raise NotAllowed(f"{kind.title} untuk {complaint.agenda_number} belum dapat dibuat: {reason}")
        if kind.per_recipient:
            known = dict(layouts.recipients(facts))
            if recipient not in known:
                raise NotAllowed(f"Pilih pihak yang diundang (nomor undangan): {', '.join(known) or 'belum ada'}.")
        recipient = _paper_recipient(kind, facts, recipient)
        current = _in_force(session, complaint, kind, facts, recipient)
        if current is not None and not reissue:
            copy = _copy(ws, session, complaint, current)
            if paper != current.paper:
                copy = replace(
                    copy,
                    note=f"{current.title} nomor {current.number} diterbitkan pada kertas {current.paper}; salinan "
                    f"dari arsip tetap berukuran {current.paper}, bukan {paper}. Untuk kertas {paper}, terbitkan "
                    "ulang dokumen ini (nomornya tetap; yang lama ditandai diganti).",
                )
            return copy
        missing = signer_missing(case_profile(ws, session, complaint), kind, facts)
        if missing:
            raise NotAllowed(f"{kind.title} untuk {complaint.agenda_number} belum dapat diterbitkan: {missing}")
        on = kind.dated(facts) or ws.now().date()
        number = current.number if current is not None else _number(session, complaint, kind, facts, on, recipient)
        pdf = layouts.make_pdf(facts, Issue(kind.key, number, on, paper, recipient))
        if current is not None:
            current.status = "diganti"  # first: one paper in force holds a number
            session.flush()
        document = _archive(ws, session, complaint, kind, recipient, number, on, paper, pdf)
        ws.audit(
            session,
            complaint.office_code,
            "dokumen_diterbitkan_ulang" if current is not None else "dokumen_diterbitkan",
            "issued_document",
            entity_uuid=document.uuid,
            complaint_uuid=complaint.uuid,
            after={"kind": kind.key, "number": number, "sha256": document.sha256, "paper": paper},
        )
        return Paper(
            pdf, kind.title, file_name(kind.key, complaint.agenda_number, recipient), number, False, document.id
        )


def signer_missing(profile: Profile, kind: Kind, facts: CaseFacts) -> str | None:
    """Why the paper cannot be signed: none of the SOP roles that sign it has an official
    named in the settings (the paper would print a job title where a name belongs)."""
    roles = [actor for actor in kind.signers if actor in profile.actors]
    if not roles or facts.signer(*roles) is not None:
        return None
    labels = [profile.actors[actor] for actor in roles]
    named = labels[0] + (f" (atau {' atau '.join(labels[1:])})" if len(labels) > 1 else "")
    return (
        f"belum ada pejabat penanda tangan untuk peran {named}. Tambahkan pejabatnya di tab Pengaturan, bagian "
        f"\u201cPejabat penanda tangan\u201d, dengan peran \u201c{labels[0]}\u201d, lalu terbitkan lagi."
    )


def _paper_refusal(ws: Workspace, session: Session, complaint: Complaint, kind_key: str) -> str | None:
    """Why the signed-in user may not make or reprint this paper: it belongs to the roles
    of the SOP steps that output it."""
    profile = case_profile(ws, session, complaint)
    roles = document_roles(profile, kind_key) or case_work_roles(profile, complaint)
    title = CASE_FILE_TITLE if kind_key == CASE_FILE else catalog.DOCUMENT_KINDS.get(kind_key, kind_key)
    return ws.access.refusal(profile, roles, f"{title} untuk {complaint.agenda_number}")


def require_paper_role(ws: Workspace, session: Session, complaint: Complaint, kind_key: str) -> None:
    reason = _paper_refusal(ws, session, complaint, kind_key)
    if reason:
        raise NotAllowed(reason)


def _require_offered(ws: Workspace, session: Session, complaint: Complaint, kind: Kind) -> None:
    require_paper_role(ws, session, complaint, kind.key)
    if kind.key not in _offered(ws, session, complaint):
        raise NotAllowed(
            f"{kind.title} belum dapat dibuat untuk {complaint.agenda_number}: pengaduan ini belum sampai pada "
            "langkah SOP yang menghasilkan dokumen tersebut."
        )


def _draft(ws: Workspace, case_id: int, kind: Kind, paper: str) -> Paper:
    with ws.db.read() as session:
        complaint = load_case(session, case_id)
        _require_offered(ws, session, complaint, kind)
        facts = case_facts(ws, session, complaint, draft_minutes=True)
        reason = kind.ready(facts)
        if reason:
            raise NotAllowed(f"{kind.title} untuk {complaint.agenda_number} belum dapat dibuat: {reason}")
        agenda = complaint.agenda_number
    pdf = _layouts().make_pdf(facts, Issue(kind.key, "", ws.now().date(), paper, draft=True))
    return Paper(pdf, kind.title, file_name(kind.key, agenda), "", False, None)


def _archive(
    ws: Workspace,
    session: Session,
    complaint: Complaint,
    kind: Kind,
    recipient: str,
    number: str,
    on: date,
    paper: str,
    pdf: bytes,
) -> IssuedDocument:
    digest = store_blob(session, pdf)
    title = kind.title if not recipient else f"{kind.title} ({recipient})"
    document = IssuedDocument(
        office_code=complaint.office_code,
        complaint_id=complaint.id,
        kind=kind.key,
        recipient=recipient,
        title=title,
        number=number,
        issued_on=on,
        issued_at=ws.now(),
        issued_by=ws.actor,
        paper=paper,
        pages=stamp.page_count(pdf),
        sha256=digest,
        size=len(pdf),
    )
    session.add(document)
    session.flush()
    return document


def _copy(ws: Workspace, session: Session, complaint: Complaint, document: IssuedDocument) -> Paper:
    original = _blob(session, document.sha256)
    document.copies_made += 1
    note = f"Dicetak ulang {long_date(ws.now().date())}"
    warning = _replaced_warning(session, document)
    ws.audit(
        session,
        complaint.office_code,
        "dokumen_disalin",
        "issued_document",
        entity_uuid=document.uuid,
        complaint_uuid=complaint.uuid,
        after={"kind": document.kind, "number": document.number, "copy": document.copies_made},
    )
    return Paper(
        stamp.mark_copy(original, note, warning),
        document.title,
        file_name(document.kind, complaint.agenda_number, document.recipient, copy=True),
        document.number,
        True,
        document.id,
    )


def _replaced_warning(session: Session, document: IssuedDocument) -> str:
    """On the copies of minutes that a correction replaced: which paper replaces them."""
    if document.status != "diperbaiki":
        return ""
    newer = session.scalar(
        select(IssuedDocument.number)
        .where(
            IssuedDocument.complaint_id == document.complaint_id,
            IssuedDocument.kind == document.kind,
            IssuedDocument.status == "berlaku",
            IssuedDocument.id > document.id,
        )
        .order_by(IssuedDocument.id.desc())
        .limit(1)
    )
    return "TIDAK BERLAKU: telah diperbaiki" + (
        f" dengan Berita Acara Nomor {newer}" if newer else " (berita acara perbaikannya belum diterbitkan)"
    )


def _blob(session: Session, digest: str) -> bytes:
    return load_blob(session, digest, "dokumen")


def copy_of(ws: Workspace, document_id: int) -> Paper:
    """A reprint of an archived paper, marked SALINAN."""
    with ws.db.transaction() as session:
        document = session.get(IssuedDocument, document_id)
        if document is None:
            raise NotFound(f"Dokumen #{document_id} tidak ada dalam arsip.")
        complaint = load_case(session, document.complaint_id)
        require_paper_role(ws, session, complaint, document.kind)
        return _copy(ws, session, complaint, document)


def original_pdf(ws: Workspace, document_id: int) -> bytes:
    """The exact bytes issued (for checking the archive, not for printing)."""
    with ws.db.read() as session:
        document = session.get(IssuedDocument, document_id)
        if document is None:
            raise NotFound(f"Dokumen #{document_id} tidak ada dalam arsip.")
        require_paper_role(ws, session, load_case(session, document.complaint_id), document.kind)
        return _blob(session, document.sha256)


def attach_signed(ws: Workspace, document_id: int, name: str, content: bytes, mime_type: str = "") -> None:
    """Keep the signed paper, scanned back in, beside the issued original."""
    if not content:
        raise ValidationError.single("signed", "Hasil pindai", "berkas kosong")
    if len(content) > MAX_SCAN_BYTES:
        raise ValidationError.single(
            "signed", "Hasil pindai", f"terlalu besar (paling besar {MAX_SCAN_BYTES // 2**20} MB)"
        )
    with ws.db.transaction() as session:
        document = session.get(IssuedDocument, document_id)
        if document is None:
            raise NotFound(f"Dokumen #{document_id} tidak ada dalam arsip.")
        complaint = load_case(session, document.complaint_id)
        require_paper_role(ws, session, complaint, document.kind)
        digest = store_blob(session, content)
        before = {"signed_sha256": document.signed_sha256} if document.signed_sha256 else None
        document.signed_sha256 = digest
        document.signed_name = name
        document.signed_mime = mime_type or mime_of(name, content[:16])
        document.signed_at = ws.now()
        document.signed_by = ws.actor
        ws.audit(
            session,
            complaint.office_code,
            "dokumen_bertanda_tangan_dilampirkan",
            "issued_document",
            entity_uuid=document.uuid,
            complaint_uuid=complaint.uuid,
            before=before,
            after={"kind": document.kind, "number": document.number, "signed_sha256": digest, "name": name},
        )


def signed_scan(ws: Workspace, document_id: int) -> tuple[str, str, bytes]:
    with ws.db.read() as session:
        document = session.get(IssuedDocument, document_id)
        if document is None or document.signed_sha256 is None:
            raise NotFound("Dokumen ini belum memiliki hasil pindai bertanda tangan.")
        require_paper_role(ws, session, load_case(session, document.complaint_id), document.kind)
        return document.signed_name, document.signed_mime, _blob(session, document.signed_sha256)


def receipts_of_day(ws: Workspace, day: date, paper: str | None = None) -> Paper:
    """Every receipt of the complaints received on one day, as one print job."""
    with ws.db.read() as session:
        ids = list(
            session.scalars(
                select(Complaint.id)
                .where(
                    Complaint.received_at >= datetime.combine(day, datetime.min.time()),
                    Complaint.received_at < datetime.combine(day, datetime.max.time()),
                    Complaint.status != "batal",
                )
                .order_by(Complaint.received_at)
            )
        )
    if not ids:
        raise NotFound(f"Tidak ada pengaduan yang diterima pada {long_date(day)}.")
    papers = [issue(ws, case_id, "tanda_terima", paper=paper) for case_id in ids]
    return _batch(papers, f"Tanda terima {long_date(day)}", f"tanda-terima-{day:%Y-%m-%d}.pdf")


def invitations_of_hearing(ws: Workspace, case_id: int, paper: str | None = None) -> Paper:
    """Every invitation of the case's hearing, one paper per invited party, as one print job."""
    targets = [o for o in offers(ws, case_id) if o.kind == "surat_undangan"]
    if not targets or not targets[0].ready:
        reason = targets[0].reason if targets else "langkah klarifikasi belum dicapai"
        raise NotAllowed(f"Surat undangan belum dapat dibuat: {reason}")
    papers = [issue(ws, case_id, "surat_undangan", recipient=o.recipient, paper=paper) for o in targets]
    first = papers[0]
    return _batch(papers, "Surat undangan klarifikasi", first.file_name.replace(".pdf", "-semua.pdf"))


def _batch(papers: list[Paper], title: str, name: str) -> Paper:
    joined = stamp.join(p.pdf for p in papers)
    copies = all(p.is_copy for p in papers)
    return replace(papers[0], pdf=joined, title=title, file_name=name, is_copy=copies, document_id=None, number="")
