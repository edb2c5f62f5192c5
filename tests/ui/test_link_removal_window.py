"""A link recorded by mistake is removed from the case view as a person does it: the
officer opens the case from the agenda book, chooses the link, presses "Hapus tautan…",
gives the reason and confirms; neither case shows the link any more, the agenda book's
marks are gone, and both cases' histories say so. A link a duplicate closure rests on is
refused with the reason why."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QTableWidget

from dumas_desktop.services import closure, intake, links
from dumas_desktop.services.context import Workspace
from dumas_desktop.storage.database import open_database
from dumas_desktop.ui.case_view import CaseView

from ..builders import complaint
from .conftest import now, wait_idle
from .officer import only
from .person import button, cell_text, fill, open_tab, press, shown, table_row, wait_for


def _office_with_linked_cases(templates, tmp_path, *, closed_as_duplicate: bool = False):
    path = tmp_path / "kantor.dumas"
    shutil.copyfile(templates["sanggau-2026"], path)
    ws = Workspace(open_database(path), actor="petugas")
    try:
        first = intake.receive(ws, complaint(now() - timedelta(days=3)), confirmations={"buku_tamu"})
        again = intake.receive(ws, complaint(now() - timedelta(days=1)), confirmations={"buku_tamu"})
        links.link(ws, again.case_id, first.case_id, "duplikat", "lewat WhatsApp")
        if closed_as_duplicate:
            closure.close(ws, again.case_id, "duplikat", "Sama", duplicate_of=first.agenda_number)
    finally:
        ws.db.close()
    return path, first.agenda_number, again.agenda_number


def _labels(root) -> str:
    return " ".join(label.text() for label in root.findChildren(QLabel) if shown(label))


def _open_case(qtbot, window, number: str) -> CaseView:
    agenda = only(open_tab(qtbot, window, "Buku Agenda"), type(window.agenda.table))
    qtbot.waitUntil(lambda: agenda.model().rowCount() > 0, timeout=10_000)
    table_row(qtbot, agenda, 0, number, activate=True)
    view = wait_for(qtbot, CaseView, f"Berkas pengaduan {number}")
    wait_idle(qtbot, window)
    return view


def _marks(qtbot, window) -> dict[str, str]:
    agenda = only(open_tab(qtbot, window, "Buku Agenda"), type(window.agenda.table))
    model = agenda.model()
    column = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "Tautan")
    return {str(model.index(r, 0).data()): str(model.index(r, column).data() or "") for r in range(model.rowCount())}


def _ask_removal(qtbot, view: CaseView, reason: str) -> QDialog:
    page = open_tab(qtbot, view, "Tautan (1)")
    table = only(page, QTableWidget)
    assert not button(page, "Hapus tautan…").isEnabled()  # nothing chosen yet
    table_row(qtbot, table, 1, cell_text(table, 0, 1))
    press(qtbot, page, "Hapus tautan…")
    dialog = wait_for(qtbot, QDialog, "Hapus tautan")
    fill(qtbot, dialog, "Alasan", reason)
    return dialog


@pytest.mark.both_backends
def test_a_link_made_by_mistake_is_removed_from_both_cases_with_its_reason(
    window_for, qtbot, dialog_log, templates, tmp_path
):
    path, first, again = _office_with_linked_cases(templates, tmp_path)
    window = window_for(path=path)
    assert _marks(qtbot, window) == {again: "Duplikat", first: "Diadukan ulang"}
    view = _open_case(qtbot, window, first)
    qtbot.waitUntil(lambda: f"Diadukan ulang sebagai {again}" in _labels(view), timeout=10_000)

    dialog = _ask_removal(qtbot, view, "Salah tautan: pelapor dan TPS-nya berbeda.")
    dialog_log.answer = False  # the officer thinks again: nothing is removed
    press(qtbot, dialog, "Hapus tautan")
    assert dialog_log.texts("ask")[-1] == f"Hapus tautan \u201cDiadukan ulang sebagai {again}\u201d?"
    assert dialog.isVisible()
    dialog_log.answer = True
    press(qtbot, dialog, "Hapus tautan")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)

    # The case view shows no link now, and its history says why it went.
    page = open_tab(qtbot, view, "Tautan (0)")
    assert only(page, QTableWidget).rowCount() == 0
    assert f"Diadukan ulang sebagai {again}" not in _labels(view)
    history = open_tab(qtbot, view, "Riwayat")
    assert isinstance(history, QTableWidget)
    qtbot.waitUntil(lambda: history.rowCount() > 0, timeout=10_000)
    said = [cell_text(history, r, 3) for r in range(history.rowCount()) if cell_text(history, r, 2) == "tautan dihapus"]
    assert len(said) == 1 and "Salah tautan: pelapor dan TPS-nya berbeda." in said[0], said
    press(qtbot, view, "Tutup")

    # The agenda book marks neither, and the other case shows nothing either.
    qtbot.waitUntil(lambda: set(_marks(qtbot, window).values()) == {""}, timeout=10_000)
    other = _open_case(qtbot, window, again)
    open_tab(qtbot, other, "Tautan (0)")
    press(qtbot, other, "Tutup")


def test_a_link_a_duplicate_closure_rests_on_is_not_removed(window_for, qtbot, dialog_log, templates, tmp_path):
    path, first, again = _office_with_linked_cases(templates, tmp_path, closed_as_duplicate=True)
    window = window_for(path=path)
    view = _open_case(qtbot, window, again)
    dialog = _ask_removal(qtbot, view, "Ternyata berbeda")
    dialog_log.answer = True
    press(qtbot, dialog, "Hapus tautan")
    qtbot.waitUntil(lambda: bool(dialog_log.texts("warn")), timeout=10_000)
    assert f"ditutup sebagai duplikat dari {first}" in dialog_log.texts("warn")[-1]
    assert dialog.isVisible() and button(dialog, "Hapus tautan").isEnabled()  # the officer may cancel
    press(qtbot, dialog, "Batal")
    open_tab(qtbot, view, "Tautan (1)")
    press(qtbot, view, "Tutup")
