"""The menus as a person points at them: an unavailable item says why where the person
looks (the tooltip the menu shows), and the Pengaturan tab has its menu item."""

from __future__ import annotations

import shutil
import sqlite3
from typing import cast

from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QMenu, QStyleFactory, QToolTip

from dumas_desktop.services import accounts
from dumas_desktop.services.context import Workspace
from dumas_desktop.storage.database import open_database
from dumas_desktop.ui.app import Controller

from .conftest import wait_idle
from .person import menu, plain


def _open_menu(qtbot, window, title: str) -> QMenu:
    menu(qtbot, window, title)
    shown = QApplication.activePopupWidget()
    assert isinstance(shown, QMenu), f"the {title} menu did not open"
    return shown


def _tip_on(qtbot, shown: QMenu, item: str) -> str:
    """Point at `item` and wait as a person does for the tooltip: what the menu shows."""
    action = next((a for a in shown.actions() if plain(a.text()) == item), None)
    assert action is not None, [plain(a.text()) for a in shown.actions()]
    at = shown.actionGeometry(action).center()
    qtbot.mouseMove(shown, at)
    QToolTip.hideText()
    QApplication.sendEvent(shown, QHelpEvent(QEvent.Type.ToolTip, at, shown.mapToGlobal(at)))
    return QToolTip.text() if QToolTip.isVisible() else ""


def _close_menus() -> None:
    while (popup := QApplication.activePopupWidget()) is not None:
        popup.close()


def _every_disabled_item_has_a_reason(window) -> None:
    for top in window.menuBar().actions():
        shown = cast(QMenu, top.menu())
        assert shown.toolTipsVisible(), f"the {plain(top.text())} menu hides its tooltips"
        for action in shown.actions():
            if not action.isSeparator() and not action.isEnabled():
                assert action.toolTip() not in ("", action.text()), f"{plain(action.text())} says no reason"


def test_a_role_pointing_at_an_administrator_item_reads_why(
    window_for, qtbot, dialog_log, templates, tmp_path, monkeypatch
):
    path = tmp_path / "kantor.dumas"
    shutil.copyfile(templates["sanggau-2026"], path)
    db = open_database(path)
    accounts.add_user(Workspace(db), "pengarah", "Petugas Pengarah", "kata-sandi-uji", ["pengarah"])
    db.close()
    monkeypatch.setenv("DUMAS_USER", "pengarah")  # the unattended sign-in, as in the other window tests
    monkeypatch.setenv("DUMAS_PASSWORD", "kata-sandi-uji")
    window = window_for("sanggau-2026", path=path)
    berkas = _open_menu(qtbot, window, "Berkas")
    assert "hanya untuk Administrator" in _tip_on(qtbot, berkas, "Impor paket…")
    assert "hanya untuk Administrator" in _tip_on(qtbot, berkas, "Pengguna dan peran…")
    assert "hanya untuk Administrator" in _tip_on(qtbot, berkas, "Profil SOP…")
    _close_menus()
    _every_disabled_item_has_a_reason(window)
    # Windows' own styles let the pointer rest on a disabled item: its reason is in the
    # status bar too (Fusion, here, skips disabled items and shows only the tooltip).
    before = QApplication.style().name()
    QApplication.setStyle(QStyleFactory.create("Windows"))
    try:
        berkas = _open_menu(qtbot, window, "Berkas")
        _tip_on(qtbot, berkas, "Impor paket…")
        qtbot.waitUntil(lambda: "hanya untuk Administrator" in window.statusBar().currentMessage(), timeout=5_000)
        _close_menus()
    finally:
        QApplication.setStyle(QStyleFactory.create(before))


def test_a_file_without_accounts_says_why_nobody_can_sign_out(qt_app, qtbot, dialog_log, templates, tmp_path):
    path = tmp_path / "tanpa-akun.dumas"
    shutil.copyfile(templates["sanggau-2026"], path)
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM users")
    conn.close()
    controller = Controller("petugas")
    assert controller.open(path, read_only=True)
    window = controller.window
    assert window is not None
    try:
        wait_idle(qtbot, window)
        berkas = _open_menu(qtbot, window, "Berkas")
        for item in ("Ubah kata sandi…", "Ganti pengguna…", "Kunci layar"):
            assert "belum memiliki akun pengguna" in _tip_on(qtbot, berkas, item), item
        _close_menus()
        _every_disabled_item_has_a_reason(window)
    finally:
        wait_idle(qtbot, window)
        controller.close_window()


def test_the_settings_have_a_menu_item(window_for, qtbot, dialog_log):
    window = window_for("sanggau-2026")
    assert window.tabs.currentWidget() is not window.settings
    menu(qtbot, window, "Berkas", "Pengaturan…")
    assert window.tabs.currentWidget() is window.settings
    qtbot.waitUntil(lambda: window.settings.isAncestorOf(QApplication.focusWidget()), timeout=5_000)
