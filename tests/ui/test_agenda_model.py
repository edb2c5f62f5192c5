"""The agenda book's model passes Qt's model tester and fetches rows lazily."""

from __future__ import annotations

from dumas_desktop.services import queries
from dumas_desktop.services.context import Workspace
from dumas_desktop.services.demo import make_demo
from dumas_desktop.storage.database import open_database
from dumas_desktop.ui.agenda_model import BLOCK, AgendaModel


def test_model_tester_and_lazy_blocks(qt_app, qtmodeltester, tmp_path):
    path = tmp_path / "model.dumas"
    make_demo(path, 450, seed=4)
    db = open_database(path)
    ws = Workspace(db)
    fetched: list[int] = []

    def fetch(ids: list[int]) -> list[queries.AgendaRow]:
        fetched.append(len(ids))
        return queries.rows_by_id(ws, ids)

    model = AgendaModel(fetch, {"netralitas": "Netralitas penyelenggara"})
    model.set_ids(queries.agenda_ids(ws))
    assert model.rowCount() == 450 and fetched == []
    assert model.data(model.index(0, 0)) == model.data(model.index(0, 0))
    assert fetched == [BLOCK]  # the first block only, once
    qtmodeltester.check(model)
    model.set_ids([])
    qtmodeltester.check(model)
    db.close()


def test_a_changed_list_keeps_the_selected_case_and_the_rows_already_read(qt_app, qtmodeltester, tmp_path):
    from PySide6.QtWidgets import QTableView

    path = tmp_path / "model.dumas"
    make_demo(path, 450, seed=4)
    db = open_database(path)
    ws = Workspace(db)
    fetched: list[int] = []

    def fetch(ids: list[int]) -> list[queries.AgendaRow]:
        fetched.append(len(ids))
        return queries.rows_by_id(ws, ids)

    every = queries.agenda_ids(ws)
    model = AgendaModel(fetch, {})
    qtmodeltester.check(model)  # it watches every change below
    model.set_ids(every[:100] + every[110:])  # ten cases not yet listed
    view = QTableView()
    view.setModel(model)
    chosen = every[200]
    row = model.row_of(chosen)
    assert row is not None
    view.selectRow(row)
    shown = model.data(model.index(row, 0))
    before = len(fetched)

    changed = every[:50] + every[52:]  # ten cases join, two leave, two trade places
    changed[300], changed[301] = changed[301], changed[300]
    model.update_ids(changed)

    assert [model.case_id(r) for r in range(model.rowCount())] == changed
    assert model.case_id(view.currentIndex().row()) == chosen
    moved = model.row_of(chosen)
    assert moved is not None and view.selectionModel().isRowSelected(moved)
    assert model.data(model.index(moved, 0)) == shown
    assert len(fetched) == before  # the rows read before are kept, not read again
    db.close()
