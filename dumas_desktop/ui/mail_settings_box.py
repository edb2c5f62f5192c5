"""Pengaturan → Kotak surel kantor: where the office mailbox is and how to reach it; the
password goes to the OS keyring, never to the data file. "Uji sambungan" signs in and opens
the folder with what is typed, before anything is saved."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ..domain.errors import DumasError
from ..services import mail_settings
from ..services.mail_fetch import test_connection
from ..services.mail_imap import pretty_fingerprint
from ..services.mail_settings import DEFAULT_PORTS, SECURITIES, MailboxSettings
from . import dialogs
from .context import AppContext
from .texts import tr


def _typed_day(text: str) -> date | None:
    """dd-mm-yyyy as the other date fields of Pengaturan; empty is no start date."""
    text = text.strip()
    if not text:
        return None
    try:
        day, month, year = (int(part) for part in text.replace("/", "-").split("-"))
        return date(year, month, day)
    except ValueError:
        raise DumasError(tr("Ambil sejak: tulis tanggal hari-bulan-tahun, mis. 01-02-2026.")) from None


class MailSettingsBox(QGroupBox):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(tr("Kotak surel kantor (IMAP)"), parent)
        self.app = app
        form = QFormLayout(self)
        self.host = QLineEdit()
        self.host.setPlaceholderText(tr("mis. imap.kpu-sanggau.go.id"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(993)
        self.security = QComboBox()
        for key, label in SECURITIES.items():
            self.security.addItem(tr(label), key)
        self.security.currentIndexChanged.connect(self._security_changed)
        self.warning = QLabel(tr(mail_settings.PLAIN_WARNING))
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #a33")
        self.warning.setVisible(False)
        self.user = QLineEdit()
        self.user.setPlaceholderText(tr("biasanya alamat surel kantor"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(tr("disimpan di keyring komputer ini; kosongkan bila tidak diubah"))
        self.folder = QLineEdit("INBOX")
        self.mark_read = QCheckBox(tr("Tandai terbaca di server (surel tidak pernah dihapus)"))
        self.since = QLineEdit()
        self.since.setPlaceholderText(tr("hari-bulan-tahun; kosong: semua surel"))
        self.interval = QSpinBox()
        self.interval.setRange(0, mail_settings.MAX_INTERVAL_MINUTES)
        self.interval.setSuffix(tr(" menit"))
        self.interval.setSpecialValueText(tr("mati (hanya lewat Ambil surel)"))
        self.trusted = QLineEdit()
        self.trusted.setPlaceholderText(tr("SHA-256 sertifikat server sendiri (kosong: sertifikat resmi)"))
        trust_row = QHBoxLayout()
        trust_row.addWidget(self.trusted, 1)
        trust_file = QPushButton(tr("Dari berkas sertifikat…"))
        trust_file.clicked.connect(lambda: self._trust_file())
        trust_row.addWidget(trust_file)
        form.addRow(tr("Server IMAP"), self.host)
        form.addRow(tr("Port"), self.port)
        form.addRow(tr("Keamanan"), self.security)
        form.addRow("", self.warning)
        form.addRow(tr("Nama pengguna"), self.user)
        form.addRow(tr("Kata sandi"), self.password)
        form.addRow(tr("Folder"), self.folder)
        form.addRow("", self.mark_read)
        form.addRow(tr("Ambil sejak"), self.since)
        form.addRow(tr("Ambil otomatis tiap"), self.interval)
        form.addRow(tr("Sertifikat dipercaya"), trust_row)
        buttons = QHBoxLayout()
        self.test_button = QPushButton(tr("Uji sambungan"))
        self.test_button.clicked.connect(lambda: self.test())
        save = QPushButton(tr("Simpan kotak surel"))
        save.clicked.connect(lambda: self.save())
        buttons.addWidget(self.test_button)
        buttons.addWidget(save)
        buttons.addStretch(1)
        self.result = QLabel()
        self.result.setWordWrap(True)
        form.addRow("", buttons)
        form.addRow("", self.result)
        app.events.settings_changed.connect(self.reload)
        self.reload()

    def _security_changed(self) -> None:
        security = self.security.currentData()
        self.warning.setVisible(security == "none")
        if self.port.value() in DEFAULT_PORTS.values():
            self.port.setValue(DEFAULT_PORTS[security])

    def reload(self) -> None:
        self.app.runner.run(lambda: mail_settings.load(self.app.ws), self.show_settings)

    def show_settings(self, s: MailboxSettings) -> None:
        if not s.configured:
            return
        self.host.setText(s.host)
        self.security.setCurrentIndex(max(0, self.security.findData(s.security)))
        self.port.setValue(s.port)
        self.user.setText(s.user)
        self.folder.setText(s.folder)
        self.mark_read.setChecked(s.mark_read)
        self.since.setText(f"{s.since:%d-%m-%Y}" if s.since else "")
        self.interval.setValue(s.interval_minutes)
        self.trusted.setText(pretty_fingerprint(s.trusted_sha256) if s.trusted_sha256 else "")

    def typed(self) -> MailboxSettings:
        return MailboxSettings(
            host=self.host.text(),
            port=self.port.value(),
            security=self.security.currentData(),
            user=self.user.text(),
            folder=self.folder.text(),
            mark_read=self.mark_read.isChecked(),
            since=_typed_day(self.since.text()),
            interval_minutes=self.interval.value(),
            trusted_sha256=self.trusted.text(),
        )

    def _trust_file(self) -> None:
        path = dialogs.open_file_name(
            self, tr("Pilih sertifikat server"), tr("Sertifikat (*.pem *.crt *.cer);;Semua berkas (*)"), dialogs.PDF
        )
        if path is None:
            return
        from ..domain.textfiles import read_user_text

        def read() -> str:
            return mail_settings.fingerprint_of_pem(read_user_text(path, tr("Berkas sertifikat")))

        self.app.runner.run(
            read,
            self.trusted.setText,
            on_message=lambda error: dialogs.warn(self, tr("Sertifikat tidak terbaca"), error.message),
        )

    def test(self) -> None:
        try:
            settings = self.typed()
        except DumasError as error:
            dialogs.warn(self, tr("Uji sambungan"), error.message)
            return
        password = self.password.text() or None
        self.test_button.setEnabled(False)
        self.result.setText(tr("Menguji sambungan…"))
        self.app.runner.run(
            lambda: test_connection(self.app.ws, settings, password),
            lambda said: self.result.setText(tr(said)),
            label=tr("Menguji sambungan ke server surel…"),
            on_message=lambda error: self.result.setText(error.message),
            settled=lambda: self.test_button.setEnabled(True),
        )

    def save(self) -> None:
        try:
            settings = self.typed()
        except DumasError as error:
            dialogs.warn(self, tr("Belum tersimpan"), error.message)
            return
        password = self.password.text() or None

        def saved(_: object) -> None:
            self.password.clear()
            self.app.events.settings_changed.emit()
            window = self.window()
            if isinstance(window, QMainWindow):
                window.statusBar().showMessage(tr("Kotak surel kantor tersimpan."), 6000)
            self.result.setText(tr("Kotak surel kantor tersimpan."))

        def refused(error: DumasError) -> None:
            if isinstance(error, mail_settings.PasswordNotKept):  # the rest was kept: the tab follows it
                self.password.clear()
                self.app.events.settings_changed.emit()
                self.result.setText(error.message)
                dialogs.warn(self, tr("Kata sandi belum tersimpan"), error.message)
            else:
                dialogs.warn(self, tr("Belum tersimpan"), error.message)

        self.app.runner.run(lambda: mail_settings.save(self.app.ws, settings, password), saved, on_message=refused)
