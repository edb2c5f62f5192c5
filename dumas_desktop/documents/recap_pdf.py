"""The recap laid out for direct printing (landscape, on letterhead): the complaint list
and the summary, from the same data as the workbook."""

from __future__ import annotations

from collections import Counter

from reportlab.platypus import Flowable, PageBreak

from ..reports.model import LATE, RecapData
from .facts import OfficeFacts
from .page import body_width, render
from .parts import grid, heading, para, space, title

MM_PER_POINT = 25.4 / 72


def count_rows(data: RecapData, values: list[str], empty: str = "") -> list[tuple[str, str, str]]:
    """One summary table's rows: each value with how many complaints, and how many of them
    were late at some step, then the totals."""
    counts = Counter(values)
    late = Counter(v for v, r in zip(values, data.rows, strict=True) if r.timeliness == LATE)
    rows = [(key or empty, str(counts[key]), str(late[key])) for key in sorted(counts)]
    rows.append(("Jumlah", str(sum(counts.values())), str(sum(late.values()))))
    return rows


def recap_pdf(data: RecapData, office: OfficeFacts, paper: str = "A4") -> bytes:
    width_mm = body_width(paper, landscape=True) * MM_PER_POINT
    story: list[Flowable] = [*title("Rekapitulasi Pengaduan Masyarakat", subtitle=data.period.label)]
    rows = [
        (
            str(i),
            r.agenda_number,
            f"{r.received_at:%d/%m/%Y %H.%M}",
            r.channel,
            r.reporter,
            r.respondent,
            r.subject,
            r.classification,
            r.follow_up,
            r.status,
            "" if r.days_taken is None else str(r.days_taken),
            r.timeliness,
        )
        for i, r in enumerate(data.rows, start=1)
    ]
    fixed: list[float] = [8, 27, 20, 15, 20, 22, 0, 22, 26, 14, 11, 17]
    fixed[6] = width_mm - sum(fixed)
    headers = [
        "No",
        "Nomor agenda",
        "Diterima",
        "Kanal",
        "Pelapor",
        "Terlapor",
        "Perihal",
        "Klasifikasi",
        "Tindak lanjut",
        "Status",
        "Hari kerja",
        "Ketepatan",
    ]
    if rows:
        story.append(grid(headers, rows, fixed, small=True))
    else:
        story.append(para("Tidak ada pengaduan pada periode ini."))
    story.append(PageBreak())
    story.append(heading(f"Ringkasan {data.period.label}"))
    for label, values in (
        ("Klasifikasi", [r.classification for r in data.rows]),
        ("Kanal pengaduan", [r.channel for r in data.rows]),
        ("Status", [r.status for r in data.rows]),
    ):
        story.append(grid([label, "Jumlah", LATE], count_rows(data, values), [90, 30, 30]))
        story.append(space(4))
    return render(story, office, title=f"Rekapitulasi pengaduan {data.period.label}", paper=paper, landscape=True)
