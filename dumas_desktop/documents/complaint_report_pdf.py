"""The complaint report laid out for printing (landscape, on letterhead): each complaint's
path through the SOP, then the summary, signed by the official who keeps the report."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, PageBreak

from ..reports.model import LATE
from ..reports.report_model import ComplaintReport
from .facts import OfficeFacts
from .page import body_width, render
from .parts import EMPTY, grid, heading, para, space, title
from .recap_pdf import count_rows

MM_PER_POINT = 25.4 / 72


def _lines(items: tuple[str, ...] | list[str]) -> str:
    return "\n".join(items) or EMPTY


def report_pdf(report: ComplaintReport, office: OfficeFacts, paper: str = "A4") -> bytes:
    data = report.recap
    width_mm = body_width(paper, landscape=True) * MM_PER_POINT
    story: list[Flowable] = [*title("Laporan Pengaduan Masyarakat", subtitle=data.period.label)]
    rows = []
    for i, r in enumerate(data.rows, start=1):
        path = report.path_of(r.office_code, r.agenda_number)
        rows.append(
            (
                str(i),
                f"{r.agenda_number}\n{r.received_at:%d/%m/%Y}",
                f"{r.subject}\nPelapor: {r.reporter or EMPTY}\nTerlapor: {r.respondent or EMPTY}",
                _lines(path.memos),
                _lines(path.dispositions),
                _lines(path.answers),
                path.settlement or EMPTY,
                f"{r.follow_up}\n{r.status}; {r.timeliness}",
            )
        )
    fixed: list[float] = [8, 33, 0, 34, 48, 34, 32, 30]
    fixed[2] = width_mm - sum(fixed)
    headers = [
        "No",
        "Agenda dan tanggal diterima",
        "Perihal dan para pihak",
        "Nota dinas",
        "Disposisi/arahan",
        "Jawaban bagian terkait",
        "Tanggapan Tim Penyelesaian",
        "Tindak lanjut dan status",
    ]
    if rows:
        story.append(grid(headers, rows, fixed, small=True))
    else:
        story.append(para("Tidak ada pengaduan pada periode ini."))
    story.append(PageBreak())
    story.append(heading(f"Ringkasan {data.period.label}"))
    late_steps = sum(1 for path in report.paths.values() for step in path.steps if step.late)
    story.append(
        para(
            f"Pada periode ini diterima {len(data.rows)} pengaduan; "
            f"{sum(1 for r in data.rows if r.finished)} telah selesai dan "
            f"{sum(1 for r in data.rows if not r.finished)} masih dalam proses. "
            f"{sum(1 for r in data.rows if r.timeliness == LATE)} pengaduan pernah melewati waktu baku pada salah satu "
            f"langkahnya ({late_steps} langkah)."
        )
    )
    story.append(space(2))
    for label, values in (
        ("Klasifikasi", [r.classification for r in data.rows]),
        ("Kanal pengaduan", [r.channel for r in data.rows]),
        ("Status", [r.status for r in data.rows]),
    ):
        table_rows = count_rows(data, values, empty="Belum diklasifikasi")
        # A short table is read whole: it moves to the next page rather than leave its total behind.
        story.append(
            KeepTogether([grid([label, "Jumlah", "Pernah lewat waktu baku"], table_rows, [90, 30, 45]), space(4)])
        )
    if data.made_at:
        story.append(para(f"Dibuat dengan Dumas Desktop pada {data.made_at:%d/%m/%Y %H.%M}.", "tiny"))
    return render(story, office, title=f"Laporan pengaduan {data.period.label}", paper=paper, landscape=True)
