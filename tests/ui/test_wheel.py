"""The mouse wheel over a drop-down list, a number or a date field that was not clicked
into scrolls the form and leaves the value alone: turned over every such field of the
step wizard of every step the demo files hold, of both SOPs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dumas_desktop.ui.case_view import CaseView
from dumas_desktop.ui.step_wizard import StepWizard

from .conftest import wait_idle
from .officer import only, step_ready
from .person import LEFT, TIMEOUT, button, open_tab, open_windows, press, shown, wait_for
from .test_screen_fit import demo_files, open_demo  # noqa: F401  (the fixture)

DOWN = QPoint(0, -120)  # one notch towards the person


def value_of(field: QWidget) -> object:
    if isinstance(field, QComboBox):
        return field.currentIndex(), field.currentText()
    assert isinstance(field, QAbstractSpinBox)
    return field.text()


def turn_wheel(field: QWidget) -> None:
    at = QPointF(field.rect().center())
    event = QWheelEvent(
        at,
        QPointF(field.mapToGlobal(field.rect().center())),
        QPoint(),
        DOWN,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(field, event)


def wheel_fields(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if isinstance(w, (QComboBox, QAbstractSpinBox)) and shown(w)]


def check_wheel_over(qtbot, root: QWidget) -> tuple[int, int]:
    """Every field: its value stays; where the form can scroll further, it scrolls."""
    turned = scrolled = 0
    for field in wheel_fields(root):
        if field.hasFocus() or not field.isEnabled():
            continue
        areas = (
            [root, *root.findChildren(QScrollArea)] if isinstance(root, QScrollArea) else root.findChildren(QScrollArea)
        )
        area = next((a for a in areas if (inside := a.widget()) is not None and inside.isAncestorOf(field)), None)
        bar = area.verticalScrollBar() if area is not None else None
        if area is not None:
            area.ensureWidgetVisible(field)
        before, position = value_of(field), bar.value() if bar else 0
        turn_wheel(field)
        qtbot.wait(5)
        assert value_of(field) == before, f"the wheel changed {type(field).__name__} from {before}"
        assert field.focusPolicy() != Qt.FocusPolicy.WheelFocus and not field.hasFocus()
        turned += 1
        if bar is not None and position < bar.maximum():
            assert bar.value() > position, "the form did not scroll under the wheel"
            scrolled += 1
    return turned, scrolled


def test_the_wheel_scrolls_a_form_past_its_fields(qt_app, qtbot):
    """One widget: a long form in a scroll area, a list, a number and a date in it."""
    from PySide6.QtWidgets import QSpinBox

    area = QScrollArea()
    area.setWidgetResizable(True)
    form = QWidget()
    layout = QVBoxLayout(form)
    name, box, number, date = QLineEdit(), QComboBox(), QSpinBox(), QDateTimeEdit()
    layout.addWidget(name)
    box.addItems(["satu", "dua", "tiga"])
    number.setRange(0, 10)
    number.setValue(5)
    for widget in (box, number, date):
        layout.addWidget(widget)
        layout.addSpacing(400)
    area.setWidget(form)
    area.resize(300, 300)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    qtbot.mouseClick(name, LEFT)  # the person is typing a name
    qtbot.waitUntil(name.hasFocus)
    assert check_wheel_over(qtbot, area) == (3, 3)
    # Clicked into, the field is the person's: the wheel changes it there, as in any program.
    qtbot.mouseClick(number, LEFT)
    turn_wheel(number)
    assert number.value() == 4


@pytest.mark.parametrize("sop", ["sanggau-2026", "sumbar-2022"])
def test_the_wheel_never_changes_a_field_of_any_step(window_for, demo_files, sop, qtbot, tmp_path):  # noqa: F811
    window = open_demo(window_for, demo_files, sop, tmp_path)
    agenda = open_tab(qtbot, window, "Buku Agenda")
    table = only(agenda, type(window.agenda.table))
    qtbot.waitUntil(lambda: table.model().rowCount() > 0, timeout=TIMEOUT)
    steps_seen: set[str] = set()
    turned_total = 0
    for row in range(table.model().rowCount()):
        table.scrollTo(table.model().index(row, 0))
        qtbot.waitUntil(lambda row=row: str(table.model().index(row, 7).data()) != "…", timeout=TIMEOUT)
        step = str(table.model().index(row, 7).data())
        if step in steps_seen or not step[:1].isdigit():
            continue
        point = table.visualRect(table.model().index(row, 0)).center()
        qtbot.mouseClick(table.viewport(), LEFT, pos=point)
        before = open_windows(CaseView)
        qtbot.mouseDClick(table.viewport(), LEFT, pos=point)
        view = wait_for(qtbot, CaseView, besides=before)
        wait_idle(qtbot, window)
        if button(view, "Kerjakan langkah ini").isEnabled():
            steps_seen.add(step)
            wizards = open_windows(StepWizard)
            press(qtbot, view, "Kerjakan langkah ini")
            wizard = wait_for(qtbot, StepWizard, "Langkah", ready=step_ready, besides=wizards)
            wait_idle(qtbot, window)
            turned, _ = check_wheel_over(qtbot, wizard)
            turned_total += turned
            wizard.close()
        view.close()
        wait_idle(qtbot, window)
    assert len(steps_seen) >= 4, steps_seen
    assert turned_total >= 4, "no drop-down list, number or date field was met"
