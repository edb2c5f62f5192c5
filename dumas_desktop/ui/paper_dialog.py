"""A paper on screen before it goes to the printer: preview with QtPdf, print through Qt's
print dialog (pages rendered here, so the PC needs no PDF reader), or save the PDF."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..domain.errors import DumasError
from ..services.documents import Paper
from ..services.files import write_bytes
from . import dialogs
from .pdf_preview import load
from .texts import tr

# Enough for crisp text on office printers without building 600-dpi page images.
MAX_PRINT_DPI = 300


def load_pdf(content: bytes, owner: QWidget) -> QPdfDocument:
    document = load(content, owner)
    if document.status() != QPdfDocument.Status.Ready:
        raise DumasError(tr("Dokumen PDF tidak dapat dibaca untuk dicetak."))
    return document


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Draw every page on the printer at its own size, centred; returns the pages sent."""
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise DumasError(tr("Pencetak tidak dapat dipakai. Periksa pencetak lalu coba lagi."))
    try:
        first, last = 0, document.pageCount() - 1
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first, last = printer.fromPage() - 1, min(last, printer.toPage() - 1)
        for index in range(first, last + 1):
            if index > first:
                printer.newPage()
            points = document.pagePointSize(index)
            image = document.render(index, QSize(int(points.width() / 72 * dpi), int(points.height() / 72 * dpi)))
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(
                area.x() + (area.width() - size.width()) // 2,
                area.y() + (area.height() - size.height()) // 2,
                size.width(),
                size.height(),
            )
            painter.drawImage(target, image)
        return last - first + 1
    finally:
        painter.end()


class PaperDialog(QDialog):
    def __init__(self, paper: Paper, parent: QWidget | None = None, note: str = "") -> None:
        super().__init__(parent)
        self.paper = paper
        self.setWindowTitle(paper.title)
        self.resize(820, 900)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.document = load_pdf(paper.pdf, self)
        view = QPdfView(self)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        view.setDocument(self.document)
        if paper.is_copy:
            state = tr("SALINAN dari arsip: dokumen yang sama dengan yang diterbitkan, diberi tanda salinan.")
        elif paper.document_id is None and not paper.number:
            state = tr("Pratinjau: dokumen ini tidak diarsipkan sebagai dokumen terbit.")
        else:
            state = tr("Asli: telah diberi nomor dan disimpan di arsip berkas data.")
        state = note or state
        number = tr("Nomor {n}. ").format(n=paper.number) if paper.number else ""
        pages = tr("{n} halaman.").format(n=self.document.pageCount())
        self.info = QLabel(f"<b>{paper.title}</b><br>{number}{pages} {state}")
        self.info.setWordWrap(True)
        self.print_button = QPushButton(tr("&Cetak…"))
        self.print_button.clicked.connect(self.print_paper)
        save = QPushButton(tr("&Simpan PDF…"))
        save.clicked.connect(self.save)
        close = QPushButton(tr("&Tutup"))
        close.clicked.connect(self.close)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.print_paper)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.print_button, save, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(view, 1)
        layout.addLayout(buttons)
        self.print_button.setFocus()

    def print_paper(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.paper.file_name)
        printer.setFromTo(1, self.document.pageCount())
        chooser = QPrintDialog(printer, self)
        chooser.setWindowTitle(tr("Cetak {title}").format(title=self.paper.title))
        if not dialogs.confirm_print(chooser):
            return
        try:
            pages = print_pdf(self.document, printer)
        except DumasError as error:
            dialogs.warn(self, tr("Tidak dapat mencetak"), error.message)
            return
        self.info.setText(self.info.text() + "<br>" + tr("{n} halaman dikirim ke pencetak.").format(n=pages))

    def save(self) -> None:
        target = dialogs.save_file_name(self, tr("Simpan PDF"), self.paper.file_name, "PDF (*.pdf)", dialogs.PDF)
        if target is None:
            return
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        try:
            write_bytes(target, self.paper.pdf)
        except DumasError as error:
            dialogs.warn(self, tr("PDF belum tersimpan"), error.message)
            return
        self.info.setText(self.info.text() + "<br>" + tr("Tersimpan di {path}").format(path=target))
