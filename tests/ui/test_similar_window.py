"""A complaint arriving a second time, recognised while it is typed in: the officer types
it in the intake wizard, sees the earlier case offered beside it, opens it, marks the new
one as its duplicate, records it; both cases then show the link, the agenda book marks it,
and the new one is closed as a duplicate from its case. Then "Cari pengaduan serupa" on a
case finds the other."""

from __future__ import annotations

import io
import shutil
from datetime import timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QTableWidget, QWizard

from dumas_desktop.domain.access import EXTERNAL_ACTORS
from dumas_desktop.services import intake, office
from dumas_desktop.services.context import Workspace
from dumas_desktop.storage.database import open_database
from dumas_desktop.ui.case_view import CaseView
from dumas_desktop.ui.paper_dialog import PaperDialog

from ..builders import complaint
from .conftest import now, wait_idle
from .officer import next_page, only, select_in_agenda
from .person import (
    LEFT,
    TIMEOUT,
    button,
    cell_text,
    fill,
    fill_rows,
    keys,
    open_tab,
    open_windows,
    press,
    shown,
    table_row,
    tick_all,
    wait_for,
)


def _office_with_a_complaint(templates, tmp_path) -> tuple[str, str]:
    path = tmp_path / "kantor.dumas"
    shutil.copyfile(templates["sanggau-2026"], path)
    ws = Workspace(open_database(path), actor="petugas")
    try:
        with ws.db.read() as session:
            actors = ws.home_profile(session).actors
        for number, (key, label) in enumerate(sorted(actors.items()), start=1):  # the office as set up
            if key not in EXTERNAL_ACTORS:
                office.add_official(ws, f"Pejabat {number}", label, actor=key)
        earlier = intake.receive(ws, complaint(now() - timedelta(days=3)), confirmations={"buku_tamu"})
    finally:
        ws.db.close()
    return str(path), earlier.agenda_number


def _labels(root) -> str:
    return " ".join(label.text() for label in root.findChildren(QLabel) if shown(label))


def _number_kept_whole(root, number: str) -> None:
    """Every label naming `number` shows it on one line, however narrow it is laid out (Qt
    would break it after a "/"), and asks for room enough to show it."""
    naming = [label for label in root.findChildren(QLabel) if shown(label) and number in label.text()]
    assert naming
    for label in naming:
        for width in (90, 160, 260):
            document = QTextDocument()
            document.setDefaultFont(label.font())
            document.setHtml(label.text())
            document.setTextWidth(width)
            document.size()  # laid out
            text = document.toPlainText()
            start = text.index(number)
            block = document.findBlock(start)
            lines = {
                block.layout().lineForTextPosition(at - block.position()).lineNumber()
                for at in (start, start + len(number) - 1)
            }
            assert len(lines) == 1, (label.text(), width)
        assert label.minimumSizeHint().width() >= label.fontMetrics().horizontalAdvance(number)


@pytest.mark.both_backends
def test_a_complaint_typed_in_again_is_offered_and_recorded_as_its_duplicate(
    window_for, qtbot, dialog_log, templates, tmp_path
):
    from pathlib import Path

    path, earlier = _office_with_a_complaint(templates, tmp_path)
    window = window_for(path=Path(path))
    keys(qtbot, window, "Ctrl+N")
    wizard = wait_for(qtbot, QWizard, "Pengaduan baru")
    next_page(qtbot, wizard, "Pelapor")
    fill(qtbot, wizard.currentPage(), "Nama lengkap", "Agustinus Ranto")
    next_page(qtbot, wizard, "Terlapor")
    fill_rows(qtbot, only(wizard.currentPage(), QTableWidget), [["Yohanes Bilung", "Anggota PPS"]])
    next_page(qtbot, wizard, "Pengaduan")
    page = wizard.currentPage()
    fill(qtbot, page, "Pokok pengaduan", "anggota PPS Sungai Mawang tidak netral, hadir kampanye")
    fill(qtbot, page, "Uraian", "Anggota PPS Desa Sungai Mawang menghadiri kampanye salah satu calon.")
    # Beside the page, shown while the pages are filled in: the earlier complaint.
    candidates = next(t for t in wizard.findChildren(QTableWidget) if shown(t) and t.columnCount() == 3)
    table_row(qtbot, candidates, 0, earlier)
    assert "terlapor sama" in _labels(wizard)
    _number_kept_whole(wizard, earlier)
    before = open_windows(CaseView)
    press(qtbot, wizard, "Buka")
    opened = wait_for(qtbot, CaseView, f"Berkas pengaduan {earlier}", besides=before)
    opened.close()
    press(qtbot, wizard, "Tandai duplikat")
    assert f"Pengaduan baru akan dicatat duplikat dari {earlier}." in _labels(wizard)
    _number_kept_whole(wizard, earlier)
    next_page(qtbot, wizard, "Bukti dukung")
    next_page(qtbot, wizard, "Periksa dan simpan")
    tick_all(qtbot, wizard.currentPage())
    asked = len(dialog_log.texts("ask"))
    press(qtbot, wizard, "Catat pengaduan")
    qtbot.waitUntil(lambda: len(dialog_log.texts("ask")) > asked, timeout=TIMEOUT)
    said = dialog_log.texts("ask")[-1]
    assert f"Dicatat duplikat dari {earlier}." in said, said
    new = said.split("\n\n")[1]
    wait_idle(qtbot, window)

    # The new case, opened after intake, names the earlier one and offers the closure.
    view = wait_for(qtbot, CaseView, f"Berkas pengaduan {new}")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: f"Duplikat dari {earlier}" in _labels(view), timeout=TIMEOUT)
    table = only(open_tab(qtbot, view, "Tautan (1)"), QTableWidget)
    assert (cell_text(table, 0, 0), cell_text(table, 0, 1)) == ("Duplikat dari", earlier)

    # The agenda book marks both.
    select_in_agenda(qtbot, window, new)
    agenda = only(open_tab(qtbot, window, "Buku Agenda"), type(window.agenda.table))
    model = agenda.model()
    column = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "Tautan")
    marks = {str(model.index(r, 0).data()): str(model.index(r, column).data()) for r in range(model.rowCount())}
    assert marks == {new: "Duplikat", earlier: "Diadukan ulang"}

    # The earlier case shows the link too, from its side.
    table_row(qtbot, agenda, 0, earlier, activate=True)
    other = wait_for(qtbot, CaseView, f"Berkas pengaduan {earlier}")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: f"Diadukan ulang sebagai {new}" in _labels(other), timeout=TIMEOUT)
    other.close()

    # The duplicate is closed as such, its original's number already filled in.
    press(qtbot, view, "Tutup sebagai duplikat…")
    dialog = wait_for(qtbot, QDialog, "Tutup pengaduan lebih awal")
    fill(qtbot, dialog, "Keterangan", "Pengaduan yang sama sudah tercatat.")
    assert button(dialog, "OK").isEnabled()
    press(qtbot, dialog, "OK")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: "Selesai" in _labels(view), timeout=TIMEOUT)
    assert "Tutup sebagai duplikat…" not in [b.text() for b in view.findChildren(QPushButton) if shown(b)]
    # The notice to the reporter names the complaint it repeats.
    keys(qtbot, view, "Ctrl+P")
    papers = only(view.tabs.currentWidget(), QTableWidget)
    row = table_row(qtbot, papers, 0, "Surat pemberitahuan kepada pelapor")
    qtbot.mouseClick(papers.viewport(), LEFT, pos=papers.visualRect(papers.model().index(row, 0)).center())
    press(qtbot, view, "Terbitkan dan pratinjau…")
    preview = wait_for(qtbot, PaperDialog, "Surat pemberitahuan kepada pelapor")
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(preview.paper.pdf)).pages)
    assert f"sama dengan pengaduan yang telah kami terima sebelumnya dengan nomor agenda {earlier}" in text
    press(qtbot, preview, "Tutup")
    press(qtbot, view, "Tutup")


def test_a_case_s_similar_complaints_are_found_from_its_file(window_for, qtbot, dialog_log, templates, tmp_path):
    from pathlib import Path

    path, earlier = _office_with_a_complaint(templates, tmp_path)
    ws = Workspace(open_database(Path(path)), actor="petugas")
    try:
        again = intake.receive(
            ws, complaint(now() - timedelta(days=1), channel="pesan_elektronik"), confirmations={"buku_tamu"}
        ).agenda_number
    finally:
        ws.db.close()
    window = window_for(path=Path(path))
    select_in_agenda(qtbot, window, again)
    agenda = only(open_tab(qtbot, window, "Buku Agenda"), type(window.agenda.table))
    table_row(qtbot, agenda, 0, again, activate=True)
    view = wait_for(qtbot, CaseView, f"Berkas pengaduan {again}")
    press(qtbot, view, "Cari pengaduan serupa…")
    dialog = wait_for(qtbot, QDialog, f"Pengaduan serupa dengan {again}")
    candidates = only(dialog, QTableWidget)
    table_row(qtbot, candidates, 0, earlier)
    press(qtbot, dialog, "Tandai terkait")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: f"Terkait dengan {earlier}" in _labels(view), timeout=TIMEOUT)
    press(qtbot, dialog, "Tutup")
    press(qtbot, view, "Tutup")
