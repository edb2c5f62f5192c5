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
