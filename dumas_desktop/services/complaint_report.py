"""The complaint report of a period (laporan pengaduan): every complaint's path through
the SOP with its memo numbers, dispositions, the units' answers and the settlement team's
conclusion, and a summary. Sumatera Barat's step 8 makes it from the step 7 recap; it is
read in a few set-wise queries, like the recap."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from ..documents.facts import HIDDEN
from ..domain.privacy import hides_content
from ..reports.model import Period
from ..reports.report_model import CasePath, ComplaintReport, StepPass
from ..storage.models import Complaint, Disposition, Letter, Party, StepRecord, Worksheet
from .context import Workspace
from .documents import Paper
from .recap import recap_data


def report_data(ws: Workspace, period: Period) -> ComplaintReport:
    recap = recap_data(ws, period)
    report = ComplaintReport(recap)
    now = ws.now()
    with ws.db.read() as session:
        in_period = (
            Complaint.received_at >= period.start,
            Complaint.received_at < period.end,
            Complaint.status != "batal",
        )
        cases = session.execute(
            select(
                Complaint.id, Complaint.office_code, Complaint.agenda_number, Complaint.sop_profile_id, Complaint.status
            ).where(*in_period)
        ).all()
        hidden = {
            complaint_id
            for complaint_id, confidentiality in session.execute(
                select(Party.complaint_id, Party.confidentiality)
                .join(Complaint, Complaint.id == Party.complaint_id)
                .where(*in_period, Party.role == "reporter")
            )
            if hides_content(confidentiality)
        }
        labels = {}
        for profile_id in {c.sop_profile_id for c in cases}:
            profile = ws.profile(session, profile_id)
            labels[profile_id] = {s.key: f"{s.no}. {s.name}" for s in profile.steps}
        profile_of = {c.id: c.sop_profile_id for c in cases}

        def text(case_id: int, value: str) -> str:
            return HIDDEN if case_id in hidden else value

        memos: dict[int, list[str]] = defaultdict(list)
        answers: dict[int, list[str]] = defaultdict(list)
        for letter in session.scalars(
            select(Letter).join(Complaint, Complaint.id == Letter.complaint_id).where(*in_period).order_by(Letter.id)
        ):
            cid = letter.complaint_id
            assert cid is not None  # joined on the complaint
            when = f"{letter.letter_date:%d/%m/%Y}"
            if letter.direction == "masuk":
                answers[cid].append(f"{letter.number}, {when}, dari {letter.counterpart}: {text(cid, letter.subject)}")
            elif letter.kind == "nota_dinas":
                memos[cid].append(f"{letter.number}, {when}, kepada {letter.counterpart}: {text(cid, letter.subject)}")
        dispositions: dict[int, list[str]] = defaultdict(list)
        for d in session.scalars(
            select(Disposition)
            .join(Complaint, Complaint.id == Disposition.complaint_id)
            .where(*in_period)
            .order_by(Disposition.id)
        ):
            step = labels[profile_of[d.complaint_id]].get(d.step_key, d.step_key)
            number = f" (nomor {d.number})" if d.number else ""
            dispositions[d.complaint_id].append(
                f"{step}: {d.from_name} kepada {d.to_name}, {d.given_at:%d/%m/%Y}{number}: "
                f"{text(d.complaint_id, d.instruction)}"
            )
        settlements = {
            complaint_id: text(complaint_id, conclusion or analysis)
            for complaint_id, conclusion, analysis in session.execute(
                select(Worksheet.complaint_id, Worksheet.conclusion, Worksheet.analysis)
                .join(Complaint, Complaint.id == Worksheet.complaint_id)
                .where(*in_period, Worksheet.kind == "penyelesaian")
                .order_by(Worksheet.id)
            )
        }
        steps: dict[int, list[StepPass]] = defaultdict(list)
        status_of = {c.id: c.status for c in cases}
        for complaint_id, key, started, due, done in session.execute(
            select(
                StepRecord.complaint_id,
                StepRecord.step_key,
                StepRecord.started_at,
                StepRecord.due_at,
                StepRecord.completed_at,
            )
            .join(Complaint, Complaint.id == StepRecord.complaint_id)
            .where(*in_period)
            .order_by(StepRecord.id)
        ):
            running = status_of[complaint_id] == "proses"
            late = due is not None and ((done is not None and done > due) or (done is None and running and now > due))
            label = labels[profile_of[complaint_id]].get(key, key)
            steps[complaint_id].append(StepPass(label, started, due, done, late))
        for c in cases:
            report.paths[(c.office_code, c.agenda_number)] = CasePath(
                memos=tuple(memos.get(c.id, ())),
                dispositions=tuple(dispositions.get(c.id, ())),
                answers=tuple(answers.get(c.id, ())),
                settlement=settlements.get(c.id, ""),
                steps=tuple(steps.get(c.id, ())),
            )
    return report


def write_report(
    ws: Workspace,
    period: Period,
    out: Path,
    *,
    paper: str = "A4",
    progress: Callable[[str], None] | None = None,
) -> ComplaintReport:
    """The report as a workbook (.xlsx) or a printable PDF (.pdf), by the name of `out`;
    written under a temporary name and moved into place when whole."""
    from ..reports.report_xlsx import write_report_workbook
    from .files import write_atomically

    report = report_data(ws, period)
    if progress:
        progress(f"{len(report.recap.rows)} pengaduan dibaca; menulis {out.name}")
    if out.suffix.lower() == ".pdf":
        pdf = _pdf(ws, report, paper)

        def write_pdf(path: Path) -> None:
            path.write_bytes(pdf)

        write_atomically(out, write_pdf)
    else:
        write_atomically(out, lambda path: write_report_workbook(report, path, paper=paper))
    return report


def _pdf(ws: Workspace, report: ComplaintReport, paper: str) -> bytes:
    from ..documents.complaint_report_pdf import report_pdf
    from .document_facts import office_facts

    with ws.db.read() as session:
        office = office_facts(session, report.recap.office_code)
    return report_pdf(report, office, paper)


def report_paper(ws: Workspace, period: Period, paper: str = "A4") -> Paper:
    """The report as a PDF on the letterhead, to preview and print from the window."""
    report = report_data(ws, period)
    return Paper(
        _pdf(ws, report, paper),
        f"Laporan pengaduan {period.label}",
        f"laporan-pengaduan-{period.slug}.pdf",
        "",
        False,
        None,
    )
