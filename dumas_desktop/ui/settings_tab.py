"""Pengaturan: the office profile, officials, SOP profile, office hours, days off and
numbering patterns. Each section saves through its service and says what went wrong."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain import catalog
from ..domain.calendar import WEEKDAY_NAMES
from ..domain.errors import DumasError
from ..domain.sop import load_profile
from ..domain.texts import long_date
from ..domain.validation import format_phone
from ..services import documents, office
from ..services.files import read_chosen_file
from ..services.office import OfficeProfileInput, OfficeSettings
from . import dialogs
from .context import AppContext
from .numbering_form import NumberingForm
from .referral_bodies_form import ReferralBodiesForm
from .texts import tr


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.horizontalHeader().setStretchLastSection(True)
    table.setMinimumHeight(140)
    return table


FIRST_YEAR, LAST_YEAR = 2000, 2100


def typed_date(text: str) -> date | None:
    """A day typed as hari-bulan-tahun ("24-12-2026"), or None when it is not a whole,
    real date of a plausible year (never today in its place, nor the year 2412)."""
    parts = text.strip().split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
        return None
    day, month, year = (int(p) for p in parts)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


class SettingsTab(QWidget):
    def __init__(self, app: AppContext) -> None:
        super().__init__()
        self.app = app
        content = QWidget()
        layout = QVBoxLayout(content)

        box = QGroupBox(tr("Profil kantor (kop surat)"))
        form = QFormLayout(box)
        self.name, self.address, self.city = QLineEdit(), QLineEdit(), QLineEdit()
        self.phone, self.email = QLineEdit(), QLineEdit()
        self.code = QLabel()
        for label, widget in (
            (tr("Nama kantor"), self.name),
            (tr("Kode kantor"), self.code),
            (tr("Alamat"), self.address),
            (tr("Kota"), self.city),
            (tr("Telepon"), self.phone),
            (tr("Surel"), self.email),
        ):
            form.addRow(label, widget)
        self.logo = QLabel(tr("(belum ada logo)"))
        self.logo.setFixedHeight(90)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo)
        logo_row.addWidget(self._button(tr("Pilih logo…"), self.choose_logo))
        logo_row.addStretch(1)
        form.addRow(tr("Logo"), logo_row)
        self.paper = QComboBox()
        for size, label in (("A4", tr("A4 (210 × 297 mm)")), ("F4", tr("F4 (215 × 330 mm)"))):
            self.paper.addItem(label, size)
        self.paper.activated.connect(lambda _: self.save_paper())
        form.addRow(tr("Kertas dokumen"), self.paper)
        form.addRow("", self._button(tr("Simpan profil kantor"), self.save_office))
        layout.addWidget(box)

        box = QGroupBox(tr("Pejabat penanda tangan"))
        column = QVBoxLayout(box)
        self.officials = _table([tr("Nama"), tr("Jabatan"), tr("NIP"), tr("Peran dalam SOP")])
        self.officials.setColumnWidth(0, 260)
        self.officials.setColumnWidth(1, 420)
        row = QHBoxLayout()
        self.official_name, self.official_position, self.official_nip = QLineEdit(), QLineEdit(), QLineEdit()
        self.official_name.setPlaceholderText(tr("nama"))
        self.official_position.setPlaceholderText(tr("jabatan"))
        self.official_nip.setPlaceholderText(tr("NIP (18 digit)"))
        self.official_actor = QComboBox()
        self.official_actor.setToolTip(tr("Peran pejabat dalam SOP: menentukan dokumen yang ditandatanganinya"))
        for field in (self.official_name, self.official_position, self.official_nip, self.official_actor):
            row.addWidget(field)
        row.addWidget(self._button(tr("Tambah pejabat"), self.add_official))
        row.addWidget(self._button(tr("Nonaktifkan yang dipilih"), self.remove_official))
        column.addWidget(self.officials)
        column.addLayout(row)
        layout.addWidget(box)

        box = QGroupBox(tr("Profil SOP"))
        column = QVBoxLayout(box)
        self.profile = QLabel()
        self.profile.setWordWrap(True)
        column.addWidget(self.profile)
        row = QHBoxLayout()
        row.addWidget(self._button(tr("Sunting profil SOP…"), self.edit_profile))
        row.addWidget(self._button(tr("Simpan salinan untuk disesuaikan…"), self.export_profile))
        row.addWidget(self._button(tr("Pasang profil yang disesuaikan…"), self.install_profile))
        row.addStretch(1)
        column.addLayout(row)
        layout.addWidget(box)

        box = QGroupBox(tr("Jam kerja (JJ:MM-JJ:MM; kosong berarti libur)"))
        form = QFormLayout(box)
        self.hours = {day: QLineEdit() for day in WEEKDAY_NAMES}
        for day, edit in self.hours.items():
            form.addRow(day.capitalize(), edit)
        form.addRow("", self._button(tr("Simpan jam kerja"), self.save_hours))
        layout.addWidget(box)

        box = QGroupBox(tr("Hari libur kantor dan hari masuk pengganti"))
        column = QVBoxLayout(box)
        self.days = _table([tr("Tanggal"), tr("Jenis"), tr("Keterangan")])
        self.days.setColumnWidth(0, 200)
        self.days.setColumnWidth(1, 200)
        row = QHBoxLayout()
        # Typed as on paper (hari-bulan-tahun); nothing is saved until it is a real date.
        self.day = QLineEdit()
        self.day.setInputMask("99-99-9999;_")
        self.day.setToolTip(tr("Tanggal sebagai hari-bulan-tahun, mis. 17-08-2026"))
        day_label = QLabel(tr("&Tanggal"))
        day_label.setBuddy(self.day)
        row.addWidget(day_label)
        self.day_kind = QComboBox()
        self.day_kind.addItem(tr("Libur kantor"), "libur")
        self.day_kind.addItem(tr("Masuk (hari libur dijadikan hari kerja)"), "masuk")
        self.day_name = QLineEdit()
        self.day_name.setPlaceholderText(tr("mis. Cuti bersama Natal"))
        name_label = QLabel(tr("&Keterangan"))
        name_label.setBuddy(self.day_name)
        row.addWidget(self.day)
        row.addWidget(self.day_kind)
        row.addWidget(name_label)
        row.addWidget(self.day_name, 1)
        row.addWidget(self._button(tr("Tambah hari"), self.add_day))
        row.addWidget(self._button(tr("Hapus yang dipilih"), self.remove_day))
        column.addWidget(self.days)
        column.addLayout(row)
        layout.addWidget(box)

        self.numbering = NumberingForm(app, self._save)
        layout.addWidget(self.numbering)
        self.referral_bodies = ReferralBodiesForm(app, self._save)
        layout.addWidget(self.referral_bodies)

        from .mail_settings_box import MailSettingsBox

        self.mailbox = MailSettingsBox(app)
        layout.addWidget(self.mailbox)
        layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        if not app.ws.access.is_admin:
            # Shown to all (the office's hours and numbering matter to everyone), changed by the administrator.
            notice = QLabel(tr("Pengaturan hanya dapat diubah oleh Administrator; Anda dapat melihatnya."))
            notice.setStyleSheet("color: #8a5a00; padding: 6px")
            outer.addWidget(notice)
            content.setEnabled(False)
        outer.addWidget(scroll)
        self.current: OfficeSettings | None = None
        app.events.settings_changed.connect(self.reload)
        self.reload()

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: slot())
        return button

    # --- loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        self.app.runner.run(lambda: office.office_settings(self.app.ws), self.show_settings)
        self.app.runner.run(lambda: office.office_logo(self.app.ws), self.show_logo)
        self.referral_bodies.reload()

    def show_logo(self, logo: tuple[bytes, str] | None) -> None:
        pixmap = QPixmap()
        if logo is not None and pixmap.loadFromData(logo[0]):
            self.logo.setPixmap(pixmap.scaledToHeight(86, Qt.TransformationMode.SmoothTransformation))

    def choose_logo(self) -> None:
        path = dialogs.open_file_name(self, tr("Pilih logo kantor"), tr("Gambar (*.png *.jpg *.jpeg)"), dialogs.LOGO)
        if path is None:
            return
        mime = "image/png" if path.suffix.lower() == ".png" else "image/jpeg"
        what = tr("Logo")
        self._save(
            lambda: office.set_logo(self.app.ws, read_chosen_file(path, office.MAX_LOGO_BYTES, what), mime),
            tr("Logo kantor tersimpan."),
        )

    def show_settings(self, s: OfficeSettings) -> None:
        self.current = s
        self.name.setText(s.name)
        self.code.setText(f"{s.office_code} ({tr(catalog.OFFICE_LEVELS.get(s.level, s.level))})")
        self.address.setText(s.address)
        self.city.setText(s.city)
        self.phone.setText(format_phone(s.phone) if s.phone else "")
        self.email.setText(s.email)
        self.paper.setCurrentIndex(max(0, self.paper.findData(s.paper)))
        chosen = self.official_actor.currentData()
        self.official_actor.clear()
        self.official_actor.addItem(tr("(tanpa peran)"), "")
        for key, label in s.actors.items():
            self.official_actor.addItem(label, key)
        self.official_actor.setCurrentIndex(max(0, self.official_actor.findData(chosen)))
        self.profile.setText(s.profile)
        for weekday, edit in self.hours.items():
            edit.setText(s.hours.get(weekday, ""))
        self.officials.setRowCount(len(s.officials))
        for r, (oid, name, position, nip, actor) in enumerate(s.officials):
            for c, text in enumerate((name, position, nip, actor)):
                item = QTableWidgetItem(text)
                item.setData(256, oid)
                self.officials.setItem(r, c, item)
        self.days.setRowCount(len(s.days))
        for r, (day, kind, name) in enumerate(s.days):
            item = QTableWidgetItem(long_date(day))
            item.setData(256, day.isoformat())
            self.days.setItem(r, 0, item)
            self.days.setItem(r, 1, QTableWidgetItem(tr("Libur kantor") if kind == "libur" else tr("Masuk")))
            self.days.setItem(r, 2, QTableWidgetItem(name))
        self.numbering.load(s)

    # --- saving ----------------------------------------------------------------------------------
    def _save(self, action: Callable[[], object], done: str, *, calendar: bool = False) -> None:
        def saved(_: object) -> None:
            self.app.events.settings_changed.emit()
            if calendar:
                self.app.events.tell()  # due times follow the new calendar
            window = self.window()
            if isinstance(window, QMainWindow):
                window.statusBar().showMessage(done, 6000)

        def refused(error: DumasError) -> None:
            dialogs.warn(self, tr("Belum tersimpan"), error.message)

        self.app.runner.run(action, saved, on_message=refused)

    def save_office(self) -> None:
        data = OfficeProfileInput(
            self.name.text(), self.address.text(), self.city.text(), self.phone.text(), self.email.text()
        )
        self._save(lambda: office.update_office(self.app.ws, data), tr("Profil kantor tersimpan."))

    def save_paper(self) -> None:
        size = self.paper.currentData()
        self._save(lambda: documents.set_default_paper(self.app.ws, size), tr("Ukuran kertas dokumen tersimpan."))

    def add_official(self) -> None:
        name, position, nip = self.official_name.text(), self.official_position.text(), self.official_nip.text()
        actor = self.official_actor.currentData() or ""
        self._save(lambda: office.add_official(self.app.ws, name, position, nip, actor), tr("Pejabat ditambahkan."))
        for edit in (self.official_name, self.official_position, self.official_nip):
            edit.clear()

    def remove_official(self) -> None:
        item = self.officials.item(self.officials.currentRow(), 0)
        if item is None:
            return
        oid = item.data(256)
        if not dialogs.ask(
            self, tr("Nonaktifkan pejabat"), tr("Nonaktifkan {name} dari daftar pejabat?").format(name=item.text())
        ):
            return
        self._save(lambda: office.remove_official(self.app.ws, oid), tr("Pejabat dinonaktifkan."))

    def save_hours(self) -> None:
        hours = {day: edit.text().strip() for day, edit in self.hours.items()}
        self._save(lambda: office.set_office_hours(self.app.ws, hours), tr("Jam kerja tersimpan."), calendar=True)

    def add_day(self) -> None:
        day, kind, name = typed_date(self.day.text()), self.day_kind.currentData(), self.day_name.text()
        if day is None:
            dialogs.warn(
                self,
                tr("Tanggal belum benar"),
                tr(
                    "Ketik tanggal sebagai hari-bulan-tahun, mis. 17-08-2026 (tahun {first}–{last}). Belum ada yang "
                    "disimpan."
                ).format(first=FIRST_YEAR, last=LAST_YEAR),
            )
            return
        done = tr("Hari kantor {day} tersimpan.").format(day=long_date(day))
        self._save(lambda: office.set_day(self.app.ws, day, kind, name), done, calendar=True)

    def remove_day(self) -> None:

        item = self.days.item(self.days.currentRow(), 0)
        if item is None:
            return
        day = date.fromisoformat(item.data(256))
        if not dialogs.ask(self, tr("Hapus hari kantor"), tr("Hapus {day} dari hari kantor?").format(day=item.text())):
            return
        self._save(lambda: office.remove_day(self.app.ws, day), tr("Hari kantor dihapus."), calendar=True)

    def edit_profile(self) -> None:
        """The editor is a window of the main window's (closed with it), as its menu opens it."""
        show = getattr(self.window(), "show_profile_editor", None)
        if callable(show):
            show()

    def export_profile(self) -> None:
        target = dialogs.save_file_name(
            self, tr("Simpan profil SOP"), "profil-sop.toml", tr("Profil SOP (*.toml)"), dialogs.PROFILE
        )
        if target is None:
            return

        def write() -> None:
            with self.app.ws.db.read() as session:
                _, active = office.active_profile(self.app.ws, session)
            target.write_text(active.text, encoding="utf-8")

        self._save(write, tr("Profil SOP disimpan ke {path}.").format(path=target))

    def install_profile(self) -> None:
        path = dialogs.open_file_name(self, tr("Pasang profil SOP"), tr("Profil SOP (*.toml)"), dialogs.PROFILE)
        if path is None:
            return
        self._save(
            lambda: office.install_profile(self.app.ws, load_profile(path).text, path.name),
            tr("Profil SOP dipasang untuk pengaduan baru. Pengaduan yang sudah ada tetap memakai profilnya."),
        )
