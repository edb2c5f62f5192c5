"""Signing in: the first administrator of a new file, the sign-in dialog, the screen that
locks after idle time (keeping every open form as it was), and changing one's password."""

from __future__ import annotations

import os
from datetime import datetime

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
from ..storage.database import Database
from .texts import tr


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class _Form(QDialog):
    """A small form with an error line that keeps what was typed."""

    def __init__(self, parent: QWidget | None, title: str, intro: str) -> None:
        super().__init__(parent)
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
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def submit(self) -> None:  # pragma: no cover - each form has its own
        raise NotImplementedError


class FirstAdminDialog(_Form):
    """The first run of a file without accounts: its administrator."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(
            parent,
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
        if self.password.text() != self.again.text():
            self.show_error(tr("Kedua kata sandi tidak sama."))
            return
        try:
            self.access = accounts.create_first_admin(
                self.db, self.username.text(), self.full_name.text(), self.password.text()
            )
        except DumasError as exc:
            self.show_error(exc.message)
            return
        self.accept()


class SignInDialog(_Form):
    def __init__(self, db: Database, office: str, hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(
            parent, tr("Masuk — Dumas Desktop"), tr("Masuk ke berkas data {office}.").format(office=office)
        )
        self.db = db
        self.access: Access | None = None
        self.username, self.password = QLineEdit(), _password_field()
        self.form.addRow(tr("Nama pengguna"), self.username)
        self.form.addRow(tr("Kata sandi"), self.password)
        self.username.setFocus()  # the cursor waits in the user name; Enter signs in
        if hint:
            note = QLabel(hint)
            note.setWordWrap(True)
            note.setStyleSheet("color: #1f4e8c")
            self.form.addRow(note)

    def submit(self) -> None:
        try:
            self.access = accounts.verify(
                self.db, self.username.text(), self.password.text(), datetime.now().replace(microsecond=0)
            )
        except DumasError as exc:
            self.password.clear()
            self.show_error(exc.message)
            return
        self.accept()


def sign_in(db: Database, office: str, parent: QWidget | None, *, read_only: bool, ask: bool = False) -> Access | None:
    """Who works in this window; None when the person gave up. `ask`: always the dialog
    (another person takes over the PC), never the unattended variables."""
    if not accounts.has_users(db):
        if read_only:
            return SYSTEM  # nobody can be created in a file opened read-only
        first = FirstAdminDialog(db, parent)
        return first.access if first.exec() else None
    # For unattended use (an installation check) the same variables as the command line.
    user, password = os.environ.get("DUMAS_USER"), os.environ.get("DUMAS_PASSWORD")
    if user and password and not ask:
        try:
            return accounts.verify(db, user, password, datetime.now().replace(microsecond=0))
        except DumasError:
            pass
    dialog = SignInDialog(db, office, accounts.demo_hint(db), parent)
    return dialog.access if dialog.exec() else None


class ChangePasswordDialog(_Form):
    def __init__(self, ws: object, parent: QWidget | None = None) -> None:
        super().__init__(parent, tr("Ubah kata sandi"), tr("Ganti kata sandi akun Anda."))
        self.ws = ws
        self.old, self.new, self.again = _password_field(), _password_field(), _password_field()
        self.form.addRow(tr("Kata sandi sekarang"), self.old)
        self.form.addRow(tr("Kata sandi baru (min. 8 karakter)"), self.new)
        self.form.addRow(tr("Ulangi kata sandi baru"), self.again)

    def submit(self) -> None:
        if self.new.text() != self.again.text():
            self.show_error(tr("Kedua kata sandi baru tidak sama."))
            return
        try:
            accounts.change_own_password(self.ws, self.old.text(), self.new.text())  # type: ignore[arg-type]
        except DumasError as exc:
            self.show_error(exc.message)
            return
        self.accept()


SWITCH_USER = 2


class LockScreen(QDialog):
    """Covers the screen until the signed-in user gives their password again. Every window
    and form under it stays open and unchanged, so nothing typed is lost."""

    def __init__(self, db: Database, access: Access, parent: QWidget | None = None, *, idle: bool = True) -> None:
        super().__init__(parent, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self.db, self.access = db, access
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
        unlock = QPushButton(tr("Buka kunci"))
        unlock.setDefault(True)
        unlock.clicked.connect(self.unlock)
        # Another person may take over: the window closes (open forms keep their drafts).
        switch = QPushButton(tr("Ganti pengguna…"))
        switch.setAutoDefault(False)
        switch.clicked.connect(lambda: self.done(SWITCH_USER))
        for widget in (title, text, self.password, unlock, switch, self.error):
            inner.addWidget(widget)
        outer.addWidget(box, alignment=Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def unlock(self) -> None:
        try:
            accounts.verify(
                self.db,
                self.access.username,
                self.password.text(),
                datetime.now().replace(microsecond=0),
                purpose=accounts.UNLOCK,
            )
        except DumasError as exc:
            self.password.clear()
            self.error.setText(exc.message)
            return
        self.accept()

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

    def __init__(self, db: Database, access: Access, minutes: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.db, self.access, self.window = db, access, parent
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
        self.screen = LockScreen(self.db, self.access, idle=idle)
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
