"""The first run: set up the office (profile, officials, SOP, office hours) or explore
a demo office."""

from __future__ import annotations

from dataclasses import dataclass
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
    from .runner import OperationRunner


DEMO_PAGE = 9  # beside the pages of the office's own file (0, 1, 2)


class StartPage(QWizardPage):
    def __init__(self, *, first_run: bool = True) -> None:
        super().__init__()
        if first_run:
            self.setTitle(tr("Selamat datang di Dumas Desktop"))
            self.setSubTitle(tr("Belum ada berkas data kantor di komputer ini."))
        else:  # Berkas → Berkas data baru… from an open window
            self.setTitle(tr("Berkas data baru"))
            self.setSubTitle(tr("Berkas baru untuk kantor lain, atau untuk kantor Anda setelah mencoba kantor contoh."))
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
        # Its own last page for the demo: QWizard swaps "Lanjut >" for "Mulai" only on a page change.
        return DEMO_PAGE if self.demo.isChecked() else 1


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

    def nextId(self) -> int:
        return -1


class DemoPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("Kantor contoh"))
        self.setSubTitle(tr("Untuk mencoba program tanpa data sungguhan."))
        text = QLabel(
            tr(
                "Dumas Desktop akan membuat kantor contoh dengan 300 pengaduan rekaan menurut profil SOP yang "
                "dipilih, tersebar di setiap langkah SOP. Layar masuk berikutnya menyebut akun contoh dan kata "
                "sandinya. Nama dan nomor dalam data contoh rekaan belaka. Untuk bekerja dengan data kantor "
                "sendiri, buat berkas data baru kemudian dari menu Berkas."
            )
        )
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addStretch(1)

    def nextId(self) -> int:
        return -1


class SetupWizard(QWizard):
    """Builds the new file on the operation runner: making a 300-case demo office or
    migrating a new file takes seconds, and the wizard keeps painting meanwhile."""

    def __init__(self, path: Path, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.runner = runner
        self.created: Path | None = None
        self.setWindowTitle(tr("Menyiapkan Dumas Desktop"))
        self.resize(720, 560)
        self.start = StartPage(first_run=parent is None)
        self.office = OfficePage()
        self.hours = HoursPage()
        for page in (self.start, self.office, self.hours):
            self.addPage(page)
        self.setPage(DEMO_PAGE, DemoPage())
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("Mulai"))

    def accept(self) -> None:
        path, sop = self.path, self.start.sop.currentData()
        if self.start.demo.isChecked():

            def work() -> None:
                make_demo(path, 300, sop)

            label = tr("Membuat kantor contoh dengan 300 pengaduan…")
        else:
            setup = self._typed_setup()
            unknown = [line for line, actor in setup.roles_typed if not actor]
            if unknown:
                actors = office.bundled_profile(sop).actors
                dialogs.warn(
                    self,
                    tr("Peran pejabat belum dikenal"),
                    tr("Peran “{role}” tidak ada dalam SOP ini. Pilih salah satu: {roles}.").format(
                        role=unknown[0], roles=", ".join(actors.values())
                    ),
                )
                return

            def work() -> None:
                new_office_file(path, setup.apply)

            label = tr("Menyiapkan berkas data kantor…")
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        try:
            self.runner.call(work, label=label)
        except DumasError as exc:
            dialogs.warn(self, tr("Berkas data belum dibuat"), exc.message)
            return
        finally:
            self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.created = self.path
        super().accept()

    def _typed_setup(self) -> OfficeSetup:
        """What the person typed, read here on the UI thread for the worker to apply."""
        page = self.office
        sop = self.start.sop.currentData()
        actors = office.bundled_profile(sop).actors
        officials = []
        roles_typed = []
        for line in page.officials.toPlainText().splitlines():
            parts = [part.strip() for part in line.split(";")] + ["", "", ""]
            if parts[0]:
                actor = office.actor_named(actors, parts[3])
                officials.append((parts[0], parts[1], parts[2], actor))
                if parts[3]:
                    roles_typed.append((parts[3], actor))
        return OfficeSetup(
            OfficeInput(
                name=page.name.text(),
                office_code=page.code.text().strip(),
                sop=sop,
                address=page.address.text(),
                city=page.city.text(),
                phone=page.phone.text(),
                email=page.email.text(),
            ),
            tuple(officials),
            {day: edit.text().strip() for day, edit in self.hours.hours.items()},
            tuple(roles_typed),
        )


@dataclass(frozen=True)
class OfficeSetup:
    office: OfficeInput
    officials: tuple[tuple[str, str, str, str], ...]  # name, position, NIP, SOP actor
    hours: dict[str, str]
    roles_typed: tuple[tuple[str, str], ...] = ()  # each role as typed, and the SOP actor it names ("" if none)

    def apply(self, db: Database) -> None:
        ws = Workspace(db, actor="pengaturan awal")
        office.initialize_office(ws, self.office)
        for name, position, nip, actor in self.officials:
            office.add_official(ws, name, position, nip, actor)
        office.set_office_hours(ws, self.hours)
