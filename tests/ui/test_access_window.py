"""The window as different users see it: what a role may not do is shown unavailable with
the reason, the screen locks after idle time keeping what was typed, and the first run
of a file without accounts makes its administrator."""

from __future__ import annotations

import shutil
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton

from dumas_desktop.services import accounts
from dumas_desktop.services.context import Workspace
from dumas_desktop.storage.database import open_database
from dumas_desktop.ui.app import Controller
from dumas_desktop.ui.case_view import CaseView
from dumas_desktop.ui.intake_wizard import IntakeWizard
from dumas_desktop.ui.main_window import MainWindow
from dumas_desktop.ui.runner import OperationRunner
from dumas_desktop.ui.sign_in import FirstAdminDialog, SignInDialog

from .conftest import wait_idle
from .driving import intake, latest
from .person import fill, menu, plain, press, wait_for


def _with_user(templates, tmp_path, username: str, roles: list[str]):
    path = tmp_path / "kantor.dumas"
    shutil.copyfile(templates["sanggau-2026"], path)
    db = open_database(path)
    accounts.add_user(Workspace(db), username, f"Petugas {username}", "kata-sandi-uji", roles)
    db.close()
    return path


def _menu_action(window, text: str):
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.text().replace("&", "") == text:
                return action
    raise AssertionError(f"no menu item {text}")


@pytest.mark.both_backends
def test_a_role_sees_what_it_may_not_do_and_why(window_for, qtbot, dialog_log, templates, tmp_path, monkeypatch):
    path = _with_user(templates, tmp_path, "pengarah", ["pengarah"])
    # The officer receives a case first.
    officer = window_for("sanggau-2026", path=path)
    case_id = intake(qtbot, officer)
    officer.close()
    wait_idle(qtbot, officer)

    monkeypatch.setenv("DUMAS_USER", "pengarah")
    monkeypatch.setenv("DUMAS_PASSWORD", "kata-sandi-uji")
    window = window_for("sanggau-2026", path=path)
    who = [w.text() for w in window.statusBar().findChildren(QLabel)]
    assert any("Petugas pengarah (pengarah)" in text for text in who)
    imports = _menu_action(window, "Impor paket…")
    assert not imports.isEnabled() and "Administrator" in imports.toolTip()
    assert not _menu_action(window, "Pengguna dan peran…").isEnabled()
    notices = [w.text() for w in window.settings.findChildren(QLabel)]
    assert any("hanya dapat diubah oleh Administrator" in text for text in notices)
    window.show_case(case_id)
    view = latest(window, CaseView)
    qtbot.waitUntil(lambda: view.tabs.count() > 0, timeout=10_000)
    assert not view.work.isEnabled()
    assert "Pelaksana" in view.work.toolTip() and "Pengarah" in view.work.toolTip()


@pytest.mark.both_backends
def test_idle_lock_keeps_what_was_typed(window_for, qtbot, dialog_log, templates, tmp_path, monkeypatch):
    path = _with_user(templates, tmp_path, "jaga", ["pelaksana"])
    monkeypatch.setenv("DUMAS_USER", "jaga")
    monkeypatch.setenv("DUMAS_PASSWORD", "kata-sandi-uji")
    window = window_for("sanggau-2026", path=path)
    window.new_complaint()
    wizard = latest(window, IntakeWizard)
    wizard.complaint_page.subject.setText("TPS dibuka terlambat")
    window.lock_requested.emit()
    idle = next(c for c in window.children() if type(c).__name__ == "IdleLock")
    assert idle.locked and idle.screen is not None and idle.screen.isVisible()
    idle.screen.password.setText("salah-sekali")
    idle.screen.unlock()
    qtbot.waitUntil(lambda: "salah" in idle.screen.error.text(), timeout=5_000)
    assert idle.locked
    idle.screen.password.setText("kata-sandi-uji")
    idle.screen.unlock()
    qtbot.waitUntil(lambda: not idle.locked, timeout=5_000)
    assert wizard.isVisible() and wizard.complaint_page.subject.text() == "TPS dibuka terlambat"
    # The idle timer itself locks too.
    idle.timer.setInterval(10)
    idle.timer.start()
    qtbot.waitUntil(lambda: idle.locked, timeout=2_000)
    assert wizard.complaint_page.subject.text() == "TPS dibuka terlambat"
    idle.timer.setInterval(60_000)  # unlocking restarts it: at 10 ms it would lock again at once
    idle.screen.password.setText("kata-sandi-uji")
    idle.screen.unlock()
    qtbot.waitUntil(lambda: not idle.locked, timeout=5_000)
    idle.timer.stop()  # nor over the next test's window


def test_first_run_makes_the_administrator(qt_app, qtbot, dialog_log, templates, tmp_path):
    path = tmp_path / "baru.dumas"
    shutil.copyfile(templates["sanggau-2026"], path)
    import sqlite3

    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM users")
    db = open_database(path)
    runner = OperationRunner(None, dialog_log._crash)
    try:
        dialog = FirstAdminDialog(db, runner)
        dialog.username.setText("kepala")
        dialog.full_name.setText("Kepala Sekretariat")
        dialog.password.setText("sandi-kepala-1")
        dialog.again.setText("sandi-lain-12")
        dialog.submit()
        assert dialog.access is None and "tidak sama" in dialog.error.text()
        dialog.again.setText("sandi-kepala-1")
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.access is not None, timeout=5_000)
        assert _access_of(dialog).is_admin
        signing = SignInDialog(db, "KPU Kabupaten Sanggau", runner)
        signing.username.setText("kepala")
        signing.password.setText("keliru-123")
        signing.submit()
        qtbot.waitUntil(lambda: not signing.busy, timeout=5_000)
        assert signing.access is None and "salah" in signing.error.text() and signing.username.text() == "kepala"
        signing.password.setText("sandi-kepala-1")
        signing.submit()
        qtbot.waitUntil(lambda: signing.access is not None, timeout=5_000)
        assert _access_of(signing).username == "kepala"
    finally:
        runner.shutdown()
        db.close()


def test_giving_up_signing_in_leaves_the_file_closed(qt_app, dialog_log, templates, tmp_path, monkeypatch):
    path = tmp_path / "kantor.dumas"
    shutil.copyfile(templates["sanggau-2026"], path)
    monkeypatch.delenv("DUMAS_USER")
    monkeypatch.setattr(SignInDialog, "exec", lambda self: 0)
    controller = Controller("petugas")
    assert not controller.open(path)
    assert controller.window is None and controller.lock is None
    assert not path.with_name(path.name + ".kunci").exists()


def test_an_outcome_decided_by_another_role_is_shown_unavailable(
    window_for, qtbot, dialog_log, templates, tmp_path, monkeypatch
):
    from .driving import CLASSIFIED, COMPLETE, DISPOSITION, INCOMPLETE, WORKSHEET, do_step, open_step
    from .officer import finish_step
    from .person import button, choose, enter

    path = _with_user(templates, tmp_path, "verifikator", ["tim_verifikator"])
    officer = window_for("sanggau-2026", path=path)
    case_id = intake(qtbot, officer)
    do_step(qtbot, officer, case_id, {**CLASSIFIED, **DISPOSITION})
    officer.close()
    wait_idle(qtbot, officer)

    monkeypatch.setenv("DUMAS_USER", "verifikator")
    monkeypatch.setenv("DUMAS_PASSWORD", "kata-sandi-uji")
    window = window_for("sanggau-2026", path=path)
    wizard = open_step(qtbot, window, case_id)
    assert button(wizard, COMPLETE).isEnabled()
    refused = button(wizard, f"{INCOMPLETE} — diputuskan peran lain")
    assert not refused.isEnabled() and "Penanggung Jawab" in refused.toolTip()
    for label, value in {**WORKSHEET, "Hasil telaah": "Lengkap"}.items():
        enter(qtbot, wizard, label, value)
    choose(qtbot, wizard, COMPLETE)
    finish_step(qtbot, window, wizard, dialog_log, go_on=False)
    assert not wizard.isVisible()


def test_another_person_takes_over_the_pc(qt_app, qtbot, dialog_log, templates, tmp_path, monkeypatch):
    path = _with_user(templates, tmp_path, "pengarah", ["pengarah"])

    def type_in(dialog: SignInDialog) -> int:
        dialog.username.setText("pengarah")
        dialog.password.setText("kata-sandi-uji")
        dialog.submit()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=5_000)
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", type_in)
    controller = Controller("petugas")
    assert controller.open(path)  # signed in by the variables, as the administrator
    first = controller.window
    assert first is not None
    wait_idle(qtbot, first)
    assert first.app.ws.access.username == "admin"
    first.switch_user_requested.emit()
    qtbot.waitUntil(lambda: controller.window is not None and controller.window is not first, timeout=10_000)
    window = controller.window
    assert window is not None
    wait_idle(qtbot, window)
    assert window.app.ws.access.username == "pengarah"  # the dialog was asked, not the variables
    controller.close_window()


def test_an_unfinished_form_is_offered_back_to_its_own_user_only(
    qt_app, qtbot, dialog_log, templates, tmp_path, monkeypatch
):
    """A draft may hold a confidential reporter's name: the next person on this PC is not
    offered it, the person who typed it is."""
    path = _with_user(templates, tmp_path, "pengarah", ["pengarah"])
    who = {"username": "pengarah", "password": "kata-sandi-uji"}

    def type_in(dialog: SignInDialog) -> int:
        dialog.username.setText(who["username"])
        dialog.password.setText(who["password"])
        dialog.submit()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=5_000)
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", type_in)
    controller = Controller("petugas")
    assert controller.open(path)  # the administrator, from the variables
    first = controller.window
    assert first is not None
    wait_idle(qtbot, first)
    first.new_complaint()
    typed = latest(first, IntakeWizard)
    typed.reporter_page.name.setText("Pelapor Rahasia")
    typed.reject()  # kept as a draft

    def take_over() -> MainWindow:
        before = controller.window
        assert before is not None
        before.switch_user_requested.emit()
        qtbot.waitUntil(lambda: controller.window is not None and controller.window is not before, timeout=10_000)
        after = controller.window
        assert after is not None
        wait_idle(qtbot, after)
        return after

    dialog_log.answer = True  # would take a draft if one were offered
    window = take_over()
    assert window.app.ws.access.username == "pengarah"
    asked = len(dialog_log.texts("ask"))
    window.new_complaint()
    other = latest(window, IntakeWizard)
    assert other.reporter_page.name.text() == ""
    assert len(dialog_log.texts("ask")) == asked  # not even asked
    other.reject()

    who.update(username="admin", password="dumas-demo")
    window = take_over()
    assert window.app.ws.access.username == "admin"
    window.new_complaint()
    mine = latest(window, IntakeWizard)
    assert any("draf" in text.lower() for text in dialog_log.texts("ask")[asked:])
    assert mine.reporter_page.name.text() == "Pelapor Rahasia"
    mine.reject()
    controller.close_window()


def test_drafts_from_before_accounts_go_to_an_administrator(tmp_path):
    from dumas_desktop.domain.access import ADMIN, SYSTEM, Access
    from dumas_desktop.ui.drafts import DraftStore

    data = tmp_path / "kantor.dumas"
    DraftStore(tmp_path, data, SYSTEM).save("penerimaan", {"name": "Pelapor Lama"})
    officer = DraftStore(tmp_path, data, Access("pengarah", "Pengarah", frozenset({"pengarah"})))
    admin = DraftStore(tmp_path, data, Access("admin", "Admin", frozenset({ADMIN})))
    assert officer.load("penerimaan") is None
    assert admin.load("penerimaan") == {"name": "Pelapor Lama"}
    admin.discard("penerimaan")
    assert DraftStore(tmp_path, data, SYSTEM).load("penerimaan") is None


def test_the_export_dialog_says_what_leaving_identities_out_does(
    window_for, qtbot, dialog_log, templates, tmp_path, monkeypatch
):
    from dumas_desktop.ui.transfer_dialogs import ExportDialog

    path = _with_user(templates, tmp_path, "pengarah", ["pengarah"])
    first = window_for("sanggau-2026", path=path)
    admin = ExportDialog(first.app)
    assert admin.anonymous.isEnabled() and not admin.anonymous.isChecked()
    assert "[dirahasiakan]" in admin.anonymous.toolTip()
    admin.close()
    first.close()
    wait_idle(qtbot, first)
    monkeypatch.setenv("DUMAS_USER", "pengarah")
    monkeypatch.setenv("DUMAS_PASSWORD", "kata-sandi-uji")
    director = ExportDialog(window_for("sanggau-2026", path=path).app)
    assert director.anonymous.isChecked() and not director.anonymous.isEnabled()
    assert "selalu tanpa identitas" in director.anonymous.toolTip()
    director.close()


@pytest.mark.parametrize("role", ["pelaksana", "tim_verifikator", "tim_telaah", "penanggung_jawab", "pengarah"])
def test_no_sop_role_finds_an_administrator_action_in_the_window(
    role, window_for, qtbot, dialog_log, templates, tmp_path, monkeypatch
):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from dumas_desktop.storage import backups
    from dumas_desktop.ui.backups_dialog import BackupsDialog

    path = _with_user(templates, tmp_path, f"{role}2", [role])
    made = backups.make_backup(path)
    monkeypatch.setenv("DUMAS_USER", f"{role}2")
    monkeypatch.setenv("DUMAS_PASSWORD", "kata-sandi-uji")
    window = window_for("sanggau-2026", path=path)
    before = path.read_bytes()
    for item in ("Impor paket…", "Pengguna dan peran…"):
        action = _menu_action(window, item)
        assert not action.isEnabled() and "Administrator" in action.toolTip(), item
    _menu_action(window, "Cadangan dan pemulihan…").trigger()
    dialog = next(w for w in window.findChildren(BackupsDialog))
    button = next(b for b in dialog.findChildren(QPushButton) if b.text().replace("&", "") == "Pulihkan yang dipilih…")
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=10_000)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not button.isEnabled() and "Administrator" in button.toolTip()
    dialog.close()
    # Even when asked for past the menu, the service refuses and the file stays open as it was.
    window.restore_requested.emit(made.path)
    assert any("Administrator" in text for text in dialog_log.texts("warn"))
    wait_idle(qtbot, window)
    assert window.app.ws.db.path == path and not window.app.ws.db.read_only
    assert path.read_bytes() == before


def _access_of(dialog: Any) -> Any:
    """The dialog's result, read afresh (a check before it was there narrowed it to None)."""
    assert dialog.access is not None
    return dialog.access


def _on_sign_in(qtbot, act, kind: type[QDialog] = SignInDialog) -> dict[str, object]:
    """`act` on the sign-in dialog once it is on screen, as the person in front of it."""
    seen: dict[str, object] = {}

    def when_shown() -> None:
        dialog = wait_for(qtbot, kind)
        QTimer.singleShot(8000, dialog.reject)  # never left hanging if a step went astray
        seen["buttons"] = {plain(b.text()) for b in dialog.findChildren(QPushButton) if b.isVisible()}
        seen["heading"] = [label.text() for label in dialog.findChildren(QLabel)]
        # What the empty window behind the dialog says meanwhile.
        seen["frame"] = [
            w.statusBar().currentMessage() for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)
        ]
        act(dialog)

    QTimer.singleShot(300, when_shown)
    return seen


def test_leaving_the_sign_in_at_start_says_the_program_closes(
    qt_app, qtbot, dialog_log, templates, tmp_path, monkeypatch
):
    path = tmp_path / "kantor.dumas"
    shutil.copyfile(templates["sanggau-2026"], path)
    monkeypatch.delenv("DUMAS_USER")
    seen = _on_sign_in(qtbot, lambda dialog: press(qtbot, dialog, "Keluar dari program"))
    controller = Controller("petugas")
    assert not controller.open(path)  # run() then ends the program
    assert {"Masuk", "Keluar dari program"} <= seen["buttons"], seen  # type: ignore[operator]
    assert "Batal" not in seen["buttons"]  # type: ignore[operator]
    assert seen["frame"] == ["Menunggu masuk: nama pengguna dan kata sandi."], seen
    assert "Masuk ke berkas data Komisi Pemilihan Umum Kabupaten Sanggau." in seen["heading"], seen  # type: ignore[operator]
    assert controller.window is None


def test_leaving_the_first_run_says_the_program_closes(qt_app, qtbot, dialog_log, templates, tmp_path):
    path = tmp_path / "baru.dumas"
    shutil.copyfile(templates["sanggau-2026"], path)
    import sqlite3

    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM users")
    conn.close()
    seen = _on_sign_in(qtbot, lambda dialog: press(qtbot, dialog, "Keluar dari program"), FirstAdminDialog)
    controller = Controller("petugas")
    assert not controller.open(path)
    assert "Keluar dari program" in seen["buttons"], seen  # type: ignore[operator]


def test_leaving_the_sign_in_for_another_file_keeps_the_window(
    window_for, qtbot, dialog_log, templates, tmp_path, monkeypatch
):
    window = window_for("sanggau-2026")
    other = tmp_path / "lain.dumas"
    shutil.copyfile(templates["sanggau-2026"], other)
    monkeypatch.delenv("DUMAS_USER")
    seen = _on_sign_in(qtbot, lambda dialog: press(qtbot, dialog, "Batal"))
    window.open_file.emit(other)  # as from Berkas → Buka berkas data lain…
    assert "Batal" in seen["buttons"] and "Keluar dari program" not in seen["buttons"], seen  # type: ignore[operator]
    assert window.isVisible() and window.app.ws.db.path.name != other.name


def test_switching_user_says_leaving_closes_the_program(qt_app, qtbot, dialog_log, templates, tmp_path):
    path = _with_user(templates, tmp_path, "pengarah", ["pengarah"])
    controller = Controller("petugas")
    assert controller.open(path)  # the administrator, from the variables
    first = controller.window
    assert first is not None
    wait_idle(qtbot, first)

    def type_in(dialog: SignInDialog) -> None:
        fill(qtbot, dialog, "Nama pengguna", "pengarah")
        fill(qtbot, dialog, "Kata sandi", "kata-sandi-uji")
        press(qtbot, dialog, "Masuk")

    seen = _on_sign_in(qtbot, type_in)
    menu(qtbot, first, "Berkas", "Ganti pengguna…")
    qtbot.waitUntil(lambda: controller.window is not None and controller.window is not first, timeout=10_000)
    window = controller.window
    assert window is not None
    wait_idle(qtbot, window)
    assert "Keluar dari program" in seen["buttons"], seen  # type: ignore[operator]
    assert window.app.ws.access.username == "pengarah"
    controller.close_window()
