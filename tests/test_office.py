"""Office settings through the services: profile, logo, officials, days, numbering."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dumas_desktop.domain.errors import ValidationError
from dumas_desktop.services import case_file, intake, office, screening
from dumas_desktop.services.screening import DispositionInput

from .builders import complaint


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 40), (180, 20, 20)).save(out, "PNG")
    return out.getvalue()


PNG = _png()


@pytest.mark.both_backends
def test_logo_is_checked_and_kept(ws):
    with pytest.raises(ValidationError, match="PNG atau JPEG"):
        office.set_logo(ws, b"GIF89a", "image/gif")
    with pytest.raises(ValidationError, match="terlalu besar"):
        office.set_logo(ws, b"x" * (office.MAX_LOGO_BYTES + 1), "image/png")
    with pytest.raises(ValidationError, match="rusak atau bukan gambar"):
        office.set_logo(ws, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
    assert office.office_logo(ws) is None
    office.set_logo(ws, PNG, "image/png")
    assert office.office_logo(ws) == (PNG, "image/png")


@pytest.mark.both_backends
def test_office_profile_officials_and_patterns(ws, clock):
    office.update_office(
        ws,
        office.OfficeProfileInput(
            "KPU Kabupaten Sanggau", "Jl. A. Yani 12", "Sanggau", "0564-21014", "kab-sanggau@kpu.go.id"
        ),
    )
    with pytest.raises(ValidationError, match="NIP harus 18 digit"):
        office.add_official(ws, "Andi", "Sekretaris", "1970")
    with pytest.raises(ValidationError, match="Peran dalam SOP"):
        office.add_official(ws, "Andi", "Sekretaris", "", "kpu_ri")
    official = office.add_official(
        ws, "Andi Hasanuddin", "Sekretaris", "19701003 199803 1 004", office.actor_named({"x": "y"}, "")
    )
    signer = office.add_official(
        ws, "Iis Supianto", "Ketua", "", office.actor_named(office.bundled_profile("sanggau-2026").actors, "pengarah")
    )
    office.set_number_pattern(ws, "agenda", "AG-{seq:04d}/{year}")
    with pytest.raises(ValidationError, match="harus memuat"):
        office.set_number_pattern(ws, "surat_tugas", "{year}/{office_code}")
    settings = office.office_settings(ws)
    assert settings.phone == "+6256421014" and settings.city == "Sanggau"
    assert settings.officials == [
        (official, "Andi Hasanuddin", "Sekretaris", "197010031998031004", ""),
        (signer, "Iis Supianto", "Ketua", "", "Pengarah"),
    ]
    assert "pelapor" not in settings.actors and settings.actors["penanggung_jawab"] == "Penanggung Jawab"
    assert office.actor_named(settings.actors, "Penanggung  jawab") == "penanggung_jawab"
    office.remove_official(ws, official)
    office.remove_official(ws, signer)
    assert office.office_settings(ws).officials == []
    received = intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"})
    assert received.agenda_number == "AG-0001/2026"


@pytest.mark.both_backends
def test_office_days_move_deadlines(ws, clock):
    office.set_day(ws, date(2026, 3, 3), "libur", "Rapat kerja di luar kantor")
    received = intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"})
    step = screening.register(
        ws,
        received.case_id,
        "netralitas",
        DispositionInput("Ketua", "Tim", "Telaah"),
        confirmations={"skrining_kelengkapan", "skrining_validitas"},
    )
    assert step is not None and step.due_at == datetime(2026, 3, 4, 16, 0)  # Tuesday is off
    office.remove_day(ws, date(2026, 3, 3))
    assert office.office_settings(ws).days == []


@pytest.mark.both_backends
def test_case_history_lists_every_change(ws, clock):
    received = intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"})
    actions = [h.action for h in case_file.case_history(ws, received.case_id)]
    assert actions == ["pengaduan_diterima", "langkah_selesai"]
    assert all(h.actor == "petugas" for h in case_file.case_history(ws, received.case_id))
