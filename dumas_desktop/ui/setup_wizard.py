"""The first run: set up the office (profile, officials, SOP, office hours) or explore
a demo office."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..domain.calendar import WEEKDAY_NAMES, OfficeHours
from ..domain.errors import DumasError
from ..services import office
from ..services.context import Workspace
from ..services.data_file import new_office_file
from ..services.demo import make_demo
from ..services.office import OfficeInput
from . import dialogs
from .texts import tr

if TYPE_CHECKING:
    from ..services.data_file import Database


class StartPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("Selamat datang di Dumas Desktop"))
        self.setSubTitle(tr("Belum ada berkas data kantor di komputer ini."))
        layout = QVBoxLayout(self)
        self.own = QRadioButton(tr("Siapkan kantor saya (berkas data kosong)"))
        self.demo = QRadioButton(tr("Jelajahi kantor contoh dengan pengaduan rekaan"))
        self.own.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.own)
        group.addButton(self.demo)
        layout.addWidget(self.own)
        layout.addWidget(self.demo)
        self.sop = QComboBox()
        for profile_id in office.bundled_profile_ids():
            self.sop.addItem(office.bundled_profile(profile_id).name, profile_id)
        form = QFormLayout()
        form.addRow(tr("Profil SOP"), self.sop)
        layout.addLayout(form)
        layout.addStretch(1)

    def nextId(self) -> int:
        return -1 if self.demo.isChecked() else 1


class OfficePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("Profil kantor"))
        self.setSubTitle(tr("Dipakai untuk kop surat dan nomor surat."))
        form = QFormLayout(self)
        self.name, self.code, self.city = QLineEdit(), QLineEdit(), QLineEdit()
        self.address, self.phone, self.email = QLineEdit(), QLineEdit(), QLineEdit()
        self.name.setPlaceholderText("Komisi Pemilihan Umum Kabupaten …")
        self.code.setPlaceholderText(tr("mis. 6103"))
        self.officials = QPlainTextEdit()
        self.officials.setPlaceholderText(
            tr("Satu per baris: Nama; Jabatan; NIP; Peran dalam SOP (mis. Pengarah, Penanggung Jawab, Pelaksana)")
        )
        for label, widget in (
            (tr("Nama kantor"), self.name),
            (tr("Kode kantor"), self.code),
            (tr("Alamat"), self.address),
            (tr("Kota"), self.city),
            (tr("Telepon"), self.phone),
            (tr("Surel"), self.email),
            (tr("Pejabat penanda tangan"), self.officials),
        ):
            form.addRow(label, widget)
        for edit in (self.name, self.code):
            edit.textChanged.connect(lambda _: self.completeChanged.emit())

    def isComplete(self) -> bool:
        return bool(self.name.text().strip() and self.code.text().strip())


class HoursPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("Jam kerja"))
        self.setSubTitle(tr("Waktu baku dalam menit dan jam dihitung dalam jam kerja. Kosongkan hari libur."))
        form = QFormLayout(self)
        defaults = OfficeHours.default().to_dict()
        self.hours = {day: QLineEdit(defaults.get(day, "")) for day in WEEKDAY_NAMES}
        for day, edit in self.hours.items():
            form.addRow(day.capitalize(), edit)
        form.addRow(QLabel(tr("Hari libur kantor dapat ditambahkan kemudian di tab Pengaturan.")))


class SetupWizard(QWizard):
    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.created: Path | None = None
        self.setWindowTitle(tr("Menyiapkan Dumas Desktop"))
        self.resize(720, 560)
        self.start = StartPage()
        self.office = OfficePage()
        self.hours = HoursPage()
        for page in (self.start, self.office, self.hours):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("Mulai"))

    def accept(self) -> None:
        sop = self.start.sop.currentData()
        try:
            if self.start.demo.isChecked():
                make_demo(self.path, 300, sop)
            else:
                new_office_file(self.path, self._set_up)
        except DumasError as exc:
            dialogs.warn(self, tr("Berkas data belum dibuat"), exc.message)
            return
        self.created = self.path
        super().accept()

    def _set_up(self, db: Database) -> None:
        ws = Workspace(db, actor="pengaturan awal")
        page = self.office
        office.initialize_office(
            ws,
            OfficeInput(
                name=page.name.text(),
                office_code=page.code.text().strip(),
                sop=self.start.sop.currentData(),
                address=page.address.text(),
                city=page.city.text(),
                phone=page.phone.text(),
                email=page.email.text(),
            ),
        )
        actors = office.bundled_profile(self.start.sop.currentData()).actors
        for line in page.officials.toPlainText().splitlines():
            parts = [part.strip() for part in line.split(";")] + ["", "", ""]
            if parts[0]:
                office.add_official(ws, parts[0], parts[1], parts[2], office.actor_named(actors, parts[3]))
        office.set_office_hours(ws, {day: edit.text().strip() for day, edit in self.hours.hours.items()})
