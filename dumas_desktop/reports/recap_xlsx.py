"""The recap workbook (openpyxl, write-only for speed): the complaint matrix, a summary by
classification, channel, status and month with totals, and the late steps. Set for
printing: landscape, A4 or F4, fit to width, header rows repeated, page numbers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import MethodType
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from .model import LATE, MONTHS, RecapData
from .stats_model import Statistics

# Excel's paper codes: 9 is A4; 14 is Folio (8.5 x 13 in), the closest to F4 (215 x 330 mm).
PAPER_CODES = {"A4": 9, "F4": 14}
DATE_TIME = "dd/mm/yyyy hh:mm"
DATE = "dd/mm/yy"
HEADER_ROW = 5  # title lines above it: office, title, period, blank

_thin = Side(style="thin", color="000000")
_border = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)


def _styles(book: Workbook) -> None:
    header = NamedStyle(name="kepala")
    header.font = Font(name="Arial", bold=True, size=10)
    header.fill = PatternFill("solid", fgColor="D9D9D9")
    header.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    header.border = _border
    book.add_named_style(header)
    title = NamedStyle(name="judul")
    title.font = Font(name="Arial", bold=True, size=12)
    book.add_named_style(title)
    when = NamedStyle(name="tanggal")
    when.number_format = DATE_TIME
    when.font = Font(name="Arial", size=10)
    book.add_named_style(when)
    day = NamedStyle(name="hari")
    day.number_format = DATE
    day.font = Font(name="Arial", size=10)
    book.add_named_style(day)
    wrapped = NamedStyle(name="teks")
    wrapped.font = Font(name="Arial", size=10)
    wrapped.alignment = Alignment(wrap_text=True)
    book.add_named_style(wrapped)
    total = NamedStyle(name="jumlah")
    total.font = Font(name="Arial", bold=True, size=10)
    total.border = _border
    book.add_named_style(total)


def _cell(sheet: WriteOnlyWorksheet, value: Any, style: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.style = style
    return cell


def _titles(sheet: WriteOnlyWorksheet, data: RecapData, heading: str) -> None:
    sheet.append([_cell(sheet, data.office_name.upper(), "judul")])
    sheet.append([_cell(sheet, heading, "judul")])
    sheet.append([f"Periode: {data.period.label}"])
    sheet.append([])


def _print_setup(sheet: WriteOnlyWorksheet, data: RecapData, paper: str) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = PAPER_CODES[paper]
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.oddHeader.center.text = f"{data.office_name} \u2013 {data.period.label}"
    sheet.oddHeader.center.size = 9
    sheet.oddFooter.center.text = "Halaman &P dari &N"
    sheet.oddFooter.center.size = 9
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"


def _widths(sheet: WriteOnlyWorksheet, widths: Sequence[float]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


MATRIX_HEADERS = (
    "No",
    "Nomor agenda",
    "Tanggal diterima",
    "Kanal",
    "Pelapor",
    "Terlapor",
    "Perihal",
    "Klasifikasi",
)
TAIL_HEADERS = ("Tindak lanjut", "Status", "Lama (hari kerja)", "Ketepatan waktu", "Keterangan")


def several_offices(data: RecapData) -> bool:
    """A province's file holding its regencies' cases: each row then names its office."""
    return len({row.office_code for row in data.rows}) > 1


def matrix_headers(data: RecapData) -> list[str]:
    return [*MATRIX_HEADERS, *data.step_labels, *TAIL_HEADERS, *(["Kantor"] if several_offices(data) else [])]


def _values_to_row(self: WriteOnlyWorksheet, values: Sequence[Any], row_idx: int) -> Iterator[Cell]:
    """openpyxl's own row builder first tries every value as a plain value and takes a
    styled cell only from the ValueError that raises; with thousands of styled cells that
    detour costs more than the styling. Same result, styled cells taken directly."""
    plain = WriteOnlyCell(self)
    for col_idx, value in enumerate(values, 1):
        if value is None:
            continue
        if isinstance(value, Cell):
            value.column, value.row = col_idx, row_idx
            yield value
            continue
        plain.value = value
        plain.column, plain.row = col_idx, row_idx
        yield plain
        if plain.has_style:  # a date got its default format: do not pass it to the next value
            plain = WriteOnlyCell(self)


def _sheet(book: Workbook, title: str) -> WriteOnlyWorksheet:
    sheet = book.create_sheet(title)
    if hasattr(sheet, "_values_to_row"):
        sheet._values_to_row = MethodType(_values_to_row, sheet)  # type: ignore[method-assign]
    return sheet


class _Cells:
    """Styled cells for thousands of rows. Assigning a named style looks it up each time,
    and a date given to a plain cell first gets a default format that is then replaced;
    building each cell on a prepared style array (with its date format already set) is
    what keeps the recap near the speed of writing unstyled rows."""

    def __init__(self, sheet: WriteOnlyWorksheet, *names: str) -> None:
        self.sheet = sheet
        self.arrays = {}
        for name in names:
            template = WriteOnlyCell(sheet)
            template.style = name
            self.arrays[name] = template._style

    def __call__(self, value: Any, name: str) -> Cell | None:
        if value is None:
            return None
        return Cell(self.sheet, row=1, column=1, value=value, style_array=self.arrays[name])


def _matrix(book: Workbook, data: RecapData, paper: str) -> None:
    sheet = _sheet(book, "Rekapitulasi")
    headers = matrix_headers(data)
    steps = len(data.step_labels)
    widths = [4, 20, 15, 12, 16, 20, 32, 16, *([9] * steps), 22, 11, 7, 11, 22]
    wrapped: dict[int, float] = {i: widths[i] for i in (3, 4, 5, 6, 7, 8 + steps, len(widths) - 1)}
    offices = several_offices(data)
    if offices:
        widths.append(9)
    _widths(sheet, widths)
    _print_setup(sheet, data, paper)
    _titles(sheet, data, "REKAPITULASI PENGADUAN MASYARAKAT")
    header_lines = max(-(-len(h) // int(w * 1.1)) for h, w in zip(headers, widths, strict=True))
    sheet.row_dimensions[HEADER_ROW].height = 13 * max(2, header_lines)
    sheet.append([_cell(sheet, h, "kepala") for h in headers])
    cells = _Cells(sheet, "tanggal", "hari", "teks")
    for number, row in enumerate(data.rows, start=1):
        values = [
            number,
            row.agenda_number,
            cells(row.received_at, "tanggal"),
            row.channel,
            cells(row.reporter, "teks"),
            cells(row.respondent, "teks"),
            cells(row.subject, "teks"),
            cells(row.classification, "teks"),
            *(cells(d, "hari") for d in row.step_dates[:steps]),
            cells(row.follow_up, "teks"),
            row.status,
            row.days_taken,
            row.timeliness,
            cells(row.note, "teks") if row.note else None,
        ]
        if offices:
            values.append(row.office_code)
        _fit_height(sheet, HEADER_ROW + number, values, wrapped)
        sheet.append(values)


def _fit_height(sheet: WriteOnlyWorksheet, row: int, values: list[Any], wrapped: dict[int, float]) -> None:
    """Give a row the height its wrapped text needs: rows written in streaming mode carry no
    height, and LibreOffice does not measure them when it opens the file."""
    lines = 1
    for column, width in wrapped.items():
        value = values[column]
        if isinstance(value, Cell) and isinstance(value.value, str):
            per_line = int(width * 1.1)
            lines = max(lines, sum(max(1, -(-len(part) // per_line)) for part in value.value.split("\n")))
    if lines > 1:
        sheet.row_dimensions[row].height = 13 * lines


def _count_table(
    sheet: WriteOnlyWorksheet, title: str, keys: Sequence[str], rows: Iterable[tuple[str, bool, bool]]
) -> None:
    """One block of the summary: per key, all / finished / running / late, with a total row."""
    counts: dict[str, list[int]] = {key: [0, 0, 0] for key in keys}
    for key, is_finished, is_late in rows:
        tally = counts.setdefault(key, [0, 0, 0])
        tally[0] += 1
        tally[1] += int(is_finished)
        tally[2] += int(is_late)
    sheet.append([_cell(sheet, h, "kepala") for h in (title, "Jumlah", "Selesai", "Dalam proses", LATE)])
    for key, (count, finished, late) in counts.items():
        sheet.append([key, count, finished, count - finished, late])
    total, done, overdue = (sum(c[i] for c in counts.values()) for i in range(3))
    sheet.append([_cell(sheet, v, "jumlah") for v in ("Jumlah", total, done, total - done, overdue)])
    sheet.append([])


def _summary(book: Workbook, data: RecapData, paper: str) -> None:
    sheet = book.create_sheet("Ringkasan")
    _widths(sheet, [42, 12, 12, 14, 12])
    _print_setup(sheet, data, paper)
    sheet.print_title_rows = None
    sheet.freeze_panes = None
    _titles(sheet, data, "RINGKASAN PENGADUAN MASYARAKAT")

    def flags(key_of: str) -> list[tuple[str, bool, bool]]:
        return [(getattr(r, key_of), r.finished, r.timeliness == LATE) for r in data.rows]

    _count_table(sheet, "Klasifikasi", data.classifications, flags("classification"))
    _count_table(sheet, "Kanal pengaduan", data.channels, flags("channel"))
    if several_offices(data):
        codes = sorted({r.office_code for r in data.rows})
        _count_table(sheet, "Kantor", codes, flags("office_code"))
    first, last = data.period.months
    months = [f"{MONTHS[m - 1]} {data.period.year}" for m in range(first, last + 1)]
    _count_table(
        sheet,
        "Bulan diterima",
        months,
        [
            (f"{MONTHS[r.received_at.month - 1]} {r.received_at.year}", r.finished, r.timeliness == LATE)
            for r in data.rows
        ],
    )
    statuses = Counter(r.status for r in data.rows)
    sheet.append([_cell(sheet, h, "kepala") for h in ("Status", "Jumlah")])
    for status, count in sorted(statuses.items()):
        sheet.append([status, count])
    sheet.append([_cell(sheet, v, "jumlah") for v in ("Jumlah", sum(statuses.values()))])
    sheet.append([])
    sheet.append([f"Dibuat dengan Dumas Desktop pada {data.made_at:%d/%m/%Y %H.%M}" if data.made_at else ""])


def _late(book: Workbook, data: RecapData, paper: str) -> None:
    sheet = _sheet(book, "Pernah terlambat")
    _widths(sheet, [5, 20, 40, 44, 16, 16, 12, 10, 14])
    _print_setup(sheet, data, paper)
    _titles(sheet, data, "PENGADUAN YANG PERNAH MELEWATI WAKTU BAKU DI SALAH SATU LANGKAHNYA")
    headers = (
        "No",
        "Nomor agenda",
        "Perihal",
        "Langkah SOP terakhir yang terlambat",
        "Batas waktu",
        "Selesai",
        "Terlambat (jam)",
        "Langkah terlambat",
        "Status",
    )
    sheet.row_dimensions[HEADER_ROW].height = 28
    sheet.append([_cell(sheet, h, "kepala") for h in headers])
    cells = _Cells(sheet, "tanggal", "teks")
    wrapped = {2: 40.0, 3: 44.0}  # the subject and the step: wrapped, so printed they do not overlap
    for number, item in enumerate(data.late, start=1):
        values = [
            number,
            item.agenda_number,
            cells(item.subject, "teks"),
            cells(item.step, "teks"),
            cells(item.due_at, "tanggal"),
            cells(item.completed_at, "tanggal") if item.completed_at else "Belum selesai",
            round(item.late_hours, 1),
            item.late_steps,
            item.status,
        ]
        _fit_height(sheet, HEADER_ROW + number, values, wrapped)
        sheet.append(values)


def _statistics(book: Workbook, data: RecapData, stats: Statistics, paper: str) -> None:
    from .stats_xlsx import write_stats_sheet

    sheet = book.create_sheet("Statistik")
    _widths(sheet, [44, 14, 14, 14, 14, 16, 12])
    _print_setup(sheet, data, paper)
    sheet.print_title_rows = None
    sheet.freeze_panes = None
    sheet.page_setup.fitToHeight = 0
    _titles(sheet, data, "STATISTIK PENGADUAN MASYARAKAT")
    write_stats_sheet(sheet, stats, _cell)


def write_workbook(data: RecapData, path: Path, *, paper: str = "A4", stats: Statistics | None = None) -> None:
    book = Workbook(write_only=True)
    _styles(book)
    _matrix(book, data, paper)
    _summary(book, data, paper)
    if stats is not None:
        _statistics(book, data, stats, paper)
    _late(book, data, paper)
    book.save(path)
