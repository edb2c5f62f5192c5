"""The always-visible strip: overdue, due today, and waiting for the reporter."""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ..services import queries
from .context import AppContext
from .texts import tr


class AttentionStrip(QWidget):
    """Each count is a button that shows those cases in the agenda book."""

    show_overdue = Signal()
    show_waiting = Signal()
    show_due_today = Signal()

    def __init__(self, app: AppContext) -> None:
        super().__init__()
        self.app = app
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(QLabel(tr("<b>Perlu perhatian:</b>")))
        self.overdue = self._button(layout, "#b02a37", self.show_overdue)
        self.due_today = self._button(layout, "#8a6d00", self.show_due_today)
        self.waiting = self._button(layout, "#1f4e8c", self.show_waiting)
        self.lapsed = QLabel()
        layout.addWidget(self.lapsed)
        layout.addStretch(1)
        self.counts: queries.Attention | None = None
        app.events.cases_changed.connect(self.refresh)

    def _button(self, layout: QHBoxLayout, colour: str, signal: SignalInstance) -> QPushButton:
        button = QPushButton()
        button.setFlat(True)
        button.setStyleSheet(f"QPushButton {{ color: {colour}; font-weight: bold; padding: 2px 8px; }}")
        button.clicked.connect(signal.emit)
        layout.addWidget(button)
        return button

    def refresh(self, _changes: object = None) -> None:  # counts over every case, whatever changed
        self.app.runner.run(lambda: queries.attention(self.app.ws), self._show)

    def _show(self, counts: queries.Attention) -> None:
        self.counts = counts
        self.overdue.setText(tr("{n} sedang lewat batas waktu").format(n=counts.overdue))
        self.due_today.setText(tr("{n} jatuh tempo hari ini").format(n=counts.due_today))
        self.waiting.setText(tr("{n} menunggu pelapor").format(n=counts.waiting_for_reporter))
        self.lapsed.setText(
            tr("({n} batas kelengkapannya lewat: dapat ditolak)").format(n=counts.completion_lapsed)
            if counts.completion_lapsed
            else ""
        )
