"""The case view: every field, the step timeline with due and actual times, parties,
dispositions, letters, evidence with a preview, and the case's history."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain import catalog, deadlines
from ..domain.filetypes import size_text
from ..domain.texts import date_time, long_date
from ..domain.validation import format_phone
from ..services import case_file, links, minutes
from ..services.case_file import CaseDetail
from ..services.changes import Changes
from ..services.minutes import MinutesView
from .agenda_tab import classification_names
from .context import AppContext
from .documents_panel import DocumentsPanel
from .drafts import DraftStore
from .evidence_preview import show_preview
from .minutes_correction import CorrectionCoverLetterDialog, CorrectionDialog, CorrectionPlenaryDialog
from .texts import tr


def _when(value: date | datetime | None) -> str:
    if value is None:
        return "–"
    return date_time(value) if isinstance(value, datetime) else long_date(value)


def _short(value: datetime | None) -> str:
    """Compact form for tables: 19-11-2026 10.50."""
    return "–" if value is None else f"{value:%d-%m-%Y %H.%M}"


def _table(headers: list[str], rows: list[list[str]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    return table


class CaseView(QDialog):
    work_on_step = Signal(int)
    open_case = Signal(int)  # another case: a linked or a similar one

    def __init__(
        self, app: AppContext, case_id: int, parent: QWidget | None = None, drafts: DraftStore | None = None
    ) -> None:
        super().__init__(parent)
        self.app = app
        self.case_id = case_id
        self.drafts = drafts  # for the minutes' correction forms
        self.setWindowTitle(tr("Berkas pengaduan"))
        self.resize(1000, 700)
        self.layout_ = QVBoxLayout(self)
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.tabs = QTabWidget()
        buttons = QHBoxLayout()
        self.correct = QPushButton(tr("Koreksi berita acara…"))
        self.correct.setVisible(False)
        self.correct.clicked.connect(self.correct_minutes)
        self.adopt_correction = QPushButton(tr("Tetapkan koreksi dalam pleno…"))
        self.adopt_correction.setVisible(False)
        self.adopt_correction.clicked.connect(self.hold_correction_plenary)
        self.send_correction = QPushButton(tr("Catat surat pengantar perbaikan…"))
        self.send_correction.setToolTip(
            tr("Berita acara perbaikan dikirim ke KPU RI dengan surat pengantarnya sendiri.")
        )
        self.send_correction.setVisible(False)
        self.send_correction.clicked.connect(self.record_correction_letter)
        self.documents = DocumentsPanel(app, case_id, self)
        self.print_button = QPushButton(tr("Dokumen dan cetak…"))
        self.print_button.setToolTip(tr("Ctrl+P"))
        self.print_button.clicked.connect(self.show_documents)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.show_documents)
        self.find_similar = QPushButton(tr("Cari pengaduan serupa…"))
        self.find_similar.clicked.connect(self.show_similar)
        self.close_duplicate = QPushButton(tr("Tutup sebagai duplikat…"))
        self.close_duplicate.setVisible(False)
        self.close_duplicate.clicked.connect(self.close_as_duplicate)
        self.duplicate_of = ""
        self.link_views: list[links.LinkView] = []
        self.agenda_number = ""
        self.work = QPushButton(tr("Kerjakan langkah ini…"))
        self.work.clicked.connect(lambda: self.work_on_step.emit(self.case_id))
        close = QPushButton(tr("&Tutup"))
        close.clicked.connect(self.close)
        buttons.addWidget(self.correct)
        buttons.addWidget(self.adopt_correction)
        buttons.addWidget(self.send_correction)
        buttons.addStretch(1)
        buttons.addWidget(self.find_similar)
        buttons.addWidget(self.close_duplicate)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.work)
        buttons.addWidget(close)
        self.layout_.addWidget(self.header)
        self.links_line = QLabel()  # "Duplikat dari 001/…": read on the case's first look
        self.links_line.setWordWrap(True)
        self.links_line.setStyleSheet("color: #8a5a00; font-weight: bold;")
        self.links_line.setVisible(False)
        self.layout_.addWidget(self.links_line)
        self.layout_.addWidget(self.tabs, 1)
        self.layout_.addLayout(buttons)
        self.minutes: MinutesView | None = None
        self.open_ = False
        app.events.cases_changed.connect(self._cases_changed)
        self.refresh()

    def _cases_changed(self, changes: Changes) -> None:
        if changes.touches(self.case_id):
            self.refresh()

    def refresh(self) -> None:
        case_id = self.case_id
        self.app.runner.run(lambda: case_file.case_detail(self.app.ws, case_id), self.show_detail)
        self.app.runner.run(lambda: minutes.current_minutes(self.app.ws, case_id), self.show_minutes)

    def show_documents(self) -> None:
        self.tabs.setCurrentWidget(self.documents)
        self.documents.table.setFocus()

    def show_minutes(self, current: MinutesView | None) -> None:
        self.minutes = current
        self.correct.setVisible(current is not None and current.status == "ditetapkan")
        self.adopt_correction.setVisible(current is not None and current.status == "draf" and current.is_correction)
        self.send_correction.setVisible(current is not None and current.awaiting_cover_letter)

    def correct_minutes(self) -> None:
        if self.minutes is not None:
            dialog = CorrectionDialog(self.app, self.case_id, self.minutes, self, self.drafts)
            dialog.show()

    def hold_correction_plenary(self) -> None:
        CorrectionPlenaryDialog(self.app, self.case_id, self, self.drafts).show()

    def record_correction_letter(self) -> None:
        CorrectionCoverLetterDialog(self.app, self.case_id, self, self.drafts).show()

    def show_similar(self) -> None:
        from .similar_panel import SimilarDialog

        dialog = SimilarDialog(self.app, self.case_id, self.agenda_number, self.open_case.emit, self)
        dialog.show()

    def close_as_duplicate(self) -> None:
        from .case_actions import CloseDialog

        CloseDialog(self.app, self.case_id, self, self.drafts, duplicate_of=self.duplicate_of).show()

    def _links_tab(self, table: QTableWidget, views: list[links.LinkView]) -> None:
        page = table.parentWidget()
        index = self.tabs.indexOf(page) if page is not None else -1
        if index >= 0:
            self.tabs.setTabText(index, tr("Tautan ({n})").format(n=len(views)))
        self.link_views = views
        table.setRowCount(len(views))
        for r, v in enumerate(views):
            status = tr(catalog.STATUSES.get(v.other_status, v.other_status))
            cells = (tr(v.label), v.other_number, v.other_subject, status, _short(v.linked_at), v.linked_by, v.note)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, v.other_id)
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        self.duplicate_of = next((v.other_number for v in views if v.outgoing and v.kind == "duplikat"), "")
        self.close_duplicate.setVisible(bool(self.duplicate_of) and self.open_)
        if views:
            said = "; ".join(f"{tr(v.label)} {v.other_number}" for v in views)
            self.links_line.setText(said)
            self.links_line.setVisible(True)

    def show_detail(self, d: CaseDetail) -> None:
        self.agenda_number = d.agenda_number
        self.open_ = d.status in ("proses", "menunggu_pelapor")
        profile = self.app.profile if d.profile_id == self.app.profile.id else None
        step_names = {s.key: f"{s.no}. {s.name}" for s in (profile.steps if profile else ())}
        status = tr(catalog.STATUSES.get(d.status, d.status))
        if d.status == "selesai":
            status += " — " + tr(catalog.CLOSURE_KINDS.get(d.closure_kind, d.closure_kind))
        current = step_names.get(d.current_step, d.current_step)
        self.header.setText(
            f"<h2>{d.agenda_number}</h2><b>{d.subject}</b><br>"
            + tr("Keadaan: {status}").format(status=status)
            + (("<br>" + tr("Langkah sekarang: {step}").format(step=current)) if d.current_step else "")
        )
        refusal = self.app.step_refusal(d.current_step, profile) if d.current_step and profile else None
        self.work.setEnabled(bool(d.current_step) and not refusal)
        self.work.setToolTip(refusal or "")
        if refusal:
            self.header.setText(self.header.text() + f"<br><i style='color:#8a5a00'>{refusal}</i>")
        self.setWindowTitle(tr("Berkas pengaduan {number}").format(number=d.agenda_number))
        showing_documents = self.tabs.currentWidget() is self.documents
        while self.tabs.count():
            self.tabs.removeTab(0)
        self.tabs.addTab(self._data_tab(d), tr("Data pengaduan"))
        self.tabs.addTab(self._timeline_tab(d, step_names), tr("Linimasa langkah"))
        self.tabs.addTab(self._parties_tab(d), tr("Para pihak"))
        self.tabs.addTab(
            _table(
                [tr("Langkah"), tr("Tanggal"), tr("Dari"), tr("Kepada"), tr("Isi disposisi"), tr("Nomor")],
                [[step_names.get(s, s), _short(at), f, t, i, n] for s, at, f, t, i, n in d.dispositions],
            ),
            tr("Disposisi"),
        )
        self.tabs.addTab(
            _table(
                [tr("Jenis"), tr("Arah"), tr("Nomor"), tr("Tanggal"), tr("Tanda terima")],
                [
                    [tr(catalog.DOCUMENT_KINDS.get(k, k)), direction, number, _when(on), _when(receipt)]
                    for _, k, direction, number, on, receipt in d.letters
                ],
            ),
            tr("Surat"),
        )
        self.tabs.addTab(self._evidence_tab(d), tr("Bukti ({n})").format(n=len(d.evidence)))
        self.tabs.addTab(self.documents, tr("Dokumen"))
        linked = _table(
            [
                tr("Hubungan"),
                tr("Nomor agenda"),
                tr("Pokok pengaduan"),
                tr("Keadaan"),
                tr("Dicatat"),
                tr("Petugas"),
                tr("Keterangan"),
            ],
            [],
        )
        linked.itemDoubleClicked.connect(lambda item: self.open_case.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.tabs.addTab(self._links_page(linked), tr("Tautan"))
        history = _table([tr("Waktu"), tr("Petugas"), tr("Tindakan"), tr("Rincian")], [])
        self.tabs.addTab(history, tr("Riwayat"))
        if showing_documents:
            self.tabs.setCurrentWidget(self.documents)
        case_id = self.case_id
        self.app.runner.run(
            lambda: case_file.case_history(self.app.ws, case_id), lambda rows: self._history(history, rows)
        )
        self.links_line.setVisible(False)
        self.app.runner.run(lambda: links.links_of(self.app.ws, case_id), lambda views: self._links_tab(linked, views))

    def _links_page(self, table: QTableWidget) -> QWidget:
        """The links, with the button that removes the one chosen."""
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(table)
        row = QHBoxLayout()
        hint = QLabel(tr("Tautan baru dibuat dengan tombol Cari pengaduan serupa…, atau saat mencatat pengaduan baru."))
        hint.setWordWrap(True)
        row.addWidget(hint, 1)
        remove = QPushButton(tr("Hapus tautan…"))
        remove.setEnabled(False)
        remove.setToolTip(tr("Pilih tautan di tabel lebih dahulu."))
        table.itemSelectionChanged.connect(lambda: remove.setEnabled(bool(table.selectedItems())))
        remove.clicked.connect(lambda: self.remove_link(table))
        row.addWidget(remove)
        layout.addLayout(row)
        return page

    def remove_link(self, table: QTableWidget) -> None:
        from .link_removal import UnlinkDialog

        row = table.currentRow()
        if 0 <= row < len(self.link_views):
            UnlinkDialog(self.app, self.case_id, self.link_views[row], self).show()

    def _history(self, table: QTableWidget, entries: list[case_file.HistoryEntry]) -> None:
        table.setRowCount(len(entries))
        for r, entry in enumerate(entries):
            for c, text in enumerate((_short(entry.at), entry.actor, entry.action.replace("_", " "), entry.details)):
                table.setItem(r, c, QTableWidgetItem(text))
        table.resizeColumnsToContents()

    def _data_tab(self, d: CaseDetail) -> QWidget:
        widget = QWidget()
        form = QFormLayout(widget)
        # A case imported from an office with another SOP is named by that SOP.
        classifications = classification_names(self.app.all_profiles(), self.app.profile)
        rows = [
            (tr("Nomor agenda"), d.agenda_number),
            (tr("Diterima"), _when(d.received_at)),
            (tr("Kanal"), tr(catalog.CHANNELS.get(d.channel, d.channel))),
            (tr("Klasifikasi"), classifications.get(d.classification, d.classification) or "–"),
            (tr("Pokok pengaduan"), d.subject),
            (tr("Uraian"), d.description),
            (tr("Waktu kejadian"), _when(d.event_date)),
            (tr("Tempat kejadian"), d.event_place or "–"),
            (tr("Lokasi kasus"), d.location or "–"),
            (tr("Profil SOP"), f"{d.profile_id} (versi {d.profile_version})"),
        ]
        if d.current_due_at or d.completion_due_at:
            rows.append((tr("Batas waktu"), _when(d.completion_due_at or d.current_due_at)))
        if d.closed_at:
            rows.append((tr("Ditutup"), _when(d.closed_at)))
            rows.append((tr("Keterangan penutupan"), d.closure_note or "–"))
            if d.referred_to:
                rows.append((tr("Dilimpahkan kepada"), catalog.REFERRAL_TARGETS.get(d.referred_to, d.referred_to)))
            if d.days_taken is not None:
                rows.append((tr("Lama penanganan"), tr("{n} hari kerja").format(n=d.days_taken)))
        for label, value in rows:
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(f"<b>{label}</b>", text)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(widget)
        return scroll

    def _timeline_tab(self, d: CaseDetail, names: dict[str, str]) -> QWidget:
        rows = []
        for s in d.steps:
            taken = "–" if s.minutes_taken is None else self._duration(s.minutes_taken)
            rows.append(
                [
                    names.get(s.key, f"{s.no}. {s.name}"),
                    _short(s.started_at),
                    _short(s.due_at),
                    _short(s.completed_at),
                    taken,
                    tr(deadlines.STATE_LABELS.get(s.state, s.state)),
                    s.outcome or "–",
                    s.actor or "–",
                ]
            )
        table = _table(
            [
                tr("Langkah"),
                tr("Mulai"),
                tr("Batas waktu"),
                tr("Selesai"),
                tr("Waktu kerja"),
                tr("Keadaan"),
                tr("Hasil"),
                tr("Petugas"),
            ],
            rows,
        )
        late = {deadlines.DONE_LATE, deadlines.OVERDUE}
        for r, s in enumerate(d.steps):
            if s.state in late and (cell := table.item(r, 5)) is not None:
                cell.setForeground(Qt.GlobalColor.darkRed)
        return table

    @staticmethod
    def _duration(minutes: int) -> str:
        hours, rest = divmod(minutes, 60)
        return tr("{h} jam {m} menit").format(h=hours, m=rest) if hours else tr("{m} menit").format(m=rest)

    def _parties_tab(self, d: CaseDetail) -> QWidget:
        rows = []
        for p in d.parties:
            note = ""
            if p.role == "reporter" and p.confidentiality != "terbuka":
                note = tr(catalog.CONFIDENTIALITY[p.confidentiality])
            rows.append(
                [
                    tr(catalog.PARTY_ROLES.get(p.role, p.role)),
                    p.name,
                    f"{catalog.ID_KINDS.get(p.id_kind, p.id_kind)} {p.id_number}".strip() if p.id_number else "–",
                    p.position or p.occupation or "–",
                    p.unit or p.address or "–",
                    p.phone if p.masked else (format_phone(p.phone) if p.phone else "") or p.email or "–",
                    note,
                ]
            )
        table = self._party_table(rows)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(table)
        hint = QLabel(
            tr("NIK, telepon, dan surel ditampilkan tersamar. Membuka identitas lengkap dicatat di jejak audit.")
        )
        hint.setWordWrap(True)
        reveal = QPushButton(tr("Tampilkan identitas lengkap…"))
        reveal.clicked.connect(lambda: self._reveal(d, table.currentRow()))
        reveal.setEnabled(False)
        table.itemSelectionChanged.connect(
            lambda: reveal.setEnabled(0 <= table.currentRow() < len(d.parties) and d.parties[table.currentRow()].masked)
        )
        layout.addWidget(hint)
        layout.addWidget(reveal, alignment=Qt.AlignmentFlag.AlignLeft)
        return box

    def _reveal(self, d: CaseDetail, row: int) -> None:
        from PySide6.QtWidgets import QInputDialog

        from ..services import privacy

        if not 0 <= row < len(d.parties):
            return
        party = d.parties[row]
        reason, given = QInputDialog.getText(
            self,
            tr("Tampilkan identitas lengkap"),
            tr("Untuk keperluan apa identitas {name} dibuka? (dicatat di jejak audit)").format(name=party.name),
        )
        if not given:
            return

        def show(full: privacy.RevealedParty) -> None:
            from . import dialogs

            dialogs.inform(
                self,
                tr("Identitas {name}").format(name=full.name),
                "\n".join(
                    [
                        tr("Nama: {v}").format(v=full.name),
                        tr("Nomor identitas: {v}").format(v=full.id_number or "–"),
                        tr("Alamat: {v}").format(v=full.address or "–"),
                        tr("Telepon: {v}").format(v=format_phone(full.phone) if full.phone else "–"),
                        tr("Surel: {v}").format(v=full.email or "–"),
                    ]
                ),
            )

        self.app.runner.run(lambda: privacy.reveal_party(self.app.ws, party.id, reason), show)

    def _party_table(self, rows: list[list[str]]) -> QTableWidget:
        return _table(
            [
                tr("Peran"),
                tr("Nama"),
                tr("Identitas"),
                tr("Jabatan/pekerjaan"),
                tr("Unit/alamat"),
                tr("Kontak"),
                tr("Kerahasiaan"),
            ],
            rows,
        )

    def _evidence_tab(self, d: CaseDetail) -> QWidget:
        split = QSplitter()
        files = QListWidget()
        for evidence_id, name, mime, size, _digest in d.evidence:
            item = QListWidgetItem(f"{name}  ({size_text(size)})")
            item.setData(Qt.ItemDataRole.UserRole, (evidence_id, mime))
            files.addItem(item)
        preview = QLabel(tr("Pilih berkas bukti untuk melihat pratinjaunya."))
        preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        preview.setWordWrap(True)
        split.addWidget(files)
        split.addWidget(preview)
        split.setStretchFactor(1, 3)

        def show(item: QListWidgetItem) -> None:
            evidence_id, mime = item.data(Qt.ItemDataRole.UserRole)
            self.app.runner.run(
                lambda: case_file.evidence_content(self.app.ws, evidence_id),
                lambda content: self._preview(preview, mime, content),
            )

        files.currentItemChanged.connect(lambda current, _previous: show(current) if current else None)
        return split

    def _preview(self, target: QLabel, mime: str, content: bytes) -> None:
        show_preview(target, mime, content)
