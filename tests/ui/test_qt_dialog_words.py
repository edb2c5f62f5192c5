"""Qt's own dialogs speak Indonesian: every file dialog the program opens, as a person
opens it from the window, and the print dialog, show no English word from a list."""

from __future__ import annotations

import ast
import os
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QTableWidget,
    QToolButton,
    QWidget,
    QWizard,
)

from dumas_desktop.ui import dialogs
from dumas_desktop.ui.case_view import CaseView
from dumas_desktop.ui.paper_dialog import PaperDialog

from .conftest import wait_idle
from .driving import intake, intake_case, latest
from .officer import REPORTER, REPORTER_NIK, next_page, only, select_in_agenda
from .person import click, fill, fill_rows, keys, menu, open_tab, plain, press, table_row, wait_for

SOURCE = Path(__file__).parents[2] / "resources" / "i18n" / "qt_id.ts"

# Words Qt's dialogs show in English when a translation is missing. "Folder" and "Drive"
# are not here: Indonesian says "folder" and "drive" too, as Windows in Indonesian does.
ENGLISH = (
    "Look in",
    "File name",
    "Files of type",
    "All Files",
    "All files",
    "Name",
    "Size",
    "Type",
    "Kind",
    "Date Modified",
    "Modified",
    "Computer",
    "My Computer",
    "Open",
    "Save",
    "Save As",
    "Cancel",
    "Choose",
    "Back",
    "Forward",
    "Parent Directory",
    "Create New Folder",
    "New Folder",
    "List View",
    "Detail View",
    "Directory",
    "Directories",
    "Recent Places",
    "Sidebar",
    "bytes",
    "document",
    "File",
    "Files",
    "Unknown",
    "Shortcut",
    "AM",
    "PM",
    "Print",
    "Printer",
    "Properties",
    "Preview",
    "Location",
    "Options",
    "Copies",
    "Collate",
    "Pages",
    "Page",
    "Print range",
    "Print all",
    "Current Page",
    "Selection",
    "Output",
    "Color",
    "Grayscale",
    "Duplex",
    "Portrait",
    "Landscape",
    "Paper",
    "Margins",
    "Orientation",
)
ENGLISH_WORD = re.compile(r"\b(" + "|".join(re.escape(w) for w in ENGLISH) + r")\b")


def visible_texts(dialog: QWidget) -> list[str]:
    """What a person can read: the title, labels, buttons and their tooltips, the entries of
    every list (file types, the "look in" history), the column headers and the cells of the
    file list (names, sizes, kinds, dates) and the sidebar."""
    texts = [dialog.windowTitle()]
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if widget.toolTip():
            texts.append(widget.toolTip())
        if isinstance(widget, (QAbstractButton, QLabel)):
            texts.append(plain(widget.text()))
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model, root = widget.model(), widget.rootIndex()
            for column in range(model.columnCount(root)):
                texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
                for row in range(model.rowCount(root)):
                    texts.append(str(model.index(row, column, root).data() or ""))
    return [t for t in texts if t]


def english_in(texts: list[str]) -> list[str]:
    # A file's own name is the office's, not Qt's words.
    return [t for t in texts if ENGLISH_WORD.search(t) and t not in SAMPLE_FILES]


SAMPLE_FILES = ("surat-masuk.pdf", "logo-kpu.png", "rekap-2026.xlsx", "profil-sop.toml", "kantor.dumas", "kpu.dumaspkg")


@pytest.fixture
def documents(monkeypatch, tmp_path) -> Iterator[Path]:
    """The user's Documents folder, with a subfolder and a file of every kind the program
    opens or saves, so that the dialog lists names, sizes, kinds and dates."""
    folder = tmp_path / "Dokumen"
    (folder / "Arsip").mkdir(parents=True)
    for name in SAMPLE_FILES:
        (folder / name).write_bytes(b"%PDF-1.4\n" if name.endswith(".pdf") else b"contoh\n")
    monkeypatch.setattr(dialogs, "documents_folder", lambda: folder)
    settings = QSettings()
    settings.remove("folder")
    yield folder
    settings.remove("folder")


class DialogReader:
    """Waits for Qt's modal file dialog (or `kind`), switches it to the detail view as a
    person would to see sizes and dates, reads it once its folder is listed, then presses Esc."""

    def __init__(self, qtbot, kind: type[QDialog] = QFileDialog) -> None:
        self.qtbot = qtbot
        self.kind = kind
        self.seen: list[tuple[str, str, list[str]]] = []  # (title, folder, texts)
        self.timer = QTimer()
        self.timer.setInterval(50)
        self.timer.timeout.connect(self._look)
        self.ticks = 0

    def _look(self) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, self.kind):
            return
        if not isinstance(dialog, QFileDialog):
            self._other(dialog)
            return
        detail = next((b for b in dialog.findChildren(QToolButton) if b.toolTip() == "Tampilan rincian"), None)
        if detail is not None and not detail.isChecked():
            click(self.qtbot, detail)
        self.ticks += 1
        views = [v for v in dialog.findChildren(QAbstractItemView) if v.isVisible() and v.model() is not None]
        if not all(listed(v) for v in views) and self.ticks < 100:
            return  # the file system model fills the list, then sizes and kinds, from its own thread
        self.ticks = 0
        self.seen.append((dialog.windowTitle(), dialog.directory().absolutePath(), visible_texts(dialog)))
        self.qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    def _other(self, dialog: QDialog) -> None:
        options = next((b for b in dialog.findChildren(QAbstractButton) if b.text().startswith("&Pilihan >>")), None)
        if options is not None:
            click(self.qtbot, options)  # the copies, pages and page-setup tabs
        self.seen.append((dialog.windowTitle(), "", visible_texts(dialog)))
        self.qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    def read(self, open_it: Callable[[], object]) -> tuple[str, str, list[str]]:
        before = len(self.seen)
        self.timer.start()
        try:
            open_it()
        finally:
            self.timer.stop()
        assert len(self.seen) == before + 1, "no file dialog opened"
        return self.seen[-1]


def listed(view: QAbstractItemView) -> bool:
    """Rows shown, each with its kind and date, and its size unless it is a folder."""
    model, root = view.model(), view.rootIndex()
    if model.rowCount(root) == 0 or model.columnCount(root) < 4:
        return model.rowCount(root) > 0
    for row in range(model.rowCount(root)):
        size, kind, date = (model.index(row, column, root).data() for column in (1, 2, 3))
        if not kind or not date or (not size and kind != "Folder"):
            return False
    return True


def settings_button(text: str):
    def open_it(qtbot, window) -> None:
        page = open_tab(qtbot, window, "Pengaturan")
        press(qtbot, page, text)

    return open_it


def menu_item(*path: str):
    def open_it(qtbot, window) -> None:
        menu(qtbot, window, *path)

    return open_it


def in_dialog(menu_path: tuple[str, ...], title: str, button_text: str):
    def open_it(qtbot, window) -> None:
        menu(qtbot, window, *menu_path)
        wait_idle(qtbot, window)
        dialog = next(w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowTitle() == title)
        wait_idle(qtbot, window)
        press(qtbot, dialog, button_text)

    return open_it


def paper_preview(button_text: str):
    """The receipt a person prints at the end of intake, then a button of its preview."""

    def open_it(qtbot, window) -> None:
        intake(qtbot, window)  # "print the receipt now?" is answered yes
        wait_idle(qtbot, window)
        press(qtbot, latest(window, PaperDialog), button_text)

    return open_it


def evidence_of_intake(qtbot, window) -> None:
    """Ctrl+N, the intake wizard up to its evidence page, and "Tambah berkas…"."""
    keys(qtbot, window, "Ctrl+N")
    wizard = wait_for(qtbot, QWizard, "Pengaduan baru")
    next_page(qtbot, wizard, "Pelapor")
    fill(qtbot, wizard.currentPage(), "Nama lengkap", REPORTER)
    fill(qtbot, wizard.currentPage(), "Nomor identitas", REPORTER_NIK)
    fill(qtbot, wizard.currentPage(), "Alamat", "Jl. Jenderal Sudirman 12, Beringin")
    next_page(qtbot, wizard, "Terlapor")
    fill_rows(qtbot, only(wizard.currentPage(), QTableWidget), [["Yohanes Bilung", "Anggota PPS"]])
    next_page(qtbot, wizard, "Pengaduan")
    fill(qtbot, wizard.currentPage(), "Pokok pengaduan", "Dugaan ketidaknetralan anggota PPS")
    fill(qtbot, wizard.currentPage(), "Uraian", "Anggota PPS menghadiri kampanye salah satu calon.")
    fill(qtbot, wizard.currentPage(), "Lokasi kasus", "Desa Beringin")
    next_page(qtbot, wizard, "Bukti dukung")
    press(qtbot, wizard.currentPage(), "Tambah berkas…")


def signed_scan(qtbot, window) -> None:
    """The receipt issued at intake, then in the case file's Dokumen tab "Lampirkan hasil
    pindai bertanda tangan…" on its row."""
    _, agenda_number = intake_case(qtbot, window)  # "print the receipt now?" is answered yes
    wait_idle(qtbot, window)
    press(qtbot, latest(window, PaperDialog), "Tutup")
    select_in_agenda(qtbot, window, agenda_number)
    table_row(qtbot, window.agenda.table, 0, agenda_number, activate=True)  # double-click opens the case file
    view = wait_for(qtbot, CaseView, ready=lambda v: agenda_number in v.windowTitle())
    page = open_tab(qtbot, view, "Dokumen")
    wait_idle(qtbot, window)
    table_row(qtbot, view.documents.table, 0, "Tanda terima pengaduan")
    press(qtbot, page, "Lampirkan hasil pindai bertanda tangan…")


FILE_DIALOGS = {
    "Buka berkas data": menu_item("Berkas", "Buka berkas data lain…"),
    "Pilih logo kantor": settings_button("Pilih logo…"),
    "Simpan profil SOP": settings_button("Simpan salinan untuk disesuaikan…"),
    "Pasang profil SOP": settings_button("Pasang profil yang disesuaikan…"),
    "Simpan rekapitulasi": in_dialog(
        ("Berkas", "Rekapitulasi dan laporan (Excel)…"), "Rekapitulasi dan laporan pengaduan", "Simpan Excel…"
    ),
    "Simpan paket": in_dialog(("Berkas", "Ekspor ke paket…"), "Ekspor ke paket", "Pilih tempat dan ekspor…"),
    "Simpan jejak audit": in_dialog(("Berkas", "Jejak audit…"), "Jejak audit", "Simpan ke Excel…"),
    "Pilih paket": in_dialog(("Berkas", "Impor paket…"), "Impor paket", "Pilih paket…"),
    "Simpan PDF": paper_preview("Simpan PDF…"),
    "Pilih berkas bukti": evidence_of_intake,
    "Pilih hasil pindai dokumen bertanda tangan": signed_scan,
}


@pytest.mark.parametrize("title", FILE_DIALOGS)
def test_each_file_dialog_of_the_window_speaks_indonesian_and_starts_in_documents(
    title, window_for, qtbot, dialog_log, documents
):
    window = window_for("sanggau-2026")
    dialog_log.answer = True  # a package without a password: yes
    reader = DialogReader(qtbot)
    shown_title, folder, texts = reader.read(lambda: FILE_DIALOGS[title](qtbot, window))
    assert shown_title == title
    assert Path(folder) == documents
    assert english_in(texts) == [], texts
    assert "Nama" in texts and "Ukuran" in texts and "Tanggal diubah" in texts, texts


def test_the_file_dialog_lists_sizes_kinds_and_dates_in_indonesian(qt_app, qtbot, documents):
    reader = DialogReader(qtbot)
    _, _, texts = reader.read(
        lambda: dialogs.open_file_name(None, "Pilih pindaian", "Semua berkas (*)", dialogs.SIGNED_SCAN)
    )
    assert "Komputer" in texts  # the sidebar
    assert any(t.endswith(" byte") for t in texts), texts
    assert "Dokumen PDF" in texts, texts
    # Indonesian short dates: day/month/year and hours.minutes, without AM or PM
    assert any(re.fullmatch(r"\d{2}/\d{2}/\d{2} \d{2}\.\d{2}", t) for t in texts), texts
    assert english_in(texts) == [], texts


def test_every_file_dialog_goes_through_the_helpers_with_a_purpose():
    """Qt's file dialog is made only in dialogs.py, and every helper call names its purpose,
    so that the words, the Documents folder and the remembered folders hold for all."""
    package = Path(dialogs.__file__).parents[1]
    helpers = {"open_file_name", "open_file_names", "save_file_name"}
    calls = []
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        if source.name != "dialogs.py":
            assert "QFileDialog" not in text, f"{source.relative_to(package)} opens Qt's file dialog itself"
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in helpers:
                purpose = node.args[-1]
                assert isinstance(purpose, ast.Attribute) and getattr(dialogs, purpose.attr) in dialogs.PURPOSES, (
                    f"{source.name}:{node.lineno}"
                )
                calls.append(purpose.attr)
    assert len(calls) >= 11, calls


def test_the_print_dialog_of_the_paper_preview_speaks_indonesian(window_for, qtbot, dialog_log):
    window = window_for("sanggau-2026")
    dialog_log.answer = True
    title, _, texts = DialogReader(qtbot, QPrintDialog).read(lambda: paper_preview("Cetak…")(qtbot, window))
    assert title.startswith("Cetak Tanda terima"), title
    assert "Rangkap:" in texts and "Cetak semua" in texts, texts  # the options were opened
    assert english_in(texts) == [], texts


def test_the_print_dialog_speaks_indonesian(qt_app, qtbot):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFromTo(1, 3)
    chooser = QPrintDialog(printer)  # as the paper preview makes it
    qtbot.addWidget(chooser)
    chooser.show()
    qtbot.waitExposed(chooser)
    options = next((b for b in chooser.findChildren(QAbstractButton) if b.text().startswith("&Pilihan")), None)
    if options is not None:
        click(qtbot, options)  # the copies, pages and page-setup tabs
    texts = visible_texts(chooser)
    assert any(t.startswith("Cetak") for t in texts), texts
    assert english_in(texts) == [], texts
    chooser.done(QDialog.DialogCode.Rejected)


def translations() -> list[tuple[str, str, str]]:
    return [
        (context.findtext("name") or "", message.findtext("source") or "", message.findtext("translation") or "")
        for context in ET.parse(SOURCE).getroot().iter("context")
        for message in context.iter("message")
    ]


def test_every_word_of_the_source_is_what_qt_finds(qt_app):
    wrong = [(c, s, got, want) for c, s, want in translations() if (got := QCoreApplication.translate(c, s)) != want]
    assert wrong == []
    assert QCoreApplication.translate("QFileDialog", "Files of &type:") == "&Jenis berkas:"
    assert QCoreApplication.translate("QFileSystemModel", "Date Modified") == "Tanggal diubah"
    assert QCoreApplication.translate("QScrollBar", "Scroll here") == "Gulir ke sini"
    assert QCoreApplication.translate("QProgressDialog", "Cancel") == "Batal"


def test_the_program_chooses_indonesian_before_qt_first_reads_the_system_locale(monkeypatch, capsys):
    """Loading Qt's X11 plugin to check the display already fixes Qt's system locale (the
    file dialog's dates and sizes), so the start sets the locale before that check."""
    from dumas_desktop.ui import app, display_check

    monkeypatch.delenv("LC_TIME", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    seen: list[str | None] = []

    def check(*args, **kwargs):
        seen.append(os.environ.get("LC_TIME"))
        return ["libxcb-cursor.so.0"]  # stop the start there, as on a PC without it

    monkeypatch.setattr(display_check, "missing_display_libraries", check)
    assert app.run(None, "petugas") == 2
    assert seen == ["id_ID.UTF-8"] or sys.platform == "win32"
    assert "libxcb-cursor" in capsys.readouterr().err
