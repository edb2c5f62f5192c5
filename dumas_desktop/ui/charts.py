"""Bar charts drawn with QPainter (Qt's own Charts and Graphs modules are GPL or
commercial only): plain numbers in, a widget out. Horizontal bars for categories, stacked
columns for the months; a click on a bar says which category it was, and a chart's numbers
are one click away as a table."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..reports.stats_model import PALETTE
from .texts import tr

BAR_HEIGHT = 18
GAP = 6


class BarChart(QWidget):
    """`rows`: (label, values per series); one series gives plain bars, several stack."""

    bar_clicked = Signal(str)

    def __init__(
        self, series: Sequence[str], rows: Sequence[tuple[str, Sequence[int]]], *, columns: bool = False
    ) -> None:
        super().__init__()
        self.series, self.rows, self.columns = list(series), list(rows), columns
        self._hit: list[tuple[QRectF, str]] = []
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(self.sizeHint().height())
        self.setAccessibleName(tr("Grafik"))

    def sizeHint(self) -> QSize:
        if self.columns:
            return QSize(480, 220)
        legend = 22 if len(self.series) > 1 else 0
        return QSize(480, max(1, len(self.rows)) * (BAR_HEIGHT + GAP) + 24 + legend)

    def _colour(self, index: int) -> QColor:
        return QColor(PALETTE[index % len(PALETTE)])

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        self._hit = []
        top = max([sum(values) for _label, values in self.rows] or [0]) or 1
        if self.columns:
            self._paint_columns(painter, metrics, top)
        else:
            self._paint_bars(painter, metrics, top)
        if len(self.series) > 1:
            x = 4
            y = self.height() - 16
            for i, name in enumerate(self.series):
                painter.fillRect(QRectF(x, y + 2, 10, 10), self._colour(i))
                painter.setPen(self.palette().text().color())
                painter.drawText(int(x + 14), int(y + 11), name)
                x += 24 + metrics.horizontalAdvance(name)
        painter.end()

    def _paint_bars(self, painter: QPainter, metrics: QFontMetrics, top: int) -> None:
        label_width = min(
            max([metrics.horizontalAdvance(label) for label, _v in self.rows] or [0]) + 8, self.width() // 2
        )
        usable = max(10, self.width() - label_width - 44)
        for row, (label, values) in enumerate(self.rows):
            y = 4 + row * (BAR_HEIGHT + GAP)
            painter.setPen(self.palette().text().color())
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.drawText(
                QRectF(0, y, label_width - 8, BAR_HEIGHT),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                shown,
            )
            x = float(label_width)
            for i, value in enumerate(values):
                width = usable * value / top
                painter.fillRect(QRectF(x, y, width, BAR_HEIGHT), self._colour(i))
                x += width
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(x + 4, y, 40, BAR_HEIGHT), int(Qt.AlignmentFlag.AlignVCenter), str(sum(values)))
            self._hit.append((QRectF(0, y, self.width(), BAR_HEIGHT), label))

    def _paint_columns(self, painter: QPainter, metrics: QFontMetrics, top: int) -> None:
        count = max(1, len(self.rows))
        bottom = self.height() - (40 if len(self.series) > 1 else 22)
        slot = self.width() / count
        for column, (label, values) in enumerate(self.rows):
            x = column * slot + slot * 0.15
            y = float(bottom)
            for i, value in enumerate(values):
                height = (bottom - 18) * value / top
                y -= height
                painter.fillRect(QRectF(x, y, slot * 0.7, height), self._colour(i))
            painter.setPen(self.palette().text().color())
            total = sum(values)
            if total:
                painter.drawText(QRectF(x, y - 16, slot * 0.7, 14), int(Qt.AlignmentFlag.AlignHCenter), str(total))
            short = metrics.elidedText(label.split()[0], Qt.TextElideMode.ElideRight, int(slot))
            painter.drawText(QRectF(column * slot, bottom + 2, slot, 16), int(Qt.AlignmentFlag.AlignHCenter), short)
            self._hit.append((QRectF(column * slot, 0, slot, self.height()), label))

    def label_at(self, x: float, y: float) -> str | None:
        return next((label for rect, label in self._hit if rect.contains(x, y)), None)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        label = self.label_at(event.position().x(), event.position().y())
        self.setCursor(Qt.CursorShape.PointingHandCursor if label else Qt.CursorShape.ArrowCursor)
        found = dict(self.rows).get(label or "")
        self.setToolTip(f"{label}: {sum(found)}" if label and found is not None else "")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            label = self.label_at(event.position().x(), event.position().y())
            if label is not None:
                self.bar_clicked.emit(label)


class ChartPanel(QWidget):
    """A titled chart with a button that shows its numbers as a table instead."""

    bar_clicked = Signal(str)

    def __init__(
        self, title: str, series: Sequence[str], rows: Sequence[tuple[str, Sequence[int]]], *, columns: bool = False
    ) -> None:
        super().__init__()
        heading = QLabel(f"<b>{title}</b>")
        self.toggle = QPushButton(tr("Tampilkan tabel"))
        self.toggle.setCheckable(True)
        self.chart = BarChart(series, rows, columns=columns)
        self.chart.bar_clicked.connect(self.bar_clicked)
        self.table = QTableWidget(len(rows), 1 + len(series))
        self.table.setHorizontalHeaderLabels([title, *series] if len(series) > 1 else [title, tr("Jumlah")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, (label, values) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(label))
            for c, value in enumerate(values, start=1):
                item = QTableWidgetItem(str(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.setMinimumHeight(min(360, 30 + 26 * len(rows)))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.chart)
        self.stack.addWidget(self.table)
        self.toggle.toggled.connect(self._flip)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.addLayout(top)
        layout.addWidget(self.stack)

    def _flip(self, table: bool) -> None:
        self.stack.setCurrentWidget(self.table if table else self.chart)
        self.toggle.setText(tr("Tampilkan grafik") if table else tr("Tampilkan tabel"))
