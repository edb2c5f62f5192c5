"""The morning's mail as an officer handles it in the window: the administrator sets the
office mailbox in Pengaturan and tests it, the officer clicks Ambil surel, reads a message,
prints it, registers it through the prefilled intake wizard, and sets the spam aside."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QTableWidget, QWizard

from dumas_desktop.services import documents, mailbox
from dumas_desktop.ui.paper_dialog import PaperDialog

from ..builders import REPORTER_NIK
from ..mail_samples import complaint_mail
from .conftest import wait_idle
from .officer import next_page, only, page_title
from .person import (
    TIMEOUT,
    button,
    field,
    fill,
    fill_rows,
    menu,
    open_tab,
    pick,
    press,
    shown,
    table_row,
    tick,
    tick_all,
    wait_for,
)

SUBJECT = "Pengaduan: petugas PPS berkampanye"
SPAM = "Menangkan hadiah sekarang"


def aside_ready(tab) -> bool:
    return button(tab, "Bukan pengaduan…").isEnabled()


def set_up_mailbox(qtbot, window, dovecot, user: str, password: str) -> None:
    settings = open_tab(qtbot, window, "Pengaturan")
    box = field(settings, "Kotak surel kantor (IMAP)")
    fill(qtbot, box, "Server IMAP", "127.0.0.1")
    pick(qtbot, box, "Keamanan", "Tanpa enkripsi (hanya server di LAN kantor atau PC ini)")
    assert any(shown(label) and "melintas terbuka" in label.text() for label in box.findChildren(QLabel))
    fill(qtbot, box, "Port", str(dovecot.port))
    fill(qtbot, box, "Nama pengguna", user)
    fill(qtbot, box, "Kata sandi", password)
    fill(qtbot, box, "Ambil sejak", "01-02-2026")
    press(qtbot, box, "Uji sambungan")
    said = [label for label in box.findChildren(QLabel) if shown(label)]
    qtbot.waitUntil(lambda: any("Tersambung ke 127.0.0.1" in label.text() for label in said), timeout=TIMEOUT)
    press(qtbot, box, "Simpan kotak surel")
    wait_idle(qtbot, window)


@pytest.mark.both_backends
def test_the_morning_mail_fetched_read_printed_registered_and_set_aside(
    window_for, qtbot, dialog_log, dovecot, memory_keyring
):
    user, password = dovecot.mailbox()
    when = datetime(2026, 2, 20, 9, 0)
    dovecot.deliver(user, complaint_mail(when), when)
    dovecot.deliver(user, complaint_mail(when, subject=SPAM, sender="promo@iklan.example", attachments=()), when)
    window = window_for("sanggau-2026")
    set_up_mailbox(qtbot, window, dovecot, user, password)
    assert list(memory_keyring.passwords.values()) == [password]

    tab = open_tab(qtbot, window, "Surel masuk")
    menu(qtbot, window, "Berkas", "Ambil surel")
    wait_idle(qtbot, window)
    table = only(tab, QTableWidget)
    qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=TIMEOUT)
    table_row(qtbot, table, 2, SUBJECT)
    body = only(tab, QPlainTextEdit)
    qtbot.waitUntil(lambda: "Sungai Mawang menghadiri kampanye" in body.toPlainText(), timeout=TIMEOUT)
    attachments = only(tab, QListWidget)
    assert attachments.item(0).text().startswith("foto-kampanye.jpg")

    # The SOP's print-out, from here: before registration it has no number.
    press(qtbot, tab, "Cetak surel…")
    paper = wait_for(qtbot, PaperDialog, "Cetakan surel pengaduan")
    assert paper.paper.number == ""
    paper.close()

    press(qtbot, tab, "Catat sebagai pengaduan")
    wizard = wait_for(qtbot, QWizard, "Catat surel sebagai pengaduan")
    assert page_title(wizard) == "Penerimaan"
    next_page(qtbot, wizard, "Pelapor")
    page = wizard.currentPage()
    assert field(page, "Nama lengkap", QLineEdit).text() == "Maria Lestari"
    assert field(page, "Surel", QLineEdit).text() == "maria.lestari@contoh.id"
    fill(qtbot, page, "Nomor identitas", REPORTER_NIK)
    fill(qtbot, page, "Alamat", "Jl. Jenderal Sudirman 12, Beringin")
    fill(qtbot, page, "Telepon", "0812-5678-1234")
    next_page(qtbot, wizard, "Terlapor")
    fill_rows(qtbot, only(wizard.currentPage(), QTableWidget), [["Yohanes Bilung", "Anggota PPS"]])
    next_page(qtbot, wizard, "Pengaduan")
    page = wizard.currentPage()
    # The sender's "Pengaduan:" is no part of the matter.
    assert field(page, "Pokok pengaduan", QLineEdit).text() == "Petugas PPS berkampanye"
    fill(qtbot, page, "Lokasi kasus", "Desa Sungai Mawang")
    next_page(qtbot, wizard, "Bukti dukung")
    listed = [only(wizard.currentPage(), QListWidget).item(i).text() for i in range(2)]
    assert listed[0].startswith("foto-kampanye.jpg") and ".eml" in listed[1]
    next_page(qtbot, wizard, "Periksa dan simpan")
    tick_all(qtbot, wizard.currentPage())
    dialog_log.answer = False  # no receipt now
    press(qtbot, wizard, "Catat pengaduan")
    qtbot.waitUntil(lambda: any(t.startswith("Pengaduan tercatat") for t in dialog_log.texts("ask")), timeout=TIMEOUT)
    wait_idle(qtbot, window)
    agenda_number = [t for t in dialog_log.texts("ask") if t.startswith("Pengaduan tercatat")][-1].split("\n\n")[1]

    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=TIMEOUT)
    table_row(qtbot, table, 2, SPAM)
    qtbot.waitUntil(lambda: aside_ready(tab), timeout=TIMEOUT)  # the message is read first
    press(qtbot, tab, "Bukan pengaduan…")
    aside = wait_for(qtbot, QDialog, "Bukan pengaduan")
    pick(qtbot, aside, "Alasan", "Surel sampah (spam)")
    press(qtbot, aside, "Tandai bukan pengaduan")
    qtbot.waitUntil(lambda: table.rowCount() == 0, timeout=TIMEOUT)
    wait_idle(qtbot, window)

    handled = {m.subject: m for m in mailbox.list_messages(window.app.ws, everything=True)}
    assert handled[SUBJECT].agenda_number == agenda_number
    assert handled[SPAM].state == "bukan_pengaduan" and "spam" in handled[SPAM].reason
    case_id = documents.case_by_agenda(window.app.ws, agenda_number)
    assert "cetakan_surel" in [offer.kind for offer in documents.offers(window.app.ws, case_id)]

    # Set aside by mistake: shown again with the handled ones, put back among the new.
    tick(qtbot, tab, "Tampilkan juga yang sudah ditangani")
    qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=TIMEOUT)
    table_row(qtbot, table, 2, SPAM)
    qtbot.waitUntil(lambda: button(tab, "Kembalikan ke surel baru").isEnabled(), timeout=TIMEOUT)
    dialog_log.answer = True
    press(qtbot, tab, "Kembalikan ke surel baru")
    wait_idle(qtbot, window)
    again = {m.subject: m for m in mailbox.list_messages(window.app.ws, everything=True)}
    assert again[SPAM].state == "baru" and again[SPAM].reason == ""
    qtbot.waitUntil(lambda: button(tab, "Catat sebagai pengaduan").isEnabled(), timeout=TIMEOUT)
    assert button(tab, "Bukan pengaduan…").isEnabled()  # and the restore button is gone with the state


def test_an_email_printed_from_surel_masuk_meets_the_sop_tick_that_it_was_printed(
    window_for, qtbot, dialog_log, dovecot, memory_keyring
):
    """Sumatera Barat's first step asks that an e-mailed complaint was printed."""
    user, password = dovecot.mailbox()
    when = datetime(2026, 2, 20, 9, 0)
    dovecot.deliver(user, complaint_mail(when), when)
    window = window_for("sumbar-2022")
    set_up_mailbox(qtbot, window, dovecot, user, password)
    tab = open_tab(qtbot, window, "Surel masuk")
    press(qtbot, tab, "Ambil surel")
    wait_idle(qtbot, window)
    table = only(tab, QTableWidget)
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=TIMEOUT)
    table_row(qtbot, table, 2, SUBJECT)
    qtbot.waitUntil(lambda: aside_ready(tab), timeout=TIMEOUT)
    press(qtbot, tab, "Cetak surel…")
    wait_for(qtbot, PaperDialog, "Cetakan surel pengaduan").close()
    press(qtbot, tab, "Catat sebagai pengaduan")
    wizard = wait_for(qtbot, QWizard, "Catat surel sebagai pengaduan")
    for title in ("Pelapor", "Terlapor", "Pengaduan", "Bukti dukung", "Periksa dan simpan"):
        next_page(qtbot, wizard, title)
    printed = button(wizard.currentPage(), "Pengaduan melalui surel telah dicetak")
    assert printed.isChecked()


def test_the_office_setting_fetches_every_n_minutes_while_the_program_runs(
    window_for, qtbot, templates, tmp_path, memory_keyring
):
    import shutil

    from dumas_desktop.services import mail_settings
    from dumas_desktop.services.context import Workspace
    from dumas_desktop.storage.database import open_database

    path = tmp_path / "kantor.dumas"
    shutil.copyfile(templates["sanggau-2026"], path)
    db = open_database(path)
    settings = mail_settings.MailboxSettings(
        host="127.0.0.1", port=143, security="none", user="u@kpu.test", interval_minutes=5
    )
    mail_settings.save(Workspace(db), settings, "sandi")
    db.close()
    window = window_for(path=path)
    qtbot.waitUntil(lambda: window.mail.timer.isActive(), timeout=TIMEOUT)
    assert window.mail.timer.interval() == 5 * 60_000
    open_tab(qtbot, window, "Surel masuk")  # the tab is there once the mailbox is set


def test_a_fetch_cancelled_from_its_progress_dialog_keeps_what_was_stored_and_the_next_fetch_resumes(
    window_for, qtbot, dialog_log, dovecot, memory_keyring, templates, tmp_path
):
    import os
    import re
    import shutil

    from PySide6.QtWidgets import QProgressDialog

    from dumas_desktop.services import mail_settings
    from dumas_desktop.services.context import Workspace
    from dumas_desktop.storage.database import open_database
    from tests.imap_server import StallingLine

    user, password = dovecot.mailbox()
    start = datetime(2026, 2, 20, 9, 0)
    size = 0
    for i in range(120):
        when = start.replace(minute=i % 60, hour=9 + i // 60)
        raw = complaint_mail(
            when, subject=f"Pengaduan {i}", attachments=(("foto.jpg", os.urandom(100_000), "image/jpeg"),)
        )
        dovecot.deliver(user, raw, when)
        size = len(raw)
    # The line stalls in the middle of the second batch of 50: the fetch is under way while
    # the officer clicks Batal, whatever the speed of the machine.
    line = StallingLine(dovecot.port, stall_after=int(size * 70))
    path = tmp_path / "kantor.dumas"
    shutil.copyfile(templates["sanggau-2026"], path)
    db = open_database(path)
    settings = mail_settings.MailboxSettings(host="127.0.0.1", port=line.port, security="none", user=user)
    mail_settings.save(Workspace(db), settings, password)
    db.close()
    try:
        window = window_for(path=path)
        tab = open_tab(qtbot, window, "Surel masuk")
        press(qtbot, tab, "Ambil surel")
        qtbot.waitUntil(line.stalled.is_set, timeout=TIMEOUT)
        progress = wait_for(qtbot, QProgressDialog, "Mohon tunggu")
        # The first batch is stored while the second is on its way (and stalls).
        qtbot.waitUntil(lambda: "50 dari 120" in progress.labelText(), timeout=TIMEOUT)
        press(qtbot, progress, "Batal")
        assert shown(progress) and "Membatalkan" in progress.labelText()  # up until the batch under way is kept
        line.release()
        wait_idle(qtbot, window)
        (told,) = dialog_log.texts("info")
        counted = re.search(r"dibatalkan: (\d+) surel baru sudah tersimpan", told)
        assert counted is not None, told
        stored = int(counted.group(1))
        assert 50 <= stored < 120
        table = only(tab, QTableWidget)
        qtbot.waitUntil(lambda: table.rowCount() == stored, timeout=TIMEOUT)
        assert stored == len(mailbox.list_messages(window.app.ws))
        assert all(m.attachments == 1 for m in mailbox.list_messages(window.app.ws))  # each kept whole
        press(qtbot, tab, "Ambil surel")
        wait_idle(qtbot, window)
        qtbot.waitUntil(lambda: table.rowCount() == 120, timeout=TIMEOUT)
        said = f"{120 - stored} surel baru diambil"
        assert any(said in label.text() for label in tab.findChildren(QLabel) if shown(label))
    finally:
        line.close()


def test_a_pc_without_a_keyring_keeps_the_mailbox_settings_and_says_the_password_was_not_kept(
    window_for, qtbot, dialog_log, dovecot, no_keyring
):
    user, password = dovecot.mailbox()
    window = window_for("sanggau-2026")
    set_up_mailbox(qtbot, window, dovecot, user, password)  # Uji sambungan works: the typed password
    ((title, text),) = [(t, said) for kind, t, said in dialog_log.shown if kind == "warn"]
    assert title == "Kata sandi belum tersimpan"
    assert text.startswith("Pengaturan kotak surel tersimpan, tetapi kata sandinya belum")
    assert "keyring" in text and "Credential Manager" in text
    settings = open_tab(qtbot, window, "Pengaturan")
    box = field(settings, "Kotak surel kantor (IMAP)")
    assert any(shown(label) and label.text() == text for label in box.findChildren(QLabel))
    tab = open_tab(qtbot, window, "Surel masuk")  # the settings were kept: the tab is there
    press(qtbot, tab, "Ambil surel")
    wait_idle(qtbot, window)
    assert "(keyring) tidak tersedia" in dialog_log.texts("warn")[-1]
