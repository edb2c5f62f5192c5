"""Corrections that say what they are: a corrected berita acara is its own paper with its
own number, names the one it replaces and why; the replaced one stays in the archive as
adopted and its copies say it is no longer in force; a correction is possible after the
case closed, reopens nothing, and goes to KPU RI with a cover letter of its own."""

from __future__ import annotations

import pytest

from dumas_desktop.cli import main
from dumas_desktop.domain.errors import NotAllowed
from dumas_desktop.services import case_file, documents, forwarding, minutes
from dumas_desktop.services.forwarding import DecisionInput, LetterInput
from dumas_desktop.services.minutes import MinutesInput, PlenaryInput

from .test_lifecycle_sanggau import adopt_and_forward, drive_to_hearing, receive_and_register
from .test_numbering import signatories, text_of  # noqa: F401 - the officials who sign, for every test

CORRECTED = MinutesInput(
    chronology="Pada 20 Februari 2026 terlapor menghadiri kampanye di Desa Sungai Mawang.",
    identities="Pelapor: Maria Goreti Lestari; Terlapor: Yohanes Bilung (Anggota PPS).",
    evidence_summary="Foto kegiatan kampanye.",
    petitum="Terlapor terbukti melanggar prinsip netralitas.",
    recommended_sanction="Pemberhentian tetap",
    place="Sanggau",
)
REASON = "Salah tulis nama desa tempat kejadian"


def _closed_case(ws, clock) -> int:
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=False)
    adopt_and_forward(ws, clock, case_id)
    clock.advance(days=1)
    forwarding.record_kpu_decision(
        ws,
        case_id,
        DecisionInput(clock().date(), "dkpp", "Diteruskan ke DKPP"),
        confirmations={"tanda_terima_tindak_lanjut"},
    )
    assert case_file.case_detail(ws, case_id).status == "selesai"
    return case_id


def _correct(ws, clock, case_id: int) -> None:
    clock.advance(days=2)
    minutes.correct_minutes(ws, case_id, CORRECTED, REASON + ".")  # typed with its own full stop
    clock.advance(hours=2)
    minutes.hold_plenary(
        ws, case_id, PlenaryInput(clock(), "Ruang Pleno", "Ketua KPU", ("Ketua KPU", "Anggota 1"), "Koreksi ditetapkan")
    )


def test_a_corrected_berita_acara_is_its_own_paper_and_names_what_it_replaces(ws, clock):
    case_id = _closed_case(ws, clock)
    first = documents.issue(ws, case_id, "berita_acara")
    first_text = text_of(first.pdf)
    assert "(PERBAIKAN)" not in first_text
    _correct(ws, clock, case_id)

    corrected = documents.issue(ws, case_id, "berita_acara")
    assert not corrected.is_copy and corrected.number and corrected.number != first.number
    text = text_of(corrected.pdf)
    assert "VERIFIKASI DAN KLARIFIKASI (PERBAIKAN)" in text
    assert f"perbaikan atas Berita Acara Nomor {first.number}" in text
    assert REASON in text and "Sungai Mawang" in text

    issued = {d.number: d for d in documents.list_issued(ws, case_id) if d.kind == "berita_acara"}
    assert issued[first.number].status == "diperbaiki" and issued[corrected.number].status == "berlaku"
    # Asking again gives the correction's archived copy, not a third paper.
    again = documents.issue(ws, case_id, "berita_acara")
    assert again.is_copy and again.number == corrected.number

    # The replaced paper prints as it was adopted, and its copies say what replaced it.
    old_copy = documents.copy_of(ws, issued[first.number].id)
    old_text = text_of(old_copy.pdf)
    assert "SALINAN" in old_text and "(PERBAIKAN)" not in old_text
    assert f"TIDAK BERLAKU: telah diperbaiki dengan Berita Acara Nomor {corrected.number}" in old_text


def test_a_correction_after_closure_reopens_nothing_and_sends_its_own_cover_letter(ws, clock):
    case_id = _closed_case(ws, clock)
    documents.issue(ws, case_id, "berita_acara")
    first_letter = documents.issue(ws, case_id, "surat_pengantar")
    before = case_file.case_detail(ws, case_id)
    _correct(ws, clock, case_id)

    after = case_file.case_detail(ws, case_id)
    assert after.status == "selesai" and after.closure_kind == before.closure_kind
    assert [(s.key, s.completed_at) for s in after.steps] == [(s.key, s.completed_at) for s in before.steps]
    assert [(v, s) for _, v, s in after.minutes] == [(1, "diganti"), (2, "ditetapkan")]
    view = minutes.current_minutes(ws, case_id)
    assert view is not None and view.awaiting_cover_letter

    corrected = documents.issue(ws, case_id, "berita_acara")
    # Until its own letter is recorded, the cover letter offered is the one already sent.
    assert documents.issue(ws, case_id, "surat_pengantar").is_copy
    forwarding.record_letter(
        ws,
        case_id,
        LetterInput("surat_pengantar", "keluar", clock().date(), "Penyampaian berita acara perbaikan", "KPU RI"),
        complete=True,  # completes nothing: the case is closed
    )
    view = minutes.current_minutes(ws, case_id)
    assert view is not None and not view.awaiting_cover_letter
    assert case_file.case_detail(ws, case_id).status == "selesai"

    letter = documents.issue(ws, case_id, "surat_pengantar")
    assert not letter.is_copy and letter.number not in (first_letter.number, corrected.number)
    text = text_of(letter.pdf)
    assert f"Berita Acara Verifikasi dan Klarifikasi (Perbaikan) Nomor {corrected.number}" in text
    assert f"yang telah kami sampaikan dengan surat Nomor {first_letter.number}" in text
    assert REASON in text
    # The plenary that adopted the correction has its own minutes, with its own number.
    plenary = documents.issue(ws, case_id, "berita_acara_pleno")
    assert not plenary.is_copy and "(Perbaikan) sebagai perbaikan atas" in text_of(plenary.pdf)
    numbers = [d.number for d in documents.list_issued(ws, case_id) if d.number and d.status != "diganti"]
    own = [
        d.number
        for d in documents.list_issued(ws, case_id)
        if d.kind in ("berita_acara", "berita_acara_pleno", "surat_pengantar")
    ]
    assert len(own) == len(set(own)), numbers


def test_a_second_cover_letter_is_refused_when_no_correction_waits(ws, clock):
    case_id = _closed_case(ws, clock)
    with pytest.raises(NotAllowed, match="sudah ditutup"):
        forwarding.record_letter(
            ws, case_id, LetterInput("surat_pengantar", "keluar", clock().date(), "Surat lagi", "KPU RI")
        )


def test_the_command_line_prints_the_correction(ws, clock, data_file, tmp_path, capsys):
    case_id = _closed_case(ws, clock)
    first = documents.issue(ws, case_id, "berita_acara")
    _correct(ws, clock, case_id)
    agenda = documents.agenda_number_of(ws, case_id)
    out = tmp_path / "ba.pdf"
    code = main(["document", "--data", str(data_file), "--case", agenda, "--kind", "berita_acara", "--out", str(out)])
    assert code == 0, capsys.readouterr()
    text = text_of(out.read_bytes())
    assert "(PERBAIKAN)" in text and f"Berita Acara Nomor {first.number}" in text


def test_the_document_list_keeps_the_replaced_paper_for_reprinting(ws, clock, data_file, capsys):
    case_id = _closed_case(ws, clock)
    first = documents.issue(ws, case_id, "berita_acara")
    _correct(ws, clock, case_id)
    corrected = documents.issue(ws, case_id, "berita_acara")
    earlier = [o for o in documents.offers(ws, case_id) if o.earlier]
    assert [(o.kind, o.issued.number, o.issued.status) for o in earlier if o.issued and o.kind == "berita_acara"] == [
        ("berita_acara", first.number, "diperbaiki")
    ]
    agenda = documents.agenda_number_of(ws, case_id)
    assert main(["document", "--data", str(data_file), "--case", agenda, "--list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert any(line.startswith("berita_acara (perbaikan versi 2)") and corrected.number in line for line in listed)
    assert any(first.number in line and "(diperbaiki, tidak berlaku)" in line for line in listed)


def test_the_reason_typed_with_its_full_stop_prints_once(ws, clock):
    case_id = _closed_case(ws, clock)
    documents.issue(ws, case_id, "berita_acara")
    documents.issue(ws, case_id, "surat_pengantar")
    _correct(ws, clock, case_id)
    text = text_of(documents.issue(ws, case_id, "berita_acara").pdf)
    assert f"{REASON}. Dengan ditetapkannya" in text and f"{REASON}.." not in text
    forwarding.record_letter(
        ws, case_id, LetterInput("surat_pengantar", "keluar", clock().date(), "Penyampaian perbaikan", "KPU RI")
    )
    letter = text_of(documents.issue(ws, case_id, "surat_pengantar").pdf)
    assert f"{REASON}, atas pengaduan" in letter and ".," not in letter


def test_the_closing_sentence_stays_on_the_page_of_the_signatures(ws, clock):
    import io

    from pypdf import PdfReader

    case_id = _closed_case(ws, clock)
    documents.issue(ws, case_id, "berita_acara")
    # Corrections of growing length: one of them ends a page right after the closing sentence.
    for sentences in range(60, 200, 6):
        clock.advance(hours=1)
        long = MinutesInput(**{**CORRECTED.__dict__, "chronology": "Kronologi yang panjang sekali. " * sentences})
        minutes.correct_minutes(ws, case_id, long, REASON)
        minutes.hold_plenary(
            ws, case_id, PlenaryInput(clock(), "Ruang Pleno", "Ketua KPU", ("Ketua KPU",), "Ditetapkan")
        )
        pdf = documents.issue(ws, case_id, "berita_acara").pdf
        last = " ".join(PdfReader(io.BytesIO(pdf)).pages[-1].extract_text().split())
        assert "Ketua KPU Kabupaten Sanggau," in last and "Demikian Berita Acara ini dibuat" in last, (sentences, last)
