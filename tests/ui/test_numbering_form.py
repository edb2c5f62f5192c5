"""Pengaturan → Pola penomoran as a secretary uses it: the number is built from its parts,
reordered and widened by clicks, with a live example; a number without its running part
is refused on the spot; the pattern saved is the one the parts say."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QApplication, QGroupBox, QLabel, QListWidget, QSpinBox

from dumas_desktop.domain.numbering import parts_of, pattern_of
from dumas_desktop.services import office

from .conftest import wait_idle
from .person import LEFT, button, field, open_tab, pick, press, shown, write

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def test_existing_patterns_open_as_parts_and_save_back_unchanged():
    for pattern in (
        "{seq:03d}/DUMAS/{office_code}/{year}",
        "{seq}/{classification}-BA/{office_code}/{year}",
        "ND-{seq:4d}.{month_roman}/{{{office_code}}}",
    ):
        assert pattern_of(parts_of(pattern)) == pattern


def _click_part(qtbot, parts: QListWidget, text: str) -> None:
    item = next(parts.item(r) for r in range(parts.count()) if parts.item(r).text() == text)
    qtbot.mouseClick(parts.viewport(), LEFT, pos=parts.visualItemRect(item).center())
    assert parts.currentItem() is item


def test_a_number_is_built_from_its_parts_with_a_live_example(window_for, qtbot, dialog_log):
    window = window_for("sanggau-2026")
    page = open_tab(qtbot, window, "Pengaturan")
    wait_idle(qtbot, window)
    box = next(b for b in page.findChildren(QGroupBox) if shown(b) and b.title() == "Pola penomoran")
    pick(qtbot, box, "Jenis", "Surat tugas")
    parts = field(box, "Bagian nomor", QListWidget)
    example = field(box, "Contoh", QLabel)
    year, roman = date.today().year, ROMAN[date.today().month - 1]
    assert example.text() == f"7/HK.06-ST/6103/{year}"

    _click_part(qtbot, parts, "Kode kantor")
    pick(qtbot, box, "Bagian baru", "Garis miring “/”")
    press(qtbot, box, "Tambah bagian")
    pick(qtbot, box, "Bagian baru", "Bulan (angka Romawi)")
    press(qtbot, box, "Tambah bagian")
    assert example.text() == f"7/HK.06-ST/6103/{roman}/{year}"

    _click_part(qtbot, parts, "Nomor urut")
    write(qtbot, field(box, "Lebar nomor urut", QSpinBox), "3")
    assert example.text() == f"007/HK.06-ST/6103/{roman}/{year}"

    press(qtbot, box, "Hapus bagian")  # the running number itself: not a usable number
    said = [label.text() for label in box.findChildren(QLabel) if shown(label)]
    assert "Belum dapat dipakai: pola harus memuat nomor urut." in said
    assert not button(box, "Simpan pola").isEnabled()  # nothing to save until the number has its running part
    assert example.text() == "–"
    # The list's type-to-find goes on from what was typed into it within Qt's keyboard
    # interval; a person takes longer than that between two choices.
    qtbot.wait(QApplication.keyboardInputInterval() + 100)
    pick(qtbot, box, "Bagian baru", "Nomor urut")
    press(qtbot, box, "Tambah bagian")  # added after the selected part, then moved to the front
    for _ in range(5):
        if parts.currentRow() == 0:
            break
        press(qtbot, box, "Naik")
    write(qtbot, field(box, "Lebar nomor urut", QSpinBox), "3")
    assert example.text() == f"007/HK.06-ST/6103/{roman}/{year}"

    press(qtbot, box, "Simpan pola")
    wait_idle(qtbot, window)
    assert not dialog_log.texts("warn")
    saved = office.office_settings(window.app.ws).patterns["surat_tugas"][0]
    assert saved == "{seq:03d}/{classification}-ST/{office_code}/{month_roman}/{year}"
    assert window.statusBar().currentMessage() == "Pola nomor tersimpan."
