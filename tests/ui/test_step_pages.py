"""The step pages ask only what applies and follow the keyboard: the intake's officer
confirmations follow the channel, Tab goes down the registration form as it reads, and
"Selesaikan langkah" has its own letter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QWizard

from .conftest import wait_idle
from .driving import intake, open_step
from .officer import REPORTER, next_page, page_title
from .person import TIMEOUT, button, field, fill, keys, pick, plain, press, shown, wait_for
from .test_keys import mnemonic

EMAIL_PRINTED = "Pengaduan melalui surel telah dicetak"


def read(page) -> str:
    """What the page's labels say (the checklist among them)."""
    return "\n".join(label.text() for label in page.findChildren(QLabel) if shown(label))


def confirmations_shown(page) -> set[str]:
    return {plain(b.text()) for b in page.findChildren(QAbstractButton) if shown(b) and b.isCheckable()}


def test_the_intake_asks_for_the_printed_e_mail_only_for_an_e_mail(window_for, qtbot):
    window = window_for("sumbar-2022")
    keys(qtbot, window, "Ctrl+N")
    wizard = wait_for(qtbot, QWizard, "Pengaduan baru")  # the channel stands at "Datang langsung"
    next_page(qtbot, wizard, "Pelapor")
    fill(qtbot, wizard.currentPage(), "Nama lengkap", REPORTER)
    for title in ("Terlapor", "Pengaduan"):
        next_page(qtbot, wizard, title)
    fill(qtbot, wizard.currentPage(), "Pokok pengaduan", "Surel tidak dibalas")
    fill(qtbot, wizard.currentPage(), "Uraian", "Surel kepada sekretariat tidak dibalas.")
    for title in ("Bukti dukung", "Periksa dan simpan"):
        next_page(qtbot, wizard, title)
    summary = wizard.currentPage()
    assert "Pengaduan telah dicatat dalam buku surat masuk" in confirmations_shown(summary)
    assert EMAIL_PRINTED not in confirmations_shown(summary)
    assert EMAIL_PRINTED not in read(summary)

    for _ in range(5):  # back to the first page: the complaint came by e-mail after all
        press(qtbot, wizard, "< Kembali")
    qtbot.waitUntil(lambda: page_title(wizard) == "Penerimaan", timeout=TIMEOUT)
    pick(qtbot, wizard.currentPage(), "Kanal", "Surat elektronik (surel)")
    for title in ("Pelapor", "Terlapor", "Pengaduan", "Bukti dukung", "Periksa dan simpan"):
        next_page(qtbot, wizard, title)
    assert EMAIL_PRINTED in confirmations_shown(summary)
    assert EMAIL_PRINTED in read(summary)  # and in the checklist, still to be met
    wizard.close()
    wait_idle(qtbot, window)


def test_tab_goes_from_the_classification_to_the_disposition(window_for, qtbot):
    window = window_for("sanggau-2026")
    case_id = intake(qtbot, window)
    wizard = open_step(qtbot, window, case_id)
    pick(qtbot, wizard, "Klasifikasi", "Netralitas penyelenggara")  # the list closes on the field
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field(wizard, "Klasifikasi", QComboBox), timeout=TIMEOUT)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field(wizard, "Pemberi disposisi"), timeout=TIMEOUT)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is field(wizard, "Jabatan pemberi")
    wizard.close()
    wait_idle(qtbot, window)


def test_the_step_wizard_buttons_have_their_own_letters(window_for, qtbot):
    window = window_for("sanggau-2026")
    case_id = intake(qtbot, window)
    wizard = open_step(qtbot, window, case_id)
    buttons = [b for b in wizard.findChildren(QAbstractButton) if shown(b) and mnemonic(b.text())]
    finish = button(wizard, "Selesaikan langkah")
    assert mnemonic(finish.text()), "Selesaikan langkah has no letter"
    letters = [mnemonic(b.text()) for b in buttons]
    assert len(letters) == len(set(letters)), letters
    wizard.close()
    wait_idle(qtbot, window)
