"""Signing in: the first administrator of a new file, the sign-in dialog, the screen that
locks after idle time (keeping every open form as it was), and changing one's password.

Argon2 takes about a fifth of a second on purpose: every password is checked on the
operation runner's worker while the dialog waits with its buttons off (so Enter pressed
twice is one try) and says what it is doing."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.access import SYSTEM, Access
from ..domain.errors import DumasError
from ..services import accounts
from .runner import OperationRunner
from .texts import tr

if TYPE_CHECKING:
    from ..services.data_file import Database

CHECKING = "Memeriksa kata sandi…"


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class _Form(QDialog):
    """A small form with an error line that keeps what was typed."""

    def __init__(self, parent: QWidget | None, runner: OperationRunner, title: str, intro: str) -> None:
        super().__init__(parent)
        self.runner = runner
        self.busy = False
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        text = QLabel(intro)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b02a37")
        self.error.hide()
        layout.addWidget(self.error)
        self.working = QLabel()
        self.working.hide()
        layout.addWidget(self.working)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def leaving_closes_program(self) -> None:
        """Where no window of an open file stays behind, giving up here ends the program:
        the button says so rather than a plain "Batal"."""
        leave = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        leave.setText(tr("&Keluar dari program"))
        leave.setToolTip(tr("Dumas Desktop ditutup; berkas data tidak dibuka."))

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def check(
        self, action: Callable[[], Any], on_done: Callable[[Any], None], on_refused: Callable[[str], None]
    ) -> None:
        """Run `action` on the worker; the form takes no input until it has answered."""
        if self.busy:
            return
        self._set_busy(True)
        self.runner.run(
            action,
            on_done,
            label=tr(CHECKING),
            on_message=lambda exc: on_refused(exc.message),
            settled=lambda: self._set_busy(False),
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.buttons.setEnabled(not busy)
        for field in self.findChildren(QLineEdit):
            field.setReadOnly(busy)  # read-only, not disabled: the cursor stays where it was
        self.working.setText(tr(CHECKING) if busy else "")
        self.working.setVisible(busy)
        if busy:
            self.error.hide()

    def reject(self) -> None:
        if not self.busy:  # the answer is on its way: Escape waits for it
            super().reject()

    def submit(self) -> None:  # pragma: no cover - each form has its own
        raise NotImplementedError


class FirstAdminDialog(_Form):
    """The first run of a file without accounts: its administrator."""

    def __init__(self, db: Database, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(
            parent,
            runner,
            tr("Administrator pertama"),
            tr(
                "Berkas data ini belum memiliki pengguna. Buat akun administrator: administrator menambah "
                "pengguna lain dan memberi mereka peran sesuai SOP (mis. Pelaksana, Tim Telaah)."
            ),
        )
        self.db = db
        self.access: Access | None = None
        self.username, self.full_name = QLineEdit(), QLineEdit()
        self.password, self.again = _password_field(), _password_field()
        self.form.addRow(tr("Nama pengguna"), self.username)
        self.form.addRow(tr("Nama lengkap"), self.full_name)
        self.form.addRow(tr("Kata sandi (min. 8 karakter)"), self.password)
        self.form.addRow(tr("Ulangi kata sandi"), self.again)

    def submit(self) -> None:
        if self.busy:
            return
        if self.password.text() != self.again.text():
            self.show_error(tr("Kedua kata sandi tidak sama."))
            return
        db, username, name, password = self.db, self.username.text(), self.full_name.text(), self.password.text()
        self.check(lambda: accounts.create_first_admin(db, username, name, password), self._made, self.show_error)

    def _made(self, access: Access) -> None:
        self.access = access
        self.accept()


class SignInDialog(_Form):
    def __init__(
        self, db: Database, office: str, runner: OperationRunner, hint: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(
            parent,
            runner,
            tr("Masuk — Dumas Desktop"),
            (tr("Masuk ke server kantor {office}.") if db.is_server else tr("Masuk ke berkas data {office}.")).format(
                office=office
            ),
        )
        self.db = db
        self.access: Access | None = None
        self.username, self.password = QLineEdit(), _password_field()
        self.form.addRow(tr("Nama pengguna"), self.username)
        self.form.addRow(tr("Kata sandi"), self.password)
        self.username.setFocus()  # the cursor waits in the user name; Enter signs in
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("&Masuk"))
        if hint:
            note = QLabel(hint)
            note.setWordWrap(True)
            note.setStyleSheet("color: #1f4e8c")
            self.form.addRow(note)

    def submit(self) -> None:
        if self.busy:
            return
        db, username, password = self.db, self.username.text(), self.password.text()
        now = datetime.now().replace(microsecond=0)
        self.check(lambda: accounts.verify(db, username, password, now), self._signed, self._refused)

    def _signed(self, access: Access) -> None:
        self.access = access
        self.accept()

    def _refused(self, message: str) -> None:
        self.password.clear()
        self.password.setFocus()
        self.show_error(message)


def sign_in(
    db: Database,
    office: str,
    parent: QWidget | None,
    runner: OperationRunner,
    *,
    read_only: bool,
    ask: bool = False,
) -> Access | None:
    """Who works in this window; None when the person gave up. `ask`: always the dialog
    (another person takes over the PC), never the unattended variables."""
    has_users, hint = runner.call(lambda: (accounts.has_users(db), accounts.demo_hint(db)))
    if not has_users:
        if read_only:
            return SYSTEM  # nobody can be created in a file opened read-only
        first = FirstAdminDialog(db, runner, parent)
        if _no_file_stays_open():
            first.leaving_closes_program()
        return first.access if first.exec() else None
    # For unattended use (an installation check) the same variables as the command line.
    user, password = os.environ.get("DUMAS_USER"), os.environ.get("DUMAS_PASSWORD")
    if user and password and not ask:
        now = datetime.now().replace(microsecond=0)
        try:
            return runner.call(lambda: accounts.verify(db, user, password, now), label=tr(CHECKING))
        except DumasError:
            pass
    dialog = SignInDialog(db, office, runner, hint, parent)
    if _no_file_stays_open():
        dialog.leaving_closes_program()
    return dialog.access if dialog.exec() else None


def _no_file_stays_open() -> bool:
    """Whether giving up signing in ends the program: at start, after "Ganti pengguna"
    (the previous window has closed) and when a damaged file is restored at start, no
    window with an open file is left; opening another file from a window leaves that one."""
    from .main_window import MainWindow

    return not any(
        isinstance(w, MainWindow) and w.isVisible() and hasattr(w, "app")  # `app`: attached to a file
        for w in QApplication.topLevelWidgets()
    )


class ChangePasswordDialog(_Form):
    def __init__(self, ws: object, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent, runner, tr("Ubah kata sandi"), tr("Ganti kata sandi akun Anda."))
        self.ws = ws
        self.old, self.new, self.again = _password_field(), _password_field(), _password_field()
        self.form.addRow(tr("Kata sandi sekarang"), self.old)
        self.form.addRow(tr("Kata sandi baru (min. 8 karakter)"), self.new)
        self.form.addRow(tr("Ulangi kata sandi baru"), self.again)

    def submit(self) -> None:
        if self.busy:
            return
        if self.new.text() != self.again.text():
            self.show_error(tr("Kedua kata sandi baru tidak sama."))
            return
        ws, old, new = self.ws, self.old.text(), self.new.text()
        self.check(
            lambda: accounts.change_own_password(ws, old, new),  # type: ignore[arg-type]
            lambda _: self.accept(),
            self.show_error,
        )


SWITCH_USER = 2


class LockScreen(QDialog):
    """Covers the screen until the signed-in user gives their password again. Every window
    and form under it stays open and unchanged, so nothing typed is lost."""

    def __init__(
        self,
        db: Database,
        access: Access,
        runner: OperationRunner,
        parent: QWidget | None = None,
        *,
        idle: bool = True,
    ) -> None:
        super().__init__(parent, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self.db, self.access, self.runner = db, access, runner
        self.busy = False
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setStyleSheet("QDialog { background: #1f3a5f; } QLabel { color: white; }")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QWidget()
        box.setFixedWidth(480)  # a fixed width lets the wrapped text take the height it needs
        inner = QVBoxLayout(box)
        title = QLabel(tr("<h2>Layar terkunci</h2>"))
        why = tr("Dumas Desktop dikunci karena tidak dipakai.") if idle else tr("Dumas Desktop dikunci.")
        text = QLabel(
            why
            + " "
            + tr("Masukkan kata sandi {name} untuk melanjutkan; isian yang sedang dibuka tetap tersimpan.").format(
                name=access.label
            )
        )
        text.setWordWrap(True)
        text.setMinimumHeight(text.heightForWidth(460))
        self.password = _password_field()  # Enter presses the default button: one try, counted once
        self.error = QLabel()
        self.error.setStyleSheet("color: #ffd166")
        self.error.setWordWrap(True)
        self.password.setPlaceholderText(tr("Kata sandi"))
        self.unlock_button = unlock = QPushButton(tr("Buka kunci"))
        unlock.setDefault(True)
        unlock.clicked.connect(self.unlock)
        # Another person may take over: the window closes (open forms keep their drafts).
        self.switch_button = switch = QPushButton(tr("Ganti pengguna…"))
        switch.setAutoDefault(False)
        switch.clicked.connect(lambda: self.done(SWITCH_USER))
        for widget in (title, text, self.password, unlock, switch, self.error):
            inner.addWidget(widget)
        outer.addWidget(box, alignment=Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def unlock(self) -> None:
        if self.busy:
            return
        db, username, password = self.db, self.access.username, self.password.text()
        now = datetime.now().replace(microsecond=0)
        self._set_busy(True)
        self.runner.run(
            lambda: accounts.verify(db, username, password, now, purpose=accounts.UNLOCK),
            lambda _: self.accept(),
            label=tr(CHECKING),
            on_message=self._refused,
            settled=lambda: self._set_busy(False),
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.unlock_button.setEnabled(not busy)
        self.switch_button.setEnabled(not busy)
        self.password.setReadOnly(busy)
        self.error.setText(tr(CHECKING) if busy else "")

    def _refused(self, error: DumasError) -> None:
        self.password.clear()
        self.password.setFocus()
        self.error.setText(error.message)

    def reject(self) -> None:  # Escape does not unlock
        return


LOCKED_TITLE = "Dumas Desktop — terkunci"
COVER_COLOR = "#1f3a5f"


class Cover(QWidget):
    """An opaque sheet over all of one window while the screen is locked: what the window
    shows (the agenda book's names and subjects, a form half typed) cannot be read behind
    the lock, on another monitor, or in a window switcher's preview. The window itself and
    what it holds stay as they were; its title, which may name a case, is set aside too."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window_ = window
        self.title = window.windowTitle()
        self.setObjectName("layar-terkunci-penutup")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(f"#layar-terkunci-penutup {{ background: {COVER_COLOR}; }}")
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        window.setWindowTitle(tr(LOCKED_TITLE))
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window_:
            if event.type() == QEvent.Type.Resize:
                self.setGeometry(self.window_.rect())
            elif event.type() in (QEvent.Type.ChildAdded, QEvent.Type.ChildPolished, QEvent.Type.LayoutRequest):
                self.raise_()  # a widget added to the window under the lock stays under the sheet
            elif event.type() == QEvent.Type.WindowTitleChange and self.window_.windowTitle() != tr(LOCKED_TITLE):
                self.title = self.window_.windowTitle()
                self.window_.setWindowTitle(tr(LOCKED_TITLE))
        return False

    def lift(self) -> None:
        self.window_.removeEventFilter(self)
        self.window_.setWindowTitle(self.title)
        self.hide()
        self.deleteLater()


class IdleLock(QObject):
    """Watches the whole application's input; after `minutes` without any, shows the lock."""

    switch_user = Signal()

    def __init__(self, db: Database, access: Access, runner: OperationRunner, minutes: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.db, self.access, self.runner, self.window = db, access, runner, parent
        self.screen: LockScreen | None = None
        self.covers: dict[QWidget, Cover] = {}
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, minutes) * 60_000)
        self.timer.timeout.connect(lambda: self.lock(idle=True))
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.screen is not None and event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            self._cover(watched)  # a window that opens while locked (a message from a task) is covered too
        if self.screen is None and event.type() in (
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.Wheel,
        ):
            self.timer.start()
        return False

    @property
    def locked(self) -> bool:
        return self.screen is not None

    def lock(self, *, idle: bool = False) -> None:
        if self.screen is not None:
            return
        self.screen = LockScreen(self.db, self.access, self.runner, idle=idle)
        self.screen.finished.connect(self._finished)
        for widget in QApplication.topLevelWidgets():
            self._cover(widget)
        self.screen.showFullScreen()
        self.screen.password.setFocus()

    def _cover(self, widget: QWidget) -> None:
        if not widget.isWindow() or widget is self.screen or widget in self.covers:
            return
        if widget.isVisible() and not isinstance(widget, (Cover, QMenu)):
            self.covers[widget] = Cover(widget)
            widget.destroyed.connect(lambda *_: self.covers.pop(widget, None))

    def _uncover(self) -> None:
        covers, self.covers = self.covers, {}
        for cover in covers.values():
            cover.lift()

    def _finished(self, result: int) -> None:
        if self.screen is not None:
            self.screen.deleteLater()
        self.screen = None
        self._uncover()
        if result == SWITCH_USER:
            self.switch_user.emit()
            return
        self.timer.start()

    def stop(self) -> None:
        """The window closes (sign out, another file): its lock goes with it."""
        self.timer.stop()
        screen, self.screen = self.screen, None
        if screen is not None:
            screen.finished.disconnect(self._finished)
            screen.hide()
            screen.deleteLater()
        self._uncover()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
