"""Focus and keys: signing in by typing alone; every menu's letters unique; the wizards'
buttons have letters; Ctrl+Tab and Ctrl+PgDn go through the tabs; Down from the search
box goes into the results; a new window takes the focus."""

from __future__ import annotations

import re
import shutil

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMenu, QWizard

from dumas_desktop.ui.app import Controller
from dumas_desktop.ui.sign_in import SignInDialog

from .conftest import wait_idle
from .person import TIMEOUT, cell_text, field, fill, keys, menu, newest, open_tab, wait_for, write


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def test_signing_in_starts_in_the_user_name_and_enter_signs_in(qt_app, qtbot, templates, tmp_path, monkeypatch):
    path = tmp_path / "kantor.dumas"
    shutil.copyfile(templates["sanggau-2026"], path)
    monkeypatch.delenv("DUMAS_USER")
    seen: dict[str, object] = {}

    def type_in() -> None:
        dialog = newest(SignInDialog)
        seen["focus"] = QApplication.focusWidget() is field(dialog, "Nama pengguna")
        QTimer.singleShot(8000, dialog.reject)  # never left hanging if typing went astray
        qtbot.keyClicks(QApplication.focusWidget(), "admin")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        qtbot.keyClicks(QApplication.focusWidget(), "dumas-demo")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    QTimer.singleShot(500, type_in)
    controller = Controller("petugas")
    try:
        assert controller.open(path), "Enter did not sign in"
        assert seen["focus"], "the cursor was not in the user name"
        assert controller.window is not None and controller.window.app.ws.access.label
    finally:
        if controller.window is not None:
            wait_idle(qtbot, controller.window)
            controller.close_window()


def test_every_menu_has_unique_letters(window_for):
    window = window_for("sanggau-2026")

    def walk(actions, where: str) -> int:
        letters: dict[str, str] = {}
        menus = 0
        for action in actions:
            if action.isSeparator():
                continue
            letter = mnemonic(action.text())
            assert letter, f"{where}: {action.text()!r} has no letter"
            assert letter not in letters, f"{where}: {action.text()!r} and {letters[letter]!r} share “{letter}”"
            letters[letter] = action.text()
            if isinstance(action.menu(), QMenu):
                menus += 1 + walk(action.menu().actions(), action.text())
        return menus

    assert walk(window.menuBar().actions(), "menu bar") >= 3


def test_the_intake_wizard_buttons_have_letters(window_for, qtbot):
    window = window_for("sanggau-2026")
    keys(qtbot, window, "Ctrl+N")
    wizard = wait_for(qtbot, QWizard, "Pengaduan baru")
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard, timeout=TIMEOUT)  # the new window has the focus
    buttons = [b for b in wizard.findChildren(QAbstractButton) if b.isVisible()]
    letters = [mnemonic(b.text()) for b in buttons]
    texts = {b.text().replace("&", "") for b in buttons}
    assert {"Lanjut >", "Tutup (simpan draf)"} <= texts, texts
    for name in ("Lanjut", "Tutup"):
        button = next(b for b in buttons if b.text().replace("&", "").startswith(name))
        assert mnemonic(button.text()), f"{name} has no letter"
    assert len([x for x in letters if x]) == len({x for x in letters if x}), letters
    keys(qtbot, wizard, "Alt+L")  # Lanjut by its letter
    qtbot.waitUntil(lambda: wizard.currentPage().title() == "Pelapor", timeout=TIMEOUT)
    back = next(b for b in wizard.findChildren(QAbstractButton) if b.isVisible() and "Kembali" in b.text())
    assert mnemonic(back.text()) == "k"
    wizard.close()


def test_ctrl_tab_and_ctrl_page_down_switch_the_tabs(window_for, qtbot):
    window = window_for("sanggau-2026")
    tabs = window.tabs
    write(qtbot, window.agenda.search, "")  # the focus in the search box, not on the tabs
    assert tabs.currentIndex() == 0
    keys(qtbot, window, "Ctrl+PgDown")
    assert tabs.currentIndex() == 1
    keys(qtbot, window, "Ctrl+Tab")
    assert tabs.currentIndex() == 2
    keys(qtbot, window, "Ctrl+PgUp")
    assert tabs.currentIndex() == 1
    keys(qtbot, window, "Ctrl+Shift+Tab")
    keys(qtbot, window, "Ctrl+Shift+Tab")
    assert tabs.currentIndex() == tabs.count() - 1  # round to the last


def test_down_from_the_search_box_goes_into_the_results(window_for, qtbot, dialog_log):
    from .officer import record_complaint

    window = window_for("sanggau-2026")
    number = record_complaint(qtbot, window, dialog_log)
    for other in list(window.windows):
        other.close()
    agenda = open_tab(qtbot, window, "Buku Agenda")
    keys(qtbot, window, "Ctrl+F")
    search = QApplication.focusWidget()
    assert search is window.agenda.search
    qtbot.keyClicks(search, "Maria")
    table = window.agenda.table
    qtbot.waitUntil(lambda: table.model().rowCount() == 1 and table.model().index(0, 0).data() == number)
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 0 and QApplication.focusWidget() is table
    assert agenda.isVisible()


def test_a_window_opened_from_the_menu_takes_the_focus(window_for, qtbot):
    window = window_for("sanggau-2026")
    menu(qtbot, window, "Berkas", "Jejak audit…")
    qtbot.waitUntil(lambda: QApplication.activeWindow() not in (None, window), timeout=TIMEOUT)
    active = QApplication.activeWindow()
    assert active is not None and active.windowTitle().startswith("Jejak audit")


def test_esc_on_a_menu_gives_the_focus_back_and_letters_go_to_the_field(window_for, qtbot):
    window = window_for("sanggau-2026")
    open_tab(qtbot, window, "Buku Agenda")
    keys(qtbot, window, "Ctrl+F")
    search = QApplication.focusWidget()
    assert search is window.agenda.search
    qtbot.keyClick(search, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # Alt+B: the Berkas menu
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None, timeout=TIMEOUT)
    qtbot.wait(100)  # a person reads the menu before leaving it
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is search, timeout=TIMEOUT)
    qtbot.keyClicks(search, "bu")  # "b" would open Berkas again from the bar
    qtbot.wait(50)
    assert QApplication.activePopupWidget() is None
    assert search.text() == "bu"


def test_return_moves_on_one_cell_at_a_time_in_the_respondent_table(window_for, qtbot):
    from PySide6.QtWidgets import QLineEdit, QTableWidget

    from .officer import REPORTER, REPORTER_NIK, next_page, only, page_title

    window = window_for("sanggau-2026")
    keys(qtbot, window, "Ctrl+N")
    wizard = wait_for(qtbot, QWizard, "Pengaduan baru")
    next_page(qtbot, wizard, "Pelapor")
    for label, text in (("Nama lengkap", REPORTER), ("Nomor identitas", REPORTER_NIK), ("Alamat", "Jl. Sudirman 12")):
        fill(qtbot, wizard.currentPage(), label, text)
    next_page(qtbot, wizard, "Terlapor")
    table = only(wizard.currentPage(), QTableWidget)
    first = table.model().index(0, 0)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(first).center())
    qtbot.keyClicks(table, "Y")  # typing on a cell opens it
    for column, text in enumerate(["ohanes Bilung", "Anggota PPS", "PPS Beringin"]):
        qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit), timeout=TIMEOUT)
        assert table.currentIndex().column() == column
        qtbot.keyClicks(QApplication.focusWidget(), text)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        qtbot.wait(50)
        assert page_title(wizard) == "Terlapor"  # the press ended the cell, not the page
    assert [cell_text(table, 0, c) for c in range(3)] == ["Yohanes Bilung", "Anggota PPS", "PPS Beringin"]
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Return)  # after the last cell: on with the wizard
    qtbot.waitUntil(lambda: page_title(wizard) == "Pengaduan", timeout=TIMEOUT)


def test_ctrl_q_from_an_open_wizard_closes_the_program_keeping_the_draft(window_for, qtbot):
    from .officer import REPORTER, next_page

    window = window_for("sanggau-2026")
    keys(qtbot, window, "Ctrl+N")
    wizard = wait_for(qtbot, QWizard, "Pengaduan baru")
    next_page(qtbot, wizard, "Pelapor")
    fill(qtbot, wizard.currentPage(), "Nama lengkap", REPORTER)
    keys(qtbot, wizard, "Ctrl+Q")  # typed in the wizard, not in the main window
    qtbot.waitUntil(lambda: not window.isVisible() and not wizard.isVisible(), timeout=TIMEOUT)
    kept = window.drafts.load("pengaduan-baru")
    assert kept is not None and REPORTER in str(kept)
