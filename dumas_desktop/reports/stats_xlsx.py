"""The recap workbook's Statistik sheet: the statistics' figures as tables, each with a
native Excel chart over its cells, so the office can restyle or extend them in Excel or
LibreOffice; landscape and fit to the page when printed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from openpyxl.chart import BarChart, Reference
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from .stats_model import PALETTE, Statistics

CHART_ANCHOR_COLUMN = "H"


def _style_bars(chart: BarChart, title: str, *, horizontal: bool, stacked: bool = False) -> None:
    chart.type = "bar" if horizontal else "col"
    chart.title = title
    chart.style = 10
    chart.height, chart.width = 7.5, 16
    if not stacked:
        chart.legend = None  # one series: its title is the chart's
    if stacked:
        chart.grouping = "stacked"
        chart.overlap = 100
    if horizontal:
        chart.y_axis.majorGridlines = None
        chart.x_axis.scaling.orientation = "maxMin"  # the first row on top, as in the table
    for index, series in enumerate(chart.series):
        series.graphicalProperties.solidFill = PALETTE[index % len(PALETTE)].lstrip("#")
        series.graphicalProperties.line.noFill = True


def write_stats_sheet(sheet: WriteOnlyWorksheet, stats: Statistics, make: Callable[..., Any]) -> None:
    """Append the figures to `sheet` (write-only) and anchor a chart beside each table.
    `make(sheet, text, style)` makes a styled cell (the recap workbook's own)."""
    row = 5  # after the titles the caller wrote (office, heading, period, blank line)

    def leave_room(start: int, last: int) -> None:
        """A chart is taller than a short table: the next table starts below it."""
        nonlocal row
        for _ in range(max(0, start + 16 - row)):
            sheet.append([])
            row += 1

    def table(title: str, headings: list[str], rows: list[list[object]]) -> tuple[int, int]:
        nonlocal row
        sheet.append([make(sheet, title, "kepala"), *(make(sheet, h, "kepala") for h in headings)])
        first = row + 1
        for values in rows:
            sheet.append(values)
        row += 1 + len(rows)
        sheet.append([])
        row += 1
        return first, first + len(rows) - 1

    statuses = [s for s in stats.statuses if any(c.get(s) for _m, c in stats.by_month)] or list(stats.statuses[:1])
    start = row
    first, last = table(
        "Bulan diterima", statuses, [[label, *(counts.get(s, 0) for s in statuses)] for label, counts in stats.by_month]
    )
    chart = BarChart()
    chart.add_data(
        Reference(sheet, min_col=2, max_col=1 + len(statuses), min_row=start, max_row=last), titles_from_data=True
    )
    chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
    _style_bars(chart, "Pengaduan per bulan menurut status", horizontal=False, stacked=True)
    sheet.add_chart(chart, f"{CHART_ANCHOR_COLUMN}{start}")
    leave_room(start, last)
    for _key, title, counted in stats.sections():
        start = row
        first, last = table(title, ["Jumlah"], [[label, count] for label, count in counted] or [["-", 0]])
        chart = BarChart()
        chart.add_data(Reference(sheet, min_col=2, min_row=start, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
        _style_bars(chart, title, horizontal=True)
        sheet.add_chart(chart, f"{CHART_ANCHOR_COLUMN}{start}")
        leave_room(start, last)
    start = row
    first, last = table(
        "Langkah SOP",
        ["Waktu baku", "Selesai", "Tepat waktu", "Tepat waktu (%)", "Rata-rata hari kerja", "Terlama"],
        [
            [
                s.step,
                s.standard,
                s.finished,
                s.on_time,
                None if s.on_time_share is None else round(100 * s.on_time_share),
                None if s.average_days is None else round(s.average_days, 1),
                s.slowest_days,
            ]
            for s in stats.steps
        ],
    )
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=5, min_row=start, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
    _style_bars(chart, "Tepat waktu per langkah (%)", horizontal=True)
    sheet.add_chart(chart, f"{CHART_ANCHOR_COLUMN}{start}")
    leave_room(start, last)
    sheet.append(["Hanya jumlah; identitas pelapor dan isi pengaduan tidak dimuat."])
