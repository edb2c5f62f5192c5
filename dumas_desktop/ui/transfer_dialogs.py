"""Export to a package (for a stick or another office) and import one, from the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DumasError
from . import dialogs
from .behaviour import fit_to_screen
from .context import AppContext
from .texts import tr

PACKAGE_FILTER = "Paket Dumas (*.dumaspkg);;Semua berkas (*)"
UNPROTECTED_QUESTION = (
    "Paket ini memuat identitas orang (nama, NIK, alamat, kontak, bukti) tetapi tidak diberi kata sandi: "
    "siapa pun yang menemukan flashdisk yang hilang dapat membacanya. Beri kata sandi, atau pilih "
    "“Tanpa identitas orang”.\n\nTetap ekspor tanpa kata sandi? Pilihan ini dicatat di jejak audit."
)


def _password_fields() -> tuple[QLineEdit, QLineEdit]:
    first, again = QLineEdit(), QLineEdit()
    for field in (first, again):
        field.setEchoMode(QLineEdit.EchoMode.Password)
    first.setPlaceholderText(tr("kosongkan bila tidak dienkripsi"))
    return first, again


def show_outcome(dialog: QWidget, label: QLabel, text: str) -> None:
    """A result of several lines, shown whole: a window does not follow a wrapped label's
    height by itself, so the dialog grows to it, never beyond the screen."""
    label.setText(text)
    dialog.adjustSize()
    fit_to_screen(dialog)


class ExportDialog(QDialog):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle(tr("Ekspor ke paket"))
        self.year = QComboBox()
        self.year.addItem(tr("Semua tahun"), None)
        self.password, self.again = _password_fields()
        form = QFormLayout()
        form.addRow(tr("&Periode"), self.year)
        form.addRow(tr("&Kata sandi"), self.password)
        form.addRow(tr("&Ulangi kata sandi"), self.again)
        self.anonymous = QCheckBox(tr("&Tanpa identitas orang (nama, NIK, alamat, kontak, bukti, dokumen terbit)"))
        free_text = tr(
            "Isi pengaduan tetap ikut; nama orang-orang dalam pengaduan, NIK, nomor telepon, surel, dan "
            "alamat bernomor di dalam uraian, catatan, dan kronologi diganti “[dirahasiakan]”."
        )
        if not app.ws.access.sees_identity(app.profile):
            self.anonymous.setChecked(True)
            self.anonymous.setEnabled(False)
            free_text = tr("Peran Anda tidak memerlukan identitas pelapor: paket selalu tanpa identitas.") + (
                " " + free_text
            )
        self.anonymous.setToolTip(free_text)
        form.addRow(self.anonymous)
        self.outcome = QLabel(
            tr(
                "Paket berisi salinan utuh data (termasuk bukti dan dokumen terbit) dan diperiksa setelah ditulis. "
                "Dengan kata sandi, isi paket dienkripsi: pakai kata sandi bila paket dibawa dengan flashdisk."
            )
        )
        self.outcome.setWordWrap(True)
        self.go = QPushButton(tr("&Pilih tempat dan ekspor…"))
        self.go.clicked.connect(self.export)
        close = QPushButton(tr("&Tutup"))
        close.clicked.connect(self.close)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.go)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.outcome)
        layout.addLayout(row)
        from ..services import queries

        app.runner.run(lambda: queries.years(app.ws), self._years)

    def _years(self, years: list[int]) -> None:
        for year in years:
            self.year.addItem(str(year), year)

    def export(self) -> None:
        password = self.password.text()
        if password != self.again.text():
            dialogs.warn(self, tr("Kata sandi tidak sama"), tr("Ketik kata sandi yang sama dua kali."))
            return
        if (
            not password
            and not self.anonymous.isChecked()
            and not dialogs.ask(self, tr("Paket tanpa kata sandi"), tr(UNPROTECTED_QUESTION))
        ):
            return
        year = self.year.currentData()
        suffix = f"-{year}" if year else ""
        suggested = f"dumas-{self.app.office_code}{suffix}-{self.app.ws.now():%Y%m%d}.dumaspkg"
        target = dialogs.save_file_name(self, tr("Simpan paket"), suggested, tr(PACKAGE_FILTER), dialogs.PACKAGE)
        if target is None:
            return
        from ..services import carry

        db, access, anonymous = self.app.ws.db, self.app.ws.access, self.anonymous.isChecked()
        self.app.runner.run(
            lambda: carry.export(
                db, target, year=year, password=password or None, without_identities=anonymous, access=access
            ),
            lambda manifest: show_outcome(
                self,
                self.outcome,
                tr("Paket tersimpan dan diperiksa: {path}\n{n} pengaduan, {e} bukti, {d} dokumen terbit.").format(
                    path=target,
                    n=manifest.data["counts"]["complaints"],
                    e=manifest.data["counts"]["evidence"],
                    d=manifest.data["counts"]["issued_documents"],
                ),
            ),
            label=tr("Mengekspor…"),
            on_message=lambda error: dialogs.warn(self, tr("Ekspor gagal"), error.message),
        )


class ImportDialog(QDialog):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle(tr("Impor paket"))
        self.package: Path | None = None
        self.chosen = QLabel(tr("(belum dipilih)"))
        choose = QPushButton(tr("&Pilih paket…"))
        choose.clicked.connect(self.choose)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(tr("bila paketnya dienkripsi"))
        picked = QHBoxLayout()
        picked.addWidget(self.chosen, 1)
        picked.addWidget(choose)
        form = QFormLayout()
        form.addRow(tr("Paket"), picked)
        form.addRow(tr("&Kata sandi"), self.password)
        self.outcome = QLabel(
            tr(
                "Paket diperiksa lebih dahulu, lalu ditampilkan apa yang akan ditambah atau diubah. Tidak ada yang "
                "ditimpa diam-diam: pengaduan yang berubah di kedua tempat dicatat sebagai bentrok."
            )
        )
        self.outcome.setWordWrap(True)
        self.check_button = QPushButton(tr("P&eriksa"))
        self.check_button.clicked.connect(lambda: self.run(dry_run=True))
        self.import_button = QPushButton(tr("&Impor"))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(lambda: self.run(dry_run=False))
        close = QPushButton(tr("&Tutup"))
        close.clicked.connect(self.close)
        row = QHBoxLayout()
        row.addStretch(1)
        for button in (self.check_button, self.import_button, close):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.outcome)
        layout.addLayout(row)
        self.check_button.setEnabled(False)
        self.read_only = app.ws.db.read_only

    def choose(self) -> None:
        path = dialogs.open_file_name(self, tr("Pilih paket"), tr(PACKAGE_FILTER), dialogs.PACKAGE)
        if path is None:
            return
        self.package = path
        self.chosen.setText(str(path))
        self.check_button.setEnabled(True)
        self.import_button.setEnabled(False)

    def run(self, *, dry_run: bool) -> None:
        if self.package is None:
            return
        if not dry_run and self.read_only:
            dialogs.warn(self, tr("Hanya-baca"), tr("Berkas data dibuka hanya-baca; impor tidak dapat dilakukan."))
            return
        from ..services import carry

        db, package, password, user = self.app.ws.db, self.package, self.password.text(), self.app.ws.actor
        access = self.app.ws.access

        def work() -> object:
            return carry.import_package(
                db, package, password=password or None, user=user, dry_run=dry_run, access=access
            )

        self.app.runner.run(
            work,
            lambda summary: self._done(summary, dry_run),
            label=tr("Memeriksa paket…") if dry_run else tr("Mengimpor…"),
            on_message=self._refused,
        )

    def _done(self, summary: object, dry_run: bool) -> None:
        text = summary.describe()  # type: ignore[attr-defined]
        if dry_run:
            show_outcome(self, self.outcome, tr("Paket utuh. Bila diimpor: {what}").format(what=text))
            self.import_button.setEnabled(not getattr(summary, "already_imported", False))
        else:
            done = tr("Impor selesai: {what}").format(what=text)
            if getattr(summary, "conflicts", None):
                done += tr("\nSelesaikan bentrok lewat menu Berkas → Bentrok impor.")
            show_outcome(self, self.outcome, done)
            self.import_button.setEnabled(False)
            self.app.events.tell()

    def _refused(self, error: DumasError) -> None:
        self.import_button.setEnabled(False)
        dialogs.warn(self, tr("Paket tidak dapat dipakai"), error.message)
