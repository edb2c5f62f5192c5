"""A case driven through all ten steps of the Sanggau SOP, with each branch."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dumas_desktop.domain.errors import NotAllowed, RequirementsMissing
from dumas_desktop.services import (
    closure,
    forwarding,
    hearing,
    intake,
    minutes,
    queries,
    review,
    screening,
    workflow,
)
from dumas_desktop.services.forwarding import DecisionInput, LetterInput
from dumas_desktop.services.hearing import HearingPlan, HearingRecord, TeamMember
from dumas_desktop.services.minutes import MinutesInput, PlenaryInput
from dumas_desktop.services.screening import DispositionInput

from .builders import complaint, worksheet

SCREENED = {"skrining_kelengkapan", "skrining_validitas"}


def receive_and_register(ws, clock) -> int:
    received = intake.receive(ws, complaint(datetime(2026, 3, 2, 8, 50)), confirmations={"buku_tamu"})
    assert received.agenda_number == "001/DUMAS/6103/2026"
    assert received.step is not None and received.step.next_step == "penatausahaan"
    # 20 office minutes from the moment the case was entered (09:00).
    assert received.step.due_at == datetime(2026, 3, 2, 9, 20)
    clock.advance(minutes=10)
    step = screening.register(
        ws,
        received.case_id,
        "netralitas",
        DispositionInput("Ketua KPU Kabupaten Sanggau", "Tim Verifikator", "Telaah sesuai ketentuan"),
        confirmations=SCREENED,
    )
    assert step is not None and step.next_step == "verifikasi"
    # One working day: the close of office hours the next day.
    assert step.due_at == datetime(2026, 3, 3, 16, 0)
    return received.case_id


def drive_to_hearing(ws, clock, case_id: int, *, hearing_needed: bool) -> None:
    clock.advance(hours=3)
    step = review.save_review(ws, case_id, worksheet(result="lengkap"), complete=True, outcome="lengkap")
    assert step is not None and step.next_step == "telaah_lanjutan"
    clock.advance(hours=2)
    step = review.save_further_review(
        ws, case_id, worksheet(hearing_needed=hearing_needed, reviewer="Tim Telaah"), complete=True
    )
    assert step is not None and step.next_step == "penyampaian_pengarah"
    clock.advance(minutes=30)
    step = screening.record_disposition(
        ws,
        case_id,
        DispositionInput("Pengarah", "Tim Telaah", "Lanjutkan sesuai hasil telaah lanjutan"),
        complete=True,
        outcome="klarifikasi" if hearing_needed else "tanpa_klarifikasi",
    )
    assert step is not None
    assert step.next_step == ("klarifikasi" if hearing_needed else "penyusunan_ba")


def hold_hearing(ws, clock, case_id: int) -> None:
    detail = queries.case_detail(ws, case_id)
    invited = tuple(p.id for p in detail.parties)
    hearing.plan_hearing(
        ws,
        case_id,
        HearingPlan(
            scheduled_at=datetime(2026, 3, 5, 9, 0),
            place="Ruang Rapat KPU Kabupaten Sanggau",
            team=(TeamMember("Fransiskus Asisi", "Anggota KPU"), TeamMember("Sri Wahyuni", "Kasubag Hukum")),
            invited_party_ids=invited,
        ),
    )
    clock.set(datetime(2026, 3, 5, 11, 0))
    detail = queries.case_detail(ws, case_id)
    attendance = {pid: role != "tim" or True for pid, role, _, _ in detail.hearing_participants}
    statements = {pid: "Membenarkan kehadiran dalam kampanye." for pid, role, _, _ in detail.hearing_participants
                  if role == "terlapor"}
    step = hearing.record_hearing(
        ws, case_id, HearingRecord(datetime(2026, 3, 5, 9, 0), attendance, statements, "Para pihak hadir"),
        complete=True,
    )
    assert step is not None and step.next_step == "penyusunan_ba"


def adopt_and_forward(ws, clock, case_id: int) -> None:
    clock.advance(minutes=30)
    step = minutes.save_draft(
        ws,
        case_id,
        MinutesInput(
            chronology="Pada 20 Februari 2026 terlapor menghadiri kampanye.",
            identities="Pelapor: Maria Goreti Lestari; Terlapor: Yohanes Bilung (Anggota PPS).",
            evidence_summary="Foto kegiatan kampanye.",
            petitum="Terlapor terbukti melanggar prinsip netralitas.",
            recommended_sanction="Pemberhentian tetap",
            place="Sanggau",
        ),
        complete=True,
    )
    assert step is not None and step.next_step == "pleno"
    clock.advance(minutes=30)
    step = minutes.hold_plenary(
        ws,
        case_id,
        PlenaryInput(clock(), "Ruang Pleno KPU Kabupaten Sanggau", "Ketua KPU",
                     ("Ketua", "Anggota 1", "Anggota 2", "Anggota 3"), "Menetapkan berita acara"),
    )
    assert step is not None and step.next_step == "penyampaian_kpu_ri"
    clock.advance(hours=1)
    letter_id, _ = forwarding.record_letter(
        ws, case_id, LetterInput("surat_pengantar", "keluar", clock().date(), "Penyampaian berita acara", "KPU RI")
    )
    with pytest.raises(RequirementsMissing, match="Tanda terima surat pengantar"):
        workflow.complete(ws, case_id)
    step = forwarding.record_receipt(ws, letter_id, clock(), "Bagian Persuratan KPU RI", complete=True)
    assert step is not None and step.next_step == "keputusan_kpu_ri"


def test_full_case_with_hearing(ws, clock):
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=True)
    hold_hearing(ws, clock, case_id)
    adopt_and_forward(ws, clock, case_id)
    clock.advance(days=1)
    with pytest.raises(RequirementsMissing, match="Tanda terima hasil tindak lanjut"):
        forwarding.record_kpu_decision(ws, case_id, DecisionInput(clock().date(), "dkpp", "Diteruskan ke DKPP"))
    step = forwarding.record_kpu_decision(
        ws, case_id, DecisionInput(clock().date(), "dkpp", "Diteruskan ke DKPP"),
        confirmations={"tanda_terima_tindak_lanjut"},
    )
    assert step is not None and step.status == "selesai" and step.next_step == ""
    detail = queries.case_detail(ws, case_id)
    assert detail.closure_kind == "selesai"
    assert [s.key for s in detail.steps] == [
        "penerimaan", "penatausahaan", "verifikasi", "telaah_lanjutan", "penyampaian_pengarah",
        "klarifikasi", "penyusunan_ba", "pleno", "penyampaian_kpu_ri", "keputusan_kpu_ri",
    ]
    assert all(s.completed_at is not None for s in detail.steps)
    assert detail.minutes == [(detail.minutes[0][0], 1, "ditetapkan")]
    assert detail.kpu_decision == "dkpp"
    assert detail.days_taken is not None and detail.days_taken >= 3

