"""The statistics paper for the head of office and the periodic report to KPU RI: the
same figures as the window's charts and the recap's Statistik sheet, as bar charts with
their numbers in a table beside each, on the office's letterhead (landscape)."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from ..reports.stats_model import PALETTE, Statistics
from . import fonts
from .facts import OfficeFacts
from .page import body_width, render
from .parts import grid, heading, para, space, title

CHART_MM = (125, 52)


def _colour(index: int) -> colors.Color:
    return colors.HexColor(PALETTE[index % len(PALETTE)])


def _bars(labels: list[str], values: list[int]) -> Drawing:
    """Horizontal bars, one per category, the first on top."""
    width, height = CHART_MM[0] * mm, max(30, 6 * len(labels) + 12) * mm
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 62 * mm, 6 * mm
    chart.width = width - chart.x - 6 * mm
    chart.height = height - chart.y - 4 * mm
    chart.data = [values or [0]]
    chart.categoryAxis.categoryNames = [label[:38] for label in labels] or ["-"]
    chart.categoryAxis.labels.fontName = fonts.FAMILY
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = fonts.FAMILY
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max([*values, 1])
    chart.valueAxis.valueStep = max(1, round(chart.valueAxis.valueMax / 5))
    chart.bars[0].fillColor = _colour(0)
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = fonts.FAMILY
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    chart.categoryAxis.reverseDirection = True  # the first category on top, as read
    chart.categoryAxis.labels.boxAnchor = "e"
    drawing.add(chart)
    return drawing


def _months(stats: Statistics) -> Drawing:
    """Complaints received per month, stacked by status."""
    width, height = CHART_MM[0] * mm, (CHART_MM[1] + 12) * mm
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 22 * mm, width - 18 * mm, height - 26 * mm
    shown = _shown_statuses(stats)
    chart.data = [[counts.get(status, 0) for _m, counts in stats.by_month] for status in shown]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = [label.split()[0] for label, _c in stats.by_month]
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = fonts.FAMILY
        axis.labels.fontSize = 7
    totals = [sum(counts.values()) for _m, counts in stats.by_month]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max([*totals, 1])
    chart.valueAxis.valueStep = max(1, round(chart.valueAxis.valueMax / 5))
    for i in range(len(shown)):
        chart.bars[i].fillColor = _colour(i)
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 12 * mm, 8 * mm
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName = fonts.FAMILY
    legend.fontSize = 7
    legend.dxTextSpace = 3
    legend.colorNamePairs = [(_colour(i), status) for i, status in enumerate(shown)]
    drawing.add(legend)
    return drawing


def _shown_statuses(stats: Statistics) -> list[str]:
    """The statuses that occur in the period (a column of zeros says nothing)."""
    return [s for s in stats.statuses if any(counts.get(s) for _m, counts in stats.by_month)] or [stats.statuses[0]]


def _side_by_side(chart: Drawing, numbers: Flowable, width_mm: float) -> Table:
    table = Table([[chart, numbers]], colWidths=[CHART_MM[0] * mm, (width_mm - CHART_MM[0]) * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _counts_section(name: str, rows: list[tuple[str, int]], width_mm: float) -> list[Flowable]:
    if not rows:
        return [heading(name), para("Tidak ada pada periode ini."), space(3)]
    numbers = grid([name, "Jumlah"], [(label, str(n)) for label, n in rows], [(width_mm - CHART_MM[0]) - 26, 18])
    chart = _bars([label for label, _n in rows], [n for _label, n in rows])
    return [KeepTogether([heading(name), _side_by_side(chart, numbers, width_mm)]), space(3)]


def stats_pdf(stats: Statistics, office: OfficeFacts, paper: str = "A4") -> bytes:
    width_mm = body_width(paper, landscape=True) / mm
    story: list[Flowable] = [
        *title("Statistik Pengaduan Masyarakat", subtitle=f"{stats.period.label} — {stats.total} pengaduan"),
    ]
    shown = _shown_statuses(stats)
    month_rows = [
        (label, *(str(counts.get(s, 0)) for s in shown), str(sum(counts.values()))) for label, counts in stats.by_month
    ]
    side = width_mm - CHART_MM[0] - 4
    status_width = (side - 22) / (len(shown) + 1)
    month_table = grid(["Bulan", *shown, "Jumlah"], month_rows, [22, *([status_width] * len(shown)), status_width])
    story += [
        KeepTogether(
            [
                heading("Pengaduan diterima per bulan, menurut status"),
                _side_by_side(_months(stats), month_table, width_mm),
            ]
        ),
        space(3),
    ]
    for _key, name, rows in stats.sections():
        story += _counts_section(name, rows, width_mm)
    step_rows = [
        (
            s.step,
            s.standard,
            str(s.finished),
            "-" if s.on_time_share is None else f"{100 * s.on_time_share:.0f}%".replace(".", ","),
            "-" if s.average_days is None else f"{s.average_days:.1f}".replace(".", ","),
            "-" if s.slowest_days is None else str(s.slowest_days),
        )
        for s in stats.steps
    ]
    story.append(
        KeepTogether(
            [
                heading("Ketepatan waktu per langkah SOP (hari kerja)"),
                grid(
                    ["Langkah", "Waktu baku", "Selesai", "Tepat waktu", "Rata-rata", "Terlama"],
                    step_rows,
                    [width_mm - 130, 34, 22, 26, 24, 24],
                ),
            ]
        )
    )
    shares = [(s.step, round(100 * s.on_time_share)) for s in stats.steps if s.on_time_share is not None]
    if shares:
        story += [space(3), _bars([label for label, _v in shares], [v for _l, v in shares])]
    story.append(space(3))
    story.append(para("Hanya jumlah; identitas pelapor dan isi pengaduan tidak dimuat."))
    return render(story, office, title=f"Statistik pengaduan {stats.period.label}", paper=paper, landscape=True)
