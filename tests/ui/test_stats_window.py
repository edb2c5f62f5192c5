"""The Statistik tab as a person uses it: open it, read the charts, flip one to its table,
click a bar to see the cases behind it in the agenda book, print the paper."""

from __future__ import annotations

import contextlib
import io
import shutil

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QTableWidget

from dumas_desktop.domain import catalog
from dumas_desktop.services.demo import make_demo
from dumas_desktop.ui.charts import BarChart, ChartPanel
from dumas_desktop.ui.paper_dialog import PaperDialog
from dumas_desktop.ui.stats_tab import StatsTab

from .conftest import now, wait_idle
from .person import (
    TIMEOUT,
    cell_text,
    click,
    field,
    fill,
    header_text,
    open_tab,
    pick,
    press,
    scroll_into_view,
    wait_for,
)


def _demo_office(tmp_path):
    source = make_demo(tmp_path / "asal.dumas", 60, "sanggau-2026", seed=12, now=now()).path
    path = tmp_path / "kantor.dumas"
    shutil.copyfile(source, path)
    return path


@pytest.mark.both_backends
def test_the_statistics_tab_shows_charts_tables_and_the_cases_behind_a_bar(window_for, qtbot, dialog_log, tmp_path):
    window = window_for("sanggau-2026", path=_demo_office(tmp_path))
    tab = open_tab(qtbot, window, "Statistik")
    pick(qtbot, tab, "Tahun", str(now().year))
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: len([p for p in tab.findChildren(ChartPanel) if p.isVisible()]) >= 7, timeout=10_000)
    panels = {header_text(p.findChildren(QTableWidget)[0], 0): p for p in _shown_panels(tab)}
    assert {"Klasifikasi", "Kanal pengaduan", "Terlapor menurut badan"} <= set(panels)
    channels = panels["Kanal pengaduan"]
    # The numbers one click away.
    press(qtbot, channels, "Tampilkan tabel")
    table = channels.findChild(QTableWidget)
    assert table is not None and table.isVisible() and table.rowCount() > 0
    first_channel, first_count = cell_text(table, 0, 0), int(cell_text(table, 0, 1))
    press(qtbot, channels, "Tampilkan grafik")
    chart = channels.findChild(BarChart)
    assert chart is not None and chart.isVisible()
    scroll_into_view(qtbot, chart)
    # A click on the first bar opens the agenda book on that channel's cases.
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(chart.width() // 2, 4 + 9))
    wait_idle(qtbot, window)
    assert window.tabs.currentWidget() is window.agenda
    assert window.agenda.channel.currentText() == first_channel
    qtbot.waitUntil(lambda: window.agenda.model.rowCount() == first_count, timeout=10_000)
    # The paper, from the tab's own button.
    open_tab(qtbot, window, "Statistik")
    press(qtbot, tab, "Cetak statistik…")
    preview = wait_for(qtbot, PaperDialog, f"Statistik pengaduan Tahun {now().year}")
    assert preview.paper.pdf.startswith(b"%PDF")
    press(qtbot, preview, "Tutup")


def _province_with_a_regency(tmp_path):
    """A province's file holding a regency's cases beside its own, as an import leaves it."""
    from datetime import datetime

    from dumas_desktop.services import transfer

    when = datetime(now().year, 6, 20, 10, 0)
    province = make_demo(tmp_path / "provinsi.dumas", 12, "sumbar-2022", seed=4, now=when).path
    regency = make_demo(tmp_path / "kabupaten.dumas", 7, "sanggau-2026", seed=5, now=when).path
    transfer.export_package(regency, tmp_path / "kabupaten.dumaspkg", now=when)
    transfer.import_package(province, tmp_path / "kabupaten.dumaspkg", now=when)
    return province


def _counted(path, office: str) -> int:
    import sqlite3

    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute(
            "SELECT count(*) FROM complaints WHERE office_code = ? AND status != 'batal' "
            "AND substr(received_at, 1, 4) = ?",
            (office, str(now().year)),
        ).fetchone()[0]


def _counted_channel(path, channel: str) -> int:
    import sqlite3

    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute(
            "SELECT count(*) FROM complaints WHERE channel = ? AND substr(received_at, 1, 4) = ?",
            (channel, str(now().year)),
        ).fetchone()[0]


def click_in_list(qtbot, box: QComboBox, item: str) -> None:
    """Open the drop-down list and click the item that reads `item`."""
    click(qtbot, box)
    view = box.view()
    qtbot.waitUntil(view.isVisible, timeout=TIMEOUT)
    row = box.findText(item)
    assert row >= 0, [box.itemText(i) for i in range(box.count())]
    index = view.model().index(row, 0)
    view.scrollTo(index)
    qtbot.wait(QApplication.doubleClickInterval() + 100)  # a list ignores a click as quick as the one that opened it
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=TIMEOUT)
    assert box.currentText() == item, box.currentText()


def test_a_province_s_file_shows_one_office_at_a_time(window_for, qtbot, dialog_log, tmp_path):
    path = _province_with_a_regency(tmp_path)
    window = window_for("sumbar-2022", path=path)
    tab = open_tab(qtbot, window, "Statistik")
    assert isinstance(tab, StatsTab)
    pick(qtbot, tab, "Tahun", str(now().year))
    wait_idle(qtbot, window)
    own, regency = _counted(path, "13"), _counted(path, "6103")
    assert own and regency and own != regency
    qtbot.waitUntil(lambda: f": {own} pengaduan." in tab.summary.text(), timeout=10_000)
    for office, count in (("6103", regency), ("13", own), ("6103", regency)):  # there and back again
        name = "Kabupaten Sanggau" if office == "6103" else "Provinsi Sumatera Barat"
        click_in_list(qtbot, field(tab, "Kantor", QComboBox), f"{office} - Komisi Pemilihan Umum {name}")
        wait_idle(qtbot, window)
        qtbot.waitUntil(lambda count=count: f": {count} pengaduan." in tab.summary.text(), timeout=10_000)
    # The paper is the chosen office's, on its own letterhead.
    press(qtbot, tab, "Cetak statistik…")
    preview = wait_for(qtbot, PaperDialog, "Statistik pengaduan")
    letterhead = PdfReader(io.BytesIO(preview.paper.pdf)).pages[0].extract_text().upper()
    assert "SANGGAU" in letterhead and "SUMATERA BARAT" not in letterhead
    press(qtbot, preview, "Tutup")
    # A bar leads to that office's cases only, in the agenda book.
    panels = {header_text(p.findChildren(QTableWidget)[0], 0): p for p in tab.findChildren(ChartPanel) if p.isVisible()}
    channels = panels["Kanal pengaduan"]
    press(qtbot, channels, "Tampilkan tabel")
    table = channels.findChild(QTableWidget)
    assert table is not None and table.rowCount() > 0
    # A channel that both offices used, so that the office filter shows in the count.
    by_label = {v: k for k, v in catalog.CHANNELS.items()}
    counts = [(cell_text(table, r, 0), int(cell_text(table, r, 1))) for r in range(table.rowCount())]
    row = next(r for r, (label, n) in enumerate(counts) if _counted_channel(path, by_label[label]) > n)
    channel, regency_count = counts[row]
    both = _counted_channel(path, by_label[channel])
    press(qtbot, channels, "Tampilkan grafik")
    chart = channels.findChild(BarChart)
    assert chart is not None
    scroll_into_view(qtbot, chart)
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(chart.width() // 2, 4 + row * (18 + 6) + 9))
    wait_idle(qtbot, window)
    assert window.tabs.currentWidget() is window.agenda
    assert window.agenda.office.isVisible()
    assert window.agenda.office.currentText() == "6103 - Komisi Pemilihan Umum Kabupaten Sanggau"
    assert window.agenda.channel.currentText() == channel
    qtbot.waitUntil(lambda: window.agenda.model.rowCount() == regency_count, timeout=10_000)
    click_in_list(qtbot, window.agenda.office, "Semua kantor")
    qtbot.waitUntil(lambda: window.agenda.model.rowCount() == both, timeout=10_000)


def _shown_panels(tab) -> list[ChartPanel]:
    """The charts on screen (those of a period shown before are still being taken down)."""
    return [p for p in tab.findChildren(ChartPanel) if p.isVisible()]


def _cases_of(path, channel: str | None, start: str, end: str) -> int:
    """Counted from the rows, as the statistics count: received in [start, end), not cancelled."""
    import sqlite3

    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute(
            "SELECT count(*) FROM complaints WHERE status != 'batal' AND received_at >= ? AND received_at < ? "
            "AND (? IS NULL OR channel = ?)",
            (start, end, channel, channel),
        ).fetchone()[0]


def test_a_bar_of_a_quarter_or_a_month_opens_exactly_the_cases_it_counts(window_for, qtbot, dialog_log, tmp_path):
    from dumas_desktop.reports.model import Period
    from dumas_desktop.services import closure, queries
    from dumas_desktop.services.context import Workspace
    from dumas_desktop.storage.database import open_database

    year = now().year
    path = _demo_office(tmp_path)
    ws = Workspace(open_database(path), actor="admin")
    try:  # one case of the year cancelled: it is in the agenda book, not in the statistics
        cancelled = queries.agenda_ids(ws, queries.Filters(year=year, status="proses"))[0]
        closure.void(ws, cancelled, "Salah catat")
    finally:
        ws.db.close()
    window = window_for("sanggau-2026", path=path)
    tab = open_tab(qtbot, window, "Statistik")
    assert isinstance(tab, StatsTab)
    pick(qtbot, tab, "Tahun", str(year))
    quarter = Period(year, quarter=(now().month - 1) // 3 + 1)  # the demo's cases are recent
    pick(qtbot, tab, "Periode", f"Triwulan {quarter.quarter}")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: quarter.label in tab.summary.text(), timeout=10_000)
    channels = next(
        p for p in _shown_panels(tab) if header_text(p.findChildren(QTableWidget)[0], 0) == "Kanal pengaduan"
    )
    press(qtbot, channels, "Tampilkan tabel")
    table = channels.findChild(QTableWidget)
    assert table is not None
    first_channel, first_count = cell_text(table, 0, 0), int(cell_text(table, 0, 1))
    press(qtbot, channels, "Tampilkan grafik")
    key = next(k for k, v in catalog.CHANNELS.items() if v == first_channel)
    assert first_count == _cases_of(path, key, str(quarter.start), str(quarter.end))
    chart = channels.findChild(BarChart)
    assert chart is not None
    scroll_into_view(qtbot, chart)
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(chart.width() // 2, 4 + 9))
    wait_idle(qtbot, window)
    agenda = window.agenda
    assert agenda.channel.currentText() == first_channel
    qtbot.waitUntil(lambda: agenda.model.rowCount() == first_count, timeout=10_000)
    assert agenda.narrowed.isVisible() and quarter.label in agenda.narrowed.text()
    assert "tanpa yang dibatalkan" in agenda.narrowed.text()
    # Back to every case of the filters, as the button says.
    press(qtbot, agenda, "Tampilkan semua pengaduan")
    wait_idle(qtbot, window)
    assert not agenda.narrowed.isVisible()
    qtbot.waitUntil(lambda: agenda.model.rowCount() > first_count, timeout=10_000)

    # The year's months: the bar of a month opens that month's cases only.
    open_tab(qtbot, window, "Statistik")
    click_in_list(qtbot, field(tab, "Periode", QComboBox), "Setahun")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: f"Tahun {year}" in tab.summary.text(), timeout=10_000)
    assert "(tanpa 1 yang dibatalkan)" in tab.summary.text()
    charts = [p.findChild(BarChart) for p in _shown_panels(tab)]
    columns = next(c for c in charts if c is not None and c.columns)
    counts = [sum(values) for _label, values in columns.rows]
    month = max(range(12), key=lambda m: counts[m])  # the busiest month
    assert counts[month] == _cases_of(
        path, None, f"{year}-{month + 1:02d}-01", f"{year + (month == 11)}-{(month + 1) % 12 + 1:02d}-01"
    )
    slot = columns.width() / len(columns.rows)
    scroll_into_view(qtbot, columns)
    qtbot.mouseClick(columns, Qt.MouseButton.LeftButton, pos=QPoint(int((month + 0.5) * slot), columns.height() // 2))
    wait_idle(qtbot, window)
    assert window.tabs.currentWidget() is agenda
    qtbot.waitUntil(lambda: agenda.model.rowCount() == counts[month], timeout=10_000)
    assert agenda.channel.currentIndex() == 0  # the month alone, not the channel clicked before


def test_a_range_of_days_is_typed_in_and_its_month_bars_open_only_days_within_it(
    window_for, qtbot, dialog_log, tmp_path
):
    from datetime import timedelta

    path = _demo_office(tmp_path)
    last_day = now().date()
    first_day = (last_day - timedelta(days=40)).replace(day=12)  # from the middle of a month
    window = window_for("sanggau-2026", path=path)
    tab = open_tab(qtbot, window, "Statistik")
    assert isinstance(tab, StatsTab)
    click_in_list(qtbot, field(tab, "Periode", QComboBox), "Rentang tanggal")
    fill(qtbot, tab, "Dari", first_day.strftime("%d-%m-%Y"))
    fill(qtbot, tab, "Sampai", last_day.strftime("%d-%m-%Y"))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # the date typed, as Enter says
    wait_idle(qtbot, window)
    expected = _cases_of(path, None, str(first_day), str(last_day + timedelta(days=1)))
    qtbot.waitUntil(lambda: f"{expected} pengaduan" in tab.summary.text(), timeout=10_000)
    assert f"{first_day.day} " in tab.summary.text() and " s.d. " in tab.summary.text()
    charts = [p.findChild(BarChart) for p in _shown_panels(tab)]
    columns = next(c for c in charts if c is not None and c.columns)
    assert len(columns.rows) in (2, 3)  # the months the range touches, not the year's twelve
    scroll_into_view(qtbot, columns)
    slot = columns.width() / len(columns.rows)
    qtbot.mouseClick(columns, Qt.MouseButton.LeftButton, pos=QPoint(int(slot / 2), columns.height() // 2))
    wait_idle(qtbot, window)
    agenda = window.agenda
    month_end = (first_day.replace(day=28) + timedelta(days=4)).replace(day=1)
    in_first_month = _cases_of(path, None, str(first_day), str(min(month_end, last_day + timedelta(days=1))))
    qtbot.waitUntil(lambda: agenda.model.rowCount() == in_first_month, timeout=10_000)
    assert f"{first_day.day} " in agenda.narrowed.text()
    # A range that is no range says why, and shows nothing stale.
    open_tab(qtbot, window, "Statistik")
    fill(qtbot, tab, "Dari", (last_day + timedelta(days=3)).strftime("%d-%m-%Y"))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "tanggal akhir tidak boleh sebelum tanggal awal" in tab.summary.text(), timeout=10_000)
    fill(qtbot, tab, "Dari", "31-02-2026")  # no such day
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "tulis tanggal hari-bulan-tahun" in tab.summary.text(), timeout=10_000)
