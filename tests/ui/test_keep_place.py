"""Finishing a step keeps the person's place: the agenda book repaints the case's row and
keeps its scroll and selection; a queue moves on to the next case in line."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QPoint, Qt

from dumas_desktop.services import queries
from dumas_desktop.services.context import Workspace
from dumas_desktop.services.demo import make_demo
from dumas_desktop.storage.database import open_database
from dumas_desktop.ui.agenda_model import COLUMNS
from dumas_desktop.ui.case_view import CaseView

from .conftest import wait_idle
from .officer import finish_step, only, step_ready
from .person import fill, keys, open_tab, pick, press, table_row, wait_for

STATUS = [key for key, _ in COLUMNS].index("status")
AGENDA_NUMBER = 0


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "sanggau.dumas"
    make_demo(path, 180, sop="sanggau-2026", seed=3)
    return path


def _deep_case_at_the_last_step(path) -> tuple[str, int]:
    """The office's file as it is: which case, oldest first, sits at row 150 or below and
    waits for KPU RI's decision (read before the window opens)."""
    db = open_database(path)
    try:
        ws = Workspace(db)
        rows = queries.rows_by_id(ws, queries.agenda_ids(ws, descending=False))
    finally:
        db.close()
    for position, row in enumerate(rows):
        if position >= 150 and row.status == "proses" and row.step_label.startswith("10."):
            return row.agenda_number, position
    raise AssertionError("the demo file has no open case at step 10 below row 150")


@pytest.mark.both_backends
def test_finishing_a_step_from_row_150_keeps_scroll_and_selection(window_for, qtbot, dialog_log, demo_file, tmp_path):
    path = tmp_path / "kantor.dumas"
    shutil.copyfile(demo_file, path)
    number, position = _deep_case_at_the_last_step(path)
    window = window_for("sanggau-2026", path=path)
    agenda = open_tab(qtbot, window, "Buku Agenda")
    table = only(agenda, type(window.agenda.table))
    header = table.horizontalHeader()
    middle = header.sectionViewportPosition(AGENDA_NUMBER) + header.sectionSize(AGENDA_NUMBER) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(middle, header.height() // 2))
    wait_idle(qtbot, window)  # oldest first now
    assert table.model().index(0, AGENDA_NUMBER).data().startswith("001/")

    row = table_row(qtbot, table, AGENDA_NUMBER, number)
    assert row == position >= 150
    scrolled = table.verticalScrollBar().value()
    assert scrolled > 0
    resets: list[int] = []
    table.model().modelReset.connect(lambda: resets.append(1))

    keys(qtbot, table, "Return")  # opens the case
    view = wait_for(qtbot, CaseView)
    press(qtbot, view, "Kerjakan langkah ini…")
    from dumas_desktop.ui.step_wizard import StepWizard

    wizard = wait_for(qtbot, StepWizard, "Langkah 10", ready=step_ready)
    pick(qtbot, wizard, "Jenis tindak lanjut", "Diteruskan ke DKPP")
    fill(qtbot, wizard, "Hasil tindak lanjut dan kesimpulan", "Diteruskan ke DKPP untuk diperiksa")
    finish_step(qtbot, window, wizard, dialog_log, go_on=False)
    press(qtbot, view, "Tutup")
    wait_idle(qtbot, window)

    model = table.model()
    qtbot.waitUntil(lambda: model.index(position, STATUS).data() == "Selesai", timeout=10_000)
    assert model.index(position, AGENDA_NUMBER).data() == number  # the same row
    assert table.currentIndex().row() == position
    assert table.selectionModel().isRowSelected(position)
    assert table.verticalScrollBar().value() == scrolled
    assert resets == []  # repainted, not reloaded


def test_a_complaint_recorded_with_the_list_at_its_top_comes_into_sight_at_the_top(
    window_for, qtbot, dialog_log, demo_file, tmp_path
):
    """A fresh-eyes user recorded a complaint and its row was above the view: the list kept
    the case that had been at the top. At the top, the list now stays at the top."""
    from .driving import intake_case

    path = tmp_path / "kantor.dumas"
    shutil.copyfile(demo_file, path)
    window = window_for("sanggau-2026", path=path)
    agenda = open_tab(qtbot, window, "Buku Agenda")
    table = only(agenda, type(window.agenda.table))
    table_row(qtbot, table, AGENDA_NUMBER, table.model().index(0, AGENDA_NUMBER).data())  # the newest, selected
    assert table.verticalScrollBar().value() == 0
    selected = table.model().index(0, AGENDA_NUMBER).data()
    _, number = intake_case(qtbot, window)
    qtbot.waitUntil(lambda: table.model().index(0, AGENDA_NUMBER).data() == number, timeout=10_000)
    assert table.verticalScrollBar().value() == 0
    assert table.rowAt(0) == 0  # the new complaint's row is the first one in sight
    assert table.model().index(table.currentIndex().row(), AGENDA_NUMBER).data() == selected  # selection kept
