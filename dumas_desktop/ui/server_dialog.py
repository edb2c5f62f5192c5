"""*Berkas → Sambung ke server kantor…*: host, port, database, user and password of the
office's server, a test of the connection (on the operation runner), the servers used
before, and keeping the password in the OS keyring (Windows Credential Manager)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DumasError
from ..services import data_file
from .context import AppContext
from .runner import OperationRunner
from .texts import tr

RECENT_SERVERS_KEY = "servers/recent"


def recent_servers() -> list[str]:
    return [str(s) for s in (QSettings().value(RECENT_SERVERS_KEY) or [])]


def remember_server(address: object) -> None:
    recent = [s for s in recent_servers() if s != str(address)]
    QSettings().setValue(RECENT_SERVERS_KEY, [str(address), *recent][:8])


class ServerDialog(QDialog):
    # The address and the password typed (empty: libpq or the keyring knows it).
    connect_requested = Signal(object, str)

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle(tr("Sambung ke server kantor"))
        self.recent = QComboBox()
        self.recent.addItem(tr("(isi sendiri)"), "")
        for address in recent_servers():
            self.recent.addItem(address, address)
        self.recent.currentIndexChanged.connect(self._fill_from_recent)
        self.host = QLineEdit()
        self.host.setPlaceholderText(tr("mis. server-kantor atau 192.168.1.10"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit("dumas")
        self.user = QLineEdit("dumas_program")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(tr("kosongkan bila tersimpan di pgpass atau pengelola kredensial"))
        self.keep = QCheckBox(tr("Simpan kata sandi di penyimpanan kata sandi sistem (di Windows: Credential Manager)"))
        form = QFormLayout()
        form.addRow(tr("Server &terakhir"), self.recent)
        form.addRow(tr("&Host"), self.host)
        form.addRow(tr("&Port"), self.port)
        form.addRow(tr("&Basis data"), self.database)
        form.addRow(tr("Pe&ngguna"), self.user)
        form.addRow(tr("&Kata sandi"), self.password)
        form.addRow("", self.keep)
        if self.recent.count() > 1:  # the server used last, filled in: most PCs have one
            self.recent.setCurrentIndex(1)
        self.outcome = QLabel(tr("Alamat server diberikan petugas TI kantor."))
        self.outcome.setWordWrap(True)
        test = QPushButton(tr("&Uji sambungan"))
        test.clicked.connect(self.test)
        self.connect_button = QPushButton(tr("&Sambung"))
        self.connect_button.setDefault(True)
        self.connect_button.clicked.connect(self.accept_address)
        close = QPushButton(tr("Ba&tal"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(test)
        buttons.addStretch(1)
        buttons.addWidget(self.connect_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.outcome)
        layout.addLayout(buttons)

    def _fill_from_recent(self) -> None:
        text = self.recent.currentData()
        if not text:
            return
        try:
            address = data_file.parse_server_address(text)
        except DumasError:
            return
        self.host.setText(address.host)
        self.port.setValue(address.port)
        self.database.setText(address.database)
        self.user.setText(address.user)

    def _address(self) -> data_file.ServerAddress | None:
        try:
            return data_file.server_address(self.host.text(), self.port.value(), self.database.text(), self.user.text())
        except DumasError as exc:
            self.outcome.setText(exc.message)
            return None

    def test(self) -> None:
        address, password = self._address(), self.password.text()
        if address is None:
            return
        self.outcome.setText(tr("Menguji sambungan…"))
        self.app.runner.run(
            lambda: data_file.try_server(address, password),
            self.outcome.setText,
            on_message=lambda error: self.outcome.setText(error.message),
        )

    def accept_address(self) -> None:
        address, password = self._address(), self.password.text()
        if address is None:
            return
        if self.keep.isChecked() and password and not data_file.remember_server_password(address, password):
            self.outcome.setText(tr("Pengelola kredensial tidak tersedia di PC ini; kata sandi tidak disimpan."))
            return
        self.close()
        # Last: opening the server closes this window, and this dialog with it.
        self.connect_requested.emit(address, password)


class ServerPasswordDialog(QDialog):
    """The server refused the password (or knew none): asked here and tried on the
    operation runner before the dialog closes, so a wrong one is said beside the field and
    asked again. The password stays in memory only: never in a log, the address or argv."""

    def __init__(
        self, address: data_file.ServerAddress, runner: OperationRunner, reason: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.address, self.runner = address, runner
        self.password_given = ""
        self.busy = False
        self.setWindowTitle(tr("Kata sandi server kantor"))
        self.setMinimumWidth(460)
        intro = QLabel(
            tr("{reason}\n\nKetik kata sandi pengguna {user} untuk {server}.").format(
                reason=reason, user=address.user, server=address.name
            )
        )
        intro.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.keep = QCheckBox(tr("Simpan kata sandi di penyimpanan kata sandi sistem (di Windows: Credential Manager)"))
        form = QFormLayout()
        form.addRow(tr("&Kata sandi"), self.password)
        form.addRow("", self.keep)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b02a37")
        self.error.hide()
        self.connect_button = QPushButton(tr("&Sambung"))
        self.connect_button.setDefault(True)
        self.connect_button.clicked.connect(self.submit)
        cancel = QPushButton(tr("Ba&tal"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.connect_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.password.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        address, password = self.address, self.password.text()
        if not password:
            self._refused(tr("Ketik kata sandinya."))
            return
        self._set_busy(True)
        self.runner.run(
            lambda: data_file.check_server_password(address, password),
            lambda _none: self._accepted(password),
            label=tr("Menghubungi server kantor…"),
            on_message=lambda error: self._refused(error.message),
            settled=lambda: self._set_busy(False),
        )

    def _accepted(self, password: str) -> None:
        self.password_given = password
        if self.keep.isChecked() and not data_file.remember_server_password(self.address, password):
            self.error.setText(tr("Pengelola kredensial tidak tersedia di PC ini; kata sandi tidak disimpan."))
        self.accept()

    def _refused(self, message: str) -> None:
        self.password.clear()
        self.password.setFocus()
        self.error.setText(message)
        self.error.show()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.connect_button.setEnabled(not busy)
        self.password.setReadOnly(busy)

    def reject(self) -> None:
        if not self.busy:  # the server's answer is on its way
            super().reject()


def ask_server_password(
    address: data_file.ServerAddress, runner: OperationRunner, reason: str, parent: QWidget | None
) -> str | None:
    """The password the server took, or None when the person gave up."""
    dialog = ServerPasswordDialog(address, runner, reason, parent)
    return dialog.password_given if dialog.exec() else None
