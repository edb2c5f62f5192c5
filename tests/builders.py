"""Plausible inputs for tests, with every field a step may ask for."""

from __future__ import annotations

from datetime import date, datetime

from dumas_desktop.services.intake import ComplaintInput, EvidenceInput, PartyInput
from dumas_desktop.services.review import WorksheetInput

REPORTER_NIK = "6103015708850001"  # Sanggau, Kapuas; born 17-08-1985, female


def reporter(**changes: object) -> PartyInput:
    values: dict[str, object] = {
        "name": "Maria Goreti Lestari",
        "id_number": REPORTER_NIK,
        "address": "Jl. Jenderal Sudirman No. 12, Beringin, Kapuas",
        "phone": "0812-5678-1234",
        "email": "maria.lestari@contoh.id",
        "occupation": "Guru",
    }
    values.update(changes)
    return PartyInput(**values)  # type: ignore[arg-type]


def complaint(received_at: datetime, **changes: object) -> ComplaintInput:
    values: dict[str, object] = {
        "channel": "datang_langsung",
        "received_at": received_at,
        "reporter": reporter(),
        "subject": "Dugaan ketidaknetralan anggota PPS Desa Sungai Mawang",
        "description": "Anggota PPS terlihat menghadiri kampanye salah satu calon dan mengunggah foto dukungan.",
        "respondents": (PartyInput(name="Yohanes Bilung", position="Anggota PPS", unit="PPS Desa Sungai Mawang"),),
        "witnesses": (PartyInput(name="Agustinus Ranto", id_kind="lainnya"),),
        "event_date": date(2026, 2, 20),
        "event_place": "Balai Desa Sungai Mawang",
        "location": "Desa Sungai Mawang, Kecamatan Kapuas",
        "evidence": (EvidenceInput("foto-kampanye.jpg", b"\xff\xd8\xff\xe0 bukti foto"),),
    }
    values.update(changes)
    return ComplaintInput(**values)  # type: ignore[arg-type]


def worksheet(**changes: object) -> WorksheetInput:
    values: dict[str, object] = {
        "identity_ok": True,
        "evidence_ok": True,
        "time_ok": True,
        "place_ok": True,
        "event_ok": True,
        "rule_ok": True,
        "rules_cited": "PKPU Nomor 8 Tahun 2019; Peraturan DKPP Nomor 2 Tahun 2017",
        "analysis": "Uraian dan bukti menunjukkan dugaan pelanggaran netralitas.",
        "conclusion": "Pengaduan memenuhi syarat formil dan materiil.",
        "reviewer": "Tim Verifikator",
    }
    values.update(changes)
    return WorksheetInput(**values)  # type: ignore[arg-type]


def acting(ws, *roles: str, username: str = "uji"):  # type: ignore[no-untyped-def]
    """The same workspace, as a signed-in user holding `roles` (SOP actor keys)."""
    import dataclasses

    from dumas_desktop.domain.access import Access

    access = Access(username, f"Petugas {username}", frozenset(roles))
    return dataclasses.replace(ws, access=access, actor=access.label)


# Made by migration 0011: a file written before it has none of them.
INDEXES_OF_0011 = (
    "ix_dispositions_number",
    "ix_hearings_assignment_number",
    "ix_hearing_participants_invitation_number",
    "ix_issued_documents_number",
    "ix_letters_number",
    "ix_plenary_meetings_number",
)
