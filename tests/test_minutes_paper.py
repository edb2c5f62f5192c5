"""The minutes tell what happened: drawn up from the further review when no hearing took
place, and listing the parties who were invited but did not come as absent."""

from __future__ import annotations

from datetime import datetime

import pytest

from dumas_desktop.cli import main
from dumas_desktop.services import case_file, documents, hearing
from dumas_desktop.services.hearing import HearingPlan, HearingRecord, TeamMember

from .test_lifecycle_sanggau import adopt_and_forward, drive_to_hearing, hold_hearing, receive_and_register
from .test_numbering import signatories, text_of  # noqa: F401 - the officials who sign, for every test


@pytest.mark.both_backends
def test_minutes_without_a_hearing_say_they_come_from_the_further_review(ws, clock):
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=False)
    adopt_and_forward(ws, clock, case_id)
    text = text_of(documents.issue(ws, case_id, "berita_acara").pdf)
    assert "telah melaksanakan verifikasi dan klarifikasi" not in text
    assert "Surat Tugas" not in text and "Kehadiran" not in text
    assert "telah menyusun berita acara ini berdasarkan hasil telaah lanjutan tanggal 2 Maret 2026" in text
    assert "verifikasi dan klarifikasi para pihak tidak diperlukan" in text
    assert "III. Bukti-bukti" in text and "IV. Petitum" in text


@pytest.mark.both_backends
def test_minutes_with_a_hearing_list_who_came_and_who_did_not(ws, clock):
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=True)
    hold_hearing(ws, clock, case_id)
    adopt_and_forward(ws, clock, case_id)
    text = text_of(documents.issue(ws, case_id, "berita_acara").pdf)
    assert "telah melaksanakan verifikasi dan klarifikasi" in text and "Surat Tugas Nomor 1/HK.06-ST/6103/2026" in text
    assert "Tidak hadir" not in text


def test_an_invited_party_who_did_not_come_is_listed_as_absent(ws, clock, tmp_path, data_file, db, capsys):
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=True)
    detail = case_file.case_detail(ws, case_id)
    hearing.plan_hearing(
        ws,
        case_id,
        HearingPlan(
            scheduled_at=datetime(2026, 3, 5, 9, 0),
            place="Ruang Rapat KPU Kabupaten Sanggau",
            team=(TeamMember("Fransiskus Asisi", "Anggota KPU"),),
            invited_party_ids=tuple(p.id for p in detail.parties),
        ),
    )
    clock.set(datetime(2026, 3, 5, 11, 0))
    people = case_file.case_detail(ws, case_id).hearing_participants
    respondent = next(pid for pid, role, _, _ in people if role == "terlapor")
    name = next(n for pid, _, n, _ in people if pid == respondent)
    hearing.record_hearing(
        ws,
        case_id,
        HearingRecord(
            datetime(2026, 3, 5, 9, 0),
            {pid: pid != respondent for pid, _, _, _ in people},
            {pid: "Membenarkan isi pengaduan." for pid, role, _, _ in people if role == "pelapor"},
            "Terlapor tidak hadir tanpa keterangan",
        ),
        complete=True,
    )
    adopt_and_forward(ws, clock, case_id)
    text = text_of(documents.issue(ws, case_id, "berita_acara").pdf)
    assert f"Pihak yang diundang tetapi tidak hadir: {name}." in text
    assert "Tidak hadir" in text and "Membenarkan isi pengaduan." in text
    db.close()
    out = tmp_path / "ba.pdf"
    args = ["document", "--data", str(data_file), "--case", detail.agenda_number, "--kind", "berita_acara"]
    assert main([*args, "--out", str(out)]) == 0
    capsys.readouterr()
    assert f"tidak hadir: {name}." in text_of(out.read_bytes())
