"""Pengaturan's office days: the date is typed as hari-bulan-tahun; an unfinished or
impossible date is refused with a message and nothing saved (not today, not the year
2412); deleting a day asks first."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLineEdit, QTableWidget

from dumas_desktop.services import office
from dumas_desktop.ui.settings_tab import typed_date

from .conftest import wait_idle
from .person import LEFT, cell_text, field, fill, header_text, open_tab, press, shown, write


def test_a_typed_date_is_read_only_when_whole_and_real():
    assert typed_date("24-12-2026") == date(2026, 12, 24)
    assert typed_date("29-02-2028") == date(2028, 2, 29)
    for wrong in ("24-12-____", "24-12-2412", "31-02-2026", "__-__-____", "", "2026-12-24", "24-13-2026"):
        assert typed_date(wrong) is None, wrong


def office_days(window) -> list[date]:
    return [day for day, _, _ in office.office_settings(window.app.ws).days]


def test_a_day_off_is_typed_refused_when_unfinished_and_deleted_after_asking(window_for, qtbot, dialog_log):
    window = window_for("sanggau-2026")
    page = open_tab(qtbot, window, "Pengaturan")
    before = office_days(window)
    day = field(page, "Tanggal", QLineEdit)
    write(qtbot, day, "2412")  # the year not typed yet
    press(qtbot, page, "Tambah hari")
    wait_idle(qtbot, window)
    assert dialog_log.shown[-1][1] == "Tanggal belum benar"
    assert office_days(window) == before  # neither today nor 2412 saved

    write(qtbot, day, "24122026")
    fill(qtbot, page, "Keterangan", "Cuti bersama Natal")
    assert day.text() == "24-12-2026", (day.text(), dialog_log.shown)
    press(qtbot, page, "Tambah hari")
    wait_idle(qtbot, window)
    assert date(2026, 12, 24) in office_days(window), dialog_log.shown
    assert "24 Desember 2026" in window.statusBar().currentMessage()

    table = next(t for t in page.findChildren(QTableWidget) if shown(t) and header_text(t, 0) == "Tanggal")
    row = next(r for r in range(table.rowCount()) if "24 Desember 2026" in cell_text(table, r, 0))
    qtbot.mouseClick(table.viewport(), LEFT, pos=table.visualRect(table.model().index(row, 0)).center())
    dialog_log.answer = False
    press(qtbot, page, "Hapus yang dipilih")
    wait_idle(qtbot, window)
    assert dialog_log.shown[-1][0] == "ask" and "24 Desember 2026" in dialog_log.shown[-1][2]
    assert date(2026, 12, 24) in office_days(window)  # kept: the person said no
    dialog_log.answer = True
    press(qtbot, page, "Hapus yang dipilih")
    wait_idle(qtbot, window)
    assert date(2026, 12, 24) not in office_days(window)
