"""Letters sent and received (memos, the cover letter to KPU RI, replies), their
receipts, and KPU RI's decision."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from ..domain import catalog
from ..domain.errors import NotAllowed, NotFound
from ..domain.validation import Problems
from ..storage.models import KpuDecision, Letter
from .context import Workspace
from .minutes import correction_to_send
from .numbering import next_letter_number, number_taken
from .workflow import (
    StepOutcome,
    complete_current,
    load_case,
    require_case_work,
    require_form,
    require_form_roles,
    touch,
)

# Letters that belong to one SOP step may only be recorded at that step.
LETTER_FORMS = {
    "nota_dinas": ("memo",),
    "surat_pengantar": ("forward",),
    "laporan_hasil_telaah": ("reply",),
}


@dataclass(frozen=True)
class LetterInput:
    kind: str
    direction: str  # "keluar" (sent) or "masuk" (received)
    letter_date: date
    subject: str
    counterpart: str  # addressee of a letter sent, sender of a letter received
    number: str = ""  # left empty for a letter sent: the next number is taken
    note: str = ""


def record_letter(
    ws: Workspace,
    case_id: int,
    data: LetterInput,
    *,
    complete: bool = False,
    confirmations: Iterable[str] = (),
) -> tuple[int, StepOutcome | None]:
    problems = Problems()
    problems.choice(data.kind, catalog.DOCUMENT_KINDS, "kind", "Jenis surat")
    if data.direction not in ("keluar", "masuk"):
        problems.add("direction", "Arah surat", "pilih keluar atau masuk")
    problems.required(data.subject, "subject", "Perihal")
    problems.required(data.counterpart, "counterpart", "Tujuan/pengirim surat")
    problems.not_future(data.letter_date, ws.now(), "letter_date", "Tanggal surat")
    if data.direction == "masuk":
        problems.required(data.number, "number", "Nomor surat masuk")
    problems.raise_if_any()
    with ws.db.transaction() as session:
        complaint = load_case(session, case_id)
        forms = LETTER_FORMS.get(data.kind)
        corrected = (
            data.kind == "surat_pengantar" and data.direction == "keluar" and correction_to_send(session, case_id)
        )
        if corrected:
            # The corrected minutes go to KPU RI with a letter of their own, whatever step the
            # case is at, and after it closed; recording it completes no step.
            require_form_roles(
                ws, session, complaint, "forward", "Mencatat surat pengantar berita acara perbaikan", after_closure=True
            )
            complete = False
        elif forms:
            require_form(ws, session, complaint, *forms)
        else:
            require_case_work(ws, session, complaint, "Mencatat surat")
        number = data.number.strip()
        if number and data.direction == "keluar" and number_taken(session, complaint.office_code, number):
            problems.add("number", "Nomor surat", f"nomor {number} sudah dipakai surat atau dokumen lain")
            problems.raise_if_any()
        number = number or next_letter_number(session, complaint.office_code, data.kind, data.letter_date)
        letter = Letter(
            office_code=complaint.office_code,
            complaint_id=case_id,
            direction=data.direction,
            kind=data.kind,
            number=number,
            letter_date=data.letter_date,
            subject=data.subject.strip(),
            counterpart=data.counterpart.strip(),
            note=data.note.strip(),
            recorded_at=ws.now(),
        )
        session.add(letter)
        session.flush()
        ws.audit(
            session,
            complaint.office_code,
            "surat_dicatat",
            "letter",
            entity_uuid=letter.uuid,
            complaint_uuid=complaint.uuid,
            after={
                "kind": letter.kind,
                "direction": letter.direction,
                "number": number,
                "date": letter.letter_date,
                "subject": letter.subject,
                "counterpart": letter.counterpart,
            },
        )
        touch(ws, complaint)
        step = complete_current(ws, session, complaint, None, confirmations) if complete else None
        return letter.id, step


def record_receipt(
    ws: Workspace,
    letter_id: int,
    received_at: datetime,
    received_by: str,
    *,
    complete: bool = False,
    confirmations: Iterable[str] = (),
) -> StepOutcome | None:
    """The receipt (tanda terima) of a letter sent: when and by whom it was received."""
    problems = Problems()
    problems.required(received_by, "received_by", "Penerima surat")
    problems.not_future(received_at, ws.now(), "received_at", "Waktu diterima")
    problems.raise_if_any()
    with ws.db.transaction() as session:
        letter = session.get(Letter, letter_id)
        if letter is None or letter.complaint_id is None:
            raise NotFound(f"Surat #{letter_id} tidak ditemukan.")
        if letter.direction != "keluar":
            raise NotAllowed("Tanda terima dicatat untuk surat keluar.")
        complaint = load_case(session, letter.complaint_id)
        require_case_work(ws, session, complaint, "Mencatat tanda terima")
        letter.receipt_at = received_at.replace(microsecond=0)
        letter.receipt_by = received_by.strip()
        ws.audit(
            session,
            complaint.office_code,
            "tanda_terima_dicatat",
            "letter",
            entity_uuid=letter.uuid,
            complaint_uuid=complaint.uuid,
            after={"number": letter.number, "received_at": letter.receipt_at, "received_by": letter.receipt_by},
        )
        touch(ws, complaint)
        if complete:
            return complete_current(ws, session, complaint, None, confirmations)
        return None


@dataclass(frozen=True)
class DecisionInput:
    decided_at: date
    kind: str
    summary: str
    letter_number: str = ""
    received_at: datetime | None = None


def record_kpu_decision(
    ws: Workspace,
    case_id: int,
    data: DecisionInput,
    *,
    complete: bool = True,
    confirmations: Iterable[str] = (),
) -> StepOutcome | None:
    problems = Problems()
    problems.choice(data.kind, catalog.KPU_DECISION_KINDS, "kind", "Jenis keputusan KPU RI")
    problems.required(data.summary, "summary", "Hasil tindak lanjut dan kesimpulan")
    problems.not_future(data.decided_at, ws.now(), "decided_at", "Tanggal keputusan")
    problems.not_future(data.received_at, ws.now(), "received_at", "Waktu diterima")
    problems.raise_if_any()
    with ws.db.transaction() as session:
        complaint = load_case(session, case_id)
        require_form(ws, session, complaint, "decision")
        decision = KpuDecision(
            office_code=complaint.office_code,
            complaint_id=case_id,
            decided_at=data.decided_at,
            kind=data.kind,
            summary=data.summary.strip(),
            letter_number=data.letter_number.strip(),
            received_at=(data.received_at or ws.now()).replace(microsecond=0),
        )
        session.add(decision)
        session.flush()
        ws.audit(
            session,
            complaint.office_code,
            "keputusan_kpu_ri_dicatat",
            "kpu_decision",
            entity_uuid=decision.uuid,
            complaint_uuid=complaint.uuid,
            after={
                "kind": data.kind,
                "summary": decision.summary,
                "decided_at": data.decided_at,
                "letter_number": decision.letter_number,
            },
        )
        touch(ws, complaint)
        if complete:
            return complete_current(ws, session, complaint, None, confirmations)
        return None
