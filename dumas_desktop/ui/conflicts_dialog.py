"""Cases an import found changed on both sides: compare the two versions and choose one."""

from __future__ import annotations

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

from ..services import conflicts
from ..services.conflicts import ConflictView
from . import dialogs
from .context import AppContext
from .texts import tr


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


class ConflictsDialog(QDialog):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle(tr("Bentrok impor"))
        self.resize(900, 560)
        self.items: list[ConflictView] = []
        self.list = _table([tr("Nomor agenda"), tr("Ditemukan"), tr("Revisi di sini"), tr("Revisi kiriman")])
        self.list.itemSelectionChanged.connect(self.show_selected)
        self.detail = _table([tr("Isian"), tr("Versi kantor ini"), tr("Versi kiriman")])
        note = QLabel(
            tr(
                "Pengaduan ini berubah di kantor ini dan di tempat paket dibuat. Versi kantor ini tetap dipakai "
                "sampai Anda memilih; versi kiriman disimpan utuh. Pilihan Anda dicatat di jejak audit."
            )
        )
        note.setWordWrap(True)
        self.keep = QPushButton(tr("Pakai versi &kantor ini"))
        self.keep.clicked.connect(lambda: self.settle(take_incoming=False))
        self.take = QPushButton(tr("Pakai versi ki&riman"))
        self.take.clicked.connect(lambda: self.settle(take_incoming=True))
        close = QPushButton(tr("&Tutup"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.keep, self.take, close):
            buttons.addWidget(button)
        self.none = QLabel(tr("Tidak ada bentrok impor: setiap pengaduan yang diimpor sejalan dengan berkas ini."))
        self.none.setWordWrap(True)
        self.none.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.none)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.detail, 2)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.app.runner.run(lambda: conflicts.open_conflicts(self.app.ws), self.show_conflicts)

    def show_conflicts(self, items: list[ConflictView]) -> None:
        self.items = items
        self.list.setRowCount(len(items))
        for row, item in enumerate(items):
            cells = [
                item.agenda_number,
                item.found_at.strftime("%d-%m-%Y %H.%M"),
                str(item.local_revision),
                str(item.incoming_revision),
            ]
            for column, value in enumerate(cells):
                self.list.setItem(row, column, QTableWidgetItem(value))
        if items:
            self.list.selectRow(0)
        for widget in (self.list, self.detail):
            widget.setVisible(bool(items))
        self.none.setVisible(not items)
        self.show_selected()

    def current(self) -> ConflictView | None:
        rows = self.list.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows and rows[0].row() < len(self.items) else None

    def show_selected(self) -> None:
        item = self.current()
        differences = item.differences if item else []
        self.detail.setRowCount(len(differences))
        for row, (label, here, incoming) in enumerate(differences):
            for column, value in enumerate((tr(label), here, incoming)):
                self.detail.setItem(row, column, QTableWidgetItem(value))
        enabled = item is not None and not self.app.ws.db.read_only
        self.keep.setEnabled(enabled)
        self.take.setEnabled(enabled)

    def settle(self, *, take_incoming: bool) -> None:
        item = self.current()
        if item is None:
            return
        choice = tr("versi kiriman") if take_incoming else tr("versi kantor ini")
        if not dialogs.ask(
            self, tr("Selesaikan bentrok"), tr("Pakai {choice} untuk {n}?").format(choice=choice, n=item.agenda_number)
        ):
            return

        def settled(_: object) -> None:
            self.app.events.tell()
            self.refresh()

        self.app.runner.run(
            lambda: conflicts.settle(self.app.ws, item.id, take_incoming),
            settled,
            on_message=lambda error: dialogs.warn(self, tr("Bentrok belum diselesaikan"), error.message),
        )
