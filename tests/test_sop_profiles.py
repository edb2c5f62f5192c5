"""The SOP profiles: both seeds load as the SOPs read, and a broken copy is refused
with the place and the problem named."""

from __future__ import annotations

from datetime import datetime

import pytest

from dumas_desktop import paths
from dumas_desktop.domain.errors import ProfileError
from dumas_desktop.domain.sop import parse_profile
from dumas_desktop.services import case_file, intake, office

from .builders import complaint

SANGGAU = (paths.sop_dir() / "sanggau-2026.toml").read_text(encoding="utf-8")


def test_sanggau_profile_reads_as_the_sop():
    profile = office.bundled_profile("sanggau-2026")
    assert [s.no for s in profile.steps] == list(range(1, 11))
    times = {s.key: s.time.describe() if s.time else None for s in profile.steps}
    assert times["penerimaan"] == "20 menit"
    assert times["verifikasi"] == "1 hari kerja"
    assert times["klarifikasi"] == "7 hari kerja"
    assert times["penyampaian_pengarah"] == "120 menit"
    verification = profile.step("verifikasi")
    assert {b.outcome: b.next for b in verification.branches} == {
        "lengkap": "telaah_lanjutan",
        "tidak_lengkap": "@kelengkapan",
    }
    assert profile.completion.time.value == 3
    assert profile.actor_names(profile.step("keputusan_kpu_ri").actors) == "KPU RI"


def test_sumbar_profile_reads_as_the_sop():
    profile = office.bundled_profile("sumbar-2022")
    assert [s.no for s in profile.steps] == list(range(1, 9))
    review = profile.step("penelaahan")
    assert review.time is not None and (review.time.minimum, review.time.value) == (5, 7)
    assert profile.step("penyelesaian").time is None  # the SOP gives no standard time
    assert profile.step("nota_dinas").outputs == ("nota_dinas",)
    assert profile.office_level == "provinsi"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'check = "classified"',
            'check = "diklasifikasi"',
            r"salinan.toml, langkah ke-2 \(“penatausahaan”\), persyaratan ke-4: pemeriksaan “diklasifikasi” tidak",
        ),
        ('next = "pleno"', 'next = "rapat"', "menuju “rapat” yang tidak ada"),
        (
            'time = { value = 2, unit = "hari" }',
            'time = { value = 2, unit = "minggu" }',
            "satuan “minggu” tidak dikenal",
        ),
        ('time = { value = 1, unit = "hari" }', 'time = { value = 0, unit = "hari" }', "lebih dari nol"),
        ('key = "pleno"', 'key = "penyusunan_ba"', "dipakai dua kali"),
        ('actors = ["pengarah"]', 'actors = ["ketua"]', "pelaksana “ketua” tidak dikenal"),
        ('"surat_tugas", "surat_undangan"', '"surat_sakti", "surat_undangan"', "keluaran “surat_sakti” tidak dikenal"),
        ('next = "@selesai"', 'next = "penerimaan"', "tidak ada langkah yang menuju “@selesai”"),
        ('form = "hearing"', 'form = "sidang"', "formulir “sidang” tidak dikenal"),
        ('name = "Menyusun draf Berita Acara Verifikasi dan Klarifikasi"', 'name = ""', "“name” wajib diisi"),
        ("[profile]", "[profile\n", "salinan.toml tidak dapat dibaca"),
    ],
)
def test_broken_profile_is_refused_with_place_and_problem(old, new, expected):
    assert old in SANGGAU
    with pytest.raises(ProfileError, match=expected):
        parse_profile(SANGGAU.replace(old, new, 1), "salinan.toml")


def test_unreachable_step_is_named():
    broken = SANGGAU.replace('next = "klarifikasi"', 'next = "penyusunan_ba"').replace(
        'outcome = "klarifikasi"', 'outcome = "klarifikasi_x"'
    )
    with pytest.raises(ProfileError, match="tidak pernah dicapai: klarifikasi"):
        parse_profile(broken, "salinan.toml")


def test_office_adjusts_its_profile_and_open_cases_keep_theirs(ws, clock):
    first = intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"})
    adjusted = SANGGAU.replace('id = "sanggau-2026"\nversion = 1', 'id = "sanggau-2026"\nversion = 2').replace(
        'time = { value = 20, unit = "menit" }\noutputs = ["formulir_pengaduan", "lembar_disposisi"]',
        'time = { value = 1, unit = "jam" }\noutputs = ["formulir_pengaduan", "lembar_disposisi"]',
    )
    profile = office.install_profile(ws, adjusted, "sanggau-kantor.toml")
    assert profile.version == 2
    second = intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"})
    assert first.step is not None and second.step is not None
    assert first.step.due_at == datetime(2026, 3, 2, 9, 20)
    assert second.step.due_at == datetime(2026, 3, 2, 10, 0)
    assert case_file.case_detail(ws, first.case_id).profile_version == 1
    assert case_file.case_detail(ws, second.case_id).profile_version == 2


def test_broken_adjustment_changes_nothing(ws):
    with pytest.raises(ProfileError):
        office.install_profile(ws, SANGGAU.replace('form = "hearing"', 'form = "x"'), "rusak.toml")
    with ws.db.read() as session:
        assert office.active_profile(ws, session)[1].version == 1
