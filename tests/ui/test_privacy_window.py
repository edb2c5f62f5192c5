"""Privacy in the window: the lock screen covers every window of the program (the agenda
book, an open wizard) so nothing behind it can be read, and shows them again as they were
after unlock; a failed unlock is recorded; exporting identities without a password asks
first, and the choice is recorded."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton

from dumas_desktop.services import audit_log
from dumas_desktop.services.context import Workspace
from dumas_desktop.storage.database import open_database
from dumas_desktop.ui.intake_wizard import IntakeWizard
from dumas_desktop.ui.sign_in import COVER_COLOR, LOCKED_TITLE, LockScreen

from .conftest import wait_idle
from .driving import intake, latest
from .test_access_window import _menu_action, _with_user

PASSWORD = "kata-sandi-uji"


def _colours(image: QImage) -> set[str]:
    """The colours of a grid of points over the whole picture of a window."""
    step_x, step_y = max(1, image.width() // 40), max(1, image.height() // 40)
    return {
        QColor(image.pixel(x, y)).name()
        for x in range(0, image.width(), step_x)
        for y in range(0, image.height(), step_y)
    }


def _lock_screen() -> LockScreen:
    screens = [w for w in QApplication.topLevelWidgets() if isinstance(w, LockScreen) and w.isVisible()]
    assert len(screens) == 1
    return screens[0]


def _unlocked() -> bool:
    return not any(isinstance(w, LockScreen) and w.isVisible() for w in QApplication.topLevelWidgets())


def _field(dialog, label: str):
    from PySide6.QtWidgets import QFormLayout

    for form in dialog.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel) and widget.text().replace("&", "") == label:
                return form.itemAt(row, QFormLayout.ItemRole.FieldRole).widget()
    raise AssertionError(f"no field {label}")


def _button(widget, text: str) -> QPushButton:
    found = [b for b in widget.findChildren(QPushButton) if b.text().replace("&", "") == text]
    assert found, text
    return found[0]


def _signed_in_window(window_for, templates, tmp_path, monkeypatch):
    """The window of an office file with an account, signed in as its officer "jaga"."""
    path = _with_user(templates, tmp_path, "jaga", ["pelaksana"])
    monkeypatch.setenv("DUMAS_USER", "jaga")
    monkeypatch.setenv("DUMAS_PASSWORD", PASSWORD)
    return window_for("sanggau-2026", path=path)


def test_the_lock_screen_hides_every_window_until_unlocked(
    window_for, qtbot, dialog_log, templates, tmp_path, monkeypatch
):
    window = _signed_in_window(window_for, templates, tmp_path, monkeypatch)
    intake(qtbot, window)
    window.resize(900, 600)
    window.show()
    window.new_complaint()
    wizard = latest(window, IntakeWizard)
    qtbot.keyClicks(wizard.complaint_page.subject, "TPS dibuka terlambat")
    qtbot.waitUntil(lambda: window.agenda.model.rowCount() == 1, timeout=10_000)
    agenda_title, wizard_title = window.windowTitle(), wizard.windowTitle()
    before = _colours(window.grab().toImage())
    assert len(before) > 3  # the agenda book, its text and lines, are there to be seen

    _menu_action(window, "Kunci layar").trigger()
    screen = _lock_screen()
    for shown in (window, wizard):
        picture = _colours(shown.grab().toImage())
        assert picture == {QColor(COVER_COLOR).name()}, picture  # one plain sheet, no text at all
        assert shown.windowTitle() == LOCKED_TITLE
    # A wrong password keeps everything covered, and is recorded.
    qtbot.keyClicks(screen.findChild(QLineEdit), "salah-sekali")
    _button(screen, "Buka kunci").click()
    qtbot.waitUntil(lambda: "salah" in " ".join(label.text() for label in screen.findChildren(QLabel)), timeout=5_000)
    assert _colours(window.grab().toImage()) == {QColor(COVER_COLOR).name()}

    qtbot.keyClicks(screen.findChild(QLineEdit), PASSWORD)
    _button(screen, "Buka kunci").click()
    qtbot.waitUntil(_unlocked, timeout=5_000)
    qtbot.wait(20)
    assert _colours(window.grab().toImage()) == before
    assert window.windowTitle() == agenda_title and wizard.windowTitle() == wizard_title
    assert wizard.isVisible() and wizard.complaint_page.subject.text() == "TPS dibuka terlambat"
    actions = [r.action for r in audit_log.entries(window.app.ws)]
    assert actions[:2] == ["kunci_layar_dibuka", "buka_kunci_gagal"]


def test_a_window_opened_while_locked_is_covered_too(window_for, qtbot, dialog_log, templates, tmp_path, monkeypatch):
    window = _signed_in_window(window_for, templates, tmp_path, monkeypatch)
    _menu_action(window, "Kunci layar").trigger()
    screen = _lock_screen()
    _menu_action(window, "Jejak audit…").trigger()  # as a task finishing under the lock might open one
    audit = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowTitle() == LOCKED_TITLE]
    assert window in audit and len(audit) == 2
    other = next(w for w in audit if w is not window)
    assert _colours(other.grab().toImage()) == {QColor(COVER_COLOR).name()}
    qtbot.keyClicks(screen.findChild(QLineEdit), PASSWORD)
    _button(screen, "Buka kunci").click()
    qtbot.waitUntil(lambda: other.windowTitle() != LOCKED_TITLE, timeout=5_000)
    other.close()


@pytest.mark.both_backends
def test_exporting_identities_without_a_password_asks_and_the_choice_is_recorded(
    window_for, qtbot, dialog_log, monkeypatch, tmp_path
):
    from dumas_desktop.ui import dialogs

    window = window_for("sanggau-2026")
    intake(qtbot, window)
    package = tmp_path / "kantor.dumaspkg"
    monkeypatch.setattr(dialogs, "save_file_name", lambda *args: package)
    _menu_action(window, "Ekspor ke paket…").trigger()
    export = next(w for w in window.windows if w.windowTitle() == "Ekspor ke paket")
    dialog_log.shown.clear()  # the intake's own question
    dialog_log.answer = False
    _button(export, "Pilih tempat dan ekspor…").click()
    wait_idle(qtbot, window)
    asked = dialog_log.texts("ask")
    assert len(asked) == 1 and "tidak diberi kata sandi" in asked[0] and "dicatat" in asked[0]
    assert not package.exists()
    dialog_log.answer = True
    _button(export, "Pilih tempat dan ekspor…").click()
    wait_idle(qtbot, window)
    assert package.exists()
    recorded = audit_log.entries(window.app.ws, audit_log.AuditFilter(action="paket_diekspor"))
    assert len(recorded) == 1 and "tanpa kata sandi atas pilihan pengekspor: ya" in recorded[0].details
    # With a password, or without identities, nothing is asked.
    package.unlink()
    qtbot.keyClicks(_field(export, "Kata sandi"), "rahasia-1")
    qtbot.keyClicks(_field(export, "Ulangi kata sandi"), "rahasia-1")
    _button(export, "Pilih tempat dan ekspor…").click()
    wait_idle(qtbot, window)
    assert len(dialog_log.texts("ask")) == 2 and package.exists()
    locked = audit_log.entries(window.app.ws, audit_log.AuditFilter(action="paket_diekspor"))[0]
    assert "berkata sandi: ya" in locked.details and "tanpa kata sandi" not in locked.details


@pytest.mark.both_backends
def test_the_audit_viewer_hides_a_confidential_reporter_from_a_role_that_need_not_know(
    window_for, qtbot, dialog_log, templates, tmp_path, monkeypatch
):
    from datetime import datetime

    from dumas_desktop.services import intake as intake_service
    from dumas_desktop.services.intake import EvidenceInput

    from ..builders import acting, complaint, reporter

    path = _with_user(templates, tmp_path, "pengarah", ["pengarah"])
    db = open_database(path)
    intake_service.receive(
        acting(Workspace(db), "pelaksana"),
        complaint(
            datetime(2026, 3, 2, 9, 0),
            reporter=reporter(confidentiality="seluruh"),
            evidence=(EvidenceInput("ktp-maria-goreti.jpg", b"\xff\xd8\xff\xe0 ktp"),),
        ),
        confirmations={"buku_tamu"},
    )
    db.close()

    def shown(window) -> str:
        _menu_action(window, "Jejak audit…").trigger()
        viewer = next(w for w in window.windows if w.windowTitle() == "Jejak audit")
        _button(viewer, "Tampilkan").click()
        wait_idle(qtbot, window)
        table = viewer.table
        assert table.rowCount() > 0
        return "\n".join(
            table.item(r, c).text()
            for r in range(table.rowCount())
            for c in range(table.columnCount())
            if table.item(r, c)
        )

    admin = window_for("sanggau-2026", path=path)
    everything = shown(admin)  # the demo administrator holds every role
    admin.close()
    wait_idle(qtbot, admin)
    assert "Maria Goreti Lestari" in everything and "ktp-maria-goreti.jpg" in everything
    monkeypatch.setenv("DUMAS_USER", "pengarah")
    monkeypatch.setenv("DUMAS_PASSWORD", PASSWORD)
    director = shown(window_for("sanggau-2026", path=path))
    assert "Pengaduan diterima" in director
    for secret in ("Maria", "Goreti", "ktp-maria-goreti.jpg", "Yohanes Bilung", "ketidaknetralan"):
        assert secret not in director, secret


def test_backups_and_restores_from_the_window_are_recorded(window_for, qtbot, dialog_log):
    from dumas_desktop.storage import backups

    window = window_for("sanggau-2026")
    path = window.app.ws.db.path
    _menu_action(window, "Cadangan dan pemulihan…").trigger()
    dialog = next(w for w in window.windows if w.windowTitle().startswith("Cadangan"))
    _button(dialog, "Buat cadangan sekarang").click()
    wait_idle(qtbot, window)
    made = audit_log.entries(window.app.ws, audit_log.AuditFilter(action="cadangan_dibuat"))
    assert len(made) == 1 and "otomatis: tidak" in made[0].details
    assert made[0].actor == window.app.ws.actor
    intake(qtbot, window)
    qtbot.wait(1_100)  # backups are named to the second
    window.close()  # a change, then closing: the automatic backup
    assert dialog_log.texts("warn") == []
    db = open_database(path)
    try:
        made = audit_log.entries(Workspace(db), audit_log.AuditFilter(action="cadangan_dibuat"))
    finally:
        db.close()
    assert len(made) == 2 and "otomatis: ya" in made[0].details

    again = window_for("sanggau-2026", path=path)
    first = next(b for b in reversed(backups.list_backups(path)) if b.kind == "cadangan")
    again.restore_requested.emit(first.path)  # what the dialog's "Pulihkan" leads to
    # The restored file says it was restored, then the reopened window's sign-in follows.
    qtbot.waitUntil(lambda: [a for a, _ in _newest(path)] == ["pengguna_masuk", "cadangan_dipulihkan"], timeout=10_000)
    assert first.path.name in _newest(path)[1][1]


def _newest(path) -> list[tuple[str, str]]:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT action, after FROM audit_log ORDER BY id DESC LIMIT 2").fetchall()


def test_a_wrong_password_typed_at_the_lock_and_enter_counts_once(
    window_for, qtbot, dialog_log, templates, tmp_path, monkeypatch
):
    from PySide6.QtCore import Qt

    from dumas_desktop.services import audit_log

    window = _signed_in_window(window_for, templates, tmp_path, monkeypatch)
    _menu_action(window, "Kunci layar").trigger()
    screen = _lock_screen()
    assert "karena tidak dipakai" not in " ".join(label.text() for label in screen.findChildren(QLabel))
    field = screen.findChild(QLineEdit)
    qtbot.keyClicks(field, "salah-sekali")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.keyClick(field, Qt.Key.Key_Return)  # impatient: the password is still being checked
    assert not _button(screen, "Buka kunci").isEnabled()

    def texts() -> str:
        return " ".join(label.text() for label in screen.findChildren(QLabel))

    assert "Memeriksa kata sandi" in texts()
    qtbot.waitUntil(lambda: "Kata sandi salah." in texts(), timeout=5_000)
    assert "Nama pengguna" not in texts() and _button(screen, "Buka kunci").isEnabled()
    qtbot.keyClicks(field, PASSWORD)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(_unlocked, timeout=5_000)
    failed = audit_log.entries(window.app.ws, audit_log.AuditFilter(action="buka_kunci_gagal"))
    assert len(failed) == 1


def test_ctrl_l_typed_in_an_open_wizard_locks_every_window(
    window_for, qtbot, dialog_log, templates, tmp_path, monkeypatch
):
    from .person import keys

    window = _signed_in_window(window_for, templates, tmp_path, monkeypatch)
    keys(qtbot, window, "Ctrl+N")
    wizard = latest(window, IntakeWizard)
    qtbot.waitUntil(wizard.isVisible, timeout=5_000)
    keys(qtbot, wizard, "Ctrl+L")  # typed in the wizard, not in the main window
    screen = _lock_screen()
    for shown in (window, wizard):
        assert _colours(shown.grab().toImage()) == {QColor(COVER_COLOR).name()}
    qtbot.keyClicks(screen.findChild(QLineEdit), PASSWORD)
    _button(screen, "Buka kunci").click()
    qtbot.waitUntil(_unlocked, timeout=5_000)
    assert wizard.isVisible()
