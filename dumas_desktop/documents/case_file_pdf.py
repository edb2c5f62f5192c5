"""The whole case file on paper: the case's data, its parties, the timeline of its steps,
dispositions and letters, the worksheets, the hearing, every version of the minutes, the
evidence and every paper issued, on the office letterhead with "Halaman X dari Y"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Table, TableStyle

from .case_file_facts import TITLE, CaseFileFacts
from .facts import HIDDEN, CaseFacts, HearingFacts, WorksheetFacts
from .intake import case_rows
from .page import body_width, render
from .parts import EMPTY, date_and_time, day_date, fields, grid, heading, para, party_rows, space, styles, text, title
from .review import RESULTS
from .stamp import page_count

MM_PER_POINT = 25.4 / 72
WORKSHEET_TITLES = {
    "telaah": "Kertas kerja telaah",
    "telaah_lanjutan": "Telaah lanjutan",
    "penyelesaian": "Penyelesaian",
}
ROLE_TITLES = {
    "reporter": "Pelapor",
    "respondent": "Terlapor",
    "witness": "Saksi",
    "related": "Pihak terkait",
}
PARTICIPANT_ROLES = {
    "tim": "Tim",
    "pelapor": "Pelapor",
    "terlapor": "Terlapor",
    "saksi": "Saksi",
    "pihak_terkait": "Pihak terkait",
}
LETTER_DIRECTIONS = {"keluar": "Keluar", "masuk": "Masuk"}


def _when(value: datetime | None) -> str:
    return f"{value:%d-%m-%Y %H.%M}" if value else EMPTY


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024**2:
        return f"{size / 1024:.1f} KB".replace(".", ",")
    return f"{size / 1024**2:.1f} MB".replace(".", ",")


def _hashed_grid(
    header: Sequence[str], rows: Sequence[tuple[Sequence[object], str]], widths_mm: Sequence[float]
) -> Table:
    """A table whose every row is followed by a full-width line with its SHA-256, which is
    too long for a column and must print unbroken to be compared."""
    data: list[Sequence[object]] = []
    for cells, digest in rows:
        data.append(cells)
        data.append([Paragraph(f"SHA-256: {text(digest)}", styles()["tiny"]), *[""] * (len(header) - 1)])
    table = grid(header, data, widths_mm, small=True)
    spans = [("SPAN", (0, 2 * i + 2), (-1, 2 * i + 2)) for i in range(len(rows))]
    table.setStyle(TableStyle([*spans, ("LINEABOVE", (0, 2), (-1, -1), 0.5, "#000000")]))
    return table


def _room_for(flowables: list[Flowable], room_mm: float = 30) -> list[Flowable]:
    """A heading or caption starts a new page when too little of this one is left for it
    and the first lines of what it introduces (a long table still splits across pages)."""
    return [CondPageBreak(room_mm * mm), *flowables]


def _head(value: str) -> list[Flowable]:
    return _room_for([heading(value)])


def _case_data(facts: CaseFacts, width: float) -> list[Flowable]:
    hidden = facts.whole_report_confidential
    rows = [
        *case_rows(facts, reveal=False, hide_respondents=True),
        ("Saluran", facts.channel),
        ("Status", facts.status),
        ("Waktu kejadian", day_date(facts.event_date)),
        ("Tempat kejadian", HIDDEN if hidden else (facts.event_place or EMPTY)),
        ("Lokasi kasus", facts.location or EMPTY),
        ("Prosedur (SOP)", facts.profile_name),
        ("Diterima oleh", facts.received_by or EMPTY),
    ]
    if facts.closed_at:
        rows.append(("Selesai", date_and_time(facts.closed_at)))
    if facts.closure_note:
        rows.append(("Keterangan penutupan", facts.closure_note))
    if facts.referred_to:
        rows.append(("Diteruskan kepada", facts.referred_to))
    if facts.duplicate_of:
        rows.append(("Duplikat dari", facts.duplicate_of))
    story: list[Flowable] = [*_head("A. Data pengaduan"), fields(rows, width, label_mm=42)]
    story.append(space(2))
    story.append(para("Uraian pengaduan:", "left"))
    story.append(para(HIDDEN if hidden else facts.description))
    return story


def _parties(facts: CaseFacts, width: float) -> list[Flowable]:
    story: list[Flowable] = [*_head("B. Para pihak")]
    if not facts.parties:
        return [*story, para("Para pihak belum dicatat.")]
    whole = facts.whole_report_confidential
    for party in facts.parties:
        if whole and party.role != "reporter":
            rows: list[tuple[str, object]] = [("Nama", HIDDEN), ("Keterangan", "Seluruh laporan dirahasiakan")]
        else:
            rows = party_rows(party, reveal=False)
        label = para(ROLE_TITLES.get(party.role, party.role), "left")
        story.append(KeepTogether([label, fields(rows, width, label_mm=42), space(1.5)]))
    return story


def _timeline(facts: CaseFileFacts, width_mm: float) -> list[Flowable]:
    story: list[Flowable] = [*_head("C. Riwayat langkah")]
    if not facts.steps:
        return [*story, para("Belum ada langkah yang dicatat.")]
    rows = [
        (
            str(s.no),
            s.name,
            _when(s.started_at),
            _when(s.due_at),
            _when(s.completed_at),
            s.outcome or EMPTY,
            s.timeliness,
        )
        for s in facts.steps
    ]
    widths: list[float] = [8, 0, 20, 20, 20, 30, 25]
    widths[1] = width_mm - sum(widths)
    headers = ["No", "Langkah", "Mulai", "Batas waktu", "Selesai", "Hasil", "Ketepatan waktu"]
    story.append(grid(headers, rows, widths, small=True))
    completion = facts.case.completion
    if completion is not None:
        story.append(space(2))
        story.append(
            para(
                f"Permintaan kelengkapan kepada pelapor: {_when(completion.requested_at)}, batas "
                f"{_when(completion.due_at)}; kekurangan: {completion.missing_items or EMPTY}"
                + (f"; hasil: {completion.outcome}" if completion.outcome else ""),
                "small",
            )
        )
    return story


def _dispositions(facts: CaseFacts, width_mm: float) -> list[Flowable]:
    story: list[Flowable] = [*_head("D. Disposisi dan nota dinas")]
    if facts.dispositions:
        rows = [
            (str(i), _when(d.given_at), d.number or EMPTY, d.from_name or d.from_position, d.to_name, d.instruction)
            for i, d in enumerate(facts.dispositions, start=1)
        ]
        widths: list[float] = [8, 22, 28, 28, 28, 0]
        widths[5] = width_mm - sum(widths)
        story.append(grid(["No", "Waktu", "Nomor", "Dari", "Kepada", "Isi disposisi"], rows, widths, small=True))
    else:
        story.append(para("Tidak ada disposisi yang dicatat."))
    if facts.letters:
        story.append(space(2))
        story.extend(_room_for([para("Surat dan nota dinas yang dicatat:", "left")], 20))
        rows = [
            (
                str(i),
                LETTER_DIRECTIONS.get(letter.direction, letter.direction),
                letter.number or EMPTY,
                day_date(letter.letter_date),
                letter.counterpart or EMPTY,
                letter.subject or EMPTY,
            )
            for i, letter in enumerate(facts.letters, start=1)
        ]
        widths = [8, 16, 34, 28, 35, 0]
        widths[5] = width_mm - sum(widths)
        story.append(grid(["No", "Arah", "Nomor", "Tanggal", "Dari/kepada", "Perihal"], rows, widths, small=True))
    return story


def _met(value: bool | None) -> str:
    return {True: "Memenuhi", False: "Tidak memenuhi", None: "Belum dinilai"}[value]


def _worksheet(sheet: WorksheetFacts, width: float, width_mm: float) -> list[Flowable]:
    saved = f"disimpan {date_and_time(sheet.saved_at)}" if sheet.saved_at else ""
    story: list[Flowable] = []
    opening: list[Flowable] = [para(WORKSHEET_TITLES.get(sheet.kind, sheet.kind), "left")]
    opening.append(para(", ".join(v for v in (sheet.reviewer and f"Penelaah: {sheet.reviewer}", saved) if v), "small"))
    story.extend(_room_for(opening, 40))
    if sheet.rows:
        rows = [(str(i), label, _met(ok), note or EMPTY) for i, (label, ok, note) in enumerate(sheet.rows, start=1)]
        widths: list[float] = [8, 55, 25, 0]
        widths[3] = width_mm - sum(widths)
        story.append(grid(["No", "Unsur yang ditelaah", "Penilaian", "Keterangan"], rows, widths, small=True))
    found = [
        ("Ketentuan yang dirujuk", sheet.rules_cited),
        ("Hasil penelusuran", sheet.survey),
        ("Analisis", sheet.analysis),
        ("Kesimpulan", sheet.conclusion),
        ("Hasil telaah", RESULTS.get(sheet.result, sheet.result)),
        ("Kekurangan", sheet.missing_items),
    ]
    if sheet.hearing_needed is not None:
        found.append(("Verifikasi dan klarifikasi", "Perlu" if sheet.hearing_needed else "Tidak perlu"))
    rows_shown = [(label, value) for label, value in found if value]
    if rows_shown:
        story.append(space(1.5))
        story.append(fields(rows_shown, width, label_mm=42))
    story.append(space(2))
    return story


def _worksheets(facts: CaseFacts, width: float, width_mm: float) -> list[Flowable]:
    story: list[Flowable] = [*_head("E. Kertas kerja telaah")]
    if not facts.worksheets:
        return [*story, para("Kertas kerja telaah belum disimpan.")]
    for sheet in facts.worksheets.values():
        story.extend(_worksheet(sheet, width, width_mm))
    return story


def _participant_name(facts: CaseFacts, role: str, name: str, confidential: bool) -> str:
    if confidential or (facts.whole_report_confidential and role != "tim"):
        return HIDDEN
    return name


def _hearing(facts: CaseFacts, hearing: HearingFacts | None, width: float, width_mm: float) -> list[Flowable]:
    story: list[Flowable] = [*_head("F. Verifikasi dan klarifikasi")]
    if hearing is None:
        return [*story, para("Tidak ada verifikasi dan klarifikasi yang direncanakan.")]
    story.append(
        fields(
            [
                ("Jadwal", date_and_time(hearing.scheduled_at)),
                ("Tempat", hearing.place or EMPTY),
                ("Agenda", hearing.agenda or EMPTY),
                ("Nomor surat tugas", hearing.assignment_number or EMPTY),
                ("Dilaksanakan", date_and_time(hearing.held_at) if hearing.held_at else "Belum dilaksanakan"),
            ],
            width,
            label_mm=42,
        )
    )
    if hearing.participants:
        rows = [
            (
                str(i),
                PARTICIPANT_ROLES.get(p.role, p.role),
                _participant_name(facts, p.role, p.name, p.confidential),
                p.invitation_number or EMPTY,
                {True: "Hadir", False: "Tidak hadir", None: EMPTY}[p.attended],
            )
            for i, p in enumerate(hearing.participants, start=1)
        ]
        widths: list[float] = [8, 25, 0, 40, 22]
        widths[2] = width_mm - sum(widths)
        story.append(space(2))
        story.append(grid(["No", "Peran", "Nama", "Nomor undangan", "Kehadiran"], rows, widths, small=True))
    if hearing.summary:
        story.append(space(2))
        story.append(para("Ringkasan hasil:", "left"))
        story.append(para(HIDDEN if facts.whole_report_confidential else hearing.summary))
    return story


def _minutes(facts: CaseFileFacts, width_mm: float) -> list[Flowable]:
    story: list[Flowable] = [*_head("G. Berita acara")]
    if not facts.minutes_versions:
        return [*story, para("Berita acara belum disusun.")]
    rows = [
        (
            str(m.version),
            m.status,
            _when(m.drafted_at),
            _when(m.adopted_at),
            f"Versi {m.replaces}" if m.replaces else EMPTY,
            m.correction_reason or EMPTY,
        )
        for m in facts.minutes_versions
    ]
    widths: list[float] = [12, 26, 22, 22, 20, 0]
    widths[5] = width_mm - sum(widths)
    story.append(
        grid(["Versi", "Keadaan", "Disusun", "Ditetapkan", "Memperbaiki", "Alasan perbaikan"], rows, widths, small=True)
    )
    plenary = facts.case.minutes.plenary if facts.case.minutes else None
    if plenary is not None:
        story.append(space(2))
        story.append(
            para(
                f"Rapat pleno {_when(plenary.held_at)} di {plenary.place or EMPTY}, dipimpin {plenary.chair or EMPTY}"
                + (f", nomor {plenary.number}" if plenary.number else "")
                + f": {plenary.decision or EMPTY}",
                "small",
            )
        )
    decision = facts.case.decision
    if decision is not None:
        story.append(
            para(
                f"Hasil tindak lanjut KPU RI ({decision.kind}"
                + (f", surat {decision.letter_number}" if decision.letter_number else "")
                + f", tanggal {day_date(decision.decided_at)}): {decision.summary or EMPTY}",
                "small",
            )
        )
    return story


def _evidence(facts: CaseFileFacts, width_mm: float) -> list[Flowable]:
    story: list[Flowable] = [*_head("H. Bukti dukung")]
    if not facts.evidence:
        return [*story, para("Tidak ada bukti dukung yang diserahkan.")]
    if any(not e.name for e in facts.evidence):
        story.append(
            para("Nama berkas bukti tidak dicetak karena identitas pelapor dirahasiakan; sidik SHA-256 tetap.", "small")
        )
    rows = [
        ((str(i), e.name or f"Bukti {i}", e.description or EMPTY, _size(e.size)), e.sha256)
        for i, e in enumerate(facts.evidence, start=1)
    ]
    widths: list[float] = [8, 60, 0, 22]
    widths[2] = width_mm - sum(widths)
    story.append(_hashed_grid(["No", "Nama berkas", "Keterangan", "Ukuran"], rows, widths))
    return story


def _issued(facts: CaseFileFacts, width_mm: float) -> list[Flowable]:
    story: list[Flowable] = [*_head("I. Dokumen terbit")]
    if not facts.issued:
        return [*story, para("Belum ada dokumen yang diterbitkan.")]
    rows = [
        ((str(i), d.title, d.number or EMPTY, day_date(d.issued_on), d.paper, d.status), d.sha256)
        for i, d in enumerate(facts.issued, start=1)
    ]
    widths: list[float] = [8, 0, 42, 30, 12, 18]
    widths[1] = width_mm - sum(widths)
    story.append(_hashed_grid(["No", "Dokumen", "Nomor", "Tanggal", "Kertas", "Keadaan"], rows, widths))
    return story


def story_of(facts: CaseFileFacts, width: float) -> list[Flowable]:
    width_mm = width * MM_PER_POINT
    case = facts.case
    story: list[Flowable] = [*title(TITLE, subtitle=f"Nomor agenda {case.agenda_number}")]
    story.append(
        para(
            f"Dicetak dari catatan berkas data pada {date_and_time(facts.printed_at)}"
            + (f" oleh {facts.printed_by}" if facts.printed_by else "")
            + ". Cetakan ini bukan surat dinas dan tidak bernomor.",
            "small",
        )
    )
    story.append(space(2))
    story.extend(_case_data(case, width))
    story.extend(_parties(case, width))
    story.extend(_timeline(facts, width_mm))
    story.extend(_dispositions(case, width_mm))
    story.extend(_worksheets(case, width, width_mm))
    story.extend(_hearing(case, case.hearing, width, width_mm))
    story.extend(_minutes(facts, width_mm))
    story.extend(_evidence(facts, width_mm))
    story.extend(_issued(facts, width_mm))
    return story


def make_case_file_pdf(facts: CaseFileFacts, paper: str = "A4") -> bytes:
    """Laid out twice: the first pass counts the pages the second names on every page."""
    width = body_width(paper)
    subject = f"{TITLE} {facts.case.agenda_number}"

    def lay_out(total: int) -> bytes:
        story = story_of(facts, width)
        return render(story, facts.case.office, title=TITLE, subject=subject, paper=paper, page_of=total)

    return lay_out(page_count(lay_out(0)))
