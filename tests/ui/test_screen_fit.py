"""The office laptop: a 1366×768 screen, 1366×728 beside the taskbar (the offscreen screen
of these tests, conftest.py). On a demo file of each SOP, every window the program opens
(the main window with each tab visited and a row selected, the case file, each step's
wizard, the intake wizard, the documents dialog, a paper's preview and every dialog of the
menus) opens inside that screen and needs no more than it; the key columns show without
scrolling sideways, and nothing makes the main window grow."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView, QTableWidget, QWidget, QWizard

from dumas_desktop.services.demo import make_demo
from dumas_desktop.ui.behaviour import FRAME_GUESS, fitted, placed, room_on
from dumas_desktop.ui.case_view import CaseView
from dumas_desktop.ui.documents_panel import DocumentsDialog
from dumas_desktop.ui.paper_dialog import PaperDialog
from dumas_desktop.ui.queue_tab import QueueTab
from dumas_desktop.ui.step_wizard import StepWizard

from .conftest import wait_idle
from .officer import only, step_ready
from .person import (
    LEFT,
    TIMEOUT,
    button,
    cell_text,
    click,
    keys,
    menu,
    open_tab,
    open_windows,
    press,
    shown,
    tab_widget,
    wait_for,
    write,
)

LAPTOP = QRect(0, 0, 1366, 728)
ROOM = room_on(LAPTOP)  # the window's inside, its frame and title bar taken off
KEY_COLUMNS = ("Nomor agenda", "Pelapor", "Pokok pengaduan", "Langkah", "Batas waktu", "Keadaan")
MENU_DIALOGS = (
    ("Berkas", "Rekapitulasi dan laporan (Excel)…"),
    ("Berkas", "Tanda terima per hari…"),
    ("Berkas", "Cadangan dan pemulihan…"),
    ("Berkas", "Ekspor ke paket…"),
    ("Berkas", "Impor paket…"),
    ("Berkas", "Bentrok impor…"),
    ("Berkas", "Jejak audit…"),
    ("Berkas", "Pengguna dan peran…"),
    ("Berkas", "Profil SOP…"),
)


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("demo")
    made = {}
    for sop in ("sanggau-2026", "sumbar-2022"):
        made[sop] = folder / f"{sop}.dumas"
        make_demo(made[sop], 120, sop=sop, seed=7)
    return made


def open_demo(window_for, demo_files, sop: str, tmp_path: Path):
    path = tmp_path / f"{sop}.dumas"
    shutil.copyfile(demo_files[sop], path)
    return window_for(sop, path=path)


def too_big(size: QSize) -> bool:
    return size.width() > ROOM.width() or size.height() > ROOM.height()


def assert_fits(window: QWidget) -> None:
    """Opened inside the free area, and asking for no more than it."""
    name = f"{type(window).__name__} {window.windowTitle()!r}"
    needs = window.minimumSize().expandedTo(window.minimumSizeHint())
    assert not too_big(needs), f"{name} needs {needs.width()}×{needs.height()}, the laptop has {ROOM}"
    assert not too_big(window.size()), f"{name} opened at {window.width()}×{window.height()}"
    frame = QRect(window.pos(), window.size() + FRAME_GUESS)
    assert LAPTOP.contains(frame), f"{name} lies at {frame}, outside {LAPTOP}"


def assert_key_columns_show(table: QTableView) -> None:
    header = table.horizontalHeader()
    model = table.model()
    titles = {model.headerData(c, header.orientation()): c for c in range(model.columnCount())}
    visible = table.viewport().width()
    for title in KEY_COLUMNS:
        column = titles[title]
        assert not table.isColumnHidden(column), title
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert header.sectionSize(column) >= 60 and right <= visible, f"{title} is cut off at {right}"
    assert table.horizontalScrollBar().maximum() == 0, "the table scrolls sideways"


def select_first_row(qtbot, table: QAbstractItemView) -> None:
    qtbot.waitUntil(lambda: table.model().rowCount() > 0, timeout=TIMEOUT)
    qtbot.mouseClick(table.viewport(), LEFT, pos=table.visualRect(table.model().index(0, 0)).center())
    qtbot.waitUntil(lambda: table.currentIndex().row() == 0, timeout=TIMEOUT)


def test_the_tests_run_on_the_laptop_screen(qt_app):
    assert QGuiApplication.primaryScreen().availableGeometry() == LAPTOP


def test_a_window_larger_than_the_screen_is_made_to_fit():
    assert fitted(QSize(820, 900), QSize(300, 200), LAPTOP) == QSize(820, LAPTOP.height() - FRAME_GUESS.height())
    assert fitted(QSize(1505, 820), QSize(900, 400), LAPTOP) == ROOM
    assert fitted(QSize(600, 400), QSize(300, 200), LAPTOP) == QSize(600, 400)  # what fits stays
    assert placed(QPoint(900, 500), QSize(820, 689), LAPTOP) == QPoint(1366 - 820 - 16, 0)


@pytest.mark.parametrize("sop", ["sanggau-2026", "sumbar-2022"])
def test_the_main_window_fits_with_every_tab_and_a_row_selected(window_for, demo_files, sop, qtbot, tmp_path):
    window = open_demo(window_for, demo_files, sop, tmp_path)
    assert_fits(window)
    opened = window.size()
    tabs = window.tabs
    for index in range(tabs.count()):
        if not tabs.isTabVisible(index):
            continue
        title = tabs.tabText(index).replace("&", "")
        tab = open_tab(qtbot, window, title)
        wait_idle(qtbot, window)
        tables = [t for t in tab.findChildren(type(window.agenda.table)) if shown(t)]
        for table in tables:
            if table.model().rowCount():  # a queue may be empty in the demo of the day
                select_first_row(qtbot, table)
                wait_idle(qtbot, window)
            assert_key_columns_show(table)
            if not isinstance(tab, QueueTab):
                continue
            for name in (
                "Kerjakan langkah ini",
                "Catat kelengkapan dari pelapor",
                "Tolak pengaduan",
                "Tutup lebih awal",
            ):
                shown_button = button(tab, name)
                hint = shown_button.sizeHint().width()
                assert shown_button.width() >= hint, f"{title}: {name!r} is cut off"
        assert window.size() == opened, f"the window grew on {title}"
        assert_fits(window)
    # A search and a selection in the agenda book do not make it grow either.
    agenda = open_tab(qtbot, window, "Buku Agenda")
    write(qtbot, window.agenda.search, "Desa")
    qtbot.wait(400)
    wait_idle(qtbot, window)
    select_first_row(qtbot, only(agenda, type(window.agenda.table)))
    assert window.size() == opened
    assert_fits(window)


@pytest.mark.parametrize("sop", ["sanggau-2026", "sumbar-2022"])
def test_every_dialog_and_wizard_fits(window_for, demo_files, sop, qtbot, tmp_path, dialog_log):
    window = open_demo(window_for, demo_files, sop, tmp_path)
    for path in MENU_DIALOGS:
        before = set(QApplication.topLevelWidgets())
        menu(qtbot, window, *path)
        qtbot.waitUntil(lambda before=before: any(shown(w) for w in set(QApplication.topLevelWidgets()) - before))
        wait_idle(qtbot, window)
        for dialog in set(QApplication.topLevelWidgets()) - before:
            if shown(dialog) and dialog.isWindow():
                assert_fits(dialog)
                dialog.close()
        wait_idle(qtbot, window)

    # The intake wizard: its size covers every page.
    keys(qtbot, window, "Ctrl+N")
    intake = wait_for(qtbot, QWizard, "Pengaduan baru")
    assert_fits(intake)
    intake.close()

    # A step wizard for a case at each step the demo holds, the case file, the papers and a preview.
    agenda = open_tab(qtbot, window, "Buku Agenda")
    table = only(agenda, type(window.agenda.table))
    qtbot.waitUntil(lambda: table.model().rowCount() > 0, timeout=TIMEOUT)
    steps_seen: set[str] = set()
    for row in range(min(table.model().rowCount(), 60)):
        step = str(table.model().index(row, 7).data())
        qtbot.waitUntil(lambda row=row: str(table.model().index(row, 7).data()) != "…", timeout=TIMEOUT)
        step = str(table.model().index(row, 7).data())
        if step in steps_seen or not step[:1].isdigit():
            continue
        steps_seen.add(step)
        table.scrollTo(table.model().index(row, 0))
        qtbot.mouseClick(table.viewport(), LEFT, pos=table.visualRect(table.model().index(row, 0)).center())
        before = open_windows(CaseView)
        qtbot.mouseDClick(table.viewport(), LEFT, pos=table.visualRect(table.model().index(row, 0)).center())
        view = wait_for(qtbot, CaseView, besides=before)
        wait_idle(qtbot, window)
        assert_fits(view)
        if button(view, "Kerjakan langkah ini").isEnabled():
            wizards = open_windows(StepWizard)
            press(qtbot, view, "Kerjakan langkah ini")
            wizard = wait_for(qtbot, StepWizard, "Langkah", ready=step_ready, besides=wizards)
            wait_idle(qtbot, window)
            assert_fits(wizard)
            wizard.close()
        view.close()
        wait_idle(qtbot, window)
    assert len(steps_seen) >= 4, steps_seen

    select_first_row(qtbot, table)
    keys(qtbot, window, "Ctrl+P")
    papers = wait_for(qtbot, DocumentsDialog)
    assert_fits(papers)
    listing = only(papers, QTableWidget)
    qtbot.waitUntil(lambda: listing.rowCount() > 0, timeout=TIMEOUT)
    wait_idle(qtbot, window)
    row = next(r for r in range(listing.rowCount()) if not cell_text(listing, r, 2).startswith("Belum dapat"))
    qtbot.mouseClick(listing.viewport(), LEFT, pos=listing.visualRect(listing.model().index(row, 0)).center())
    make = next(
        b
        for b in papers.findChildren(type(button(papers, "Tutup")))
        if shown(b) and b.text().rstrip("…") in ("Terbitkan dan pratinjau", "Pratinjau draf", "Cetak salinan")
    )
    click(qtbot, make)
    preview = wait_for(qtbot, PaperDialog)
    wait_idle(qtbot, window)
    assert_fits(preview)
    for name in ("Cetak", "Simpan PDF", "Tutup"):
        shown_button = button(preview, name)
        corner = shown_button.mapTo(preview, shown_button.rect().bottomRight())
        assert preview.rect().contains(corner), f"{name} lies below the preview"
    preview.close()
    papers.close()
    assert tab_widget(window, "Buku Agenda")
