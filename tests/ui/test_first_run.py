"""The first run on a PC without a data file: the office is set up through the wizard, or
a demo office is made, while the wizard keeps answering (the file is built on the worker)."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QTimer

from dumas_desktop.services import office
from dumas_desktop.services.context import Workspace
from dumas_desktop.storage.database import open_database

from .person import fill, menu, open_windows, pick, press, tick, wait_for


@pytest.fixture
def wizard(qt_app, qtbot, tmp_path, dialog_log):
    from dumas_desktop.ui import dialogs
    from dumas_desktop.ui.runner import OperationRunner
    from dumas_desktop.ui.setup_wizard import SetupWizard

    runner = OperationRunner(None, lambda exc, details: dialogs.crash(None, details))
    made = SetupWizard(tmp_path / "kantor.dumas", runner)
    made.show()
    qtbot.waitExposed(made)
    yield made
    made.close()
    runner.shutdown()


def test_an_office_is_set_up_from_what_the_person_types(wizard, qtbot, dialog_log):
    pick(
        qtbot,
        wizard,
        "Profil SOP",
        "SOP Pelayanan Penerimaan Layanan atas Pengaduan Masyarakat di KPU Kabupaten Sanggau",
    )
    press(qtbot, wizard, "Lanjut >")
    fill(qtbot, wizard, "Nama kantor", "Komisi Pemilihan Umum Kabupaten Sanggau")
    fill(qtbot, wizard, "Kode kantor", "6103")
    fill(qtbot, wizard, "Kota", "Sanggau")
    fill(
        qtbot,
        wizard,
        "Pejabat penanda tangan",
        "Iis Supianto; Ketua KPU Kabupaten Sanggau; ; Pengarah\nFranky Nainggolan; Kasubbag Hukum; 1980; Pelaksana",
    )
    press(qtbot, wizard, "Lanjut >")
    press(qtbot, wizard, "Mulai")
    # A NIP is 18 digits: said in one line, nothing made, and what was typed is still there.
    qtbot.waitUntil(lambda: bool(dialog_log.shown), timeout=20_000)
    assert dialog_log.shown[-1][1:] == (
        "Berkas data belum dibuat",
        "Data belum benar, tidak ada yang disimpan. NIP: NIP harus 18 digit angka",
    )
    assert wizard.isVisible() and not wizard.path.exists()
    press(qtbot, wizard, "< Kembali")
    fill(qtbot, wizard, "Pejabat penanda tangan", "Iis Supianto; Ketua KPU Kabupaten Sanggau; ; Ketua")
    press(qtbot, wizard, "Lanjut >")
    press(qtbot, wizard, "Mulai")  # a role the SOP does not have is named, never silently dropped
    qtbot.waitUntil(lambda: len(dialog_log.shown) == 2, timeout=20_000)
    assert dialog_log.shown[-1][1] == "Peran pejabat belum dikenal"
    assert "Peran “Ketua” tidak ada dalam SOP ini. Pilih salah satu:" in dialog_log.shown[-1][2]
    assert "Pengarah" in dialog_log.shown[-1][2] and not wizard.path.exists()
    press(qtbot, wizard, "< Kembali")
    fill(
        qtbot,
        wizard,
        "Pejabat penanda tangan",
        "Iis Supianto; Ketua KPU Kabupaten Sanggau; ; Pengarah\n"
        "Franky Nainggolan; Kasubbag Hukum; 198003122005011002; Pelaksana",
    )
    press(qtbot, wizard, "Lanjut >")
    press(qtbot, wizard, "Mulai")
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=20_000)
    assert wizard.created == wizard.path and len(dialog_log.shown) == 2

    database = open_database(wizard.path)
    try:
        settings = office.office_settings(Workspace(database, actor="uji"))
    finally:
        database.close()
    assert (settings.name, settings.office_code, settings.city) == (
        "Komisi Pemilihan Umum Kabupaten Sanggau",
        "6103",
        "Sanggau",
    )
    assert [(name, actor) for _, name, _, _, actor in settings.officials] == [
        ("Iis Supianto", "Pengarah"),
        ("Franky Nainggolan", "Pelaksana"),
    ]


def test_a_demo_office_is_made_from_the_first_page(wizard, qtbot, dialog_log):
    from dumas_desktop.services import queries

    tick(qtbot, wizard, "Jelajahi kantor contoh dengan pengaduan rekaan")
    press(qtbot, wizard, "Lanjut >")
    assert wizard.currentPage().title() == "Kantor contoh"
    press(qtbot, wizard, "Mulai")
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=60_000)
    assert wizard.created == wizard.path and not dialog_log.texts("warn")
    database = open_database(wizard.path)
    try:
        assert len(queries.agenda_ids(Workspace(database, actor="uji"))) == 300
    finally:
        database.close()


def test_the_offices_own_file_is_made_from_the_menu_and_opened(window_for, qtbot, dialog_log, tmp_path, monkeypatch):
    from dumas_desktop.ui import dialogs
    from dumas_desktop.ui.setup_wizard import SetupWizard
    from dumas_desktop.ui.sign_in import FirstAdminDialog

    window = window_for("sanggau-2026")
    target = tmp_path / "kantor-saya"
    monkeypatch.setattr(dialogs, "save_file_name", lambda *args: target)  # the name typed in the file dialog
    menu(qtbot, window, "Berkas", "Berkas data baru…")
    made = wait_for(qtbot, SetupWizard)
    assert made.currentPage().title() == "Berkas data baru"  # not the first run's welcome
    press(qtbot, made, "Lanjut >")
    fill(qtbot, made, "Nama kantor", "Komisi Pemilihan Umum Kabupaten Sekadau")
    fill(qtbot, made, "Kode kantor", "6109")
    press(qtbot, made, "Lanjut >")

    def first_administrator() -> None:  # the new file has no accounts yet: its administrator is made
        dialog = wait_for(qtbot, FirstAdminDialog)
        QTimer.singleShot(8000, dialog.reject)  # never left hanging if a step went astray
        fill(qtbot, dialog, "Nama pengguna", "kepala")
        fill(qtbot, dialog, "Nama lengkap", "Kepala Sekretariat")
        fill(qtbot, dialog, "Kata sandi (min. 8 karakter)", "sandi-kepala-1")
        fill(qtbot, dialog, "Ulangi kata sandi", "sandi-kepala-1")
        press(qtbot, dialog, "OK")

    press(qtbot, made, "Mulai")
    QTimer.singleShot(300, first_administrator)  # the file opens once the wizard has closed
    from dumas_desktop.ui.main_window import MainWindow

    def the_new_office() -> MainWindow | None:
        shown = [w for w in open_windows(MainWindow) if w.isVisible() and getattr(w, "app", None)]
        return next((w for w in shown if w.app.office_code == "6109"), None)

    qtbot.waitUntil(lambda: the_new_office() is not None, timeout=20_000)
    assert target.with_suffix(".dumas").exists() and not dialog_log.texts("warn")
    assert not shiboken6.isValid(window) or not window.isVisible()  # the file before is closed in its place
