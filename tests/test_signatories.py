"""Signatories: a paper whose signing role has no official in Pengaturan is not issued (the
message names the role and where to set it), and a reprint on another paper size says the
archived copy keeps its size and how to issue it anew."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from pypdf import PdfReader

from dumas_desktop.cli import main
from dumas_desktop.domain.errors import NotAllowed
from dumas_desktop.services import documents, forwarding, intake, office, screening
from dumas_desktop.services.forwarding import LetterInput
from dumas_desktop.services.screening import DispositionInput

from .builders import complaint
from .test_lifecycle_sanggau import drive_to_hearing, hold_hearing, receive_and_register
from .test_numbering import text_of

MM = 72 / 25.4


def offer(ws, case_id: int, kind: str) -> documents.Offer:
    return next(o for o in documents.offers(ws, case_id) if o.kind == kind)


@pytest.mark.both_backends
def test_a_letter_without_its_signatory_is_not_issued(ws, clock):
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=True)
    hold_hearing(ws, clock, case_id)
    with pytest.raises(NotAllowed) as refused:
        documents.issue(ws, case_id, "surat_tugas")
    message = refused.value.message
    assert message.startswith("Surat tugas untuk 001/DUMAS/6103/2026 belum dapat diterbitkan: ")
    assert "peran Penanggung Jawab (atau Pengarah)" in message
    assert "tab Pengaturan, bagian \u201cPejabat penanda tangan\u201d" in message
    assert documents.list_issued(ws, case_id) == []  # nothing numbered, nothing archived
    assert "Penanggung Jawab" in offer(ws, case_id, "surat_tugas").reason
    assert offer(ws, case_id, "daftar_hadir").ready  # signed by hand by those present

    office.add_official(ws, "Andi Hasanuddin", "Sekretaris KPU Kabupaten Sanggau", actor="penanggung_jawab")
    assert offer(ws, case_id, "surat_tugas").ready
    paper = documents.issue(ws, case_id, "surat_tugas")
    assert "Andi Hasanuddin" in text_of(paper.pdf)


@pytest.mark.both_backends
def test_an_issued_paper_is_still_reprinted_after_its_official_leaves(ws, clock):
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=True)
    hold_hearing(ws, clock, case_id)
    official = office.add_official(ws, "Andi Hasanuddin", "Sekretaris", actor="penanggung_jawab")
    first = documents.issue(ws, case_id, "surat_tugas")
    office.remove_official(ws, official)
    again = documents.issue(ws, case_id, "surat_tugas")
    assert again.is_copy and again.number == first.number
    assert offer(ws, case_id, "surat_tugas").ready
    with pytest.raises(NotAllowed, match="Penanggung Jawab"):
        documents.issue(ws, case_id, "surat_tugas", reissue=True)


@pytest.mark.both_backends
def test_sumbar_memo_names_its_own_roles(sumbar_ws, clock):
    ws = sumbar_ws
    case_id = intake.receive(ws, complaint(clock(), location="Kota Padang"), complete_step=False).case_id
    screening.register(
        ws,
        case_id,
        "pelayanan",
        DispositionInput("Sekretaris", "Kabag Hukum dan SDM", "Tindak lanjuti"),
        confirmations={"buku_surat_masuk"},
    )
    clock.set(datetime(2026, 3, 3, 10, 0))
    forwarding.record_letter(
        ws, case_id, LetterInput("nota_dinas", "keluar", clock().date(), "Telaah pengaduan", "Kasubag Hukum")
    )
    with pytest.raises(NotAllowed, match=r"peran Kepala Bagian Hukum dan SDM \(atau Sekretaris\)"):
        documents.issue(ws, case_id, "nota_dinas")


def test_the_command_line_says_which_role_and_where(ws, clock, data_file, db, tmp_path, capsys):
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=True)
    hold_hearing(ws, clock, case_id)
    db.close()
    out = tmp_path / "st.pdf"
    code = main(
        [
            "document",
            "--data",
            str(data_file),
            "--case",
            "001/DUMAS/6103/2026",
            "--kind",
            "surat_tugas",
            "--out",
            str(out),
        ]
    )
    _, err = capsys.readouterr()
    assert code != 0 and not out.exists()
    assert "peran Penanggung Jawab (atau Pengarah)" in err and "Pejabat penanda tangan" in err
    del case_id


def page_size_mm(pdf: bytes) -> tuple[int, int]:
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return round(float(box.width) / MM), round(float(box.height) / MM)


def test_a_reprint_on_another_paper_says_the_copy_keeps_its_size(ws, clock, data_file, db, tmp_path, capsys):
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=True)
    hold_hearing(ws, clock, case_id)
    office.add_official(ws, "Andi Hasanuddin", "Sekretaris", actor="penanggung_jawab")
    first = documents.issue(ws, case_id, "surat_tugas", paper="A4")
    assert page_size_mm(first.pdf) == (210, 297) and first.note == ""
    copy = documents.issue(ws, case_id, "surat_tugas", paper="F4")
    assert copy.is_copy and page_size_mm(copy.pdf) == (210, 297)
    assert "diterbitkan pada kertas A4; salinan dari arsip tetap berukuran A4, bukan F4" in copy.note
    assert "terbitkan ulang" in copy.note
    assert documents.issue(ws, case_id, "surat_tugas", paper="A4").note == ""
    db.close()

    base = ["document", "--data", str(data_file), "--case", "001/DUMAS/6103/2026", "--kind", "surat_tugas"]
    out = tmp_path / "st.pdf"
    assert main([*base, "--paper", "F4", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "salinan dari arsip tetap berukuran A4, bukan F4" in printed and "--reissue" in printed
    assert page_size_mm(out.read_bytes()) == (210, 297)
    assert main([*base, "--paper", "F4", "--reissue", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "SALINAN" not in printed and "--reissue" not in printed
    assert page_size_mm(out.read_bytes()) == (215, 330)
    assert first.number in printed  # issued anew: the same number on the new paper
