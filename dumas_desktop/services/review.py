"""Review worksheets: the review, the further review, and (Sumatera Barat) settlement.

Every save keeps a new worksheet row, so earlier reviews stay on the record; the
newest of each kind is the one the SOP's requirements look at.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields

from ..domain.validation import Problems
from ..storage.models import Worksheet
from .context import Workspace
from .workflow import StepOutcome, complete_current, load_case, require_form, touch

REVIEW_RESULTS = {"lengkap": "Lengkap", "tidak_lengkap": "Tidak lengkap"}


@dataclass(frozen=True)
class WorksheetInput:
    """Formal requirements (identity, evidence, time) and material ones (place, what
    happened, which rule), each met (True), not met (False) or not yet assessed (None)."""

    identity_ok: bool | None = None
    identity_note: str = ""
    evidence_ok: bool | None = None
    evidence_note: str = ""
    time_ok: bool | None = None
    time_note: str = ""
    place_ok: bool | None = None
    place_note: str = ""
    event_ok: bool | None = None
    event_note: str = ""
    rule_ok: bool | None = None
    rule_note: str = ""
    rules_cited: str = ""
    survey: str = ""
    analysis: str = ""
    conclusion: str = ""
    result: str = ""  # first review: "lengkap" or "tidak_lengkap"
    missing_items: str = ""
    hearing_needed: bool | None = None  # further review
    reviewer: str = ""


# Worksheet kind -> the step form at which it is filled in.
KINDS = {"telaah": "review", "telaah_lanjutan": "further_review", "penyelesaian": "settle"}


def _save(
    ws: Workspace,
    case_id: int,
    kind: str,
    data: WorksheetInput,
    complete: bool,
    outcome: str | None,
    confirmations: Iterable[str],
) -> StepOutcome | None:
    form = KINDS[kind]
    problems = Problems()
    if data.result and data.result not in REVIEW_RESULTS:
        problems.add("result", "Hasil telaah", "pilih lengkap atau tidak lengkap")
    if data.result == "tidak_lengkap":
        problems.required(data.missing_items, "missing_items", "Kekurangan yang harus dilengkapi pelapor")
    if kind == "penyelesaian":
        problems.required(data.conclusion, "conclusion", "Tanggapan dan penyelesaian")
    problems.raise_if_any()
    with ws.db.transaction() as session:
        complaint = load_case(session, case_id)
        require_form(ws, session, complaint, form)
        values = {f.name: getattr(data, f.name) for f in fields(data)}
        for key, value in values.items():
            if isinstance(value, str):
                values[key] = value.strip()
        row = Worksheet(
            office_code=complaint.office_code,
            complaint_id=complaint.id,
            kind=kind,
            step_key=complaint.current_step,
            saved_at=ws.now(),
            **values,
        )
        session.add(row)
        session.flush()
        ws.audit(
            session,
            complaint.office_code,
            f"{kind}_disimpan",
            "worksheet",
            entity_uuid=row.uuid,
            complaint_uuid=complaint.uuid,
            after=values,
        )
        touch(ws, complaint)
        if complete:
            return complete_current(ws, session, complaint, outcome, confirmations)
        return None


def save_review(
    ws: Workspace,
    case_id: int,
    data: WorksheetInput,
    *,
    complete: bool = False,
    outcome: str | None = None,
    confirmations: Iterable[str] = (),
) -> StepOutcome | None:
    return _save(ws, case_id, "telaah", data, complete, outcome, confirmations)


def save_further_review(
    ws: Workspace,
    case_id: int,
    data: WorksheetInput,
    *,
    complete: bool = False,
    outcome: str | None = None,
    confirmations: Iterable[str] = (),
) -> StepOutcome | None:
    return _save(ws, case_id, "telaah_lanjutan", data, complete, outcome, confirmations)


def save_settlement(
    ws: Workspace,
    case_id: int,
    data: WorksheetInput,
    *,
    complete: bool = False,
    confirmations: Iterable[str] = (),
) -> StepOutcome | None:
    return _save(ws, case_id, "penyelesaian", data, complete, None, confirmations)
