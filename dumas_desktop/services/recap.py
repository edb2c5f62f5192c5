"""The complaint recap (rekapitulasi) and report (laporan) of a month, a quarter or a
year: one row per complaint, read from the data file in a few set-wise queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from ..documents.facts import HIDDEN
from ..domain import catalog
from ..domain.privacy import hides_content, hides_identity
from ..reports.model import LATE, ON_TIME, RUNNING, LateCase, Period, RecapData, RecapRow
from ..storage.models import Complaint, CompletionRequest, KpuDecision, Party, SopProfileRecord, StepRecord
from .case_file import working_days_taken
from .context import Workspace, home_office
from .documents import Paper
from .links import link_notes


def recap_data(ws: Workspace, period: Period) -> RecapData:
    now = ws.now()
    with ws.db.read() as session:
        office = home_office(session)
        profile_record = session.get(SopProfileRecord, office.sop_profile_id)
        assert profile_record is not None
        profile = ws.profile(session, profile_record.id)
        step_keys = [s.key for s in profile.steps]
        labels = {s.key: f"{s.no}. {s.name}" for s in profile.steps}
        # A case keeps the SOP it was received under (a regency's case in a province's file):
        # its step and classification are named by that profile, not the office's.
        profiles = {profile_record.id: profile}
        calendar = ws.calendar(session)
        cases = session.execute(
            select(
                Complaint.id,
                Complaint.agenda_number,
                Complaint.received_at,
                Complaint.channel,
                Complaint.subject,
                Complaint.classification,
                Complaint.status,
                Complaint.current_step,
                Complaint.current_due_at,
                Complaint.closure_kind,
                Complaint.closure_note,
                Complaint.referred_to,
                Complaint.closed_at,
                Complaint.office_code,
                Complaint.sop_profile_id,
            )
            .where(
                Complaint.received_at >= period.start,
                Complaint.received_at < period.end,
                Complaint.status != "batal",
            )
            .order_by(Complaint.received_at, Complaint.agenda_seq)
        ).all()
        in_period = Complaint.id.in_(
            select(Complaint.id).where(Complaint.received_at >= period.start, Complaint.received_at < period.end)
        )
        reporters: dict[int, tuple[str, str]] = {}
        respondents: dict[int, list[str]] = defaultdict(list)
        for complaint_id, role, name, confidentiality in session.execute(
            select(Party.complaint_id, Party.role, Party.name, Party.confidentiality)
            .join(Complaint, Complaint.id == Party.complaint_id)
            .where(in_period, Party.role.in_(("reporter", "respondent")))
            .order_by(Party.complaint_id, Party.sort, Party.id)
        ):
            if role == "reporter":
                reporters.setdefault(complaint_id, (name, confidentiality))
            else:
                respondents[complaint_id].append(name)
        steps: dict[int, list[tuple[str, datetime | None, datetime | None]]] = defaultdict(list)
        for complaint_id, key, due, done in session.execute(
            select(StepRecord.complaint_id, StepRecord.step_key, StepRecord.due_at, StepRecord.completed_at)
            .join(Complaint, Complaint.id == StepRecord.complaint_id)
            .where(in_period)
            .order_by(StepRecord.id)
        ):
            steps[complaint_id].append((key, due, done))
        decisions = dict(
            session.execute(
                select(KpuDecision.complaint_id, KpuDecision.kind)
                .join(Complaint, Complaint.id == KpuDecision.complaint_id)
                .where(in_period)
            ).all()
        )
        linked = link_notes(
            session,
            select(Complaint.id).where(Complaint.received_at >= period.start, Complaint.received_at < period.end),
        )
        requests: dict[int, list[CompletionRequest]] = defaultdict(list)
        for request in session.scalars(
            select(CompletionRequest).join(Complaint, Complaint.id == CompletionRequest.complaint_id).where(in_period)
        ):
            requests[request.complaint_id].append(request)
        for profile_id in {c.sop_profile_id for c in cases} - profiles.keys():
            profiles[profile_id] = ws.profile(session, profile_id)
        case_labels = {
            profile_id: {s.key: f"{s.no}. {s.name}" for s in other.steps} for profile_id, other in profiles.items()
        }
        # The office's classifications first, then those only other profiles' cases carry.
        classifications = dict.fromkeys(profile.classifications.values())
        for c in cases:
            if c.classification:
                own_names = profiles[c.sop_profile_id].classifications
                classifications.setdefault(own_names.get(c.classification, c.classification))
        data = RecapData(
            office_name=office.name,
            office_code=office.office_code,
            period=period,
            step_labels=tuple(labels[k] for k in step_keys),
            classifications=tuple(classifications),
            channels=tuple(catalog.CHANNELS.values()),
            made_at=now,
        )
        position = {key: i for i, key in enumerate(step_keys)}
        # The recap and report leave the case team (a meeting, a province, a wall): a
        # confidential reporter is hidden whoever prints them, the case team included.
        for c in cases:
            name, confidentiality = reporters.get(c.id, ("", "terbuka"))
            own, own_labels = profiles[c.sop_profile_id], case_labels[c.sop_profile_id]
            dates: list[datetime | None] = [None] * len(step_keys)
            overruns: list[tuple[str, datetime, datetime | None]] = []
            running = c.status == "proses"
            for key, due, done in steps.get(c.id, ()):
                if done is not None:
                    if key in position:
                        dates[position[key]] = done
                    if due is not None and done > due:
                        overruns.append((key, due, done))
                # A step still open counts as late only while the case runs (a closed case's
                # unfinished step was cut short, not left overdue).
                elif running and due is not None and now > due:
                    overruns.append((key, due, done))
            late = bool(overruns)
            whole_hidden = hides_content(confidentiality)
            subject = HIDDEN if whole_hidden else c.subject
            if overruns:
                key, due, done = overruns[-1]
                data.late.append(
                    LateCase(
                        c.agenda_number,
                        subject,
                        own_labels.get(key, key),
                        due,
                        done,
                        ((done or now) - due).total_seconds() / 3600,
                        len(overruns),
                        catalog.STATUSES.get(c.status, c.status),
                    )
                )
            closed = c.closed_at is not None
            data.rows.append(
                RecapRow(
                    agenda_number=c.agenda_number,
                    received_at=c.received_at,
                    channel=catalog.CHANNELS.get(c.channel, c.channel),
                    reporter=HIDDEN if hides_identity("reporter", confidentiality) else name,
                    respondent=HIDDEN if whole_hidden else ", ".join(respondents.get(c.id, [])),
                    subject=subject,
                    classification=own.classifications.get(c.classification, c.classification),
                    step_dates=tuple(dates),
                    follow_up=_follow_up(c, decisions.get(c.id), own_labels),
                    status=catalog.STATUSES.get(c.status, c.status),
                    days_taken=(
                        working_days_taken(calendar, c.received_at, c.closed_at, requests.get(c.id, []))
                        if closed
                        else None
                    ),
                    timeliness=LATE if late else (ON_TIME if closed else RUNNING),
                    note="; ".join(filter(None, [_note(c), *linked.get(c.id, [])])),
                    office_code=c.office_code,
                    finished=closed,
                )
            )
        return data


def _follow_up(c: object, decision: str | None, labels: dict[str, str]) -> str:
    closure = getattr(c, "closure_kind", "")
    if decision:
        return catalog.KPU_DECISION_KINDS.get(decision, decision)
    if closure:
        text = catalog.CLOSURE_KINDS.get(closure, closure)
        referred = getattr(c, "referred_to", "")
        return f"{text} ({catalog.REFERRAL_TARGETS.get(referred, referred)})" if referred else text
    step = getattr(c, "current_step", "")
    return f"Sedang: {labels.get(step, step)}" if step else ""


def _note(c: object) -> str:
    return str(getattr(c, "closure_note", "") or "")


def write_recap(
    ws: Workspace,
    period: Period,
    out: Path,
    *,
    paper: str = "A4",
    progress: Callable[[str], None] | None = None,
) -> RecapData:
    """The workbook, written under a temporary name and moved into place when whole."""
    from ..reports.recap_xlsx import write_workbook
    from .files import write_atomically
    from .statistics import statistics

    data = recap_data(ws, period)
    figures = statistics(ws, period)
    if progress:
        progress(f"{len(data.rows)} pengaduan dibaca; menulis {out.name}")
    write_atomically(out, lambda path: write_workbook(data, path, paper=paper, stats=figures))
    return data


def recap_paper(ws: Workspace, period: Period, paper: str = "A4") -> Paper:
    """The recap as a PDF for printing straight from the program."""
    from ..documents.recap_pdf import recap_pdf
    from .document_facts import office_facts

    data = recap_data(ws, period)
    with ws.db.read() as session:
        office = office_facts(session, data.office_code)
    return Paper(
        recap_pdf(data, office, paper),
        f"Rekapitulasi pengaduan {period.label}",
        f"rekapitulasi-pengaduan-{period.slug}.pdf",
        "",
        False,
        None,
    )
