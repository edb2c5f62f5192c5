"""The recap of a month, a quarter or a year: save the Excel workbook or print it directly;
and the receipts of one day as one print job."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DumasError
from ..reports.model import MONTHS, QUARTERS, Period
from ..services import documents, queries, recap
from . import dialogs
from .context import AppContext
from .documents_panel import show_paper
from .texts import tr

if TYPE_CHECKING:
    from .paper_dialog import PaperDialog  # QtPdf loads when a paper is first shown


class RecapDialog(QDialog):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle(tr("Rekapitulasi dan laporan pengaduan"))
        self.year = QComboBox()
        self.kind = QComboBox()
        self.kind.addItem(tr("Setahun"), "tahun")
        self.kind.addItem(tr("Triwulan"), "triwulan")
        self.kind.addItem(tr("Bulan"), "bulan")
        self.part = QComboBox()
        self.kind.currentIndexChanged.connect(self._fill_parts)
        self.paper = QComboBox()
        for size in documents.PAPERS:
            self.paper.addItem(size, size)
        form = QFormLayout()
        form.addRow(tr("&Tahun"), self.year)
        form.addRow(tr("&Periode"), self.kind)
        form.addRow(tr("Tri&wulan/bulan"), self.part)
        form.addRow(tr("&Kertas cetak"), self.paper)
        self.outcome = QLabel(
            tr(
                "Buku kerja Excel memuat satu baris per pengaduan, ringkasan per klasifikasi, kanal, status, dan "
                "bulan, serta daftar pengaduan yang melewati waktu baku. Siap dicetak mendatar."
            )
        )
        self.outcome.setWordWrap(True)
        self.save_button = QPushButton(tr("&Simpan Excel…"))
        self.save_button.clicked.connect(self.save)
        self.print_button = QPushButton(tr("&Cetak…"))
        self.print_button.clicked.connect(self.print_recap)
        close = QPushButton(tr("&Tutup"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.print_button, self.save_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.outcome)
        layout.addLayout(buttons)
        self._fill_parts()
        app.runner.run(lambda: queries.years(app.ws), self._fill_years)
        app.runner.run(lambda: documents.default_paper(app.ws), self._set_paper)
        self.opened: list[PaperDialog] = []

    def _fill_years(self, years: list[int]) -> None:
        this_year = self.app.ws.now().year
        for year in sorted({*years, this_year}, reverse=True):
            self.year.addItem(str(year), year)

    def _set_paper(self, size: str) -> None:
        self.paper.setCurrentIndex(max(0, self.paper.findData(size)))

    def _fill_parts(self) -> None:
        self.part.clear()
        kind = self.kind.currentData()
        if kind == "triwulan":
            for number, name in enumerate(QUARTERS, start=1):
                self.part.addItem(tr("Triwulan {n}").format(n=name), number)
        elif kind == "bulan":
            for number, name in enumerate(MONTHS, start=1):
                self.part.addItem(name, number)
            self.part.setCurrentIndex(self.app.ws.now().month - 1)
        self.part.setEnabled(kind != "tahun")

    def period(self) -> Period:
        year = self.year.currentData() or self.app.ws.now().year
        kind = self.kind.currentData()
        if kind == "triwulan":
            return Period(year, quarter=self.part.currentData())
        if kind == "bulan":
            return Period(year, month=self.part.currentData())
        return Period(year)

    def save(self) -> None:
        period = self.period()
        suggested = f"rekapitulasi-pengaduan-{period.slug}.xlsx"
        target = dialogs.save_file_name(
            self, tr("Simpan rekapitulasi"), suggested, tr("Buku kerja Excel (*.xlsx)"), dialogs.RECAP
        )
        if target is None:
            return
        if target.suffix.lower() != ".xlsx":
            target = target.with_suffix(".xlsx")
        paper = self.paper.currentData()
        self.app.runner.run(
            lambda: recap.write_recap(self.app.ws, period, target, paper=paper),
            lambda data: self.outcome.setText(
                tr("Rekapitulasi {period}: {n} pengaduan, {late} lewat waktu. Tersimpan di {path}").format(
                    period=period.label, n=len(data.rows), late=len(data.late), path=target
                )
            ),
            label=tr("Menyusun rekapitulasi…"),
            on_message=self._refused,
        )

    def print_recap(self) -> None:
        period, paper = self.period(), self.paper.currentData()
        self.app.runner.run(
            lambda: recap.recap_paper(self.app.ws, period, paper),
            lambda made: self.opened.append(show_paper(self, made)),
            label=tr("Menyusun rekapitulasi…"),
            on_message=self._refused,
        )

    def _refused(self, error: DumasError) -> None:
        dialogs.warn(self, tr("Rekapitulasi belum dibuat"), error.message)


class ReceiptsDialog(QDialog):
    """Every receipt of the complaints received on one day, for one print job."""

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle(tr("Tanda terima per hari"))
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd-MM-yyyy")
        form = QFormLayout()
        form.addRow(tr("&Tanggal diterima"), self.day)
        show = QPushButton(tr("&Pratinjau dan cetak…"))
        show.clicked.connect(self.show_receipts)
        close = QPushButton(tr("&Tutup"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(show)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(tr("Tanda terima yang belum pernah diterbitkan diberi nomor dan diarsipkan.")))
        layout.addLayout(buttons)
        self.opened: list[PaperDialog] = []

    def show_receipts(self) -> None:
        # The stubs give toPython() as object; a QDate's is a date.
        day = cast(date, self.day.date().toPython())
        self.app.runner.run(
            lambda: documents.receipts_of_day(self.app.ws, day),
            self._show,
            label=tr("Menyiapkan tanda terima…"),
            on_message=lambda error: dialogs.warn(self, tr("Tanda terima"), error.message),
        )

    def _show(self, paper: documents.Paper) -> None:
        self.app.events.tell()  # the day's receipts are marked printed
        self.opened.append(show_paper(self, paper))
