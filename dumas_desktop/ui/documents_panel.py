"""A case's papers: what its SOP steps offer, what was issued (number, date), and the
actions: issue and print, reprint a copy, reissue, print all invitations, attach the
signed scan. Everything touching the data file runs on the database worker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
from ..domain.filetypes import mime_of
from ..domain.texts import long_date
from ..services import documents
from ..services.changes import Changes
from ..services.documents import Offer, Paper
from ..services.files import read_chosen_file

if TYPE_CHECKING:
    from .paper_dialog import PaperDialog
from . import dialogs
from .context import AppContext
from .texts import tr

MAX_SCAN_MB = documents.MAX_SCAN_BYTES // 2**20


def state_text(offer: Offer) -> str:
    if offer.earlier and offer.issued is not None:
        why = tr("diperbaiki, tidak berlaku") if offer.issued.status == "diperbaiki" else tr("catatan sebelumnya")
        return tr("Diterbitkan {date}, nomor {number} ({why})").format(
            date=long_date(offer.issued.issued_on), number=offer.issued.number or "-", why=why
        )
    if offer.issued is not None:
        signed = tr(", hasil pindai bertanda tangan ada") if offer.issued.signed_name else ""
        return tr("Diterbitkan {date}, nomor {number}{signed}").format(
            date=long_date(offer.issued.issued_on), number=offer.issued.number or "-", signed=signed
        )
    if offer.record and offer.ready:
        return tr("Siap dicetak (cetakan catatan berkas, tanpa nomor)")
    if offer.draft and offer.ready:
        return tr("Siap dipratinjau (draf, tidak diarsipkan)")
    if offer.ready:
        return tr("Siap dibuat")
    return tr("Belum dapat dibuat: {reason}").format(reason=offer.reason.rstrip("."))


def show_paper(parent: QWidget, paper: Paper, note: str = "") -> PaperDialog:
    from .paper_dialog import PaperDialog  # QtPdf and printing load when a paper is first shown

    dialog = PaperDialog(paper, parent, note)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


class DocumentsPanel(QWidget):
    def __init__(self, app: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.case_id = case_id
        self.offers: list[Offer] = []
        self.opened: list[QDialog] = []
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([tr("Dokumen"), tr("Untuk"), tr("Keadaan")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemActivated.connect(lambda _item: self.make())
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.paper = QComboBox()
        for size in documents.PAPERS:
            self.paper.addItem(size, size)
        self.paper.setToolTip(tr("Ukuran kertas untuk dokumen yang baru diterbitkan"))
        self.make_button = QPushButton(tr("Terbitkan dan pratinjau…"))
        self.make_button.clicked.connect(self.make)
        self.reissue_button = QPushButton(tr("Terbitkan ulang…"))
        self.reissue_button.clicked.connect(self.reissue)
        self.invitations_button = QPushButton(tr("Semua undangan…"))
        self.invitations_button.clicked.connect(self.all_invitations)
        self.attach_button = QPushButton(tr("Lampirkan hasil pindai bertanda tangan…"))
        self.attach_button.clicked.connect(self.attach_signed)
        self.scan_button = QPushButton(tr("Lihat hasil pindai"))
        self.scan_button.clicked.connect(self.show_scan)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(tr("Kertas")))
        buttons.addWidget(self.paper)
        buttons.addStretch(1)
        for button in (self.invitations_button, self.attach_button, self.scan_button, self.reissue_button):
            buttons.addWidget(button)
        buttons.addWidget(self.make_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reason)
        layout.addLayout(buttons)
        self._selection_changed()
        app.events.cases_changed.connect(self._cases_changed)
        app.events.settings_changed.connect(self._load_paper)
        self._load_paper()
        self.refresh()

    # --- loading ---------------------------------------------------------------------------------
    def _load_paper(self) -> None:
        self.app.runner.run(lambda: documents.default_paper(self.app.ws), self._set_paper)

    def _set_paper(self, size: str) -> None:
        self.paper.setCurrentIndex(max(0, self.paper.findData(size)))

    def _cases_changed(self, changes: Changes) -> None:
        if changes.touches(self.case_id):
            self.refresh()

    def refresh(self) -> None:
        case_id = self.case_id
        self.app.runner.run(lambda: documents.offers(self.app.ws, case_id), self.show_offers)

    def show_offers(self, offers: list[Offer]) -> None:
        selected = self.current()
        key = (selected.kind, selected.recipient) if selected else None
        self.offers = offers
        self.table.setRowCount(len(offers))
        for row, offer in enumerate(offers):
            cells = [offer.title, offer.addressee, state_text(offer)]
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if not offer.ready:
                    item.setForeground(Qt.GlobalColor.darkGray)
                item.setToolTip(offer.reason or value)
                self.table.setItem(row, column, item)
            if key == (offer.kind, offer.recipient):
                self.table.selectRow(row)
        self.table.resizeRowsToContents()  # a long reason wraps in its row instead of being cut off
        if self.current() is None and offers:
            self.table.selectRow(0)
        self._selection_changed()

    def current(self) -> Offer | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.offers):
            return None
        return self.offers[rows[0].row()]

    def select(self, kind: str) -> bool:
        for row, offer in enumerate(self.offers):
            if offer.kind == kind:
                self.table.selectRow(row)
                return True
        return False

    def _selection_changed(self) -> None:
        offer = self.current()
        issued = offer is not None and offer.issued is not None
        self.make_button.setEnabled(offer is not None and offer.ready)
        if offer is not None and offer.record:
            self.make_button.setText(tr("Cetak dan pratinjau…"))
        elif offer is not None and offer.draft:
            self.make_button.setText(tr("Pratinjau draf…"))
        else:
            self.make_button.setText(tr("Cetak salinan…") if issued else tr("Terbitkan dan pratinjau…"))
        self.reissue_button.setEnabled(issued and offer is not None and offer.ready and not offer.earlier)
        self.attach_button.setEnabled(issued)
        self.scan_button.setEnabled(issued and offer is not None and bool(offer.issued and offer.issued.signed_name))
        invitations = [o for o in self.offers if o.kind == "surat_undangan" and o.ready]
        self.invitations_button.setVisible(bool(invitations))
        if offer is None:
            self.reason.setText(
                tr("Pilih dokumen. Dokumen yang tersedia mengikuti keluaran langkah SOP pengaduan ini.")
            )
        elif not offer.ready:
            self.reason.setText(tr("Belum dapat dibuat: {reason}").format(reason=offer.reason))
        elif offer.record:
            self.reason.setText(
                tr(
                    "Seluruh catatan pengaduan dalam satu dokumen: data, para pihak, riwayat langkah, disposisi, "
                    "telaah, klarifikasi, berita acara, bukti, dan dokumen terbit. Tidak bernomor dan tidak "
                    "diarsipkan; setiap cetakan dicatat dalam jejak audit."
                )
            )
        elif offer.earlier:
            self.reason.setText(
                tr(
                    "Dokumen dari catatan sebelumnya, tetap di arsip sebagaimana diterbitkan. Cetak ulang "
                    "menghasilkan dokumen yang sama bertanda SALINAN."
                )
                + (
                    tr(" Dokumen ini telah diperbaiki dan tidak berlaku lagi.")
                    if offer.issued and offer.issued.status == "diperbaiki"
                    else ""
                )
            )
        elif issued:
            self.reason.setText(
                tr("Dokumen ini sudah diterbitkan. Cetak ulang menghasilkan dokumen yang sama bertanda SALINAN.")
            )
        else:
            self.reason.setText(tr("Menerbitkan memberi nomor dan menyimpan dokumen di arsip berkas data."))

    # --- actions ---------------------------------------------------------------------------------
    def _issue(self, offer: Offer, *, reissue: bool = False) -> None:
        case_id, paper = self.case_id, self.paper.currentData()

        def work() -> Paper:
            if offer.earlier and offer.issued is not None:
                return documents.copy_of(self.app.ws, offer.issued.id)
            return documents.issue(
                self.app.ws, case_id, offer.kind, recipient=offer.recipient, paper=paper, reissue=reissue
            )

        self.app.runner.run(
            work, self._issued, label=tr("Menyiapkan {title}…").format(title=offer.title), on_message=self._refused
        )

    def _issued(self, paper: Paper) -> None:
        self.opened.append(show_paper(self, paper, paper.note))
        if paper.document_id is None and not paper.number:
            return  # a print of the record changes nothing the panel shows
        if not paper.is_copy:
            self.app.events.tell(paper, self.case_id)
        else:
            self.refresh()

    def _refused(self, error: DumasError) -> None:
        dialogs.warn(self, tr("Dokumen belum dapat dibuat"), error.message)

    def make(self) -> None:
        offer = self.current()
        if offer is not None and offer.ready:
            self._issue(offer)

    def reissue(self) -> None:
        offer = self.current()
        if offer is None or offer.issued is None:
            return
        if dialogs.ask(
            self,
            tr("Terbitkan ulang"),
            tr(
                "Terbitkan ulang {title} dengan data pengaduan terkini? Nomornya tetap {number}; dokumen lama "
                "tetap tersimpan di arsip dengan keterangan diganti."
            ).format(title=offer.title, number=offer.issued.number or "-"),
        ):
            self._issue(offer, reissue=True)

    def all_invitations(self) -> None:
        case_id, paper = self.case_id, self.paper.currentData()
        self.app.runner.run(
            lambda: documents.invitations_of_hearing(self.app.ws, case_id, paper),
            self._issued,
            label=tr("Menyiapkan surat undangan…"),
            on_message=self._refused,
        )

    def attach_signed(self) -> None:
        offer = self.current()
        if offer is None or offer.issued is None:
            return
        path = dialogs.open_file_name(
            self,
            tr("Pilih hasil pindai dokumen bertanda tangan"),
            tr("Pindaian (*.pdf *.jpg *.jpeg *.png)"),
            dialogs.SIGNED_SCAN,
        )
        if path is None:
            return
        document_id, what = offer.issued.id, tr("Hasil pindai")

        def attach() -> None:  # read (refused by its size before a byte is read) and hashed on the worker
            content = read_chosen_file(path, documents.MAX_SCAN_BYTES, what)
            documents.attach_signed(self.app.ws, document_id, path.name, content, mime_of(path.name, content[:16]))

        self.app.runner.run(
            attach,
            lambda result: self.app.events.tell(result, self.case_id),
            label=tr("Menyimpan hasil pindai…"),
            on_message=lambda error: dialogs.warn(self, tr("Hasil pindai belum dilampirkan"), error.message),
        )

    def show_scan(self) -> None:
        offer = self.current()
        if offer is None or offer.issued is None:
            return
        document_id = offer.issued.id
        self.app.runner.run(
            lambda: documents.signed_scan(self.app.ws, document_id), self._show_scan, on_message=self._refused
        )

    def _show_scan(self, scan: tuple[str, str, bytes]) -> None:
        name, mime, content = scan
        if mime == "application/pdf":
            paper = Paper(content, name, name, "", False, None)
            self.opened.append(show_paper(self, paper, tr("Hasil pindai dokumen bertanda tangan.")))
            return
        from PySide6.QtGui import QPixmap

        pixmap = QPixmap()
        pixmap.loadFromData(content)
        viewer = QDialog(self)
        viewer.setWindowTitle(name)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        label = QLabel()
        label.setPixmap(pixmap.scaled(800, 1000, Qt.AspectRatioMode.KeepAspectRatio))
        QVBoxLayout(viewer).addWidget(label)
        viewer.show()


class DocumentsDialog(QDialog):
    """The papers of one case, from Ctrl+P anywhere in the window."""

    def __init__(self, app: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Dokumen pengaduan"))
        app.runner.run(
            lambda: documents.agenda_number_of(app.ws, case_id),
            lambda number: self.setWindowTitle(tr("Dokumen pengaduan {n}").format(n=number)),
        )
        self.resize(900, 520)
        self.panel = DocumentsPanel(app, case_id, self)
        close = QPushButton(tr("&Tutup"))
        close.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
