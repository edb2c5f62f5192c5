"""A Sumbar office imports a Sanggau regency's package from the window: the check tells it,
before Impor is pressed, that the package holds cases under another SOP, and speaks of
cases and evidence, never rows; afterwards the agenda book names those cases'
classifications by their own SOP, never by code."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QTableView, QWidget

from dumas_desktop.profiles import bundled_profile
from dumas_desktop.services import queries, transfer
from dumas_desktop.services.context import Workspace
from dumas_desktop.services.demo import make_demo
from dumas_desktop.storage.database import open_database
from dumas_desktop.ui import dialogs

from .conftest import wait_idle
from .person import menu, open_tab, pick_item, press, shown, tab_widget

NOW = datetime(2026, 11, 20, 10, 0)
SANGGAU = bundled_profile("sanggau-2026")
CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


def regency_package(tmp_path: Path) -> Path:
    regency = make_demo(tmp_path / "sanggau.dumas", 12, "sanggau-2026", seed=3, now=NOW).path
    package = tmp_path / "sanggau.dumaspkg"
    transfer.export_package(regency, package)
    return package


def import_dialog() -> QDialog:
    dialogs_open = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and shown(w)]
    return next(w for w in dialogs_open if w.windowTitle() == "Impor paket")


def checked_in_the_import_dialog(qtbot, window, monkeypatch, package: Path) -> QDialog:
    """Berkas → Impor paket…, the package chosen in the system's file dialog, then Periksa."""
    monkeypatch.setattr(dialogs, "open_file_name", lambda *args: package)
    menu(qtbot, window, "Berkas", "Impor paket…")
    dialog = import_dialog()
    press(qtbot, dialog, "Pilih paket…")
    press(qtbot, dialog, "Periksa")
    wait_idle(qtbot, window)
    return dialog


def imported(qtbot, window, dialog: QDialog) -> None:
    press(qtbot, dialog, "Impor")
    wait_idle(qtbot, window)
    assert "Impor selesai" in said(dialog), said(dialog)
    dialog.close()


def said(dialog: QDialog) -> str:
    return " ".join(label.text() for label in dialog.findChildren(QLabel) if shown(label))


def classification_cells(window) -> list[str]:
    model = window.agenda.model
    column = next(
        c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "Klasifikasi"
    )
    return [str(model.index(row, column).data() or "") for row in range(model.rowCount())]


def test_a_sumbar_office_hears_of_the_other_sop_before_importing_and_reads_its_names(
    window_for, qtbot, dialog_log, monkeypatch, tmp_path
) -> None:
    package = regency_package(tmp_path)
    office = make_demo(tmp_path / "sumbar.dumas", 12, "sumbar-2022", seed=4, now=NOW).path
    window = window_for(path=office)
    dialog = checked_in_the_import_dialog(qtbot, window, monkeypatch, package)
    before = said(dialog)
    assert (
        f"Paket ini memuat pengaduan dengan SOP lain: {SANGGAU.name} (12 pengaduan); "
        "pengaduan itu tetap mengikuti SOP-nya." in before
    ), before
    assert "12 pengaduan baru" in before and "baris" not in before, before
    press(qtbot, dialog, "Impor")
    wait_idle(qtbot, window)
    after = said(dialog)
    assert "Impor selesai" in after and "SOP lain" in after and "baris" not in after, after
    dialog.close()
    open_tab(qtbot, window, "Buku Agenda")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.agenda.model.rowCount() == 24)
    cells = classification_cells(window)
    raw = [c for c in cells if CODE.search(c)]
    assert raw == [], raw
    assert set(SANGGAU.classifications.values()) & set(cells), cells
    # The regency's own steps can be chosen in the step filter, marked as another SOP's.
    at_verification = at_step(package.with_suffix(".dumas"), "verifikasi")
    assert at_verification  # the regency has cases there
    verification = next(s for s in SANGGAU.steps if s.key == "verifikasi")
    pick_item(qtbot, window.agenda.step, f"{verification.no}. {verification.name} (SOP lain)")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.agenda.model.rowCount() == at_verification)


def test_a_package_that_clashes_with_the_file_is_refused_in_one_line_and_nothing_changes(
    window_for, qtbot, dialog_log, monkeypatch, tmp_path
) -> None:
    # Made from the office's own demo seed under another SOP: the same parties, other cases.
    twin = make_demo(tmp_path / "kembar.dumas", 6, "sanggau-2026", seed=4, now=NOW).path
    package = tmp_path / "kembar.dumaspkg"
    transfer.export_package(twin, package)
    office = make_demo(tmp_path / "sumbar.dumas", 6, "sumbar-2022", seed=4, now=NOW).path
    before = office.read_bytes()
    window = window_for(path=office)
    checked_in_the_import_dialog(qtbot, window, monkeypatch, package)
    warnings = dialog_log.texts("warn")
    assert len(warnings) == 1, warnings
    told = warnings[0]
    assert len(told.strip().splitlines()) == 1 and "UNIQUE" not in told and "constraint" not in told, told
    assert told.startswith("Paket ini memuat catatan yang sudah ada di berkas ini dengan isi lain ("), told
    assert told.endswith("impor dibatalkan, tidak ada yang berubah."), told
    assert office.read_bytes() == before and window.agenda.model.rowCount() == 6


def test_an_empty_office_file_reads_the_imported_cases_by_their_own_sop(
    window_for, qtbot, dialog_log, monkeypatch, tmp_path
) -> None:
    package = regency_package(tmp_path)
    window = window_for("sumbar-2022")
    dialog = checked_in_the_import_dialog(qtbot, window, monkeypatch, package)
    imported(qtbot, window, dialog)
    open_tab(qtbot, window, "Buku Agenda")
    qtbot.waitUntil(lambda: window.agenda.model.rowCount() == 12)
    wait_idle(qtbot, window)
    cells = classification_cells(window)
    assert [c for c in cells if CODE.search(c)] == [], cells
    assert set(SANGGAU.classifications.values()) & set(cells), cells


def rows_listed(page: QWidget) -> int:
    table = page.findChild(QTableView)
    assert table is not None
    return table.model().rowCount()


def at_step(path: Path, step: str) -> int:
    """Counted from the file itself: its cases whose current step is `step`, in any state."""
    db = open_database(path)
    try:
        return len(queries.agenda_ids(Workspace(db), queries.Filters(step=step)))
    finally:
        db.close()


def queue_at_step(path: Path, profile_id: str, forms: frozenset[str]) -> int:
    """Counted from the file itself: its cases now at a step of these kinds."""
    steps = tuple(s.key for s in bundled_profile(profile_id).steps if s.form in forms)
    db = open_database(path)
    try:
        return len(queries.agenda_ids(Workspace(db), queries.Filters(steps=steps, status="proses")))
    finally:
        db.close()


def test_imported_cases_of_another_sop_join_the_work_queues_without_reopening(
    window_for, qtbot, dialog_log, monkeypatch, tmp_path
) -> None:
    from dumas_desktop.ui.main_window import RECAP, REVIEW

    province = make_demo(tmp_path / "sumbar.dumas", 60, "sumbar-2022", seed=5, now=NOW).path
    package = tmp_path / "sumbar.dumaspkg"
    transfer.export_package(province, package)
    expected_review, expected_recap = (queue_at_step(province, "sumbar-2022", f) for f in (REVIEW, RECAP))
    assert expected_review and expected_recap  # the demo has Sumbar cases at both kinds of step
    office = make_demo(tmp_path / "sanggau.dumas", 6, "sanggau-2026", seed=3, now=NOW).path
    own_review = queue_at_step(office, "sanggau-2026", REVIEW)
    window = window_for(path=office)
    tabs, _ = tab_widget(window, "Buku Agenda")
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert "Rekapitulasi dan Laporan" not in titles, titles  # Sanggau's SOP has no recap step

    dialog = checked_in_the_import_dialog(qtbot, window, monkeypatch, package)
    imported(qtbot, window, dialog)

    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert titles.index("Kertas Kerja Telaah") < titles.index("Rekapitulasi dan Laporan") < titles.index("Statistik"), (
        titles
    )
    review = open_tab(qtbot, window, "Kertas Kerja Telaah")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: rows_listed(review) == own_review + expected_review)
    recap = open_tab(qtbot, window, "Rekapitulasi dan Laporan")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: rows_listed(recap) == expected_recap)
