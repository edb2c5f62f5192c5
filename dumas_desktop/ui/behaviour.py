"""What every window of the program does, installed once on the application:

- a window opens inside the screen's free area (the taskbar excluded), never larger than
  it, and takes the focus;
- the mouse wheel over a drop-down list, a number or a date field that the person has
  not clicked into scrolls the form around it instead of changing the value;
- Esc on a menu opened from the menu bar closes it and gives the focus back to where it
  was: Qt leaves the bar in its keyboard mode, where the next letters typed open menus.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QMenu, QMenuBar, QWidget

# The frame a window manager adds around a window (Windows 10/11: borders and title bar),
# used until the real one is known, that is before the window was first shown.
FRAME_GUESS = QSize(16, 39)
FITTED = "dumas-fitted"
WHEEL_FIELDS = (QComboBox, QAbstractSpinBox)


def room_on(area: QRect, frame: QSize = FRAME_GUESS) -> QSize:
    """The largest window content that fits with its frame in the screen's free `area`."""
    return QSize(area.width() - frame.width(), area.height() - frame.height())


def fitted(size: QSize, minimum: QSize, area: QRect, frame: QSize = FRAME_GUESS) -> QSize:
    """`size` made small enough for `area`, though never below what the window needs."""
    return size.boundedTo(room_on(area, frame)).expandedTo(minimum)


def placed(top_left: QPoint, size: QSize, area: QRect, frame: QSize = FRAME_GUESS) -> QPoint:
    """`top_left` moved so that the window with its frame lies inside `area`."""
    right = area.x() + area.width() - size.width() - frame.width()
    bottom = area.y() + area.height() - size.height() - frame.height()
    return QPoint(max(area.x(), min(top_left.x(), right)), max(area.y(), min(top_left.y(), bottom)))


def _frame_of(window: QWidget) -> QSize:
    """The frame once known (after the first show), never less than a Windows title bar."""
    return (window.frameGeometry().size() - window.geometry().size()).expandedTo(FRAME_GUESS)


def fit_to_screen(window: QWidget) -> None:
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area, frame = screen.availableGeometry(), _frame_of(window)
    minimum = window.minimumSize().expandedTo(window.minimumSizeHint())
    size = fitted(window.size(), minimum, area, frame)
    if size != window.size():
        window.resize(size)
    position = placed(window.pos(), size, area, frame)
    if position != window.pos():
        window.move(position)


def _is_window(widget: QWidget) -> bool:
    kind = widget.windowType()
    return widget.isWindow() and kind in (Qt.WindowType.Window, Qt.WindowType.Dialog)


class ProgramBehaviour(QObject):
    """The application's one event filter for both rules above."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(watched, QMenu) and event.key() == Qt.Key.Key_Escape:  # type: ignore[attr-defined]
            _leave_menu_bar_after(watched)
        elif kind == QEvent.Type.Polish and isinstance(watched, WHEEL_FIELDS):
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel gives no focus
        elif kind == QEvent.Type.Wheel and isinstance(watched, WHEEL_FIELDS) and not watched.hasFocus():
            return _scroll_instead(watched, event)  # type: ignore[arg-type]
        elif (
            kind == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and _is_window(watched)
            and not watched.property(FITTED)
        ):
            watched.setProperty(FITTED, True)
            fit_to_screen(watched)
            QTimer.singleShot(0, watched, lambda: _take_focus(watched))
        return False


def _scroll_instead(field: QWidget, event: QWheelEvent) -> bool:
    """The wheel goes to the scroll area around the field (the form scrolls); without one,
    it is ignored, and Qt hands it on to the parents. The field's value stays."""
    area = field.parentWidget()
    while area is not None and not area.isWindow() and not isinstance(area, QAbstractScrollArea):
        area = area.parentWidget()
    if not isinstance(area, QAbstractScrollArea):
        event.ignore()
        return True
    viewport = area.viewport()
    at = QPointF(field.mapTo(viewport, event.position().toPoint()))
    moved = QWheelEvent(
        at,
        event.globalPosition(),
        event.pixelDelta(),
        event.angleDelta(),
        event.buttons(),
        event.modifiers(),
        event.phase(),
        event.inverted(),
    )
    QApplication.sendEvent(viewport, moved)
    event.accept()
    return True


def _leave_menu_bar_after(menu: QMenu) -> None:
    bars = [o for o in menu.menuAction().associatedObjects() if isinstance(o, QMenuBar)]
    if not bars:
        return  # a submenu: Esc goes back to the menu above it, as everywhere
    bar = bars[0]

    def leave() -> None:
        if bar.hasFocus():  # Esc to the bar itself ends its keyboard mode, which restores the focus
            QApplication.sendEvent(
                bar, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
            )

    QTimer.singleShot(0, bar, leave)


def _take_focus(window: QWidget) -> None:
    if window.isVisible():
        window.raise_()
        window.activateWindow()


def install(app: QApplication) -> None:
    if app.findChild(ProgramBehaviour, "dumas-behaviour") is not None:
        return  # once per application
    behaviour = ProgramBehaviour(app)
    behaviour.setObjectName("dumas-behaviour")
    app.installEventFilter(behaviour)
