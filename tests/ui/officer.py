"""An officer at work in the window: recording a complaint from Ctrl+N, doing each SOP
step in its wizard, printing a case's papers to PDF. Built on person.py only: what is on
the screen is read, clicked and typed; no private methods, no values set from code."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QTableWidget, QWidget, QWizard

from dumas_desktop.ui import dialogs

from ..builders import REPORTER_NIK
from .conftest import wait_idle
from .person import (
    LEFT,
    TIMEOUT,
    W,
    button,
    cell_text,
    click,
    fill,
    fill_rows,
    keys,
    open_tab,
    open_windows,
    plain,
    press,
    shown,
    table_row,
    tick_all,
    wait_for,
)

REPORTER = "Maria Goreti Lestari"
REASON = re.compile(r"Belum dapat dibuat: \S.{5,}", re.DOTALL)


def only(root: QWidget, kind: type[W]) -> W:
    found = [w for w in root.findChildren(kind) if shown(w)]
    assert len(found) == 1, f"{len(found)} {kind.__name__} on screen"
    return found[0]


def page_title(wizard: QWizard) -> str:
    return wizard.currentPage().title()


def next_page(qtbot, wizard: QWizard, title: str) -> None:
    press(qtbot, wizard, "Lanjut >")
    qtbot.waitUntil(lambda: page_title(wizard) == title, timeout=TIMEOUT)


def record_complaint(
    qtbot, window, dialog_log, *, location: str = "Desa Beringin", confirm: bool = True, receipt: bool = False
) -> str:
    """Ctrl+N, the intake wizard page by page; returns the agenda number it gives."""
    asked = len(dialog_log.texts("ask"))
    dialog_log.answer = receipt  # "print the receipt now?"
    enter_complaint(qtbot, window, location=location, confirm=confirm)
    qtbot.waitUntil(lambda: len(dialog_log.texts("ask")) > asked, timeout=TIMEOUT)
    wait_idle(qtbot, window)
    text = dialog_log.texts("ask")[-1]
    assert text.startswith("Pengaduan tercatat"), text
    return text.split("\n\n")[1]


def enter_complaint(qtbot, window, *, location: str = "Desa Beringin", confirm: bool = True) -> None:
    """Ctrl+N, then the intake wizard page by page up to "Catat pengaduan"."""
    keys(qtbot, window, "Ctrl+N")
    wizard = wait_for(qtbot, QWizard, "Pengaduan baru")
    assert page_title(wizard) == "Penerimaan"
    next_page(qtbot, wizard, "Pelapor")
    page = wizard.currentPage()
    fill(qtbot, page, "Nama lengkap", REPORTER)
    fill(qtbot, page, "Nomor identitas", REPORTER_NIK)
    fill(qtbot, page, "Alamat", "Jl. Jenderal Sudirman 12, Beringin")
    fill(qtbot, page, "Telepon", "0812-5678-1234")
    next_page(qtbot, wizard, "Terlapor")
    fill_rows(qtbot, only(wizard.currentPage(), QTableWidget), [["Yohanes Bilung", "Anggota PPS"]])
    next_page(qtbot, wizard, "Pengaduan")
    page = wizard.currentPage()
    fill(qtbot, page, "Pokok pengaduan", "Dugaan ketidaknetralan anggota PPS")
    fill(qtbot, page, "Uraian", "Anggota PPS menghadiri kampanye salah satu calon.")
    fill(qtbot, page, "Lokasi kasus", location)
    next_page(qtbot, wizard, "Bukti dukung")
    next_page(qtbot, wizard, "Periksa dan simpan")
    if confirm:
        tick_all(qtbot, wizard.currentPage())
    press(qtbot, wizard, "Catat pengaduan")
    wait_idle(qtbot, window)


def close_other_windows(qtbot, window) -> None:
    """Close what the last action opened (the case file after intake), as a person would."""
    for other in list(window.windows):
        if shown(other):
            other.close()
    wait_idle(qtbot, window)


def select_in_agenda(qtbot, window, agenda_number: str) -> None:
    agenda = open_tab(qtbot, window, "Buku Agenda")
    table = only(agenda, type(window.agenda.table))
    qtbot.waitUntil(lambda: table.model().rowCount() > 0, timeout=TIMEOUT)
    table_row(qtbot, table, 0, agenda_number)


def open_step_from_queue(qtbot, window, tab: str, agenda_number: str):
    from dumas_desktop.ui.step_wizard import StepWizard

    queue = open_tab(qtbot, window, tab)
    wait_idle(qtbot, window)
    table = next(t for t in queue.findChildren(type(window.agenda.table)) if shown(t))
    table_row(qtbot, table, 0, agenda_number)
    before = open_windows(StepWizard)
    press(qtbot, queue, "Kerjakan langkah ini…")
    return wait_for(qtbot, StepWizard, "Langkah", ready=step_ready, besides=before)


def step_ready(wizard) -> bool:
    return any(shown(b) and plain(b.text()) == "Selesaikan langkah" for b in wizard.findChildren(QPushButton))


def finish_step(qtbot, window, wizard, dialog_log, *, go_on: bool = True):
    """Tick every officer confirmation, press "Selesaikan langkah"; answer whether to go on."""
    from dumas_desktop.ui.step_wizard import StepWizard

    for box in wizard.findChildren(QGroupBox):
        if shown(box) and box.title() == "Konfirmasi petugas":
            tick_all(qtbot, box)
    finish = button(wizard, "Selesaikan langkah")
    assert finish.isEnabled(), reason(wizard)
    before = wizard.windowTitle()
    dialog_log.answer = go_on  # "go on to the next step?"
    others = open_windows(StepWizard)
    asked = len(dialog_log.texts("ask"))
    click(qtbot, finish)
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=TIMEOUT)
    wait_idle(qtbot, window)
    if go_on:
        assert dialog_log.texts("ask")[asked:], "the window did not offer the next step"
        assert dialog_log.texts("ask")[-1].startswith("Langkah tersimpan. Lanjutkan ke langkah berikutnya")
        return wait_for(
            qtbot, StepWizard, "Langkah", ready=lambda w: step_ready(w) and w.windowTitle() != before, besides=others
        )
    return None


def reason(wizard) -> str:
    red = [label.text() for label in wizard.findChildren(QLabel) if shown(label) and "Belum dapat" in label.text()]
    return " | ".join(red)


# --- papers ------------------------------------------------------------------------------------------
def print_papers(
    qtbot, window, agenda_number: str, folder: Path, monkeypatch, done: set[tuple[str, str]]
) -> list[Path]:
    """Ctrl+P on the case in the agenda book; every paper that can be made and was not yet
    printed: make it, save the PDF from the preview, check the file and its title."""
    from dumas_desktop.ui.documents_panel import DocumentsDialog
    from dumas_desktop.ui.paper_dialog import PaperDialog

    select_in_agenda(qtbot, window, agenda_number)
    keys(qtbot, window, "Ctrl+P")
    dialog = wait_for(qtbot, DocumentsDialog, f"Dokumen pengaduan {agenda_number}")
    table = only(dialog, QTableWidget)
    qtbot.waitUntil(lambda: table.rowCount() > 0, timeout=TIMEOUT)
    wait_idle(qtbot, window)
    saved: list[Path] = []
    row = 0
    while row < table.rowCount():
        title, addressee, state = (cell_text(table, row, c) for c in range(3))
        key = (title, addressee)
        if state.startswith("Belum dapat dibuat"):
            assert REASON.fullmatch(state), f"{title}: {state!r} does not say why"
        if key in done or state.startswith("Belum dapat dibuat"):
            row += 1
            continue
        qtbot.mouseClick(table.viewport(), LEFT, pos=table.visualRect(table.model().index(row, 0)).center())
        make = next(
            b
            for b in dialog.findChildren(QPushButton)
            if shown(b)
            and b.text().rstrip("…")
            in ("Terbitkan dan pratinjau", "Pratinjau draf", "Cetak salinan", "Cetak dan pratinjau")
        )
        click(qtbot, make)
        preview = wait_for(qtbot, PaperDialog, title)
        target = folder / f"{len(list(folder.glob('*.pdf'))) + 1:02d}-{preview.paper.file_name}"
        monkeypatch.setattr(dialogs, "save_file_name", lambda *args, target=target: target)
        press(qtbot, preview, "Simpan PDF…")
        qtbot.waitUntil(target.exists, timeout=TIMEOUT)
        assert any(f"Tersimpan di {target}" in label.text() for label in preview.findChildren(QLabel))
        assert pdf_title(target) == title, (pdf_title(target), title)
        saved.append(target)
        done.add(key)
        press(qtbot, preview, "Tutup")
        qtbot.waitUntil(lambda preview=preview: not preview.isVisible(), timeout=TIMEOUT)
        wait_idle(qtbot, window)
        qtbot.waitUntil(lambda: table.rowCount() > 0, timeout=TIMEOUT)
        row = 0  # issuing refreshes the list: look again from the top
    press(qtbot, dialog, "Tutup")
    return saved


def pdf_title(path: Path) -> str:
    reader = PdfReader(path)
    title = reader.metadata.get("/Title", "") if reader.metadata is not None else ""
    return str(title)
