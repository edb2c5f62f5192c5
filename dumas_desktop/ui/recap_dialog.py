"""The recap (rekapitulasi) and the report (laporan: every complaint's path through the
SOP) of a month, a quarter or a year: save the Excel workbook or print it directly; and
the receipts of one day as one print job."""

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
from ..services import complaint_report, documents, queries, recap
from . import dialogs
from .context import AppContext
from .documents_panel import show_paper
from .texts import tr

if TYPE_CHECKING:
    from .paper_dialog import PaperDialog  # QtPdf loads when a paper is first shown


RECAP, REPORT = "rekapitulasi", "laporan"
EXPLAINED = {
    RECAP: (
        "Buku kerja Excel memuat satu baris per pengaduan, ringkasan per klasifikasi, kanal, status, dan "
        "bulan, serta daftar pengaduan yang melewati waktu baku. Siap dicetak mendatar."
    ),
    REPORT: (
        "Laporan memuat alur setiap pengaduan: nomor nota dinas, disposisi/arahan, jawaban bagian terkait, "
        "tanggapan Tim Penyelesaian, dan tindak lanjutnya, setiap langkah dengan waktunya, serta ringkasan. "
        "Siap dicetak mendatar."
    ),
}


class RecapDialog(QDialog):
    def __init__(
        self, app: AppContext, parent: QWidget | None = None, *, which: str = RECAP, period: Period | None = None
    ) -> None:
        super().__init__(parent)
        self.app = app
        self.preset = period
        self.setWindowTitle(tr("Rekapitulasi dan laporan pengaduan"))
        self.which = QComboBox()
        self.which.addItem(tr("Rekapitulasi pengaduan"), RECAP)
        self.which.addItem(tr("Laporan pengaduan (alur setiap pengaduan)"), REPORT)
        self.which.setCurrentIndex(max(0, self.which.findData(which)))
        self.which.currentIndexChanged.connect(self._explain)
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
        form.addRow(tr("&Dokumen"), self.which)
        form.addRow(tr("&Tahun"), self.year)
        form.addRow(tr("&Periode"), self.kind)
        form.addRow(tr("Tri&wulan/bulan"), self.part)
        form.addRow(tr("&Kertas cetak"), self.paper)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setMinimumWidth(520)
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
        self._explain()
        if period is not None:
            self.kind.setCurrentIndex(
                self.kind.findData("bulan" if period.month else "triwulan" if period.quarter else "tahun")
            )
            self.part.setCurrentIndex(max(0, self.part.findData(period.month or period.quarter)))
        app.runner.run(lambda: queries.years(app.ws), self._fill_years)
        app.runner.run(lambda: documents.default_paper(app.ws), self._set_paper)
        self.opened: list[PaperDialog] = []

    def _fill_years(self, years: list[int]) -> None:
        this_year = self.app.ws.now().year
        for year in sorted({*years, this_year, *([self.preset.year] if self.preset else [])}, reverse=True):
            self.year.addItem(str(year), year)
        if self.preset is not None:
            self.year.setCurrentIndex(max(0, self.year.findData(self.preset.year)))

    def _explain(self) -> None:
        self.outcome.setText(tr(EXPLAINED[self.which.currentData()]))

    def _is_report(self) -> bool:
        return self.which.currentData() == REPORT

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
        report = self._is_report()
        suggested = f"{'laporan' if report else 'rekapitulasi'}-pengaduan-{period.slug}.xlsx"
        title = tr("Simpan laporan pengaduan") if report else tr("Simpan rekapitulasi")
        target = dialogs.save_file_name(self, title, suggested, tr("Buku kerja Excel (*.xlsx)"), dialogs.RECAP)
        if target is None:
            return
        if target.suffix.lower() != ".xlsx":
            target = target.with_suffix(".xlsx")
        paper = self.paper.currentData()
        if report:
            self.app.runner.run(
                lambda: complaint_report.write_report(self.app.ws, period, target, paper=paper),
                lambda made: self.outcome.setText(
                    tr("Laporan pengaduan {period}: {n} pengaduan. Tersimpan di {path}").format(
                        period=period.label, n=len(made.recap.rows), path=target
                    )
                ),
                label=tr("Menyusun laporan pengaduan…"),
                on_message=self._refused,
            )
            return
        self.app.runner.run(
            lambda: recap.write_recap(self.app.ws, period, target, paper=paper),
            lambda data: self.outcome.setText(
                tr(
                    "Rekapitulasi {period}: {n} pengaduan, {late} pernah terlambat di salah satu langkahnya. "
                    "Tersimpan di {path}"
                ).format(period=period.label, n=len(data.rows), late=len(data.late), path=target)
            ),
            label=tr("Menyusun rekapitulasi…"),
            on_message=self._refused,
        )

    def print_recap(self) -> None:
        period, paper = self.period(), self.paper.currentData()
        make = complaint_report.report_paper if self._is_report() else recap.recap_paper
        self.app.runner.run(
            lambda: make(self.app.ws, period, paper),
            lambda made: self.opened.append(show_paper(self, made)),
            label=tr("Menyusun laporan pengaduan…") if self._is_report() else tr("Menyusun rekapitulasi…"),
            on_message=self._refused,
        )

    def _refused(self, error: DumasError) -> None:
        what = tr("Laporan pengaduan belum dibuat") if self._is_report() else tr("Rekapitulasi belum dibuat")
        dialogs.warn(self, what, error.message)


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
        explained = QLabel(
            tr(
                "Tanda terima yang belum pernah diterbitkan diberi nomor dan diarsipkan pada pengaduannya saat "
                "pratinjau dibuat."
            )
        )
        explained.setWordWrap(True)
        layout.addWidget(explained)
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
        # The batch itself is no issued document; each receipt in it is, on its own case.
        note = tr(
            "Gabungan untuk dicetak sekaligus: setiap tanda terima di dalamnya sudah bernomor dan diarsipkan "
            "pada pengaduannya."
        )
        self.opened.append(show_paper(self, paper, note))
