"""Requirements computed from a case's data, by the names SOP profiles use.

Each check reads a CaseSnapshot, a plain picture of the case, so the same rules serve
the services (before a step completes) and the window (a live checklist over a draft).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .sop import Requirement, Step


@dataclass(frozen=True)
class PartySnapshot:
    name: str = ""
    id_number: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class WorksheetSnapshot:
    assessed: bool = False  # every formal and material requirement has been assessed
    conclusion: str = ""
    result: str | None = None  # "lengkap" / "tidak_lengkap" for a first review
    rules_cited: str = ""
    missing_items: str = ""
    survey: str = ""  # kept to prefill the next worksheet, never checked
    analysis: str = ""
    hearing_needed: bool | None = None


@dataclass(frozen=True)
class CaseSnapshot:
    step_key: str = ""
    channel: str = ""
    subject: str = ""
    description: str = ""
    location: str = ""
    classification: str = ""
    reporter: PartySnapshot | None = None
    respondents: tuple[PartySnapshot, ...] = ()
    evidence_count: int = 0
    disposition_steps: frozenset[str] = frozenset()
    review: WorksheetSnapshot | None = None
    further_review: WorksheetSnapshot | None = None
    settlement: WorksheetSnapshot | None = None
    hearing_planned: bool = False
    hearing_held: bool = False
    minutes_drafted: bool = False
    minutes_adopted: bool = False
    plenary_recorded: bool = False
    letters: frozenset[str] = frozenset()  # kinds of letters recorded (with a number)
    receipts: frozenset[str] = frozenset()  # kinds of letters whose receipt is recorded
    kpu_decision: bool = False
    confirmations: frozenset[str] = field(default_factory=frozenset)


def _has_text(*values: str) -> bool:
    return all(v.strip() for v in values)


def _reporter_identified(c: CaseSnapshot) -> bool:
    r = c.reporter
    return (
        r is not None
        and _has_text(r.name, r.id_number)
        and bool(r.address.strip() or r.phone.strip() or r.email.strip())
    )


CHECKS: dict[str, Callable[[CaseSnapshot], bool]] = {
    "reporter_identified": _reporter_identified,
    "complaint_content": lambda c: _has_text(c.subject, c.description),
    "case_location": lambda c: _has_text(c.location),
    "respondent_identified": lambda c: any(_has_text(r.name) for r in c.respondents),
    "evidence_attached": lambda c: c.evidence_count > 0,
    "classified": lambda c: _has_text(c.classification),
    "channel_email": lambda c: c.channel == "surat_elektronik",
    "disposition_sheet": lambda c: bool(c.disposition_steps),
    "step_disposition": lambda c: c.step_key in c.disposition_steps,
    "review_done": lambda c: c.review is not None and c.review.assessed and _has_text(c.review.conclusion),
    "rules_cited": lambda c: c.review is not None and _has_text(c.review.rules_cited),
    "review_found_complete": lambda c: c.review is not None and c.review.result == "lengkap",
    "review_found_incomplete": lambda c: c.review is not None and c.review.result == "tidak_lengkap",
    "missing_items_listed": lambda c: c.review is not None and _has_text(c.review.missing_items),
    "further_review_done": lambda c: (
        c.further_review is not None
        and c.further_review.assessed
        and _has_text(c.further_review.conclusion)
        and c.further_review.hearing_needed is not None
    ),
    "hearing_needed": lambda c: c.further_review is not None and c.further_review.hearing_needed is True,
    "hearing_not_needed": lambda c: c.further_review is not None and c.further_review.hearing_needed is False,
    "hearing_planned": lambda c: c.hearing_planned,
    "hearing_held": lambda c: c.hearing_held,
    "minutes_drafted": lambda c: c.minutes_drafted,
    "minutes_adopted": lambda c: c.minutes_adopted,
    "plenary_recorded": lambda c: c.plenary_recorded,
    "cover_letter_sent": lambda c: "surat_pengantar" in c.letters,
    "cover_letter_receipt": lambda c: "surat_pengantar" in c.receipts,
    "kpu_decision_recorded": lambda c: c.kpu_decision,
    "memo_recorded": lambda c: "nota_dinas" in c.letters,
    "settlement_recorded": lambda c: c.settlement is not None and _has_text(c.settlement.conclusion),
    "reply_received": lambda c: "laporan_hasil_telaah" in c.letters,
}


@dataclass(frozen=True)
class RequirementStatus:
    requirement: Requirement
    met: bool

    @property
    def blocking(self) -> bool:
        return self.requirement.required and not self.met


def requirement_applies(req: Requirement, case: CaseSnapshot) -> bool:
    return req.when is None or CHECKS[req.when](case)


def evaluate(requirements: tuple[Requirement, ...], case: CaseSnapshot) -> list[RequirementStatus]:
    result = []
    for req in requirements:
        if not requirement_applies(req, case):
            continue
        met = CHECKS[req.key](case) if req.kind == "check" else req.key in case.confirmations
        result.append(RequirementStatus(req, met))
    return result


def step_checklist(step: Step, outcome: str | None, case: CaseSnapshot) -> list[RequirementStatus]:
    """Everything that must hold to complete `step` with `outcome`, met or not."""
    requirements = step.requirements
    branch = step.branch(outcome)
    if branch is not None:
        requirements = requirements + branch.requirements
    return evaluate(requirements, case)
