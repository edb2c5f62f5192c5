"""Benchmarks of the papers and the recap, side by side with what offices do today.

    python bench/bench_documents.py [--data FILE] [--runs N] [--skip-libreoffice]

1. The minutes (Berita Acara) of one case, warm, in this process: laying out the PDF from
   the case's facts, reading the facts and laying out (a preview), and issuing a new
   original into the archive. Beside it: LibreOffice headless converting an equivalent
   .docx (made with python-docx, the `bench` extra) to PDF, as offices do with Word today.
2. A year's recap of 10,000 complaints: the program's whole recap (reading the cases and
   writing the styled, print-ready workbook) against openpyxl's write-only mode writing the
   same rows (the complaint matrix and the list of late complaints) with no styling.

Prints one line per figure; the README records them with the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dumas_desktop.documents.facts import CaseFacts, Issue
from dumas_desktop.documents.kinds import make_pdf
from dumas_desktop.reports.model import Period
from dumas_desktop.services import documents
from dumas_desktop.services.context import Workspace
from dumas_desktop.services.demo import make_demo
from dumas_desktop.services.document_facts import case_facts
from dumas_desktop.services.recap import recap_data, write_recap
from dumas_desktop.storage.database import open_database
from dumas_desktop.storage.models import Complaint

YEAR = 2026
NOW = datetime(YEAR, 12, 30, 15, 0)
OUT = Path(__file__).parent / "out"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def year_file(path: Path) -> Path:
    """10,000 complaints received in one year: two demo batches of 5,000 (each spread over
    200 days) end on 30 December."""
    if not path.exists():
        make_demo(path, 5000, "sanggau-2026", seed=11, now=NOW)
        make_demo(path, 5000, "sanggau-2026", seed=12, now=NOW)
    return path


def docx_of(facts: CaseFacts, path: Path) -> None:
    """The same minutes as a Word file: letterhead lines, title, opening, sections, signatures."""
    from docx import Document
    from docx.shared import Pt

    from dumas_desktop.documents.page import letterhead_lines
    from dumas_desktop.domain.texts import date_in_words

    minutes = facts.minutes
    assert minutes is not None
    doc = Document()
    heads, contacts = letterhead_lines(facts.office)
    for line in heads:
        doc.add_paragraph(line).runs[0].font.size = Pt(14)
    for line in contacts:
        doc.add_paragraph(line).runs[0].font.size = Pt(9)
    doc.add_heading("BERITA ACARA VERIFIKASI DAN KLARIFIKASI", level=1)
    doc.add_paragraph("Nomor: 1/HK.06/6103/2026")
    doc.add_paragraph(
        f"Pada {date_in_words(minutes.drafted_at.date())}, bertempat di {minutes.place}, kami yang bertanda tangan "
        f"di bawah ini telah melaksanakan verifikasi dan klarifikasi atas pengaduan nomor agenda {facts.agenda_number}."
    )
    for title, text in (
        ("I. Kronologi", minutes.chronology),
        ("II. Identitas pelapor dan terlapor", minutes.identities),
        ("III. Bukti-bukti", minutes.evidence_summary),
        ("IV. Petitum dan rekomendasi sanksi", minutes.petitum + " " + minutes.recommended_sanction),
    ):
        doc.add_heading(title, level=2)
        doc.add_paragraph(text)
    table = doc.add_table(rows=2, cols=2)
    for column, (caption, name) in enumerate((("Ketua,", "Iis Supianto"), ("Anggota tim,", "Anggota KPU"))):
        table.cell(0, column).text = caption
        table.cell(1, column).text = f"\n\n\n{name}"
    doc.save(str(path))


def libreoffice_ms(docx: Path, runs: int) -> float | None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        return None
    times = []
    with (
        tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile,
        tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as out,
    ):
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(
                [
                    office,
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    out,
                    str(docx),
                ],
                check=True,
                capture_output=True,
            )
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times[1:] if len(times) > 1 else times)  # the first run builds the profile


def _complaint(session: Session, case_id: int) -> Complaint:
    found = session.get(Complaint, case_id)
    assert found is not None, case_id
    return found


def bench_minutes(ws: Workspace, runs: int, skip_libreoffice: bool) -> None:
    with ws.db.read() as session:
        candidates = session.scalars(select(Complaint.id).where(Complaint.status == "selesai").limit(400)).all()
    case_id = next(c for c in candidates if any(o.kind == "berita_acara" and o.ready for o in documents.offers(ws, c)))
    with ws.db.read() as session:
        facts = case_facts(ws, session, _complaint(session, case_id))
    issue = Issue("berita_acara", "1/HK.06/6103/2026", NOW.date())

    def preview() -> None:
        with ws.db.read() as session:
            make_pdf(case_facts(ws, session, _complaint(session, case_id)), issue)

    for _ in range(3):
        make_pdf(facts, issue)
        preview()
    render = median_ms(lambda: make_pdf(facts, issue), runs)
    read_and_render = median_ms(preview, runs)
    documents.issue(ws, case_id, "berita_acara")
    archived = median_ms(lambda: documents.issue(ws, case_id, "berita_acara", reissue=True), runs)
    pages = len(make_pdf(facts, issue))
    print(
        f"minutes: layout {render:.1f} ms, read+layout {read_and_render:.1f} ms, issue+archive {archived:.1f} ms "
        f"(median of {runs}, warm; PDF {pages / 1024:.0f} KiB)"
    )
    if skip_libreoffice:
        return
    OUT.mkdir(exist_ok=True)
    docx = OUT / "berita-acara.docx"
    docx_of(facts, docx)
    office = libreoffice_ms(docx, 4)
    if office is None:
        print("libreoffice: not installed, no comparison")
    else:
        print(
            f"libreoffice docx->pdf: {office:.0f} ms (median of 3 after a warm-up) = "
            f"{office / read_and_render:.0f}x the program's read+layout"
        )


def bench_recap(ws: Workspace, runs: int) -> None:
    period = Period(YEAR)
    data = recap_data(ws, period)
    OUT.mkdir(exist_ok=True)
    rows = [
        (
            i,
            r.agenda_number,
            r.received_at,
            r.channel,
            r.reporter,
            r.respondent,
            r.subject,
            r.classification,
            *r.step_dates,
            r.follow_up,
            r.status,
            r.days_taken,
            r.timeliness,
            r.note,
        )
        for i, r in enumerate(data.rows, start=1)
    ]

    late = [
        (
            i,
            c.agenda_number,
            c.subject,
            c.step,
            c.due_at,
            c.completed_at,
            round(c.late_hours, 1),
            c.late_steps,
            c.status,
        )
        for i, c in enumerate(data.late, start=1)
    ]

    def baseline() -> None:
        """The same rows of both big sheets, plain, with no titles, styles or print settings."""
        book = Workbook(write_only=True)
        for name, values in (("Rekapitulasi", rows), ("Pernah terlambat", late)):
            sheet = book.create_sheet(name)
            for row in values:
                sheet.append(row)
        book.save(OUT / "baseline.xlsx")

    def ours() -> None:
        write_recap(ws, period, OUT / "rekap.xlsx")

    mine, theirs = [], []
    for _ in range(runs):  # alternate, so both see the same machine
        started = time.perf_counter()
        baseline()
        theirs.append(time.perf_counter() - started)
        started = time.perf_counter()
        ours()
        mine.append(time.perf_counter() - started)
    a, b = statistics.median(mine), statistics.median(theirs)
    print(
        f"recap of {len(data.rows):,} complaints ({period.label}): program {a:.2f} s ({len(data.late):,} late "
        f"cases listed), openpyxl write-only unstyled {b:.2f} s, ratio {a / b:.2f} (median of {runs})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=OUT / "tahun-10000.dumas")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--skip-libreoffice", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    print(machine())
    ws = Workspace(open_database(year_file(args.data)), actor="bench", clock=lambda: NOW)
    with ws.db.read() as session:
        in_year = session.scalar(select(func.count()).select_from(Complaint).where(Complaint.year == YEAR))
    print(f"data: {args.data} ({in_year:,} complaints in {YEAR})")
    bench_minutes(ws, args.runs, args.skip_libreoffice)
    bench_recap(ws, max(5, args.runs // 4))
    ws.db.close()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
