"""Papers from the window: the receipt offered at the end of intake, preview, printing
through Qt's print dialog (to a PDF printer here), saving, the case's Dokumen tab, Ctrl+P,
and the recap dialog."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QTableWidget

from dumas_desktop.ui import dialogs
from dumas_desktop.ui.case_view import CaseView
from dumas_desktop.ui.documents_panel import DocumentsDialog
from dumas_desktop.ui.paper_dialog import PaperDialog
from dumas_desktop.ui.recap_dialog import RecapDialog

from .conftest import wait_idle
from .driving import intake, latest
from .officer import REASON, close_other_windows, record_complaint, select_in_agenda
from .person import cell_text, menu, wait_for


def _print_to(path):
    def confirm(chooser) -> bool:
        printer = chooser.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return True

    return confirm


@pytest.mark.both_backends
def test_receipt_is_offered_previewed_printed_and_saved(window_for, qtbot, dialog_log, monkeypatch, tmp_path):
    window = window_for("sanggau-2026")
    dialog_log.answer = True  # "Cetak tanda terima untuk pelapor sekarang?" — yes
    case_id = intake(qtbot, window)
    wait_idle(qtbot, window)
    preview = latest(window, PaperDialog)
    text = PdfReader(io.BytesIO(preview.paper.pdf)).pages[0].extract_text()
    assert "TANDA TERIMA PENGADUAN" in text and "Maria Goreti Lestari" in text
    assert not preview.paper.is_copy and preview.paper.document_id is not None
    assert preview.document.pageCount() == 1

    printed = tmp_path / "cetak.pdf"
    monkeypatch.setattr(dialogs, "confirm_print", _print_to(printed))
    preview.print_paper()
    assert len(PdfReader(printed).pages) == 1
    assert "dikirim ke pencetak" in preview.info.text()

    saved = tmp_path / "simpan"
    monkeypatch.setattr(dialogs, "save_file_name", lambda *args: saved)
    preview.save()
    assert (tmp_path / "simpan.pdf").read_bytes() == preview.paper.pdf

    # The case's Dokumen tab shows it issued; a second print is the archived copy.
    window.show_case(case_id)
    view = latest(window, CaseView)
    wait_idle(qtbot, window)
    view.show_documents()
    panel = view.documents
    assert panel.select("tanda_terima")
    assert "Diterbitkan" in panel.table.item(panel.table.currentRow(), 2).text()
    assert panel.make_button.text() == "Cetak salinan…"
    panel.make()
    wait_idle(qtbot, window)
    copy = panel.opened[-1]
    assert copy.paper.is_copy and "SALINAN" in copy.info.text()


def test_a_paper_not_yet_possible_says_why(window_for, qtbot, dialog_log):
    window = window_for("sanggau-2026")
    case_id = intake(qtbot, window)
    window.tabs.setCurrentWidget(window.agenda)
    window.agenda.table.selectRow(0)
    window.print_selected()  # Ctrl+P
    dialog = latest(window, DocumentsDialog)
    wait_idle(qtbot, window)
    panel = dialog.panel
    assert panel.case_id == case_id
    titles = [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())]
    assert titles[:2] == ["Formulir pengaduan masyarakat", "Tanda terima pengaduan"]
    assert "Berita acara verifikasi dan klarifikasi" not in titles  # the SOP step is not reached
    panel.table.selectRow(titles.index("Formulir pengaduan masyarakat"))
    assert panel.make_button.isEnabled() and not panel.reissue_button.isEnabled()
    panel.make()
    wait_idle(qtbot, window)
    assert "FORMULIR PENGADUAN MASYARAKAT" in PdfReader(io.BytesIO(panel.opened[-1].paper.pdf)).pages[0].extract_text()


def test_recap_dialog_saves_the_workbook_and_prints(window_for, qtbot, dialog_log, monkeypatch, tmp_path):
    from openpyxl import load_workbook

    window = window_for("sanggau-2026")
    intake(qtbot, window)
    dialog = RecapDialog(window.app, window)
    window._dialog(dialog)
    wait_idle(qtbot, window)
    target = tmp_path / "rekap.xlsx"
    monkeypatch.setattr(dialogs, "save_file_name", lambda *args: target)
    dialog.save()
    wait_idle(qtbot, window)
    rows = list(load_workbook(target)["Rekapitulasi"].iter_rows(min_row=6, values_only=True))
    assert len([r for r in rows if r[0]]) == 1
    assert "1 pengaduan" in dialog.outcome.text()
    dialog.print_recap()
    wait_idle(qtbot, window)
    assert (
        dialog.opened
        and "REKAPITULASI PENGADUAN MASYARAKAT"
        in PdfReader(io.BytesIO(dialog.opened[-1].paper.pdf)).pages[0].extract_text()
    )
    assert not dialog_log.texts("warn")


def test_every_paper_that_cannot_be_made_yet_says_why_in_its_row(window_for, qtbot, dialog_log):
    window = window_for("sanggau-2026")
    number = record_complaint(qtbot, window, dialog_log)
    close_other_windows(qtbot, window)
    select_in_agenda(qtbot, window, number)
    menu(qtbot, window, "Pengaduan", "Dokumen dan cetak…")
    dialog = wait_for(qtbot, DocumentsDialog, f"Dokumen pengaduan {number}")
    table = dialog.findChild(QTableWidget)
    assert table is not None
    qtbot.waitUntil(lambda: table.rowCount() > 0, timeout=10_000)
    rows = {cell_text(table, r, 0): cell_text(table, r, 2) for r in range(table.rowCount())}
    waiting = {title: state for title, state in rows.items() if state.startswith("Belum dapat dibuat")}
    assert waiting, rows  # a new complaint cannot have every paper yet
    for title, state in waiting.items():
        assert REASON.fullmatch(state), f"{title}: {state!r}"
    assert rows["Tanda terima pengaduan"].startswith(("Siap dibuat", "Diterbitkan"))


@pytest.mark.both_backends
def test_the_whole_case_file_is_printed_from_the_case_view(window_for, qtbot, dialog_log, monkeypatch, tmp_path):
    """Ctrl+P in the case's window: the Dokumen tab offers the whole case file, unnumbered;
    a person previews it, saves the PDF and sends it to the printer."""
    from .officer import only
    from .person import LEFT, keys, press, table_row

    window = window_for("sanggau-2026")
    number = record_complaint(qtbot, window, dialog_log)
    view = wait_for(qtbot, CaseView, ready=lambda v: number in v.windowTitle())
    wait_idle(qtbot, window)
    keys(qtbot, view, "Ctrl+P")
    table = only(view.tabs.currentWidget(), QTableWidget)
    assert view.tabs.tabText(view.tabs.currentIndex()) == "Dokumen"
    qtbot.waitUntil(lambda: table.rowCount() > 0)
    row = table_row(qtbot, table, 0, "Berkas lengkap pengaduan")
    assert cell_text(table, row, 2) == "Siap dicetak (cetakan catatan berkas, tanpa nomor)"
    qtbot.mouseClick(table.viewport(), LEFT, pos=table.visualRect(table.model().index(row, 0)).center())
    press(qtbot, view, "Cetak dan pratinjau…")
    preview = wait_for(qtbot, PaperDialog, "Berkas lengkap pengaduan")

    saved = tmp_path / "berkas.pdf"
    monkeypatch.setattr(dialogs, "save_file_name", lambda *args: saved)
    press(qtbot, preview, "Simpan PDF…")
    qtbot.waitUntil(saved.exists)
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(saved).pages)
    assert number in text and "BERKAS LENGKAP PENGADUAN" in text and "C. Riwayat langkah" in text
    assert "Halaman 1 dari" in text

    printed = tmp_path / "cetak.pdf"
    monkeypatch.setattr(dialogs, "confirm_print", _print_to(printed))
    press(qtbot, preview, "Cetak…")
    qtbot.waitUntil(printed.exists)
    assert len(PdfReader(printed).pages) == len(PdfReader(saved).pages)
    # A print of the record takes no number: the row stays as it was.
    wait_idle(qtbot, window)
    assert cell_text(table, row, 2) == "Siap dicetak (cetakan catatan berkas, tanpa nomor)"
