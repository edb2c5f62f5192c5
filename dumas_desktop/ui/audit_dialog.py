"""The record of who did what, for a case, a user, an action or a period, and its Excel copy."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..services import audit_log
from . import dialogs
from .context import AppContext
from .texts import tr

PERIODS = (
    ("semua", "Semua waktu", None),
    ("hari_ini", "Hari ini", 0),
    ("minggu", "7 hari terakhir", 7),
    ("bulan", "30 hari terakhir", 30),
    ("tahun", "365 hari terakhir", 365),
)


class AuditDialog(QDialog):
    def __init__(self, app: AppContext, parent: QWidget | None = None, agenda_number: str = "") -> None:
        super().__init__(parent)
        self.app = app
        self.rows: list[audit_log.AuditRow] = []
        self.setWindowTitle(tr("Jejak audit"))
        self.resize(1100, 620)
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.agenda = QLineEdit(agenda_number)
        self.agenda.setPlaceholderText(tr("Nomor agenda"))
        self.actor = QComboBox()
        self.actor.setEditable(True)
        self.action = QComboBox()
        self.period = QComboBox()
        for key, label, _days in PERIODS:
            self.period.addItem(tr(label), key)
        for label, widget in (
            (tr("Pengaduan"), self.agenda),
            (tr("Pengguna"), self.actor),
            (tr("Tindakan"), self.action),
            (tr("Waktu"), self.period),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget, 1)
        apply = QPushButton(tr("Tampilkan"))
        apply.clicked.connect(self.load)
        self.agenda.returnPressed.connect(self.load)
        filters.addWidget(apply)
        layout.addLayout(filters)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [tr("Waktu"), tr("Pengguna"), tr("Tindakan"), tr("Nomor agenda"), tr("Objek"), tr("Rincian")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.count = QLabel()
        bottom.addWidget(self.count, 1)
        self.save = QPushButton(tr("Simpan ke Excel…"))
        self.save.clicked.connect(self.export)
        bottom.addWidget(self.save)
        close = QPushButton(tr("&Tutup"))
        close.clicked.connect(self.close)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self.app.runner.run(lambda: (audit_log.actors(app.ws), audit_log.actions(app.ws)), self._fill_choices)

    def _fill_choices(self, choices: tuple[list[str], list[str]]) -> None:
        actors, actions = choices
        self.actor.addItem(tr("Semua pengguna"), "")
        for actor in actors:
            self.actor.addItem(actor, actor)
        self.action.addItem(tr("Semua tindakan"), "")
        for action in actions:
            self.action.addItem(audit_log.action_label(action), action)
        self.load()

    def wanted(self) -> audit_log.AuditFilter:
        days = next(d for key, _label, d in PERIODS if key == self.period.currentData())
        since = None if days is None else date.today() - timedelta(days=days)
        actor = self.actor.currentData() if self.actor.currentIndex() > 0 else self.actor.currentText()
        if actor == tr("Semua pengguna"):
            actor = ""
        return audit_log.AuditFilter(self.agenda.text(), actor or "", self.action.currentData() or "", since, None)

    def load(self) -> None:
        wanted = self.wanted()
        self.app.runner.run(lambda: audit_log.entries(self.app.ws, wanted), self._show)

    def _show(self, rows: list[audit_log.AuditRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = (
                row.at.strftime("%d-%m-%Y %H:%M:%S"),
                row.actor,
                row.action_label,
                row.agenda_number or "–",
                row.entity_label,
                row.details,
            )
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        limit = tr(" (paling baru {n})").format(n=audit_log.MAX_ROWS) if len(rows) >= audit_log.MAX_ROWS else ""
        self.count.setText(tr("{n} entri").format(n=len(rows)) + limit)
        self.save.setEnabled(bool(rows))

    def export(self) -> None:
        target = dialogs.save_file_name(
            self, tr("Simpan jejak audit"), "jejak-audit.xlsx", tr("Buku kerja Excel (*.xlsx)"), dialogs.AUDIT
        )
        if target is None:
            return
        rows = list(self.rows)
        title = tr("Jejak audit {office}").format(office=self.app.office_name)
        self.app.runner.run(
            lambda: audit_log.write_xlsx(rows, Path(target), title),
            lambda _r: self.count.setText(tr("{n} entri disimpan ke {path}").format(n=len(rows), path=target)),
        )
