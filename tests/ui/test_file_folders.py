"""Qt's file dialogs start in the user's Documents folder and, for each purpose (evidence,
PDFs, recaps, packages, the logo, SOP profiles, data files…), in the folder last used for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QFileInfo, QSettings

from dumas_desktop.ui import dialogs


@pytest.fixture
def chooser(qt_app, monkeypatch, tmp_path):
    """Qt's dialog replaced by one that records where it started and answers `answer`."""
    seen: list[str] = []
    answer: list[str] = [""]

    def ask(parent, title, start, file_filter, *, save, many):
        seen.append(str(start))
        return [answer[0]] if answer[0] else []

    monkeypatch.setattr(dialogs, "ask_files", ask)
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
    assert dialogs.save_file_name(None, "Simpan PDF", "tanda-terima.pdf", "PDF (*.pdf)", dialogs.PDF) == Path(answer[0])
    assert seen[-1] == str(documents / "tanda-terima.pdf")  # at first, Documents
    dialogs.save_file_name(None, "Simpan PDF", "berita-acara.pdf", "PDF (*.pdf)", dialogs.PDF)
    assert seen[-1] == str(archive / "berita-acara.pdf")  # then the folder used last for PDFs
    answer[0] = ""
    dialogs.save_file_name(None, "Simpan rekapitulasi", "rekap.xlsx", "Excel (*.xlsx)", dialogs.RECAP)
    assert seen[-1] == str(documents / "rekap.xlsx")  # another purpose keeps its own folder


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
    dialogs.open_file_name(None, "Pilih paket", "Paket Dumas (*.dumaspkg)", dialogs.PACKAGE)
    assert seen[-1] == str(documents)
    scans.rmdir()  # a remembered folder that is gone: Documents again
    dialogs.open_file_names(None, "Pilih berkas bukti", "Gambar (*.jpg)", dialogs.EVIDENCE)
    assert seen[-1] == str(documents)


@pytest.mark.parametrize("purpose", dialogs.PURPOSES)
def test_every_purpose_has_its_own_folder(chooser, tmp_path, purpose):
    seen, answer, documents = chooser
    own = tmp_path / f"folder-{purpose}"
    own.mkdir()
    answer[0] = str(own / "berkas")
    dialogs.open_file_name(None, "Pilih", "Semua berkas (*)", purpose)
    assert seen[-1] == str(documents)
    dialogs.open_file_name(None, "Pilih", "Semua berkas (*)", purpose)
    assert seen[-1] == str(own)
    others = [p for p in dialogs.PURPOSES if p != purpose]
    for other in others:
        dialogs.save_file_name(None, "Simpan", "berkas", "Semua berkas (*)", other)
        assert seen[-1] != str(own / "berkas"), other


def test_the_programs_own_files_are_named_in_indonesian(qt_app, tmp_path):
    kinds = dialogs.own_kinds()
    for name, kind in [
        ("kantor.dumas", "Berkas data Dumas"),
        ("x.DUMASPKG", "Paket Dumas"),
        ("a.toml", "Profil SOP (TOML)"),
    ]:
        (tmp_path / name).write_text("contoh", encoding="utf-8")
        assert kinds.type(QFileInfo(str(tmp_path / name))) == kind
