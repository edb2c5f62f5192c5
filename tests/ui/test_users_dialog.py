"""The administrator's users dialog as a person uses it: the form shows what "Tambah" will
save, and a saved change of roles says when it takes effect."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox, QDialog, QLabel, QTableWidget

from dumas_desktop.services.demo import DEMO_ADMIN

from .person import button, cell_text, fill, menu, press, table_row, tick, wait_for


def _open_users(qtbot, window) -> QDialog:
    menu(qtbot, window, "Berkas", "Pengguna dan peran…")
    return wait_for(qtbot, QDialog, "Pengguna dan peran")


def _row_of(table: QTableWidget, username: str) -> int:
    return next(r for r in range(table.rowCount()) if cell_text(table, r, 0) == username)


def _said(qtbot, dialog: QDialog, text: str) -> str:
    def there() -> bool:
        return any(text in label.text() for label in dialog.findChildren(QLabel))

    qtbot.waitUntil(there, timeout=10_000)
    return next(label.text() for label in dialog.findChildren(QLabel) if text in label.text())


@pytest.mark.both_backends
def test_the_new_user_form_shows_what_tambah_saves(window_for, qtbot, dialog_log):
    window = window_for("sanggau-2026")
    dialog = _open_users(qtbot, window)
    active = button(dialog, "Aktif", QCheckBox)
    assert active.isChecked(), "a new user is saved active, so the form must show Aktif ticked"
    table = dialog.findChild(QTableWidget)
    assert table is not None and not table.selectedItems()

    fill(qtbot, dialog, "Nama pengguna", "rini")
    fill(qtbot, dialog, "Nama lengkap", "Rini Putri")
    fill(qtbot, dialog, "Kata sandi", "kata-sandi-rini")
    tick(qtbot, dialog, "Pelaksana")
    tick(qtbot, dialog, "Aktif", False)  # she starts next month
    press(qtbot, dialog, "Tambah")
    _said(qtbot, dialog, "ditambahkan")
    qtbot.waitUntil(lambda: any(cell_text(table, r, 0) == "rini" for r in range(table.rowCount())), timeout=10_000)
    assert cell_text(table, _row_of(table, "rini"), 3) == "nonaktif"

    # Clearing the form for the next one: a new, active user again.
    table_row(qtbot, table, 0, "rini")
    assert not active.isChecked()
    press(qtbot, dialog, "Kosongkan (pengguna baru)")
    assert active.isChecked() and not table.selectedItems()
    fill(qtbot, dialog, "Nama pengguna", "yohan")
    fill(qtbot, dialog, "Nama lengkap", "Yohan Bilung")
    fill(qtbot, dialog, "Kata sandi", "kata-sandi-yohan")
    tick(qtbot, dialog, "Pengarah")
    press(qtbot, dialog, "Tambah")
    qtbot.waitUntil(lambda: any(cell_text(table, r, 0) == "yohan" for r in range(table.rowCount())), timeout=10_000)
    assert cell_text(table, _row_of(table, "yohan"), 3) == "aktif"
    dialog.close()


@pytest.mark.both_backends
def test_a_role_change_says_when_it_takes_effect(window_for, qtbot, dialog_log):
    window = window_for("sanggau-2026")
    dialog = _open_users(qtbot, window)
    table = dialog.findChild(QTableWidget)
    assert table is not None
    fill(qtbot, dialog, "Nama pengguna", "budi")
    fill(qtbot, dialog, "Nama lengkap", "Budi Santoso")
    fill(qtbot, dialog, "Kata sandi", "kata-sandi-budi")
    tick(qtbot, dialog, "Pelaksana")
    press(qtbot, dialog, "Tambah")
    qtbot.waitUntil(lambda: any(cell_text(table, r, 0) == "budi" for r in range(table.rowCount())), timeout=10_000)

    # Another user: at their next sign-in, and what an open read-only window elsewhere keeps.
    table_row(qtbot, table, 0, "budi")
    tick(qtbot, dialog, "Tim Telaah")
    press(qtbot, dialog, "Simpan perubahan")
    said = _said(qtbot, dialog, "Perubahan disimpan")
    assert "budi masuk berikutnya" in said and "PC lain" in said, said

    # The signed-in administrator: this window keeps the access of its sign-in.
    table_row(qtbot, table, 0, DEMO_ADMIN)
    tick(qtbot, dialog, "Pengarah", False)
    press(qtbot, dialog, "Simpan perubahan")
    qtbot.waitUntil(lambda: "Anda masuk lagi" in _said(qtbot, dialog, "Perubahan disimpan"), timeout=10_000)
    assert window.app.ws.access.is_admin
    dialog.close()
