"""Closing a case early (outside KPU's authority, duplicate, withdrawn) and voiding an
agenda entry made in error; a voided entry keeps its number."""

from __future__ import annotations

from ..domain import catalog
from ..domain.errors import NotAllowed
from ..domain.validation import Problems
from .context import Workspace
from .links import record_duplicate
from .workflow import close_case, find_case_id, finish_open_steps, load_case, load_cases, require_case_work, touch

EARLY_CLOSURES = ("bukan_kewenangan", "duplikat", "dicabut")


def close(
    ws: Workspace,
    case_id: int,
    kind: str,
    note: str,
    *,
    referred_to: str = "",
    duplicate_of: str = "",
) -> None:
    """Close an open case for one of EARLY_CLOSURES; the SOP's own end closes the rest."""
    problems = Problems()
    if kind not in EARLY_CLOSURES:
        allowed = ", ".join(f"{k} ({catalog.CLOSURE_KINDS[k]})" for k in EARLY_CLOSURES)
        problems.add("kind", "Jenis penutupan", f"pilih salah satu: {allowed}")
    problems.required(note, "note", "Keterangan penutupan")
    if kind == "bukan_kewenangan":
        # One of the common bodies (catalog.REFERRAL_TARGETS, by key) or one the officer types.
        referred_to = " ".join(referred_to.split())
        problems.required(referred_to, "referred_to", "Dilimpahkan kepada")
    if kind == "duplikat":
        problems.required(duplicate_of, "duplicate_of", "Nomor agenda pengaduan asal")
    problems.raise_if_any()
    now = ws.now()
    with ws.db.transaction() as session:
        original_id = find_case_id(session, duplicate_of) if kind == "duplikat" else None
        if original_id == case_id:
            raise NotAllowed("Pengaduan tidak dapat menjadi duplikat dirinya sendiri.")
        # Both cases held from here, in the order of their ids (load_cases says why).
        complaint, *original = load_cases(session, case_id, *([original_id] if original_id is not None else []))
        require_case_work(ws, session, complaint, "Menutup")
        finish_open_steps(ws, session, complaint, now, f"ditutup_{kind}")
        before = {"status": complaint.status, "step": complaint.current_step}
        close_case(complaint, kind, now)
        complaint.closure_note = note.strip()
        complaint.referred_to = referred_to
        complaint.duplicate_of_id = original_id
        if original_id is not None:
            record_duplicate(ws, session, complaint, original[0])
        ws.audit(
            session,
            complaint.office_code,
            "pengaduan_ditutup",
            "complaint",
            entity_uuid=complaint.uuid,
            complaint_uuid=complaint.uuid,
            before=before,
            after={
                "closure": kind,
                "note": complaint.closure_note,
                "referred_to": referred_to,
                "duplicate_of": duplicate_of,
            },
        )
        touch(ws, complaint)


def void(ws: Workspace, case_id: int, reason: str) -> None:
    """Void an entry registered in error. The agenda number stays used."""
    problems = Problems()
    problems.required(reason, "reason", "Alasan pembatalan")
    problems.raise_if_any()
    now = ws.now()
    with ws.db.transaction() as session:
        complaint = load_case(session, case_id)
        require_case_work(ws, session, complaint, "Membatalkan nomor agenda")
        finish_open_steps(ws, session, complaint, now, "dibatalkan")
        before = {"status": complaint.status}
        complaint.status = "batal"
        complaint.void_reason = reason.strip()
        complaint.closed_at = now
        complaint.current_due_at = complaint.current_warn_at = complaint.completion_due_at = None
        ws.audit(
            session,
            complaint.office_code,
            "agenda_dibatalkan",
            "complaint",
            entity_uuid=complaint.uuid,
            complaint_uuid=complaint.uuid,
            before=before,
            after={"status": "batal", "reason": reason},
        )
        touch(ws, complaint)
