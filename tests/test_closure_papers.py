"""An early closure produces its papers: the referral letter to the competent body and the
notice to the reporter (referred, duplicate, withdrawn), numbered, archived and offered
as the profile names them, through the services and the command line in both profiles."""

from __future__ import annotations

import pytest

from dumas_desktop.cli import main
from dumas_desktop.domain.errors import NotAllowed
from dumas_desktop.domain.sop import parse_profile
from dumas_desktop.services import closure, documents, intake, office, screening

from .builders import complaint
from .test_lifecycle_sanggau import receive_and_register
from .test_numbering import assert_one_number_per_paper, issue_everything, signatories, text_of  # noqa: F401


def offered(ws, case_id: int) -> dict[str, str]:
    return {o.kind: o.reason for o in documents.offers(ws, case_id)}


@pytest.mark.both_backends
def test_a_complaint_referred_to_bawaslu_gets_its_letter_and_the_reporters_notice(ws, clock):
    case_id = receive_and_register(ws, clock)
    assert "surat_penerusan" not in offered(ws, case_id)
    office.set_referral_body(ws, "bawaslu", "Ketua Bawaslu Kabupaten Sanggau", "Jl. Jenderal Sudirman No. 3, Sanggau")
    closure.close(ws, case_id, "bukan_kewenangan", "Dugaan politik uang oleh peserta pemilu", referred_to="bawaslu")
    reasons = offered(ws, case_id)
    assert reasons["surat_penerusan"] == "" and reasons["pemberitahuan_pelapor"] == ""

    letter = documents.issue(ws, case_id, "surat_penerusan")
    text = text_of(letter.pdf)
    assert "Ketua Bawaslu Kabupaten Sanggau" in text and "Jl. Jenderal Sudirman No. 3, Sanggau" in text
    assert "bukan merupakan kewenangan Komisi Pemilihan Umum" in text
    assert "001/DUMAS/6103/2026" in text and "Dugaan politik uang oleh peserta pemilu" in text
    assert "foto-kampanye.jpg" in text  # the evidence list
    notice = documents.issue(ws, case_id, "pemberitahuan_pelapor")
    text = text_of(notice.pdf)
    assert "Maria Goreti Lestari" in text
    assert f"telah kami teruskan kepada Ketua Bawaslu Kabupaten Sanggau dengan surat Nomor {letter.number}" in text
    numbers = issue_everything(ws, case_id)
    assert_one_number_per_paper(numbers)
    assert letter.number != notice.number and letter.number.endswith("/HK.06/6103/2026")


@pytest.mark.both_backends
def test_a_body_the_officer_types(ws, clock):
    case_id = receive_and_register(ws, clock)
    closure.close(ws, case_id, "bukan_kewenangan", "Sengketa tanah", referred_to="Kantor Pertanahan Kabupaten Sanggau")
    text = text_of(documents.issue(ws, case_id, "surat_penerusan").pdf)
    assert "Kantor Pertanahan Kabupaten Sanggau" in text


@pytest.mark.both_backends
def test_duplicate_and_withdrawn_complaints_tell_the_reporter(ws, clock):
    first = receive_and_register(ws, clock)
    second = intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"}).case_id
    closure.close(ws, second, "duplikat", "Pengaduan yang sama", duplicate_of="001/DUMAS/6103/2026")
    assert "surat_penerusan" not in offered(ws, second)
    text = text_of(documents.issue(ws, second, "pemberitahuan_pelapor").pdf)
    assert "sama dengan pengaduan yang telah kami terima sebelumnya dengan nomor agenda 001/DUMAS/6103/2026" in text
    closure.close(ws, first, "dicabut", "Pelapor mencabut pengaduan secara tertulis")
    text = text_of(documents.issue(ws, first, "pemberitahuan_pelapor").pdf)
    assert "pencabutan pengaduan oleh Saudara telah kami terima" in text
    assert "Pelapor mencabut pengaduan secara tertulis" in text
    with pytest.raises(NotAllowed, match="belum sampai"):
        documents.issue(ws, first, "surat_penerusan")


def test_sumbar_referral_through_the_command_line(sumbar_ws, clock, tmp_path, capsys):
    ws = sumbar_ws
    case_id = intake.receive(ws, complaint(clock(), location="Kota Padang"), complete_step=False).case_id
    screening.register(
        ws,
        case_id,
        "pelayanan",
        screening.DispositionInput("Sekretaris", "Kabag Hukum dan SDM", "Tindak lanjuti"),
        confirmations={"buku_surat_masuk"},
    )
    closure.close(ws, case_id, "bukan_kewenangan", "Pelayanan rumah sakit daerah", referred_to="ombudsman")
    data = ws.db.path
    ws.db.close()
    out = tmp_path / "penerusan.pdf"
    base = ["document", "--data", str(data), "--case", "001/DUMAS/13/2026"]
    assert main([*base, "--list"]) == 0
    listed = capsys.readouterr().out
    assert "surat_penerusan\tSurat penerusan pengaduan kepada instansi berwenang\tsiap dibuat" in listed
    assert main([*base, "--kind", "surat_penerusan", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "nomor 1/HK.06/13/2026" in printed
    assert "Kepala Perwakilan Ombudsman Republik Indonesia" in text_of(out.read_bytes())


def test_a_profile_names_the_closure_papers_and_may_change_them():
    from pathlib import Path

    text = Path("resources/sop/sanggau-2026.toml").read_text(encoding="utf-8")
    profile = parse_profile(text, "sanggau")
    assert profile.closure_outputs["bukan_kewenangan"] == ("surat_penerusan", "pemberitahuan_pelapor")
    adjusted = text.replace('dicabut = ["pemberitahuan_pelapor"]', "dicabut = []")
    assert parse_profile(adjusted, "x").closure_outputs["dicabut"] == ()
    with pytest.raises(Exception, match="tidak dikenal"):
        parse_profile(text.replace('dicabut = ["pemberitahuan_pelapor"]', 'dicabut = ["surat_sakti"]'), "x")


@pytest.mark.both_backends
def test_until_the_office_types_its_own_the_letter_goes_to_the_body_of_its_own_area(ws, clock):
    case_id = receive_and_register(ws, clock)
    closure.close(ws, case_id, "bukan_kewenangan", "Dugaan politik uang oleh peserta pemilu", referred_to="bawaslu")
    text = text_of(documents.issue(ws, case_id, "surat_penerusan").pdf)
    assert "Ketua Bawaslu Kabupaten Sanggau" in text and "Badan Pengawas Pemilihan Umum" not in text
    assert office.referral_bodies(ws)["kepolisian"][0] == "Kepala Kepolisian Resor Sanggau"


def test_the_default_addressee_follows_the_level_and_area_in_the_offices_name():
    from dumas_desktop.domain.catalog import default_referral_addressee as addressee

    assert addressee("bawaslu", "KPU Provinsi Sumatera Barat") == "Ketua Bawaslu Provinsi Sumatera Barat"
    assert addressee("kepolisian", "KPU Provinsi Sumatera Barat") == "Kepala Kepolisian Daerah Sumatera Barat"
    assert addressee("kepolisian", "KPU  Kota   Pontianak") == "Kepala Kepolisian Resor Kota Pontianak"
    assert addressee("ombudsman", "KPU Provinsi Sumatera Barat").endswith("Republik Indonesia Provinsi Sumatera Barat")
    assert addressee("ombudsman", "KPU Kabupaten Sanggau") == "Kepala Perwakilan Ombudsman Republik Indonesia"
    assert addressee("dkpp", "KPU Kabupaten Sanggau") == "Ketua Dewan Kehormatan Penyelenggara Pemilu"
    assert addressee("bawaslu", "Kantor Contoh") == "Ketua Badan Pengawas Pemilihan Umum"  # no area in the name
