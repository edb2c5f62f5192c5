"""Backups from the window: list them with their date and case count, make one now,
restore one (the current file is kept aside first); for the office's server, write one
where the administrator chooses."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DumasError
from ..services import carry, keeping
from . import dialogs
from .context import AppContext
from .texts import tr

KIND_LABELS = {
    "cadangan": "Cadangan",
    "pra-migrasi": "Sebelum pembaruan program",
    "sebelum-pulih": "Sebelum pemulihan",
    "rusak": "Berkas rusak (disisihkan)",
    "lain": "Lainnya",
}


class BackupsDialog(QDialog):
    restore_requested = Signal(Path)

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle(tr("Cadangan dan pemulihan"))
        self.resize(820, 460)
        self.items: list = []
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([tr("Waktu"), tr("Jenis"), tr("Pengaduan"), tr("Ukuran")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        note = QLabel(
            tr(
                "Cadangan dibuat otomatis saat program ditutup dan setiap beberapa jam bila ada perubahan, "
                "diperiksa setelah ditulis, dan dijarangkan: semua dari 24 jam terakhir, satu per hari selama "
                "seminggu, satu per minggu selama dua bulan, satu per bulan selama setahun. Memulihkan "
                "menyimpan berkas data sekarang lebih dahulu."
            )
            + (
                ""
                if app.ws.db.is_server
                else " " + tr("Tempatnya: {folder}").format(folder=keeping.backups_folder(app.ws.db.file))
            )
        )
        note.setWordWrap(True)
        self.make_button = QPushButton(tr("&Buat cadangan sekarang"))
        self.make_button.clicked.connect(self.make)
        self.restore_button = QPushButton(tr("&Pulihkan yang dipilih…"))
        self.restore_button.clicked.connect(self.restore)
        close = QPushButton(tr("&Tutup"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.make_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(close)
        self.none = QLabel(
            tr("Belum ada cadangan berkas data ini. Cadangan pertama dibuat saat program ditutup, atau sekarang.")
        )
        self.none.setWordWrap(True)
        self.none.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.none)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.read_only = app.ws.db.read_only
        self.make_button.setEnabled(not self.read_only)
        self.refusal = ""
        try:
            keeping.may_restore(app.ws.access)  # the service decides; the button mirrors it
        except DumasError as exc:
            self.refusal = exc.message
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self._selection_changed()
        if app.ws.db.is_server:
            self._for_server(note)
            return
        self.refresh()

    def _for_server(self, note: QLabel) -> None:
        """The office's server keeps no backups of its own beside it: one is written as a
        checked .dumas file where the administrator chooses; putting one back over the
        server is the IT officer's, as the database's owner, while no PC is connected."""
        address = self.app.ws.db.label
        note.setText(
            tr(
                "Cadangan server kantor ditulis sebagai satu berkas data .dumas di tempat yang dipilih (mis. "
                "flashdisk atau folder cadangan PC server), diperiksa setelah ditulis, dan dicatat di jejak audit "
                "server; berkas itu dapat dibuka di PC mana pun. Memulihkan cadangan ke server dilakukan petugas TI "
                "sebagai pemilik basis data, setelah program di semua PC ditutup: dumas-desktop restore --data "
                "postgresql://PEMILIK@… --from BERKAS (isi server sekarang disimpan lebih dulu)."
            )
        )
        self.table.hide()
        self.restore_button.hide()
        self.none.setText(tr("Server: {address}").format(address=address))
        self.none.show()
        self.make_button.setText(tr("&Buat cadangan server…"))
        self.make_button.clicked.disconnect()
        self.make_button.clicked.connect(self.make_server_backup)
        try:
            carry.may_back_up_server(self.app.ws.access)
        except DumasError as exc:
            self.make_button.setEnabled(False)
            self.make_button.setToolTip(exc.message)

    def make_server_backup(self) -> None:
        suggested = f"dumas-{self.app.office_code}-server-{self.app.ws.now():%Y%m%d-%H%M}.dumas"
        target = dialogs.save_file_name(
            self, tr("Simpan cadangan server"), suggested, tr("Berkas data Dumas (*.dumas)"), dialogs.DATA_FILE
        )
        if target is None:
            return
        db, access, actor = self.app.ws.db, self.app.ws.access, self.app.ws.actor
        self.app.runner.run(
            lambda: carry.back_up_server(db, target, access=access, actor=actor),
            lambda cases: self.none.setText(
                tr("Cadangan server dibuat dan diperiksa: {path} ({n} pengaduan).").format(path=target, n=cases)
            ),
            label=tr("Membuat cadangan server…"),
            on_message=lambda error: dialogs.warn(self, tr("Cadangan tidak dapat dibuat"), error.message),
        )

    def _selection_changed(self) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        self.restore_button.setEnabled(chosen and not self.read_only and not self.refusal)
        self.restore_button.setToolTip(self.refusal or ("" if chosen else tr("Pilih dulu cadangan yang dipulihkan.")))

    def refresh(self) -> None:
        path = self.app.ws.db.file
        self.app.runner.run(lambda: keeping.list_backups(path), self.show_backups, label=tr("Membaca cadangan…"))

    def show_backups(self, items: list) -> None:
        self.items = items
        self.table.setRowCount(len(items))
        for row, info in enumerate(items):
            cases = tr("tidak terbaca") if info.cases is None else str(info.cases)
            cells = [
                info.made_at.strftime("%d-%m-%Y %H.%M"),
                tr(KIND_LABELS.get(info.kind, info.kind)),
                cases,
                f"{info.size_bytes / 2**20:.1f} MB",
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(info.path))
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        if items:
            self.table.selectRow(0)
        self.table.setVisible(bool(items))
        self.none.setVisible(not items)
        self._selection_changed()

    def make(self) -> None:
        path, actor = self.app.ws.db.file, self.app.ws.actor
        self.app.runner.run(
            lambda: keeping.back_up_now(path, actor=actor),
            lambda _made: self.refresh(),
            label=tr("Membuat cadangan…"),
            on_message=lambda error: dialogs.warn(self, tr("Cadangan tidak dapat dibuat"), error.message),
        )

    def restore(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        info = self.items[rows[0].row()]
        if info.cases is None:
            dialogs.warn(self, tr("Cadangan tidak dapat dipakai"), tr("Cadangan ini tidak terbaca atau rusak."))
            return
        question = tr(
            "Pulihkan cadangan {when} ({n} pengaduan)? Berkas data sekarang disimpan dulu di folder cadangan, "
            "lalu program membuka berkas hasil pemulihan."
        ).format(when=info.made_at.strftime("%d-%m-%Y %H.%M"), n=info.cases)
        if dialogs.ask(self, tr("Pulihkan cadangan"), question):
            self.close()
            self.restore_requested.emit(info.path)
