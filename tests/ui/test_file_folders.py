"""Qt's file dialogs start in the user's Documents folder and, for each kind of file
(PDFs, recaps, packages, evidence), in the folder last used for that kind."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from dumas_desktop.ui import dialogs


@pytest.fixture
def chooser(qt_app, monkeypatch, tmp_path):
    """Qt's dialog replaced by one that records where it started and answers `answer`."""
    seen: list[str] = []
    answer: list[str] = [""]

    def pick(parent, title, start, file_filter):
        seen.append(start)
        return answer[0], file_filter

    def pick_many(parent, title, start, file_filter):
        seen.append(start)
        return [answer[0]], file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", pick)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", pick_many)
    documents = tmp_path / "Dokumen"
    documents.mkdir()
    monkeypatch.setattr(dialogs, "documents_folder", lambda: documents)
    settings = QSettings()
    settings.remove("folder")
    yield seen, answer, documents
    settings.remove("folder")


def test_each_kind_of_file_starts_in_documents_then_where_it_was_last_saved(chooser, tmp_path):
    seen, answer, documents = chooser
    archive = tmp_path / "Arsip PDF"
    archive.mkdir()
    answer[0] = str(archive / "tanda-terima.pdf")
    assert dialogs.save_file_name(None, "Simpan PDF", str(documents / "tanda-terima.pdf"), "PDF (*.pdf)") == Path(
        answer[0]
    )
    assert seen[-1] == str(documents / "tanda-terima.pdf")  # at first, Documents
    dialogs.save_file_name(None, "Simpan PDF", "berita-acara.pdf", "PDF (*.pdf)")
    assert seen[-1] == str(archive / "berita-acara.pdf")  # then the folder used last for PDFs
    answer[0] = ""
    dialogs.save_file_name(None, "Simpan rekapitulasi", "rekap.xlsx", "Excel (*.xlsx)")
    assert seen[-1] == str(documents / "rekap.xlsx")  # another kind keeps its own folder


def test_evidence_and_packages_remember_their_folders(chooser, tmp_path):
    seen, answer, documents = chooser
    scans = tmp_path / "Pindaian"
    scans.mkdir()
    answer[0] = str(scans / "ktp.jpg")
    assert dialogs.open_file_names(None, "Pilih berkas bukti", "Gambar (*.jpg)", dialogs.EVIDENCE) == [Path(answer[0])]
    assert seen[-1] == str(documents)
    dialogs.open_file_names(None, "Pilih berkas bukti", "Gambar (*.jpg)", dialogs.EVIDENCE)
    assert seen[-1] == str(scans)
    answer[0] = ""
    dialogs.open_file_name(None, "Pilih paket", "Paket Dumas (*.dumaspkg)")
    assert seen[-1] == str(documents)
    scans.rmdir()  # a remembered folder that is gone: Documents again
    dialogs.open_file_names(None, "Pilih berkas bukti", "Gambar (*.jpg)", dialogs.EVIDENCE)
    assert seen[-1] == str(documents)
