"""The SOP printed as the office's own document: cover data, the flowchart table with a
column per actor, the approval; any kept version, from the command line too."""

from __future__ import annotations

import io

from pypdf import PdfReader

from dumas_desktop.cli import main
from dumas_desktop.documents.facts import OfficeFacts
from dumas_desktop.documents.flowchart import Board
from dumas_desktop.documents.sop_pdf import sop_pdf
from dumas_desktop.domain.sop_draft import DraftTime
from dumas_desktop.profiles import bundled_profile
from dumas_desktop.services import profile_editor

OFFICE = OfficeFacts("Komisi Pemilihan Umum Provinsi Sumatera Barat", "provinsi", "13", city="Padang")


def _text(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_sop_prints_in_landscape_with_cover_table_and_approval():
    reader, text = _text(sop_pdf(bundled_profile("sumbar-2022"), OFFICE))
    assert len(reader.pages) >= 3
    assert all(page.mediabox.width > page.mediabox.height for page in reader.pages)
    for expected in (
        "STANDAR OPERASIONAL PROSEDUR (SOP)",
        "Nomor SOP",
        "2 Tahun 2022",
        "31 Maret 2022",
        "Kegiatan",
        "Pelaksana",
        "Mutu Baku",
        "Kelengkapan/",
        "Waktu",
        "Output",
        "Keterangan",
        "Pengelola JDIH",
        "Tim Penyelesaian Dumas",
        "5–7 hari kerja",
        "PENGESAHAN",
        "Firman",
        "NIP. 19650504 199003 1 008",
    ):
        assert expected in text, expected


def test_each_actor_of_a_step_gets_its_symbol_and_the_steps_are_joined(monkeypatch):
    profile = bundled_profile("sanggau-2026")
    drawn: list[Board] = []
    original = Board.draw_arrows

    def spy(self, canvas):
        drawn.append(self)
        original(self, canvas)

    monkeypatch.setattr(Board, "draw_arrows", spy)
    sop_pdf(profile, OFFICE)
    board = drawn[0]
    for index, step in enumerate(profile.steps):
        assert len(board.placed[index]) == len(step.actors), step.key
    assert {p.shape for p in board.placed[2]} == {"keputusan"}  # the review branches
    assert {p.shape for p in board.placed[0]} == {"mulai"}


def test_the_command_line_prints_the_active_or_an_earlier_version(ws, data_file, tmp_path, capsys):
    draft = profile_editor.start_draft(ws)
    draft.steps[0].time = DraftTime("menit", 45)
    profile_editor.adopt_draft(ws, draft)
    ws.db.close()
    now, before = tmp_path / "sop.pdf", tmp_path / "sop-v1.pdf"
    assert main(["profile", "--data", str(data_file), "--pdf", str(now)]) == 0
    assert main(["profile", "--data", str(data_file), "--pdf", str(before), "--version", "1"]) == 0
    out = capsys.readouterr().out
    assert "versi 2 dicetak" in out and "versi 1 dicetak" in out
    assert "45 menit" in _text(now.read_bytes())[1] and "20 menit" in _text(before.read_bytes())[1]
    assert main(["profile", "--data", str(data_file), "--pdf", str(before), "--version", "9"]) == 2
    assert "versi 9 tidak ada" in capsys.readouterr().err


def test_a_flow_that_goes_on_on_another_page_has_connectors_at_both_ends(monkeypatch):
    """A signed SOP shows the flow whole: where a row's next step is on the next page, an
    off-page connector names that step below it, and one above the step names the row."""
    from reportlab.pdfgen.canvas import Canvas

    profile = bundled_profile("sanggau-2026")
    numbers: dict[int, list[str]] = {}
    circles: dict[int, int] = {}
    original_string, original_circle = Canvas.drawCentredString, Canvas.circle

    def centred(self, x, y, text, *args, **kwargs):
        numbers.setdefault(self.getPageNumber(), []).append(str(text))
        return original_string(self, x, y, text, *args, **kwargs)

    def circle(self, *args, **kwargs):
        circles[self.getPageNumber()] = circles.get(self.getPageNumber(), 0) + 1
        return original_circle(self, *args, **kwargs)

    monkeypatch.setattr(Canvas, "drawCentredString", centred)
    monkeypatch.setattr(Canvas, "circle", circle)
    drawn: list[Board] = []
    original = Board.draw_arrows

    def spy(self, canvas):
        drawn.append(self)
        original(self, canvas)

    monkeypatch.setattr(Board, "draw_arrows", spy)
    sop_pdf(profile, OFFICE)
    board = drawn[0]
    page_of = {index: spots[0].page for index, spots in board.placed.items()}
    breaks = [i for i in range(len(profile.steps) - 1) if page_of[i] != page_of[i + 1]]
    assert breaks, "the Sanggau SOP's table runs over more than one page"
    for i in breaks:
        leaving, arriving = page_of[i], page_of[i + 1]
        assert str(profile.steps[i + 1].no) in numbers.get(leaving, []), (i, numbers.get(leaving))
        assert str(profile.steps[i].no) in numbers.get(arriving, []), (i, numbers.get(arriving))
        assert circles.get(leaving) and circles.get(arriving)
