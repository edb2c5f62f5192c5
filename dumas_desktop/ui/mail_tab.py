"""Surel masuk: the e-mails fetched from the office mailbox and not yet dealt with, each read
as plain text with its attachments previewed as evidence is, and turned into a complaint
(the intake wizard, prefilled), set aside with a reason, or printed for the file.

Fetching runs on the operation runner, by hand (Berkas → Ambil surel, or the button here)
and every N minutes while the program runs when the office set it so."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain import catalog
from ..domain.errors import DumasError
from ..domain.filetypes import size_text
from ..services import mail_settings, mailbox
from ..services.cancelling import CancelToken
from ..services.changes import Changes
from ..services.mail_fetch import FetchResult, MailInterrupted, fetch
from ..services.mail_print import print_message
from ..services.mailbox import MailDetail, MailView
from . import dialogs
from .context import AppContext
from .evidence_preview import show_preview
from .texts import tr

COLUMNS = ("Diterima", "Pengirim", "Perihal", "Lampiran", "Keadaan")


class AsideDialog(QDialog):
    """Bukan pengaduan: why (spam, an information request for PPID, a duplicate, other);
    kept with the message and in the audit trail."""

    def __init__(self, app: AppContext, message_id: int, subject: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.message_id = message_id
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(tr("Bukan pengaduan"))
        form = QFormLayout(self)
        form.addRow(QLabel(tr("Surel: {s}").format(s=subject or tr("(tanpa perihal)"))))
        self.reason = QComboBox()
        for key, label in catalog.MAIL_REASONS.items():
            self.reason.addItem(tr(label), key)
        self.note = QLineEdit()
        self.note.setPlaceholderText(tr("wajib bila alasannya Lainnya"))
        form.addRow(tr("Alasan"), self.reason)
        form.addRow(tr("Keterangan"), self.note)
        buttons = QDialogButtonBox()
        buttons.addButton(tr("Tandai bukan pengaduan"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.buttons = buttons

    def accept(self) -> None:
        reason, note = self.reason.currentData(), self.note.text()
        self.buttons.setEnabled(False)

        def done(result: object) -> None:
            self.app.events.tell(result)
            super(AsideDialog, self).accept()

        self.app.runner.run(
            lambda: mailbox.set_aside(self.app.ws, self.message_id, reason, note),
            done,
            on_message=lambda error: dialogs.warn(self, tr("Belum ditandai"), error.message),
            settled=lambda: self.buttons.setEnabled(True),
        )


class MailTab(QWidget):
    register = Signal(object)  # a MailIntake: the main window opens the intake wizard
    show_paper = Signal(object)
    open_dialog = Signal(object)  # a dialog the main window shows and keeps
    configured = Signal(bool)  # whether the office mailbox is set (the tab shows only then)

    def __init__(self, app: AppContext) -> None:
        super().__init__()
        self.app = app
        self.rows: list[MailView] = []
        self.current: MailDetail | None = None
        self.fetching = False
        self.allowed = app.ws.access.holds_any(self._roles())
        top = QHBoxLayout()
        self.fetch_button = QPushButton(tr("Ambil surel"))
        self.fetch_button.clicked.connect(lambda: self.fetch_now())
        self.everything = QCheckBox(tr("Tampilkan juga yang sudah ditangani"))
        self.everything.toggled.connect(lambda _: self.reload())
        self.status = QLabel()
        self.status.setWordWrap(True)
        top.addWidget(self.fetch_button)
        top.addWidget(self.everything)
        top.addWidget(self.status, 1)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(1, 170)
        self.table.setWordWrap(False)
        self.table.itemSelectionChanged.connect(self._selected)

        reader = QWidget()
        column = QVBoxLayout(reader)
        column.setContentsMargins(0, 0, 0, 0)
        self.headers = QLabel(tr("Pilih surel di daftar untuk membacanya."))
        self.headers.setWordWrap(True)
        self.headers.setTextFormat(Qt.TextFormat.PlainText)
        self.headers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body = QPlainTextEdit()
        self.body.setReadOnly(True)
        self.body.setAccessibleName(tr("Isi surel"))
        files = QHBoxLayout()
        self.attachments = QListWidget()
        self.attachments.setAccessibleName(tr("Lampiran"))
        self.attachments.setMaximumHeight(110)
        self.attachments.currentItemChanged.connect(lambda item, _old: self._preview(item))
        self.preview = QLabel(tr("Pilih lampiran untuk melihat pratinjaunya."))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setWordWrap(True)
        self.preview.setMinimumSize(180, 110)
        self.preview.setMaximumHeight(140)
        files.addWidget(self.attachments, 2)
        files.addWidget(self.preview, 1)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #8a5a00")
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        actions = QHBoxLayout()
        self.register_button = QPushButton(tr("Catat sebagai pengaduan"))
        self.register_button.clicked.connect(lambda: self.start_register())
        self.aside_button = QPushButton(tr("Bukan pengaduan…"))
        self.aside_button.clicked.connect(lambda: self.set_aside())
        self.restore_button = QPushButton(tr("Kembalikan ke surel baru"))
        self.restore_button.setToolTip(tr("Untuk surel yang keliru ditandai bukan pengaduan."))
        self.restore_button.clicked.connect(lambda: self.restore_selected())
        self.print_button = QPushButton(tr("Cetak surel…"))
        self.print_button.clicked.connect(lambda: self.print_selected())
        self.save_button = QPushButton(tr("Simpan lampiran…"))
        self.save_button.clicked.connect(lambda: self.save_attachment())
        for button in (
            self.register_button,
            self.aside_button,
            self.restore_button,
            self.print_button,
            self.save_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        column.addWidget(self.headers)
        column.addWidget(self.body, 1)
        column.addWidget(QLabel(tr("Lampiran")))
        column.addLayout(files)
        column.addWidget(self.notes)
        column.addLayout(actions)

        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(reader)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 4)
        split.setSizes([700, 560])  # the list reads whole on a 1366-pixel screen; the reader wraps
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: self.fetch_now(by_hand=False))
        app.events.cases_changed.connect(self._changed)
        app.events.settings_changed.connect(self.plan_fetching)
        app.runner.reported.connect(lambda text: self.status.setText(text) if self.fetching else None)
        self._enable()
        if not self.allowed:
            self.status.setText(tr("Surel masuk ditangani oleh petugas penerimaan pengaduan."))
            self.fetch_button.setEnabled(False)
        self.plan_fetching()

    def _roles(self) -> tuple[str, ...]:
        from ..domain.access import ADMIN, step_roles

        profile = self.app.profile
        return (*step_roles(profile, profile.step(profile.first_step)), ADMIN)

    # --- the list -------------------------------------------------------------------------------
    def _changed(self, _changes: Changes) -> None:
        if self.allowed:
            self.reload()

    def reload(self) -> None:
        if not self.allowed:
            return
        everything = self.everything.isChecked()
        self.app.runner.run(lambda: mailbox.list_messages(self.app.ws, everything=everything), self._show_rows)

    def _show_rows(self, rows: list[MailView]) -> None:
        chosen = self.current.view.id if self.current else None
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = (
                f"{row.received_at:%d-%m-%Y %H.%M}",
                row.sender_name or row.sender_address or "-",
                row.subject or tr("(tanpa perihal)"),
                str(row.attachments),
                tr(row.state_label),
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(row.sender if c == 1 else text)
                self.table.setItem(r, c, item)
        again = next((r for r, row in enumerate(rows) if row.id == chosen), None)
        if again is not None:
            self.table.selectRow(again)
            self._selected()  # the same row, selected before and after: its state may have changed
        else:
            self.table.clearSelection()
            self._show_detail(None)

    def selected(self) -> MailView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def _selected(self) -> None:
        row = self.selected()
        if row is None:
            self._show_detail(None)
            return
        self.app.runner.run(lambda: mailbox.detail(self.app.ws, row.id), self._show_detail)

    def _show_detail(self, detail: MailDetail | None) -> None:
        self.current = detail
        self.attachments.clear()
        self.preview.clear()
        self.preview.setText(tr("Pilih lampiran untuk melihat pratinjaunya."))
        if detail is None:
            self.headers.setText(tr("Pilih surel di daftar untuk membacanya."))
            self.body.setPlainText("")
            self.notes.setText("")
            self._enable()
            return
        v = detail.view
        lines = [
            tr("Dari: {v}").format(v=v.sender),
            tr("Kepada: {v}").format(v=detail.recipients or "-"),
            tr("Tanggal: {v}").format(v=f"{v.received_at:%d-%m-%Y %H.%M}"),
            tr("Perihal: {v}").format(v=v.subject or tr("(tanpa perihal)")),
            tr("Keadaan: {v}").format(v=v.state_label + (f" ({v.reason})" if v.reason else "")),
        ]
        self.headers.setText("\n".join(lines))
        self.body.setPlainText(detail.body or tr("(surel tanpa teks)"))
        for index, item in enumerate(detail.attachments):
            entry = QListWidgetItem(f"{item.name}  ({size_text(item.size)})")
            entry.setData(Qt.ItemDataRole.UserRole, (index, item.mime_type))
            self.attachments.addItem(entry)
        self.notes.setText("\n".join(detail.notes))
        self._enable()

    def _enable(self) -> None:
        new = self.current is not None and self.current.view.state == "baru"
        self.register_button.setEnabled(self.allowed and new)
        self.aside_button.setEnabled(self.allowed and new)
        aside = self.current is not None and self.current.view.state == "bukan_pengaduan"
        self.restore_button.setVisible(aside)
        self.restore_button.setEnabled(self.allowed and aside)
        self.print_button.setEnabled(self.allowed and self.current is not None)
        self.save_button.setEnabled(self.allowed and self.current is not None and bool(self.current.attachments))

    def _preview(self, item: QListWidgetItem | None) -> None:
        if item is None or self.current is None:
            return
        index, mime = item.data(Qt.ItemDataRole.UserRole)
        message = self.current.view.id
        self.app.runner.run(
            lambda: mailbox.attachment(self.app.ws, message, index)[1],
            lambda content: show_preview(self.preview, mime, content),
        )

    # --- fetching -------------------------------------------------------------------------------
    def plan_fetching(self) -> None:
        self.app.runner.run(lambda: mail_settings.load(self.app.ws), self._plan, quiet=True)

    def _plan(self, settings: mail_settings.MailboxSettings) -> None:
        self.configured.emit(settings.configured)
        if settings.configured and settings.interval_minutes > 0 and self.allowed:
            self.timer.start(settings.interval_minutes * 60_000)
        else:
            self.timer.stop()

    def fetch_now(self, *, by_hand: bool = True) -> None:
        if self.fetching or not self.allowed:
            return
        self.fetching = True
        self.fetch_button.setEnabled(False)
        self.status.setText(tr("Mengambil surel…"))
        runner = self.app.runner

        def progress(done: int, total: int) -> None:
            runner.report(tr("Mengambil surel: {done} dari {total}…").format(done=done, total=total))

        def reading(done: int, total: int) -> None:
            runner.report(tr("Membaca surel: {done} dari {total}…").format(done=done, total=total))

        def settled() -> None:
            self.fetching = False
            self.fetch_button.setEnabled(True)

        def refused(error: DumasError) -> None:
            self.status.setText(error.message)
            if isinstance(error, MailInterrupted):
                self.reload()
            if by_hand:  # a periodic fetch without internet says so here, without a dialog
                dialogs.warn(self, tr("Surel belum terambil semua"), error.message)

        cancel = CancelToken()
        runner.run(
            lambda: fetch(self.app.ws, progress, reading, cancel=cancel),
            self._fetched,
            label=tr("Mengambil surel…"),
            on_message=refused,
            settled=settled,
            quiet=not by_hand,
            cancel=cancel,
        )

    def _fetched(self, result: FetchResult) -> None:
        text = tr(result.summary())
        if result.refused:
            text += " " + " ".join(result.refused)
        self.status.setText(text)
        if result.cancelled:  # the person asked; they are told what was kept before the list changes
            dialogs.inform(self, tr("Pengambilan surel dibatalkan"), text)
        self.reload()

    # --- actions --------------------------------------------------------------------------------
    def start_register(self) -> None:
        if self.current is None:
            return
        message = self.current.view.id
        self.app.runner.run(
            lambda: mailbox.intake_of(self.app.ws, message),
            self.register.emit,
            on_message=lambda error: dialogs.warn(self, tr("Surel belum dapat dicatat"), error.message),
        )

    def set_aside(self) -> None:
        if self.current is None:
            return
        self.open_dialog.emit(AsideDialog(self.app, self.current.view.id, self.current.view.subject, self.window()))

    def restore_selected(self) -> None:
        if self.current is None:
            return
        view = self.current.view
        if not dialogs.ask(
            self,
            tr("Kembalikan surel"),
            tr("Kembalikan “{subject}” ke surel baru? Alasan sebelumnya tetap tercatat di jejak audit.").format(
                subject=view.subject
            ),
        ):
            return
        message = view.id
        self.app.runner.run(
            lambda: mailbox.restore(self.app.ws, message),
            lambda _: self.reload(),
            on_message=lambda error: dialogs.warn(self, tr("Surel belum dikembalikan"), error.message),
        )

    def print_selected(self) -> None:
        if self.current is None:
            return
        message = self.current.view.id

        def printed(paper: object) -> None:
            self.show_paper.emit(paper)
            self.reload()

        self.app.runner.run(
            lambda: print_message(self.app.ws, message),
            printed,
            label=tr("Menyiapkan cetakan surel…"),
            on_message=lambda error: dialogs.warn(self, tr("Surel belum dapat dicetak"), error.message),
        )

    def save_attachment(self) -> None:
        if self.current is None or not self.current.attachments:
            return
        index = max(0, self.attachments.currentRow())
        item = self.current.attachments[index]
        path = dialogs.save_file_name(self, tr("Simpan lampiran"), item.name, tr("Semua berkas (*)"), dialogs.EVIDENCE)
        if path is None:
            return
        from ..services.files import write_bytes

        message = self.current.view.id
        self.app.runner.run(
            lambda: write_bytes(path, mailbox.attachment(self.app.ws, message, index)[1]),
            lambda _: self.status.setText(tr("Lampiran disimpan ke {p}.").format(p=path)),
            on_message=lambda error: dialogs.warn(self, tr("Lampiran belum tersimpan"), error.message),
        )
