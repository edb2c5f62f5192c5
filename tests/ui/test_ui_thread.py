"""Nothing slow runs on the UI thread: while Argon2 checks a password, a 50 MB scan is read,
hashed and stored, or the window closes with its backup, a timer on the UI thread keeps
ticking every 10 ms. Were the work on the UI thread, the longest gap between two ticks
would be the whole of it (Argon2 alone takes about 200 ms here)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QTableWidget

from dumas_desktop.services import audit_log
from dumas_desktop.storage import backups
from dumas_desktop.storage.database import open_database
from dumas_desktop.ui import dialogs
from dumas_desktop.ui.app import Controller
from dumas_desktop.ui.documents_panel import DocumentsDialog
from dumas_desktop.ui.sign_in import SignInDialog

from .conftest import wait_idle
from .officer import close_other_windows, record_complaint, select_in_agenda
from .person import TIMEOUT, button, cell_text, field, keys, menu, newest, press, table_row, wait_for

STALL_MS = 100  # well under what any of the three takes when it blocks


class Ticks:
    """A timer on the UI thread; its longest gap is the longest stall of the thread."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(lambda: self.times.append(time.perf_counter()))

    def __enter__(self) -> Ticks:
        self.times = [time.perf_counter()]
        self.timer.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.timer.stop()
        self.times.append(time.perf_counter())

    def cut(self, end: float) -> None:
        """Only up to `end`: what came after is other work's."""
        self.times = [t for t in self.times if t < end] + [end]

    @property
    def longest_ms(self) -> float:
        return max(b - a for a, b in zip(self.times, self.times[1:], strict=False)) * 1000

    @property
    def elapsed_ms(self) -> float:
        return (self.times[-1] - self.times[0]) * 1000

    def assert_free(self, what: str) -> None:
        print(f"{what}: {self.elapsed_ms:.0f} ms, longest UI-thread gap {self.longest_ms:.1f} ms")
        # The work itself must have taken long enough for a stall to show, else nothing was proven.
        assert self.elapsed_ms > 2 * self.longest_ms, f"{what}: {self.elapsed_ms:.0f} ms, gap {self.longest_ms:.0f}"
        assert self.longest_ms < STALL_MS, f"{what}: the UI thread stood still for {self.longest_ms:.0f} ms"


def test_signing_in_checks_the_password_off_the_ui_thread(qt_app, qtbot, dialog_log, templates, tmp_path, monkeypatch):
    path = tmp_path / "kantor.dumas"
    shutil.copyfile(templates["sanggau-2026"], path)
    monkeypatch.delenv("DUMAS_USER")
    seen: dict[str, Any] = {}

    def type_in() -> None:
        dialog = newest(SignInDialog)
        QTimer.singleShot(20_000, dialog.reject)  # never left hanging if typing went astray
        qtbot.keyClicks(field(dialog, "Nama pengguna"), "admin")
        password = field(dialog, "Kata sandi")
        qtbot.keyClicks(password, "keliru-sekali")
        with Ticks() as wrong:
            qtbot.keyClick(password, Qt.Key.Key_Return)
            qtbot.keyClick(password, Qt.Key.Key_Return)  # impatient: one try all the same
            seen["waiting"] = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible()]
            seen["ok while checking"] = button(dialog, "Masuk").isEnabled()
            qtbot.waitUntil(lambda: "kata sandi salah." in dialog.error.text().lower(), timeout=TIMEOUT)
        seen["wrong"] = wrong
        qtbot.keyClicks(password, "dumas-demo")
        with Ticks() as right:
            qtbot.keyClick(password, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
        seen["right"] = right

    QTimer.singleShot(300, type_in)
    controller = Controller("petugas")
    try:
        assert controller.open(path), "the right password did not sign in"
        assert "Memeriksa kata sandi…" in seen["waiting"] and seen["ok while checking"] is False
        seen["wrong"].assert_free("a wrong password")
        seen["right"].assert_free("the right password")
        window = controller.window
        assert window is not None
        wait_idle(qtbot, window)
        failed = audit_log.entries(window.app.ws, audit_log.AuditFilter(action="masuk_gagal"))
        assert len(failed) == 1  # Enter pressed twice was one try
    finally:
        if controller.window is not None:
            wait_idle(qtbot, controller.window)
            controller.close_window()


def _documents_of_new_case(qtbot, window, dialog_log) -> QTableWidget:
    number = record_complaint(qtbot, window, dialog_log, receipt=True)  # a paper to attach the signed scan to
    close_other_windows(qtbot, window)
    select_in_agenda(qtbot, window, number)
    menu(qtbot, window, "Pengaduan", "Dokumen dan cetak…")
    dialog = wait_for(qtbot, DocumentsDialog, f"Dokumen pengaduan {number}")
    table = dialog.findChild(QTableWidget)
    assert table is not None
    qtbot.waitUntil(lambda: table.rowCount() > 0, timeout=TIMEOUT)
    table_row(qtbot, table, 0, "Tanda terima pengaduan")
    qtbot.waitUntil(lambda: button(dialog, "Lampirkan hasil pindai bertanda tangan…").isEnabled(), timeout=TIMEOUT)
    return table


def test_a_large_scan_is_read_off_the_ui_thread_and_closing_backs_up_off_it(
    window_for, qtbot, dialog_log, monkeypatch, tmp_path
):
    window = window_for("sanggau-2026")
    table = _documents_of_new_case(qtbot, window, dialog_log)
    dialog = table.window()
    row = table.currentRow()

    too_big = tmp_path / "pindaian-terlalu-besar.pdf"
    with too_big.open("wb") as handle:
        handle.truncate(50 * 2**20 + 1)  # sparse: refused by its size, never read
    monkeypatch.setattr(dialogs, "open_file_name", lambda *args: too_big)
    press(qtbot, dialog, "Lampirkan hasil pindai bertanda tangan…")
    qtbot.waitUntil(lambda: bool(dialog_log.texts("warn")), timeout=TIMEOUT)
    assert dialog_log.texts("warn")[-1] == (
        "Hasil pindai pindaian-terlalu-besar.pdf terlalu besar (50,0 MB); paling besar 50 MB."
    )

    scan = tmp_path / "tanda-terima-ttd.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * (50 * 2**20 // 256 - 1))  # just under 50 MB
    monkeypatch.setattr(dialogs, "open_file_name", lambda *args: scan)
    # Until the scan is stored, when the status bar's "Bekerja…" goes: the tabs' refresh that
    # follows every save is the same after any step, and not this work.
    stored: list[float] = []
    window.app.runner.busy_changed.connect(lambda busy: stored.append(time.perf_counter()) if not busy else None)
    with Ticks() as attaching:
        press(qtbot, dialog, "Lampirkan hasil pindai bertanda tangan…")
        qtbot.waitUntil(lambda: "hasil pindai bertanda tangan ada" in cell_text(table, row, 2), timeout=30_000)
    attaching.cut(stored[0])
    attaching.assert_free("attaching a 50 MB scan")
    dialog.close()

    before = len(backups.list_backups(window.app.ws.db.path, count_cases=False))
    path = window.app.ws.db.path
    with Ticks() as closing:
        keys(qtbot, window, "Ctrl+Q")
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=30_000)
    closing.assert_free("closing with a backup")
    made = backups.list_backups(path)
    assert len(made) == before + 1 and made[0].cases == 1  # the backup was made, and checked
    db = open_database(made[0].path, read_only=True, migrate=False)
    try:
        with db.engine.connect() as conn:
            largest = conn.exec_driver_sql("SELECT max(length(content)) FROM blobs").scalar()
    finally:
        db.close()
    assert largest == scan.stat().st_size  # the scan is in it


QUIT_WITH_CTRL_Q = """
import sys
from pathlib import Path
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from dumas_desktop.ui import app as ui_app
from dumas_desktop.ui.main_window import MainWindow


def when_loaded():
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    window = windows[0] if windows else None
    if window is None or getattr(window, "app", None) is None or window.app.runner.pending:
        QTimer.singleShot(50, when_loaded)
        return
    window.app.events.tell()  # as saved work does: the file changed, a backup is due
    window.activateWindow()
    press_when_active(window)


def press_when_active(window):
    # A window shortcut fires only in the active window; on a busy machine activation comes
    # a moment after activateWindow(), and a key sent before it would be lost.
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        QTimer.singleShot(50, lambda: press_when_active(window))
        return
    QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)


ui_app.application()  # run() takes this one; the timer needs it first
QTimer.singleShot(300, when_loaded)
sys.exit(ui_app.run(Path(sys.argv[1]), "petugas"))
"""


def test_ctrl_q_ends_the_program_with_code_0_after_its_backup(templates, tmp_path):
    path = tmp_path / "kantor.dumas"
    shutil.copyfile(templates["sanggau-2026"], path)
    home = tmp_path / "rumah"  # settings and drafts of its own, whatever other tests left in the user's
    env = {**os.environ, "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")}
    try:
        done = subprocess.run(
            [sys.executable, "-c", QUIT_WITH_CTRL_Q, str(path)], capture_output=True, text=True, timeout=90, env=env
        )
    except subprocess.TimeoutExpired as stuck:
        raise AssertionError(f"the program did not end: {stuck.stdout!r} {stuck.stderr!r}") from None
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert "Fatal" not in done.stderr and "Traceback" not in done.stderr, done.stderr[-3000:]
    made = backups.list_backups(path)
    assert len(made) == 1 and made[0].cases == 0
    assert not path.with_name(path.name + ".kunci").exists()  # the file was closed and unlocked
