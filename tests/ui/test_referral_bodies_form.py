"""Pengaturan keeps the name and address of the bodies complaints are referred to, typed
as an administrator types them; the referral letter is addressed from there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLineEdit

from dumas_desktop.services import office

from .conftest import wait_idle
from .person import field, fill, open_tab, pick, press, shown, write


def test_the_address_of_a_common_body_is_typed_and_kept(window_for, qtbot, dialog_log):
    window = window_for("sanggau-2026")
    page = open_tab(qtbot, window, "Pengaturan")
    wait_idle(qtbot, window)
    box = next(b for b in page.findChildren(QGroupBox) if shown(b) and b.title() == "Instansi penerima pelimpahan")
    pick(qtbot, box, "Instansi", "Bawaslu")
    fill(qtbot, box, "Kepada (nama/jabatan)", "Ketua Bawaslu Kabupaten Sanggau")
    fill(qtbot, box, "Alamat", "Jl. Jenderal Sudirman No. 5\nSanggau 78511")
    press(qtbot, box, "Simpan instansi")
    wait_idle(qtbot, window)
    assert not dialog_log.texts("warn")
    assert office.referral_bodies(window.app.ws)["bawaslu"] == (
        "Ketua Bawaslu Kabupaten Sanggau",
        "Jl. Jenderal Sudirman No. 5\nSanggau 78511",
    )
    assert window.statusBar().currentMessage() == "Alamat Bawaslu tersimpan."

    addressee = field(box, "Kepada (nama/jabatan)", QLineEdit)
    write(qtbot, addressee, "")  # all of it selected: the person deletes it
    qtbot.keyClick(addressee, Qt.Key.Key_Delete)
    assert addressee.text() == ""
    press(qtbot, box, "Simpan instansi")
    wait_idle(qtbot, window)
    assert "Nama/jabatan tujuan surat" in dialog_log.texts("warn")[-1]
    assert office.referral_bodies(window.app.ws)["bawaslu"][0] == "Ketua Bawaslu Kabupaten Sanggau"
