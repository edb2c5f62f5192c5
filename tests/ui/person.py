"""Using the window only as a person can: widgets are found by what is on the screen (a
button's text, a field's label, a tab's title, a menu item's text) and used with the
mouse and the keyboard through pytest-qt. Nothing here calls a private method or sets a
widget's value directly; modal message boxes are answered by the dialog stand-ins of
conftest.py.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable
from typing import TypeVar, cast, overload

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QWidget,
)

W = TypeVar("W", bound=QWidget)
T = TypeVar("T")
LEFT = Qt.MouseButton.LeftButton
TIMEOUT = 10_000


def plain(text: str) -> str:
    """A label as a person reads it: without the & of a mnemonic (&& is a real &)."""
    return re.sub(r"&(.)", r"\1", text).strip()


def shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.window().isVisible()


def _describe(widgets: Iterable[T], text: Callable[[T], str]) -> str:
    return ", ".join(repr(text(w)) for w in widgets) or "none"


# --- finding -------------------------------------------------------------------------------------
def button(root: QWidget, text: str, kind: type[QAbstractButton] = QAbstractButton) -> QAbstractButton:
    """The visible button (push, check, radio, tool) whose text reads `text`; a text
    ending with "…" in the window may be named without it."""
    candidates = [b for b in root.findChildren(kind) if shown(b)]
    for wanted in (text, text.rstrip("…")):
        found = [b for b in candidates if plain(b.text()).rstrip("…").strip() == wanted.rstrip("…").strip()]
        if found:
            assert len(found) == 1, f"{len(found)} buttons read {text!r}"
            return found[0]
    raise AssertionError(f"no button reads {text!r}; on screen: {_describe(candidates, lambda b: plain(b.text()))}")


def _labelled(root: QWidget) -> Iterable[tuple[str, QWidget]]:
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label_item is None or field_item is None:
                continue
            label, field = label_item.widget(), field_item.widget()
            if isinstance(label, QLabel) and field is not None:
                yield plain(label.text()), field
    for label in root.findChildren(QLabel):
        if label.buddy() is not None:
            yield plain(label.text()), label.buddy()
    for box in root.findChildren(QGroupBox):
        yield plain(box.title()), box


@overload
def field(root: QWidget, label: str) -> QWidget: ...
@overload
def field(root: QWidget, label: str, kind: type[W]) -> W: ...
def field(root: QWidget, label: str, kind: type[QWidget] = QWidget) -> QWidget:
    """The visible field a label names (a form row's label, a QLabel's buddy, a group's
    title); where the field is a container, the one widget of `kind` inside it."""
    seen = []
    for text, widget in _labelled(root):
        if not shown(widget):
            continue
        seen.append(text)
        if text.rstrip(":") != label:
            continue
        if isinstance(widget, kind):
            return widget
        inner = [w for w in widget.findChildren(kind) if shown(w)]
        assert len(inner) == 1, f"{len(inner)} {kind.__name__} under {label!r}"
        return inner[0]
    raise AssertionError(f"no field labelled {label!r}; on screen: {seen}")


def tab_widget(root: QWidget, title: str) -> tuple[QTabWidget, int]:
    for tabs in root.findChildren(QTabWidget):
        if not shown(tabs):
            continue
        for index in range(tabs.count()):
            if plain(tabs.tabText(index)).startswith(title) and tabs.isTabVisible(index):
                return tabs, index
    raise AssertionError(f"no tab titled {title!r}")


def newest(kind: type[W], title: str | None = None) -> W:
    """The visible top-level window of `kind` (its title starting with `title`) that
    has the focus, or else the last one shown."""
    found = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, kind) and w.isVisible() and (title is None or w.windowTitle().startswith(title))
    ]
    assert found, f"no {kind.__name__} window {title or ''} is open"
    active = QApplication.activeWindow()
    return active if active in found else found[-1]  # type: ignore[return-value]


def open_windows(kind: type[W]) -> set[W]:
    return {w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()}


def wait_for(
    qtbot,
    kind: type[W],
    title: str | None = None,
    *,
    ready: Callable[[W], bool] | None = None,
    besides: set[W] | None = None,
) -> W:
    """Wait for a window of `kind` (not one of `besides`, those open before) to be shown."""
    holder: list[W] = []

    def there() -> bool:
        try:
            window = newest(kind, title)
        except AssertionError:
            return False
        if besides and window in besides:
            return False
        if ready is not None and not ready(window):
            return False
        holder[:] = [window]
        return True

    qtbot.waitUntil(there, timeout=TIMEOUT)
    return holder[0]


# --- acting --------------------------------------------------------------------------------------
def _ready(widget: QWidget) -> None:
    assert shown(widget), f"{widget!r} is not on screen"
    assert widget.isEnabled(), f"{plain(getattr(widget, 'text', lambda: '')())!r} is disabled: {widget.toolTip()}"
    widget.window().activateWindow()


def click(qtbot, widget: QWidget) -> None:
    _ready(widget)
    if isinstance(widget, (QCheckBox, QRadioButton)):
        at = QPoint(min(8, widget.width() // 2), widget.height() // 2)  # on the indicator
    else:
        at = widget.rect().center()
    qtbot.mouseClick(widget, LEFT, pos=at)


def press(qtbot, root: QWidget, text: str) -> None:
    click(qtbot, button(root, text))


def tick(qtbot, root: QWidget, text: str, checked: bool = True) -> None:
    box = button(root, text)
    if box.isChecked() != checked:
        click(qtbot, box)
    assert box.isChecked() == checked, text


def tick_all(qtbot, container: QWidget) -> None:
    for box in container.findChildren(QCheckBox):
        if shown(box) and box.isEnabled() and not box.isChecked():
            click(qtbot, box)
            assert box.isChecked(), box.text()


def choose(qtbot, root: QWidget, text: str) -> None:
    """A radio button or a check box, by its text."""
    radio = button(root, text)
    if not radio.isChecked():
        click(qtbot, radio)
    assert radio.isChecked(), text


def focus(qtbot, widget: QWidget) -> None:
    _ready(widget)
    qtbot.mouseClick(widget, LEFT, pos=QPoint(min(10, widget.width() // 2), min(10, widget.height() // 2)))

    def focused() -> bool:
        inside = QApplication.focusWidget()
        return widget.hasFocus() or (inside is not None and widget.isAncestorOf(inside))

    qtbot.waitUntil(focused, timeout=TIMEOUT)


def write(qtbot, widget: QWidget, text: str) -> None:
    """Click into the field, select what it holds and type over it; new lines by Enter."""
    focus(qtbot, widget)
    target = QApplication.focusWidget() or widget
    qtbot.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        qtbot.keyClick(target, Qt.Key.Key_Delete)
        for index, line in enumerate(text.split("\n")):
            if index:
                qtbot.keyClick(target, Qt.Key.Key_Return)
            qtbot.keyClicks(target, line)
        return
    if isinstance(widget, QDateTimeEdit):  # typed digit by digit, section after section
        qtbot.keyClick(target, Qt.Key.Key_Home)
        qtbot.keyClicks(target, re.sub(r"\D", "", text))
        return
    qtbot.keyClicks(target, text)


def fill(qtbot, root: QWidget, label: str, text: str) -> None:
    widget = field(root, label)
    if not isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit, QDateTimeEdit)):
        inner = [
            w
            for w in widget.findChildren(QWidget)
            if isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)) and shown(w)
        ]
        assert len(inner) == 1, f"{label!r} is not a text field"
        widget = inner[0]
    write(qtbot, widget, text)
    if isinstance(widget, QLineEdit):
        assert widget.text() == text, (label, widget.text())
    elif isinstance(widget, QPlainTextEdit):
        assert widget.toPlainText() == text, (label, widget.toPlainText())


def pick(qtbot, root: QWidget, label: str, item: str) -> None:
    """Open the drop-down list under `label` with the mouse, type the item's text, Enter."""
    pick_item(qtbot, field(root, label, QComboBox), item)


def pick_item(qtbot, box: QComboBox, item: str) -> None:
    """As pick(), for a drop-down list without a label (the agenda book's filters)."""
    texts = [box.itemText(i) for i in range(box.count())]
    assert item in texts, f"the list offers {texts}, not {item!r}"
    if box.currentText() == item:
        return
    click(qtbot, box)
    view = box.view()
    qtbot.waitUntil(lambda: view.isVisible(), timeout=TIMEOUT)
    qtbot.keyClicks(view, item)  # typing in the open list goes to the item that reads so
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=TIMEOUT)
    assert box.currentText() == item, box.currentText()


def type_cell(qtbot, table: QAbstractItemView, row: int, column: int, text: str) -> None:
    """Double-click a cell, type, and press Enter, as in a spreadsheet."""
    _ready(table)
    index = table.model().index(row, column)
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), LEFT, pos=table.visualRect(index).center())
    qtbot.mouseDClick(table.viewport(), LEFT, pos=table.visualRect(index).center())

    def editing() -> bool:
        editor = QApplication.focusWidget()
        return isinstance(editor, QLineEdit) and table.viewport().isAncestorOf(editor)

    qtbot.waitUntil(editing, timeout=TIMEOUT)
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.model().index(row, column).data() == text, timeout=TIMEOUT)  # committed later


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    """What a person reads in a table's cell (nothing where the cell is empty)."""
    cell = table.item(row, column)
    return cell.text() if cell is not None else ""


def header_text(table: QTableWidget, column: int) -> str:
    """A table's column title as a person reads it."""
    header = table.horizontalHeaderItem(column)
    return header.text() if header is not None else ""


def fill_rows(qtbot, table: QTableWidget, rows: list[list[str]], *, first_row: int = 0, first_column: int = 0) -> None:
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            type_cell(qtbot, table, first_row + r, first_column + c, text)


def open_tab(qtbot, root: QWidget, title: str) -> QWidget:
    tabs, index = tab_widget(root, title)
    bar = tabs.tabBar()
    _ready(bar)
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index, title
    page = tabs.widget(index)
    assert page is not None, title
    return page


def keys(qtbot, widget: QWidget, sequence: str) -> None:
    """A shortcut such as "Ctrl+N", typed on the window that has `widget`."""
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=TIMEOUT)
    combination = QKeySequence(sequence)[0]  # type: ignore[index]  # the stubs omit QKeySequence's [] (Qt's operator[])
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, combination.key(), combination.keyboardModifiers())


def menu(qtbot, window: QMainWindow, *path: str) -> None:
    """Click through the menu bar: menu("Berkas", "Keluar")."""
    bar = window.menuBar()
    _ready(bar)
    actions = bar.actions()
    top = next((a for a in actions if plain(a.text()) == path[0]), None)
    assert top is not None, f"no menu {path[0]!r}: {[plain(a.text()) for a in actions]}"
    qtbot.mouseClick(bar, LEFT, pos=bar.actionGeometry(top).center())
    current = cast(QMenu, top.menu())  # the stubs give QAction.menu() as QObject
    qtbot.waitUntil(current.isVisible, timeout=TIMEOUT)
    for index, name in enumerate(path[1:]):
        action = next((a for a in current.actions() if plain(a.text()).rstrip("…") == name.rstrip("…")), None)
        assert action is not None, f"no item {name!r}: {[plain(a.text()) for a in current.actions()]}"
        assert action.isEnabled(), f"{name!r} is disabled: {action.toolTip()}"
        qtbot.mouseClick(current, LEFT, pos=current.actionGeometry(action).center())
        if index < len(path) - 2:
            current = cast(QMenu, action.menu())
            qtbot.waitUntil(current.isVisible, timeout=TIMEOUT)


def table_row(qtbot, table: QAbstractItemView, column: int, text: str, *, activate: bool = False) -> int:
    """Click the row whose cell in `column` reads `text` (double-click to open it); rows
    still loading ("…") are waited for."""
    model = table.model()

    def loaded() -> bool:
        return any(str(model.index(r, column).data()) == text for r in range(model.rowCount()))

    with contextlib.suppress(Exception):  # the assertion below names what is there instead
        qtbot.waitUntil(loaded, timeout=TIMEOUT)
    for row in range(model.rowCount()):
        index = model.index(row, column)
        if str(index.data()) == text:
            table.scrollTo(index)
            point = table.visualRect(index).center()
            qtbot.mouseClick(table.viewport(), LEFT, pos=point)
            if activate:
                qtbot.mouseDClick(table.viewport(), LEFT, pos=point)
            return row
    cells = [str(model.index(r, column).data()) for r in range(model.rowCount())]
    raise AssertionError(f"no row reads {text!r} in column {column}: {cells}")


@overload
def beside(root: QWidget, text: str) -> QWidget: ...
@overload
def beside(root: QWidget, text: str, kind: type[W]) -> W: ...
def beside(root: QWidget, text: str, kind: type[QWidget] = QWidget) -> QWidget:
    """The widget of `kind` to the right of the button or label reading `text`, in the same
    row of a grid (a statement beside an attendance box)."""
    from PySide6.QtWidgets import QGridLayout

    anchor = next(
        (w for w in root.findChildren(QWidget) if shown(w) and plain(getattr(w, "text", lambda: "")()) == text), None
    )
    assert anchor is not None, f"nothing reads {text!r}"
    parent = anchor.parentWidget()
    grid = parent.layout() if parent is not None else None
    assert isinstance(grid, QGridLayout), f"{text!r} is not in a grid"
    # The stubs give getItemPosition() as object; it is (row, column, row span, column span).
    row, column, _, _ = cast(tuple[int, int, int, int], grid.getItemPosition(grid.indexOf(anchor)))
    for col in range(column + 1, grid.columnCount()):
        item = grid.itemAtPosition(row, col)
        widget = item.widget() if item is not None else None
        if isinstance(widget, kind):
            return widget
    raise AssertionError(f"no {kind.__name__} beside {text!r}")


def enter(qtbot, root: QWidget, label: str, value: str | bool) -> None:
    """Give the field under `label` a value the way its kind of widget takes one: type
    into a text field, choose from a drop-down list, tick or untick a box."""
    widget = field(root, label)
    if isinstance(widget, QComboBox):
        pick(qtbot, root, label, str(value))
    elif isinstance(widget, QCheckBox):
        if widget.isChecked() != bool(value):
            click(qtbot, widget)
    else:
        fill(qtbot, root, label, str(value))


def type_row(qtbot, table: QAbstractItemView, row: int, cells: list[str], first_column: int = 0) -> None:
    """Double-click the row's first cell, then type each cell and press Tab to go on to the
    next one (typing in a cell opens it), Enter after the last: as in a spreadsheet."""
    _ready(table)
    index = table.model().index(row, first_column)
    table.scrollTo(index)
    qtbot.mouseDClick(table.viewport(), LEFT, pos=table.visualRect(index).center())
    for offset, text in enumerate(cells):
        if offset:
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            qtbot.waitUntil(lambda offset=offset: table.currentIndex().column() == first_column + offset)
        target = QApplication.focusWidget()
        qtbot.keyClicks(target, text[:1])  # the first key opens the cell's editor
        qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit), timeout=TIMEOUT)
        editor = QApplication.focusWidget()
        if offset == 0:
            qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            qtbot.keyClicks(editor, text)
        else:
            qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    for offset, text in enumerate(cells):
        column = first_column + offset
        qtbot.waitUntil(
            lambda column=column, text=text: table.model().index(row, column).data() == text, timeout=TIMEOUT
        )


def scroll_into_view(qtbot, widget: QWidget) -> None:
    """Scroll the page until `widget` is on screen, as a person does before clicking it."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    assert parent is not None, "not in a scrolled page"
    parent.ensureWidgetVisible(widget)
    qtbot.waitUntil(lambda: not widget.visibleRegion().isEmpty(), timeout=TIMEOUT)
    widget.repaint()
