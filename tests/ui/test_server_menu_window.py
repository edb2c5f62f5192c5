"""A window on the office's server (a real PostgreSQL server, tests/postgres.py), driven
as the office's administrator does: the Berkas menu's backup, export and import work on
the server itself, and a password the server refuses is asked again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from dumas_desktop.cli import main
from dumas_desktop.services.demo import make_demo
from dumas_desktop.storage.integrity import check_file, check_server
from dumas_desktop.storage.server import ServerAddress
from dumas_desktop.ui import dialogs
from dumas_desktop.ui.app import Controller
from dumas_desktop.ui.backups_dialog import BackupsDialog
from dumas_desktop.ui.server_dialog import ServerPasswordDialog
from dumas_desktop.ui.transfer_dialogs import ExportDialog, ImportDialog

from .conftest import wait_idle
from .driving import intake_case
from .officer import TIMEOUT
from .person import fill, menu, plain, press, wait_for


@pytest.fixture
def on_server(qt_app, qtbot, dialog_log, pg_database) -> Iterator:
    controllers: list[Controller] = []

    def open_window(address: ServerAddress | None = None):
        address = address or pg_database()
        assert isinstance(address, ServerAddress)
        controller = Controller("petugas")
        controllers.append(controller)
        if not controller.open(address):  # type: ignore[arg-type]  # --data names a file or a server
            return address, None
        wait_idle(qtbot, controller.window)
        return address, controller.window

    yield open_window
    for controller in controllers:
        if controller.window is not None:
            wait_idle(qtbot, controller.window)
            controller.close_window()


def _package_of_another_office(tmp_path: Path) -> Path:
    source = tmp_path / "provinsi.dumas"
    make_demo(source, 3, "sumbar-2022", seed=11, now=datetime(2026, 5, 4, 9, 0))  # another office: its own numbers
    package = tmp_path / "provinsi.dumaspkg"
    assert main(["export", "--data", str(source), "--out", str(package), "--without-identities"]) == 0
    return package


def test_backup_export_and_import_from_the_berkas_menu_work_on_the_server(
    on_server, qtbot, dialog_log, tmp_path, monkeypatch
):
    address, window = on_server()
    intake_case(qtbot, window)

    backup = tmp_path / "server-kantor.dumas"
    monkeypatch.setattr(dialogs, "save_file_name", lambda *args: backup)
    menu(qtbot, window, "Berkas", "Cadangan dan pemulihan…")
    keeping = wait_for(qtbot, BackupsDialog)
    press(qtbot, keeping, "Buat cadangan server…")
    qtbot.waitUntil(lambda: "Cadangan server dibuat dan diperiksa" in keeping.none.text(), timeout=TIMEOUT)
    made = check_file(backup)
    assert made.ok and made.cases == 1
    keeping.close()

    package = tmp_path / "server-kantor.dumaspkg"
    monkeypatch.setattr(dialogs, "save_file_name", lambda *args: package)
    menu(qtbot, window, "Berkas", "Ekspor ke paket…")
    export = wait_for(qtbot, ExportDialog)
    fill(qtbot, export, "Kata sandi", "sandi-flashdisk")
    fill(qtbot, export, "Ulangi kata sandi", "sandi-flashdisk")
    press(qtbot, export, "Pilih tempat dan ekspor…")
    qtbot.waitUntil(lambda: "Paket tersimpan dan diperiksa" in export.outcome.text(), timeout=TIMEOUT)
    assert "1 pengaduan" in export.outcome.text() and package.exists()
    export.close()

    incoming = _package_of_another_office(tmp_path)
    monkeypatch.setattr(dialogs, "open_file_name", lambda *args: incoming)
    menu(qtbot, window, "Berkas", "Impor paket…")
    importing = wait_for(qtbot, ImportDialog)
    press(qtbot, importing, "Pilih paket…")
    press(qtbot, importing, "Periksa")
    qtbot.waitUntil(
        lambda: "Bila diimpor" in importing.outcome.text() or bool(dialog_log.texts("warn")), timeout=TIMEOUT
    )
    assert not dialog_log.texts("warn")
    assert "3 pengaduan baru" in importing.outcome.text()
    assert window.agenda.model.rowCount() == 1  # checking changed nothing
    press(qtbot, importing, "Impor")
    qtbot.waitUntil(lambda: "Impor selesai" in importing.outcome.text(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: window.agenda.model.rowCount() == 4, timeout=TIMEOUT)
    importing.close()
    assert not dialog_log.texts("warn")
    report = check_server(address)
    assert report.ok, report.problems
    assert report.cases == 4


PASSWORD_ROLE = "dumas_bersandi"
RIGHT_PASSWORD = "sandi-server-benar"


@pytest.fixture
def password_server(pg_server, pg_database) -> ServerAddress:
    """A role the server asks a password of (the test server otherwise trusts loopback),
    with the program's privileges."""
    address = pg_database()
    with pg_server.admin() as conn:
        hba = Path(conn.execute("SHOW hba_file").fetchone()[0])
        rule = f"host all {PASSWORD_ROLE} 127.0.0.1/32 scram-sha-256\n"
        try:
            text = hba.read_text(encoding="utf-8")
            if rule not in text:
                hba.write_text(rule + text, encoding="utf-8")  # the first matching line wins
        except OSError as exc:
            pytest.skip(f"the server's pg_hba.conf cannot be changed here: {exc}")
        conn.execute("SELECT pg_reload_conf()")
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (PASSWORD_ROLE,)).fetchone() is None:
            conn.execute(f"CREATE ROLE {PASSWORD_ROLE} LOGIN IN ROLE {address.user}")
        conn.execute(f"ALTER ROLE {PASSWORD_ROLE} PASSWORD '{RIGHT_PASSWORD}'")
    return ServerAddress(PASSWORD_ROLE, address.host, address.port, address.database)


def test_a_password_the_server_refuses_is_asked_again(
    on_server, password_server, qtbot, dialog_log, monkeypatch, memory_keyring, caplog
):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent/pgpass")
    told: list[str] = []

    def type_in(dialog: ServerPasswordDialog) -> int:  # the modal dialog, answered as a person would
        dialog.show()
        told.append(plain(dialog.findChildren(type(dialog.error))[0].text()))
        for attempt in ("sandi-lama", RIGHT_PASSWORD):
            fill(qtbot, dialog, "Kata sandi", attempt)
            press(qtbot, dialog, "Sambung")
            qtbot.waitUntil(lambda: not dialog.busy, timeout=TIMEOUT)
            if dialog.result():
                break
            told.append(dialog.error.text())
        return dialog.result()

    monkeypatch.setattr(ServerPasswordDialog, "exec", type_in)
    address, window = on_server(password_server)
    assert window is not None, dialog_log.shown
    assert window.statusBar().currentMessage() == str(address)
    assert "menolak pengguna dumas_bersandi" in told[-1]  # the wrong one was said, then asked again
    assert not dialog_log.texts("warn")
    assert RIGHT_PASSWORD not in caplog.text and RIGHT_PASSWORD not in str(address)

    # Giving up at the password leaves nothing open and says nothing more.
    monkeypatch.setattr(ServerPasswordDialog, "exec", lambda dialog: 0)
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT)
    _, second = on_server(password_server)
    assert second is None and not dialog_log.texts("warn")


def test_a_server_of_an_older_program_is_refused_with_the_command_to_run(on_server, pg_server, pg_database, dialog_log):
    from dumas_desktop.storage.database import SCHEMA_REVISIONS

    from ..postgres import downgrade

    older = SCHEMA_REVISIONS[-2]  # the server as the previous program left it
    address = pg_database()
    downgrade(pg_server.address(address.database), older)  # as the database's owner
    _, window = on_server(address)
    assert window is None
    said = dialog_log.texts("warn")[-1]
    assert f"versi program yang lebih lama (skema {older}" in said
    assert f"dumas-desktop server upgrade --data postgresql://PEMILIK@{address.host}:{address.port}/" in said
