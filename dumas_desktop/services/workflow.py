"""The SOP engine: which step a case is at, when it is due, and moving it on.

A step completes only when every requirement of its profile (and of the chosen branch)
holds; the branch then leads to the next step, to the reporter's completion window
("@kelengkapan", which stops the step's clock), or to closure ("@selesai").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.access import completion_roles, step_roles
from ..domain.checks import (
    CaseSnapshot,
    PartySnapshot,
    RequirementStatus,
    WorksheetSnapshot,
    step_checklist,
)
from ..domain.deadlines import Deadline, deadline_for, extend_for_pause, step_timing
from ..domain.errors import NotAllowed, NotFound, RequirementsMissing
from ..domain.sop import CLOSE_TARGET, COMPLETION_TARGET, Profile, Step
from ..storage.models import (
    Complaint,
    CompletionRequest,
    Disposition,
    Evidence,
    Hearing,
    KpuDecision,
    Letter,
    Minutes,
    Party,
    StepRecord,
    Worksheet,
)
from ..storage.server import get_locked, writing_on_server
from .changes import Changes
from .context import Workspace

OPEN_STATUSES = ("proses", "menunggu_pelapor")


@dataclass(frozen=True)
class StepOutcome:
    case_id: int
    agenda_number: str
    completed_step: str
    outcome: str
    next_step: str
    status: str
    due_at: datetime | None

    @property
    def changes(self) -> Changes:
        return Changes.of_cases([self.case_id])


# The step a person had before them when they pressed "finish": [case id, step key], emptied
# once a writing transaction found the case still there (the action may move it on itself).
_EXPECTED_STEP: ContextVar[list[object] | None] = ContextVar("expected_step", default=None)
T = TypeVar("T")


def completing(case_id: int, step_key: str, action: Callable[[], T]) -> T:
    """Run a step's action on the understanding that the case is still at `step_key`.
    Several PCs may have the same case open: when someone else finished that step first,
    the action is refused (StepTaken names who and when) and nothing of it is written; the
    form and its draft stay with the person. The check runs inside the writing
    transaction, on the case as that transaction holds it (a file's write lock, on a server
    the case's row, load_case), so no second finish can slip in between the check and the
    write."""
    token = _EXPECTED_STEP.set([case_id, step_key])
    try:
        return action()
    finally:
        _EXPECTED_STEP.reset(token)


class StepTaken(NotAllowed):
    """Someone else finished the step this person was working on."""


def _check_expected_step(session: Session, complaint: Complaint) -> None:
    expected = _EXPECTED_STEP.get()
    if not expected or expected[0] != complaint.id:
        return
    if not session.connection().get_execution_options().get("dumas_write", False):
        return  # only the writing transaction's view counts: nobody can change it meanwhile
    step_key = str(expected[1])
    if complaint.status in OPEN_STATUSES and complaint.current_step == step_key:
        expected.clear()
        return
    done = session.scalar(
        select(StepRecord)
        .where(StepRecord.complaint_id == complaint.id, StepRecord.step_key == step_key)
        .order_by(StepRecord.id.desc())
        .limit(1)
    )
    if done is not None and done.completed_at is not None:
        who = done.actor or "pengguna lain"
        raise StepTaken(
            f"Langkah ini pada pengaduan {complaint.agenda_number} sudah diselesaikan oleh {who} "
            f"pada {done.completed_at:%d-%m-%Y %H:%M}. Isian Anda tidak disimpan ke data, tetapi tetap ada "
            "di formulir dan drafnya; tutup lalu buka lagi untuk melihat keadaan terbaru."
        )
    raise StepTaken(
        f"Pengaduan {complaint.agenda_number} sudah berpindah dari langkah ini (diubah di PC lain). "
        "Isian Anda tetap ada di formulir dan drafnya; tutup lalu buka lagi untuk melihat keadaan terbaru."
    )


def load_case(session: Session, case_id: int) -> Complaint:
    """The case, and in a server's writing transaction its row held to commit: a second
    PC that writes to the same case waits, then reads what the first one committed (its
    current step, its revision), never a state from before."""
    complaint = _locked_case(session, case_id) if writing_on_server(session) else session.get(Complaint, case_id)
    if complaint is None:
        raise NotFound(f"Pengaduan #{case_id} tidak ditemukan.")
    _check_expected_step(session, complaint)
    return complaint


def load_cases(session: Session, *case_ids: int) -> list[Complaint]:
    """Several cases, as load_case gives them, in the order asked, their rows locked in the
    order of their ids: two PCs that take the same two cases from either side (linking A
    to B while B is linked to A) then wait for one another in turn, instead of each holding
    one and waiting for the other, a deadlock the server would end by failing one of them."""
    for case_id in sorted(set(case_ids)):
        load_case(session, case_id)
    return [load_case(session, case_id) for case_id in case_ids]


_LOCKED_CASES = "dumas_locked_cases"


def _locked_case(session: Session, case_id: int) -> Complaint | None:
    locked: set[int] = session.info.setdefault(_LOCKED_CASES, set())
    if case_id in locked:
        return session.get(Complaint, case_id)
    found = get_locked(session, Complaint, case_id)
    if found is not None:
        locked.add(case_id)
    return found


def find_case_id(session: Session, agenda_number: str, office_code: str | None = None) -> int:
    """The case with this agenda number; numbers are per office, so in a province's file the
    home office's case is meant unless another office is named."""
    query = select(Complaint.id, Complaint.office_code).where(Complaint.agenda_number == agenda_number.strip())
    if office_code:
        query = query.where(Complaint.office_code == office_code.strip())
    found = session.execute(query).all()
    if not found:
        raise NotFound(f"Pengaduan dengan nomor agenda \u201c{agenda_number}\u201d tidak ditemukan.")
    if len(found) == 1:
        return int(found[0][0])
    from .context import home_office

    home = home_office(session).office_code
    mine = [case_id for case_id, code in found if code == home]
    if mine:
        return int(mine[0])
    offices = ", ".join(sorted(code for _, code in found))
    raise NotAllowed(
        f"Nomor agenda \u201c{agenda_number}\u201d dipakai beberapa kantor ({offices}); sebutkan kantornya."
    )


def case_profile(ws: Workspace, session: Session, complaint: Complaint) -> Profile:
    return ws.profile(session, complaint.sop_profile_id)


def require_open(complaint: Complaint) -> None:
    if complaint.status not in OPEN_STATUSES:
        raise NotAllowed(f"Pengaduan {complaint.agenda_number} sudah ditutup atau dibatalkan; tidak dapat diubah lagi.")


def require_form(ws: Workspace, session: Session, complaint: Complaint, *forms: str) -> Step:
    """The current step, which must be one of `forms` and not waiting for the reporter."""
    require_open(complaint)
    if complaint.status == "menunggu_pelapor":
        raise NotAllowed(
            f"Pengaduan {complaint.agenda_number} sedang menunggu kelengkapan dari pelapor; "
            "catat kelengkapannya atau tolak bila batas waktunya lewat."
        )
    profile = case_profile(ws, session, complaint)
    step = profile.step(complaint.current_step)
    if step.form not in forms:
        raise NotAllowed(
            f"Pengaduan {complaint.agenda_number} sedang pada langkah {step.no} "
            f"\u201c{step.name}\u201d; isian ini belum atau tidak lagi dapat dicatat."
        )
    ws.access.require_step(profile, step)
    return step


def case_work_roles(profile: Profile, complaint: Complaint) -> tuple[str, ...]:
    """Who may add to or correct an open case: the roles of its current step, the
    receiving officer, and while it waits for the reporter, those who handle that."""
    roles = list(step_roles(profile, profile.step(profile.first_step)))
    if complaint.current_step:
        roles += step_roles(profile, profile.step(complaint.current_step))
    if complaint.status == "menunggu_pelapor":
        roles += completion_roles(profile)
    return tuple(dict.fromkeys(roles))


def require_form_roles(
    ws: Workspace, session: Session, complaint: Complaint, form: str, what: str, *, after_closure: bool = False
) -> None:
    """The case is open (or, `after_closure`, closed as finished) and the user holds a role
    of the profile's step with `form`."""
    if not (after_closure and complaint.status == "selesai"):
        require_open(complaint)
    profile = case_profile(ws, session, complaint)
    roles = [r for s in profile.steps if s.form == form for r in step_roles(profile, s)]
    ws.access.require(profile, roles or case_work_roles(profile, complaint), what)


def require_case_work(ws: Workspace, session: Session, complaint: Complaint, what: str) -> Profile:
    """The case is open and the signed-in user works on it now."""
    require_open(complaint)
    profile = case_profile(ws, session, complaint)
    ws.access.require(profile, case_work_roles(profile, complaint), f"{what} pada pengaduan {complaint.agenda_number}")
    return profile


def current_record(session: Session, complaint: Complaint) -> StepRecord:
    record = session.scalar(
        select(StepRecord)
        .where(StepRecord.complaint_id == complaint.id, StepRecord.completed_at.is_(None))
        .order_by(StepRecord.id.desc())
        .limit(1)
    )
    if record is None:
        raise NotAllowed(f"Pengaduan {complaint.agenda_number} tidak memiliki langkah yang sedang berjalan.")
    return record


def _party(p: Party) -> PartySnapshot:
    return PartySnapshot(p.name, p.id_number, p.address, p.phone, p.email)


def _worksheet(session: Session, complaint_id: int, kind: str) -> WorksheetSnapshot | None:
    w = session.scalar(
        select(Worksheet)
        .where(Worksheet.complaint_id == complaint_id, Worksheet.kind == kind)
        .order_by(Worksheet.id.desc())
        .limit(1)
    )
    if w is None:
        return None
    assessed = all(v is not None for v in (w.identity_ok, w.evidence_ok, w.time_ok, w.place_ok, w.event_ok, w.rule_ok))
    if kind == "penyelesaian":
        assessed = True
    return WorksheetSnapshot(
        assessed=assessed,
        conclusion=w.conclusion,
        result=w.result or None,
        rules_cited=w.rules_cited,
        missing_items=w.missing_items,
        hearing_needed=w.hearing_needed,
        survey=w.survey,
        analysis=w.analysis,
    )


def build_snapshot(session: Session, complaint: Complaint, confirmations: Iterable[str] = ()) -> CaseSnapshot:
    cid = complaint.id
    parties = session.scalars(select(Party).where(Party.complaint_id == cid).order_by(Party.sort)).all()
    reporter = next((p for p in parties if p.role == "reporter"), None)
    hearing = session.scalar(select(Hearing).where(Hearing.complaint_id == cid).order_by(Hearing.id.desc()).limit(1))
    minutes = session.scalar(
        select(Minutes).where(Minutes.complaint_id == cid).order_by(Minutes.version.desc()).limit(1)
    )
    letters = session.execute(select(Letter.kind, Letter.receipt_at).where(Letter.complaint_id == cid)).all()
    invited = bool(hearing and any(p.role != "tim" for p in hearing.participants))
    team = bool(hearing and any(p.role == "tim" for p in hearing.participants))
    return CaseSnapshot(
        step_key=complaint.current_step,
        channel=complaint.channel,
        subject=complaint.subject,
        description=complaint.description,
        location=complaint.location,
        classification=complaint.classification,
        reporter=_party(reporter) if reporter else None,
        respondents=tuple(_party(p) for p in parties if p.role == "respondent"),
        evidence_count=session.scalar(select(func.count()).where(Evidence.complaint_id == cid)) or 0,
        disposition_steps=frozenset(
            session.scalars(select(Disposition.step_key).where(Disposition.complaint_id == cid)).all()
        ),
        review=_worksheet(session, cid, "telaah"),
        further_review=_worksheet(session, cid, "telaah_lanjutan"),
        settlement=_worksheet(session, cid, "penyelesaian"),
        hearing_planned=bool(hearing and hearing.place and invited and team),
        hearing_held=bool(hearing and hearing.status == "dilaksanakan"),
        minutes_drafted=bool(
            minutes
            and all(
                v.strip() for v in (minutes.chronology, minutes.identities, minutes.evidence_summary, minutes.petitum)
            )
        ),
        minutes_adopted=bool(minutes and minutes.status == "ditetapkan"),
        plenary_recorded=bool(minutes and minutes.plenary_id is not None),
        letters=frozenset(kind for kind, _ in letters),
        receipts=frozenset(kind for kind, receipt in letters if receipt is not None),
        kpu_decision=(session.scalar(select(func.count()).where(KpuDecision.complaint_id == cid)) or 0) > 0,
        confirmations=frozenset(confirmations),
    )


def start_step(ws: Workspace, session: Session, complaint: Complaint, step: Step, at: datetime) -> StepRecord:
    deadline: Deadline | None = deadline_for(ws.calendar(session), at, step.time) if step.time else None
    record = StepRecord(
        office_code=complaint.office_code,
        complaint_id=complaint.id,
        step_key=step.key,
        step_no=step.no,
        started_at=at,
        due_at=deadline.due if deadline else None,
        warn_at=deadline.warn if deadline else None,
        confirmations=[],
    )
    session.add(record)
    complaint.current_step = step.key
    complaint.current_due_at = record.due_at
    complaint.current_warn_at = record.warn_at
    session.flush()
    return record


def touch(ws: Workspace, complaint: Complaint) -> None:
    complaint.revision += 1
    complaint.updated_at = ws.now()


def checklist_for(
    ws: Workspace, session: Session, complaint: Complaint, outcome: str | None, confirmations: Iterable[str]
) -> list[RequirementStatus]:
    step = case_profile(ws, session, complaint).step(complaint.current_step)
    return step_checklist(step, outcome, build_snapshot(session, complaint, confirmations))


def complete_current(
    ws: Workspace,
    session: Session,
    complaint: Complaint,
    outcome: str | None = None,
    confirmations: Iterable[str] = (),
    note: str = "",
) -> StepOutcome:
    """Complete the case's current step inside the caller's transaction."""
    _check_expected_step(session, complaint)
    require_open(complaint)
    if complaint.status == "menunggu_pelapor":
        raise NotAllowed(f"Pengaduan {complaint.agenda_number} sedang menunggu kelengkapan dari pelapor.")
    profile = case_profile(ws, session, complaint)
    step = profile.step(complaint.current_step)
    ws.access.require_step(profile, step, outcome)
    confirmations = frozenset(confirmations)
    if step.branches:
        branch = step.branch(outcome)
        if branch is None:
            choices = "; ".join(f"{b.outcome} ({b.label})" for b in step.branches)
            raise NotAllowed(f"Pilih hasil langkah \u201c{step.name}\u201d: {choices}.")
        target = branch.next
    else:
        if outcome:
            raise NotAllowed(f"Langkah \u201c{step.name}\u201d tidak memiliki pilihan hasil.")
        target = step.next or CLOSE_TARGET
    statuses = step_checklist(step, outcome, build_snapshot(session, complaint, confirmations))
    missing = [s.requirement.label for s in statuses if s.blocking]
    if missing:
        raise RequirementsMissing(f"{step.no}. {step.name}", missing)

    now = ws.now()
    record = current_record(session, complaint)
    record.confirmations = sorted(confirmations)
    record.actor = ws.actor
    record.note = note
    before = {"step": step.key, "status": complaint.status}
    if target == COMPLETION_TARGET:
        _pause_for_completion(ws, session, complaint, record, profile, now)
    else:
        complete_record(ws, session, record, now)
        record.outcome = outcome or ""
        record.next_step = target
        if target == CLOSE_TARGET:
            close_case(complaint, "selesai", now)
        else:
            start_step(ws, session, complaint, profile.step(target), now)
    touch(ws, complaint)
    ws.audit(
        session,
        complaint.office_code,
        "langkah_selesai" if target != COMPLETION_TARGET else "langkah_dijeda",
        "complaint",
        entity_uuid=complaint.uuid,
        complaint_uuid=complaint.uuid,
        before=before,
        after={
            "step": complaint.current_step,
            "status": complaint.status,
            "outcome": outcome,
            "confirmations": sorted(confirmations),
            "note": note,
        },
    )
    return StepOutcome(
        case_id=complaint.id,
        agenda_number=complaint.agenda_number,
        completed_step=step.key,
        outcome=outcome or "",
        next_step=complaint.current_step if complaint.status in OPEN_STATUSES else "",
        status=complaint.status,
        due_at=complaint.completion_due_at if complaint.status == "menunggu_pelapor" else complaint.current_due_at,
    )


def _pause_for_completion(
    ws: Workspace, session: Session, complaint: Complaint, record: StepRecord, profile: Profile, now: datetime
) -> None:
    review = _worksheet(session, complaint.id, "telaah")
    calendar = ws.calendar(session)
    due = calendar.add_working_days(now, profile.completion.time.value)
    request = CompletionRequest(
        office_code=complaint.office_code,
        complaint_id=complaint.id,
        requested_at=now,
        due_at=due,
        missing_items=review.missing_items if review else "",
    )
    session.add(request)
    record.paused_at = now
    complaint.status = "menunggu_pelapor"
    complaint.completion_due_at = due
    complaint.current_due_at = None
    complaint.current_warn_at = None


def resume_after_completion(ws: Workspace, session: Session, complaint: Complaint, now: datetime) -> None:
    """The reporter completed the file: the stopped clock runs on from where it was."""
    profile = case_profile(ws, session, complaint)
    record = current_record(session, complaint)
    calendar = ws.calendar(session)
    paused_from = record.paused_at or now
    record.paused_minutes += calendar.working_minutes_between(paused_from, now)
    record.paused_at = None
    complaint.status = "proses"
    complaint.completion_due_at = None
    if profile.completion.return_to == record.step_key:
        if record.due_at is not None and record.warn_at is not None:
            extended = extend_for_pause(calendar, Deadline(record.due_at, record.warn_at), paused_from, now)
            record.due_at, record.warn_at = extended.due, extended.warn
        complaint.current_due_at = record.due_at
        complaint.current_warn_at = record.warn_at
    else:
        complete_record(ws, session, record, now)
        record.outcome = "tidak_lengkap"
        record.next_step = profile.completion.return_to
        start_step(ws, session, complaint, profile.step(profile.completion.return_to), now)


def complete_record(ws: Workspace, session: Session, record: StepRecord, now: datetime) -> None:
    """The step is done: with the working days it took and whether in time, which the
    statistics add up."""
    record.completed_at = now
    record.working_days, record.on_time = step_timing(ws.calendar(session), record.started_at, now, record.due_at)


def finish_open_steps(
    ws: Workspace, session: Session, complaint: Complaint, now: datetime, outcome: str, note: str = ""
) -> None:
    """End whatever step is running (or waiting) when a case is closed outside its SOP path."""
    for record in session.scalars(
        select(StepRecord).where(StepRecord.complaint_id == complaint.id, StepRecord.completed_at.is_(None))
    ):
        complete_record(ws, session, record, now)
        record.outcome = outcome
        record.paused_at = None
        if note:
            record.note = note


def close_case(complaint: Complaint, kind: str, now: datetime) -> None:
    complaint.status = "selesai"
    complaint.closure_kind = kind
    complaint.closed_at = now
    complaint.current_due_at = None
    complaint.current_warn_at = None
    complaint.completion_due_at = None


def complete(
    ws: Workspace,
    case_id: int,
    outcome: str | None = None,
    confirmations: Iterable[str] = (),
    note: str = "",
) -> StepOutcome:
    """Complete the current step of a case whose data was recorded earlier."""
    with ws.db.transaction() as session:
        return complete_current(ws, session, load_case(session, case_id), outcome, confirmations, note)


@dataclass(frozen=True)
class StepContext:
    """What the step wizard needs to show a case's current step and check it live."""

    case_id: int
    agenda_number: str
    subject: str
    status: str
    step: Step
    profile: Profile
    snapshot: CaseSnapshot
    due_at: datetime | None
    completion_due_at: datetime | None


def step_context(ws: Workspace, case_id: int) -> StepContext:
    with ws.db.read() as session:
        complaint = load_case(session, case_id)
        require_open(complaint)
        profile = case_profile(ws, session, complaint)
        return StepContext(
            case_id=complaint.id,
            agenda_number=complaint.agenda_number,
            subject=complaint.subject,
            status=complaint.status,
            step=profile.step(complaint.current_step),
            profile=profile,
            snapshot=build_snapshot(session, complaint, current_record(session, complaint).confirmations or ()),
            due_at=complaint.current_due_at,
            completion_due_at=complaint.completion_due_at,
        )


def checklist(
    ws: Workspace, case_id: int, outcome: str | None = None, confirmations: Iterable[str] = ()
) -> list[RequirementStatus]:
    with ws.db.read() as session:
        return checklist_for(ws, session, load_case(session, case_id), outcome, confirmations)
