"""The work tabs follow the SOP profiles of the file: an office sees a queue only where
one of its profiles has steps of that kind, named for them, and a province holding its
own cases and a regency's sees the queues of both."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from dumas_desktop.profiles import bundled_profile
from dumas_desktop.ui.main_window import queues_for

from .person import open_tab, shown


def tab_titles(window) -> list[str]:
    return [window.tabs.tabText(i).replace("&", "") for i in range(window.tabs.count()) if window.tabs.isTabVisible(i)]


def test_a_sumbar_office_sees_only_the_queues_its_sop_has(window_for, qtbot):
    window = window_for("sumbar-2022")
    assert tab_titles(window) == [
        "Buku Agenda",
        "Penerimaan",
        "Kertas Kerja Telaah",
        "Rekapitulasi dan Laporan",
        "Statistik",
        "Pengaturan",
    ]
    receiving = open_tab(qtbot, window, "Penerimaan")
    said = " ".join(label.text() for label in receiving.findChildren(QLabel) if shown(label))
    assert "1. Menerima dan mencatat surat pengaduan" in said, said
    review = open_tab(qtbot, window, "Kertas Kerja Telaah")
    said = " ".join(label.text() for label in review.findChildren(QLabel) if shown(label))
    assert "2. Kabag Hukum" in said and "Kajian" not in said, said


def test_a_sanggau_office_sees_screening_review_and_plenary(window_for):
    window = window_for("sanggau-2026")
    assert tab_titles(window) == [
        "Buku Agenda",
        "Skrining",
        "Kertas Kerja Telaah",
        "Berita Acara Pleno",
        "Statistik",
        "Pengaturan",
    ]


def test_a_file_holding_both_profiles_shows_the_queues_of_both():
    sumbar, sanggau = bundled_profile("sumbar-2022"), bundled_profile("sanggau-2026")
    queues = queues_for([sumbar, sanggau])
    assert [q.title for q in queues] == [
        "Skrining",
        "Kertas Kerja Telaah",
        "Berita Acara Pleno",
        "Rekapitulasi dan Laporan",
    ]
    screening = queues[0]
    assert "1. Menerima dan mencatat surat pengaduan" in screening.explanation  # Sumbar's first step
    assert "2. Penatausahaan, klasifikasi, dan skrining" in screening.explanation  # Sanggau's
    assert [q.title for q in queues_for([sumbar])] == ["Penerimaan", "Kertas Kerja Telaah", "Rekapitulasi dan Laporan"]
    assert "Skrining" not in {q.title for q in queues_for([sumbar])}
