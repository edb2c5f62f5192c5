"""What people type: each problem named in Indonesian, and nothing saved half-way."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dumas_desktop.domain.errors import ValidationError
from dumas_desktop.domain.validation import check_email, check_nik, check_phone, format_phone
from dumas_desktop.services import case_file, intake, privacy, queries
from dumas_desktop.services.intake import EvidenceInput, PartyInput

from .builders import complaint, reporter

TODAY = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("nik", "problem"),
    [
        ("6103015708850001", None),
        ("6103 0157 0885 0001", None),  # spaces as people write it
        ("610301570885000", "16 digit"),
        ("61030157088500012", "16 digit"),
        ("61030157088500AB", "hanya boleh berisi angka"),
        ("9903015708850001", "tidak sah"),  # no province 99
        ("6103019908850001", "tidak sah"),  # day 99
        ("6100015708850001", "kabupaten/kota atau kecamatan"),
    ],
)
def test_nik(nik, problem):
    normalised, found = check_nik(nik, TODAY)
    assert len(normalised) == len(nik.replace(" ", ""))
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


@pytest.mark.parametrize(
    ("phone", "e164"),
    [
        ("0812-5678-1234", "+6281256781234"),
        ("+62 812 5678 1234", "+6281256781234"),
        ("6281256781234", "+6281256781234"),
        ("(0564) 21014", "+6256421014"),
    ],
)
def test_indonesian_phone_numbers(phone, e164):
    assert check_phone(phone) == (e164, None)


@pytest.mark.parametrize(
    ("phone", "problem"), [("12345", "tidak sah"), ("+1 202 555 0100", "Indonesia"), ("telepon", "tidak dapat dibaca")]
)
def test_bad_phone_numbers(phone, problem):
    assert problem in (check_phone(phone)[1] or "")


def test_phone_is_shown_as_written_in_indonesia():
    assert format_phone("+6281256781234") == "0812-5678-1234"


def test_email():
    assert check_email(" Maria@Contoh.ID ")[1] is None
    assert "tidak sah" in (check_email("maria@")[1] or "")


def test_every_problem_is_named_and_nothing_is_saved(ws, clock):
    bad = complaint(
        clock(),
        channel="merpati",
        subject=" ",
        event_date=date(2026, 3, 3),
        reporter=reporter(id_number="12345", phone="999", email="bukan surel"),
        respondents=(PartyInput(name=""),),
        evidence=(EvidenceInput("kosong.pdf", b""),),
    )
    with pytest.raises(ValidationError) as refused:
        intake.receive(ws, bad, confirmations={"buku_tamu"})
    assert set(refused.value.fields) >= {
        "channel",
        "subject",
        "event_date",
        "reporter.id_number",
        "reporter.phone",
        "reporter.email",
        "respondents.0.name",
        "evidence.0.content",
    }
    message = refused.value.message
    assert "Kanal pengaduan" in message and "NIK pelapor: NIK harus 16 digit" in message
    assert "Tanggal kejadian: tidak boleh lebih dari hari ini" in message
    assert queries.count(ws) == 0


def test_receipt_time_cannot_lie_in_the_future(ws, clock):
    with pytest.raises(ValidationError, match="Waktu diterima: tidak boleh lebih dari hari ini"):
        intake.receive(ws, complaint(datetime(2026, 3, 2, 9, 30)), confirmations={"buku_tamu"})


def test_unknown_classification_is_refused(ws, clock):
    with pytest.raises(ValidationError, match="Klasifikasi"):
        intake.receive(ws, complaint(clock(), classification="gosip"), confirmations={"buku_tamu"})
    assert queries.count(ws) == 0


def test_reporter_with_another_identity_document(ws, clock):
    other = reporter(id_kind="paspor", id_number="C1234567")
    received = intake.receive(ws, complaint(clock(), reporter=other), confirmations={"buku_tamu"})
    detail = case_file.case_detail(ws, received.case_id)
    assert detail.reporter is not None and detail.reporter.masked
    assert "C1234567" not in detail.reporter.id_number and "56781234" not in detail.reporter.phone
    full = privacy.reveal_party(ws, detail.reporter.id, "uji")
    assert full.id_number == "C1234567"
    assert full.phone == "+6281256781234"


def test_the_kind_of_a_file_does_not_depend_on_the_pcs_registry(monkeypatch):
    import mimetypes

    from dumas_desktop.domain.filetypes import mime_of

    # A registry that an installed program rewrote, as Windows' module-level table reads it.
    monkeypatch.setattr(mimetypes, "guess_type", lambda *a, **k: ("image/pjpeg", None))
    assert mime_of("pindaian.jpg") == "image/jpeg"
    assert mime_of("surat.PDF") == "application/pdf"
    assert mime_of("foto-tanpa-akhiran", b"\x89PNG\r\n\x1a\n....") == "image/png"
    assert mime_of("salah-nama.jpg", b"%PDF-1.7") == "application/pdf"  # the bytes decide
    assert mime_of("catatan.xyz") == "application/octet-stream"
