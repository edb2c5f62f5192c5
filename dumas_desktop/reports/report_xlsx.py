"""The complaint report workbook (laporan pengaduan): one row per complaint with its path
through the SOP (memo numbers, dispositions, the units' answers, the settlement team's
conclusion, follow-up), every step pass with its times, and the recap's summary. Set for
printing like the recap: landscape, fit to width, header rows repeated."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

# The recap's own styles and sheet set-up: the report is printed and filed beside it.
from .recap_xlsx import (
    HEADER_ROW,
    _cell,
    _Cells,
    _fit_height,
    _print_setup,
    _sheet,
    _styles,
    _summary,
    _titles,
    _widths,
)
from .report_model import ComplaintReport

REPORT_HEADERS = (
    "No",
    "Nomor agenda",
    "Tanggal diterima",
    "Pelapor",
    "Perihal",
    "Terlapor",
    "Nota dinas",
    "Disposisi/arahan",
    "Jawaban bagian terkait",
    "Tanggapan Tim Penyelesaian",
    "Tindak lanjut",
    "Status",
    "Lama (hari kerja)",
    "Ketepatan waktu",
)
STEP_HEADERS = ("No", "Nomor agenda", "Langkah SOP", "Mulai", "Batas waktu", "Selesai", "Ketepatan")


WIDTHS = [5, 20, 16, 20, 34, 22, 34, 40, 34, 34, 24, 14, 10, 13]
WRAPPED = {column: float(WIDTHS[column]) for column in (3, 4, 5, 6, 7, 8, 9, 10)}


def _report_sheet(book: Workbook, report: ComplaintReport, paper: str) -> None:
    data = report.recap
    sheet = _sheet(book, "Laporan")
    _widths(sheet, WIDTHS)
    _print_setup(sheet, data, paper)
    _titles(sheet, data, "LAPORAN PENGADUAN MASYARAKAT")
    sheet.row_dimensions[HEADER_ROW].height = 30
    sheet.append([_cell(sheet, h, "kepala") for h in REPORT_HEADERS])
    cells = _Cells(sheet, "tanggal", "teks")
    for number, row in enumerate(data.rows, start=1):
        path = report.path_of(row.office_code, row.agenda_number)
        values = [
            number,
            row.agenda_number,
            cells(row.received_at, "tanggal"),
            cells(row.reporter, "teks"),
            cells(row.subject, "teks"),
            cells(row.respondent, "teks"),
            cells("\n".join(path.memos), "teks"),
            cells("\n".join(path.dispositions), "teks"),
            cells("\n".join(path.answers), "teks"),
            cells(path.settlement, "teks"),
            cells(row.follow_up, "teks"),
            row.status,
            row.days_taken,
            row.timeliness,
        ]
        _fit_height(sheet, HEADER_ROW + number, values, WRAPPED)
        sheet.append(values)


def _steps_sheet(book: Workbook, report: ComplaintReport, paper: str) -> None:
    data = report.recap
    sheet = _sheet(book, "Alur langkah")
    _widths(sheet, [5, 20, 50, 16, 16, 16, 14])
    _print_setup(sheet, data, paper)
    _titles(sheet, data, "ALUR PENANGANAN SETIAP PENGADUAN")
    sheet.append([_cell(sheet, h, "kepala") for h in STEP_HEADERS])
    cells = _Cells(sheet, "tanggal", "teks")
    number = 0
    for row in data.rows:
        for step in report.path_of(row.office_code, row.agenda_number).steps:
            number += 1
            timing = "Terlambat" if step.late else ("Tepat waktu" if step.completed_at else "Berjalan")
            sheet.append(
                [
                    number,
                    row.agenda_number,
                    cells(step.label, "teks"),
                    cells(step.started_at, "tanggal"),
                    cells(step.due_at, "tanggal") if step.due_at else "Tanpa waktu baku",
                    cells(step.completed_at, "tanggal") if step.completed_at else "Belum selesai",
                    timing,
                ]
            )


def write_report_workbook(report: ComplaintReport, path: Path, *, paper: str = "A4") -> None:
    book = Workbook(write_only=True)
    _styles(book)
    _report_sheet(book, report, paper)
    _steps_sheet(book, report, paper)
    _summary(book, report.recap, paper)
    book.save(path)
