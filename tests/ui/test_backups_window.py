"""The data file from the window: one writer (a second copy opens read-only), a backup when
the window closes after a change, restoring from the backups dialog, and a damaged file
found after a crash set aside with the newest good backup offered."""

from __future__ import annotations

import shutil
import socket
import sqlite3
from contextlib import closing

from PySide6.QtWidgets import QLabel

from dumas_desktop.storage import backups
from dumas_desktop.storage.database import backups_dir
from dumas_desktop.storage.lock import lock_path
from dumas_desktop.ui.app import Controller
from dumas_desktop.ui.backups_dialog import BackupsDialog

from .conftest import wait_idle
from .driving import intake
from .person import cell_text, press


def _cases(path) -> int:
    with closing(sqlite3.connect(path)) as conn, conn:
        return conn.execute("SELECT count(*) FROM complaints").fetchone()[0]


def test_a_second_copy_opens_read_only_and_cannot_write(window_for, qtbot, dialog_log):
    first = window_for("sanggau-2026")
    path = first.app.ws.db.path
    assert lock_path(path).exists()
    dialog_log.answer = True  # "open read-only?"
    second = window_for("sanggau-2026", path=path)
    assert any("sedang dibuka oleh petugas" in text for text in dialog_log.texts("ask"))
    assert second.windowTitle().endswith("(hanya-baca)")
    assert second.app.ws.db.read_only
    second.settings.paper.setCurrentIndex(1)
    second.settings.save_paper()  # any change: refused with the reason, nothing written
    wait_idle(qtbot, second)
    assert any("hanya-baca" in text for text in dialog_log.texts("warn"))
    with closing(sqlite3.connect(path)) as conn, conn:
        assert conn.execute("SELECT count(*) FROM settings WHERE key = 'documents.paper'").fetchone()[0] == 0


def test_closing_after_a_change_backs_up_and_the_dialog_restores(window_for, qtbot, dialog_log):
    window = window_for("sanggau-2026")
    path = window.app.ws.db.path
    intake(qtbot, window)
    window.close()  # the window closes the file: a checked backup, the lock released
    assert not lock_path(path).exists()
    made = [b for b in backups.list_backups(path) if b.kind == "cadangan"]
    assert len(made) == 1 and made[0].cases == 1

    again = window_for("sanggau-2026", path=path)
    intake(qtbot, again, location="Desa Kedua")
    assert _cases(path) == 2
    dialog = BackupsDialog(again.app, again)
    again._dialog(dialog)
    wait_idle(qtbot, again)
    assert dialog.table.rowCount() == 1 and cell_text(dialog.table, 0, 2) == "1"
    said = " ".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())
    assert f"Tempatnya: {made[0].path.parent.absolute()}" in said  # where to find them, in words
    restored: list = []
    dialog.restore_requested.connect(restored.append)
    dialog_log.answer = True  # "restore this backup?"
    dialog.restore()
    assert restored == [made[0].path]  # the controller restores it (next test)


def test_restore_from_the_window_reopens_the_restored_file(window_for, qtbot, dialog_log):
    window = window_for("sanggau-2026")
    path = window.app.ws.db.path
    first = backups.make_backup(path)
    intake(qtbot, window)
    assert _cases(path) == 1
    window.restore_requested.emit(first.path)  # what the dialog's "Pulihkan" leads to
    qtbot.waitUntil(lambda: _cases(path) == 0, timeout=10_000)
    assert any(b.kind == "sebelum-pulih" and b.cases == 1 for b in backups.list_backups(path))


def test_a_damaged_file_after_a_crash_is_set_aside_and_the_backup_offered(
    qt_app, qtbot, dialog_log, templates, tmp_path
):
    path = tmp_path / "kantor.dumas"
    shutil.copyfile(templates["sanggau-2026"], path)
    good = backups.make_backup(path)
    # The program crashed (its lock stayed) and the file was damaged.
    lock_path(path).write_text(
        f'{{"host": "{socket.gethostname()}", "user": "rina", "pid": 999999, "since": "2026-11-20T08:00:00"}}',
        encoding="utf-8",
    )
    content = bytearray(path.read_bytes())
    for page in range(2, len(content) // 4096):
        content[page * 4096 + 100 : page * 4096 + 400] = b"\x00\xff" * 150
    path.write_bytes(bytes(content))
    damaged = bytes(content)

    dialog_log.answer = True  # "restore the newest backup?"
    controller = Controller("petugas")
    try:
        assert controller.open(path)
        asked = dialog_log.texts("ask")[-1]
        assert "rusak" in asked and "dipindahkan" in asked and good.made_at.strftime("%d-%m-%Y") in asked
        aside = [b for b in backups.list_backups(path) if b.kind == "rusak"]
        assert len(aside) == 1 and aside[0].path.read_bytes() == damaged  # set aside untouched
        assert _cases(path) == 0
        wait_idle(qtbot, controller.window)
    finally:
        controller.close_window()
    assert not any(p.name.endswith(".kunci") for p in backups_dir(path).parent.iterdir())


def test_export_and_import_from_the_window(window_for, qtbot, dialog_log, monkeypatch, tmp_path, templates):
    from dumas_desktop.ui import dialogs
    from dumas_desktop.ui.transfer_dialogs import ExportDialog, ImportDialog

    window = window_for("sanggau-2026")
    intake(qtbot, window)
    package = tmp_path / "kantor.dumaspkg"
    monkeypatch.setattr(dialogs, "save_file_name", lambda *args: package)
    export = ExportDialog(window.app, window)
    window._dialog(export)
    export.password.setText("rahasia")
    export.again.setText("rahasia")
    export.export()
    wait_idle(qtbot, window)
    assert package.exists() and "1 pengaduan" in export.outcome.text()

    other = tmp_path / "lain.dumas"
    shutil.copyfile(templates["sanggau-2026"], other)
    second = window_for("sanggau-2026", path=other)
    monkeypatch.setattr(dialogs, "open_file_name", lambda *args: package)
    dialog = ImportDialog(second.app, second)
    second._dialog(dialog)
    dialog.choose()
    dialog.password.setText("salah")
    dialog.run(dry_run=True)
    wait_idle(qtbot, second)
    assert any("Kata sandi salah" in text for text in dialog_log.texts("warn"))
    assert not dialog.import_button.isEnabled()
    dialog.password.setText("rahasia")
    dialog.run(dry_run=True)
    wait_idle(qtbot, second)
    assert "1 pengaduan baru" in dialog.outcome.text() and _cases(other) == 0
    dialog.run(dry_run=False)
    wait_idle(qtbot, second)
    assert "Impor selesai" in dialog.outcome.text() and _cases(other) == 1
    assert second.agenda.model.rowCount() == 1


def test_conflicts_are_compared_and_settled_in_the_window(window_for, qtbot, dialog_log, tmp_path, templates):
    from dumas_desktop.services import transfer
    from dumas_desktop.ui.conflicts_dialog import ConflictsDialog

    home = tmp_path / "kantor.dumas"
    shutil.copyfile(templates["sanggau-2026"], home)
    window = window_for("sanggau-2026", path=home)
    intake(qtbot, window)
    window.close()
    transfer.export_package(home, tmp_path / "ke-laptop.dumaspkg")
    laptop = tmp_path / "laptop.dumas"
    transfer.import_package(
        laptop, tmp_path / "ke-laptop.dumaspkg", admin=transfer.FirstAdmin("kepala", "Kepala", "rahasia-baru-123")
    )
    for path, place in ((home, "Kantor"), (laptop, "Laptop")):
        with closing(sqlite3.connect(path)) as conn, conn:
            conn.execute("UPDATE complaints SET location = ?, revision = revision + 1", (place,))
            conn.execute("UPDATE parties SET position = ? WHERE role = 'respondent'", (f"Anggota PPS ({place})",))
    transfer.export_package(laptop, tmp_path / "kembali.dumaspkg")
    assert transfer.import_package(home, tmp_path / "kembali.dumaspkg").conflicts

    again = window_for("sanggau-2026", path=home)
    dialog = ConflictsDialog(again.app, again)
    again._dialog(dialog)
    wait_idle(qtbot, again)
    assert dialog.list.rowCount() == 1
    detail = dialog.detail
    cells = {cell_text(detail, r, 0): cell_text(detail, r, 2) for r in range(detail.rowCount())}
    assert cells["Lokasi"] == "Laptop"
    respondent = next(label for label in cells if label.endswith(": Jabatan"))
    assert respondent.startswith("Pihak ") and cells[respondent] == "Anggota PPS (Laptop)"  # a record kept with it
    dialog_log.answer = True
    press(qtbot, dialog, "Pakai versi kiriman")
    wait_idle(qtbot, again)
    assert dialog.list.rowCount() == 0
    assert dialog.none.isVisible() and "Tidak ada bentrok impor" in dialog.none.text()
    with closing(sqlite3.connect(home)) as conn:
        assert conn.execute("SELECT location FROM complaints").fetchone()[0] == "Laptop"


def test_damage_found_by_the_check_after_opening(qt_app, qtbot, dialog_log, templates, tmp_path, monkeypatch):
    from dumas_desktop.storage import integrity

    path = tmp_path / "kantor.dumas"
    shutil.copyfile(templates["sanggau-2026"], path)
    good = backups.make_backup(path)
    checked = []

    def damaged(where, started=None):
        checked.append(where)
        raise integrity.DamagedFile("Berkas data kantor.dumas rusak: halaman 7 tidak utuh.")

    monkeypatch.setattr(integrity, "quick_check", damaged)
    dialog_log.answer = False  # do not restore: only set aside
    controller = Controller("petugas")
    try:
        assert controller.open(path)
        qtbot.waitUntil(lambda: controller.window is None, timeout=10_000)
    finally:
        controller.close_window()
    assert checked == [path]
    assert any("halaman 7" in text for text in dialog_log.texts("warn"))
    assert any(good.made_at.strftime("%d-%m-%Y") in text for text in dialog_log.texts("ask"))
    assert not path.exists()  # set aside untouched, never written again
    assert [b.kind for b in backups.list_backups(path)].count("rusak") == 1


def test_with_no_backup_yet_the_dialog_says_so_and_restores_nothing(window_for, qtbot, dialog_log):
    from .person import button, menu, wait_for

    window = window_for("sanggau-2026")
    menu(qtbot, window, "Berkas", "Cadangan dan pemulihan…")
    dialog = wait_for(qtbot, BackupsDialog)
    wait_idle(qtbot, window)
    assert dialog.none.isVisible() and "Belum ada cadangan" in dialog.none.text()
    assert not dialog.table.isVisible()
    assert not button(dialog, "Pulihkan yang dipilih…").isEnabled()
    press(qtbot, dialog, "Buat cadangan sekarang")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: dialog.table.isVisible() and dialog.table.rowCount() == 1, timeout=10_000)
    assert not dialog.none.isVisible()
    assert button(dialog, "Pulihkan yang dipilih…").isEnabled()  # the new backup is chosen
