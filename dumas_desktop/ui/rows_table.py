"""A small table a person types into as into a spreadsheet: Tab or Return moves on to the
next cell, one cell for each press; Return after the last cell closes it, and the next
Return goes on with the form (a wizard's Lanjut). A button under it adds a row."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
Hint = QAbstractItemDelegate.EndEditHint


class _ReturnMovesOn(QStyledItemDelegate):
    """Qt's delegate commits a cell on Return but lets the key go on to the window, where
    a wizard takes it as Lanjut: one press both ended the cell and left the page."""

    def __init__(self, table: QTableWidget) -> None:
        super().__init__(table)
        self.table = table

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (
            isinstance(editor, QWidget)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in RETURN_KEYS
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.commitData.emit(editor)
            current = self.table.currentIndex()
            last = current.row() == self.table.rowCount() - 1 and current.column() == self.table.columnCount() - 1
            self.closeEditor.emit(editor, Hint.SubmitModelCache if last else Hint.EditNextItem)
            return True
        return super().eventFilter(editor, event)


class RowsTable(QTableWidget):
    def __init__(self, headers: list[str], rows: int) -> None:
        super().__init__(rows, len(headers))
        self.setHorizontalHeaderLabels(headers)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setTabKeyNavigation(True)
        self.setItemDelegate(_ReturnMovesOn(self))
        self.model().rowsInserted.connect(lambda *_: self.fit())
        self.model().rowsRemoved.connect(lambda *_: self.fit())
        self.fit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Return on a cell that is not being typed in: the next cell, until the last one,
        # from where Return belongs to the form around the table.
        current = self.currentIndex()
        if event.key() in RETURN_KEYS and current.isValid() and self.state() != QAbstractItemView.State.EditingState:
            at_end = current.row() == self.rowCount() - 1 and current.column() == self.columnCount() - 1
            if not at_end:
                self.setCurrentIndex(self.moveCursor(QAbstractItemView.CursorAction.MoveNext, event.modifiers()))
                return
            event.ignore()
            return
        super().keyPressEvent(event)

    def fit(self) -> None:
        """As tall as its rows (two to five; more scroll), so the form has no empty gaps."""
        row, head = self.verticalHeader().defaultSectionSize(), self.horizontalHeader().sizeHint().height()
        self.setFixedHeight(head + row * min(5, max(2, self.rowCount())) + 2 * self.frameWidth())

    def text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text().strip() if item is not None else ""

    def put(self, row: int, column: int, text: str, *, editable: bool = True) -> None:
        item = QTableWidgetItem(text)
        if not editable:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.setItem(row, column, item)

    def add_row(self) -> int:
        row = self.rowCount()
        self.insertRow(row)
        return row
