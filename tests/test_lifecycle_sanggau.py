"""A case driven through all ten steps of the Sanggau SOP, with each branch."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dumas_desktop.domain.errors import NotAllowed, RequirementsMissing
from dumas_desktop.services import (
    case_file,
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
    detail = case_file.case_detail(ws, case_id)
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
    detail = case_file.case_detail(ws, case_id)
    attendance = {pid: True for pid, _, _, _ in detail.hearing_participants}
    statements = {
        pid: "Membenarkan kehadiran dalam kampanye."
        for pid, role, _, _ in detail.hearing_participants
        if role == "terlapor"
    }
    step = hearing.record_hearing(
        ws,
        case_id,
        HearingRecord(datetime(2026, 3, 5, 9, 0), attendance, statements, "Para pihak hadir"),
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
        PlenaryInput(
            clock(),
            "Ruang Pleno KPU Kabupaten Sanggau",
            "Ketua KPU",
            ("Ketua", "Anggota 1", "Anggota 2", "Anggota 3"),
            "Menetapkan berita acara",
        ),
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


@pytest.mark.both_backends
def test_full_case_with_hearing(ws, clock):
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=True)
    hold_hearing(ws, clock, case_id)
    adopt_and_forward(ws, clock, case_id)
    clock.advance(days=1)
    with pytest.raises(RequirementsMissing, match="Tanda terima hasil tindak lanjut"):
        forwarding.record_kpu_decision(ws, case_id, DecisionInput(clock().date(), "dkpp", "Diteruskan ke DKPP"))
    step = forwarding.record_kpu_decision(
        ws,
        case_id,
        DecisionInput(clock().date(), "dkpp", "Diteruskan ke DKPP"),
        confirmations={"tanda_terima_tindak_lanjut"},
    )
    assert step is not None and step.status == "selesai" and step.next_step == ""
    detail = case_file.case_detail(ws, case_id)
    assert detail.closure_kind == "selesai"
    assert [s.key for s in detail.steps] == [
        "penerimaan",
        "penatausahaan",
        "verifikasi",
        "telaah_lanjutan",
        "penyampaian_pengarah",
        "klarifikasi",
        "penyusunan_ba",
        "pleno",
        "penyampaian_kpu_ri",
        "keputusan_kpu_ri",
    ]
    assert all(s.completed_at is not None for s in detail.steps)
    assert detail.minutes == [(detail.minutes[0][0], 1, "ditetapkan")]
    assert detail.kpu_decision == "dkpp"
    assert detail.days_taken is not None and detail.days_taken >= 3


@pytest.mark.both_backends
def test_full_case_without_hearing_skips_step_six(ws, clock):
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=False)
    adopt_and_forward(ws, clock, case_id)
    detail = case_file.case_detail(ws, case_id)
    assert "klarifikasi" not in [s.key for s in detail.steps]
    assert detail.current_step == "keputusan_kpu_ri"


@pytest.mark.both_backends
def test_branch_must_agree_with_the_worksheet(ws, clock):
    case_id = receive_and_register(ws, clock)
    review.save_review(ws, case_id, worksheet(result="lengkap"))
    with pytest.raises(RequirementsMissing, match="menyatakan pengaduan tidak lengkap"):
        workflow.complete(ws, case_id, "tidak_lengkap")
    with pytest.raises(NotAllowed, match="Pilih hasil langkah"):
        workflow.complete(ws, case_id)


@pytest.mark.both_backends
def test_incomplete_then_completed_in_time_stops_the_clock(ws, clock):
    case_id = receive_and_register(ws, clock)  # verification due Tue 3 March 16:00
    clock.set(datetime(2026, 3, 3, 10, 0))
    step = review.save_review(
        ws,
        case_id,
        worksheet(result="tidak_lengkap", missing_items="Fotokopi KTP dan bukti foto asli"),
        complete=True,
        outcome="tidak_lengkap",
    )
    assert step is not None and step.status == "menunggu_pelapor"
    assert step.due_at == datetime(2026, 3, 6, 16, 30)  # 3 working days: Friday's close
    states = queries.deadline_states(ws)
    assert states[case_id] == "menunggu_pelapor"
    with pytest.raises(NotAllowed, match="menunggu kelengkapan"):
        review.save_review(ws, case_id, worksheet(result="lengkap"))

    clock.set(datetime(2026, 3, 4, 10, 0))  # one working day later
    due = screening.record_completion(
        ws, case_id, "Pelapor menyerahkan fotokopi KTP", [intake.EvidenceInput("ktp.pdf", b"%PDF-1.4 ktp")]
    )
    # The step had 6 office hours left when it stopped; they run on from now.
    assert due == datetime(2026, 3, 4, 16, 0)
    detail = case_file.case_detail(ws, case_id)
    assert detail.status == "proses" and detail.current_step == "verifikasi"
    assert detail.completion_requests[0][3] == "dilengkapi"
    assert len(detail.evidence) == 2
    step = review.save_review(ws, case_id, worksheet(result="lengkap"), complete=True, outcome="lengkap")
    assert step is not None and step.next_step == "telaah_lanjutan"
    verification = next(s for s in case_file.case_detail(ws, case_id).steps if s.key == "verifikasi")
    assert verification.paused_minutes == 510
    # Monday 09:10 to Wednesday 10:00 is 1,070 office minutes, 510 of them waiting.
    assert verification.minutes_taken == 560
    assert verification.state == "selesai_tepat_waktu"


@pytest.mark.both_backends
def test_incomplete_lapsed_then_rejected(ws, clock):
    case_id = receive_and_register(ws, clock)
    review.save_review(ws, case_id, worksheet(result="tidak_lengkap", missing_items="Identitas terlapor"))
    screening.request_completion(ws, case_id)
    clock.set(datetime(2026, 3, 5, 12, 0))
    with pytest.raises(NotAllowed, match="belum lewat"):
        screening.reject(ws, case_id, "Tidak dilengkapi")
    assert queries.attention(ws).completion_lapsed == 0
    clock.set(datetime(2026, 3, 9, 8, 0))  # the window closed Thursday 5 March 16:00
    assert queries.attention(ws).completion_lapsed == 1
    assert queries.count(ws, queries.Filters(overdue=True)) == 1
    screening.reject(ws, case_id, "Pelapor tidak melengkapi dalam 3 hari kerja")
    detail = case_file.case_detail(ws, case_id)
    assert (detail.status, detail.closure_kind) == ("selesai", "ditolak")
    assert detail.completion_requests[0][3] == "lewat_waktu"
    with pytest.raises(NotAllowed, match="sudah ditutup"):
        screening.record_completion(ws, case_id, "terlambat")


@pytest.mark.both_backends
def test_completion_window_skips_holidays(ws, clock):
    # Monday 16 March 2026: Nyepi (19), cuti bersama (18, 20) and Idul Fitri fall that week.
    clock.set(datetime(2026, 3, 16, 9, 0))
    case_id = receive_and_register_at(ws, clock)
    review.save_review(ws, case_id, worksheet(result="tidak_lengkap", missing_items="KTP"))
    step = screening.request_completion(ws, case_id)
    # Working days after the 16th: 17th, then 25th and 26th (18–24 are holidays or weekend).
    assert step.due_at == datetime(2026, 3, 26, 16, 0)


def receive_and_register_at(ws, clock) -> int:
    received = intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"})
    screening.register(
        ws,
        received.case_id,
        "netralitas",
        DispositionInput("Ketua", "Tim Verifikator", "Telaah"),
        confirmations=SCREENED,
    )
    return received.case_id


@pytest.mark.both_backends
def test_referred_elsewhere(ws, clock):
    case_id = receive_and_register(ws, clock)
    with pytest.raises(Exception, match="Dilimpahkan kepada"):
        closure.close(ws, case_id, "bukan_kewenangan", "Dugaan pelanggaran pemilu")
    closure.close(ws, case_id, "bukan_kewenangan", "Dugaan pelanggaran pemilu oleh peserta", referred_to="bawaslu")
    detail = case_file.case_detail(ws, case_id)
    assert (detail.status, detail.closure_kind, detail.referred_to) == ("selesai", "bukan_kewenangan", "bawaslu")
    assert all(s.completed_at is not None for s in detail.steps)


@pytest.mark.both_backends
def test_duplicate_of_another_case(ws, clock):
    first = receive_and_register(ws, clock)
    second = intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"}).case_id
    with pytest.raises(NotAllowed, match="dirinya sendiri"):
        closure.close(ws, second, "duplikat", "Sama", duplicate_of=case_file.case_detail(ws, second).agenda_number)
    closure.close(ws, second, "duplikat", "Pengaduan yang sama", duplicate_of="001/DUMAS/6103/2026")
    assert case_file.case_detail(ws, second).closure_kind == "duplikat"
    assert case_file.case_detail(ws, first).status == "proses"


@pytest.mark.both_backends
def test_refused_step_saves_nothing(ws, clock):
    with pytest.raises(RequirementsMissing, match="buku tamu"):
        intake.receive(ws, complaint(datetime(2026, 3, 2, 8, 0)))
    assert queries.count(ws) == 0
    received = intake.receive(ws, complaint(datetime(2026, 3, 2, 8, 0)), confirmations={"buku_tamu"})
    assert received.agenda_number.startswith("001/")  # the refused attempt used no number


@pytest.mark.both_backends
def test_voided_entry_keeps_its_number(ws, clock):
    first = intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"})
    closure.void(ws, first.case_id, "Salah input: surat undangan, bukan pengaduan")
    second = intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"})
    assert second.agenda_number.startswith("002/")
    assert case_file.case_detail(ws, first.case_id).status == "batal"


@pytest.mark.both_backends
def test_plenary_asks_for_corrections_then_adopts(ws, clock):
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=False)
    draft = MinutesInput("Kronologi", "Identitas", "Bukti", "Petitum awal", "Teguran")
    minutes.save_draft(ws, case_id, draft, complete=True)
    step = minutes.hold_plenary(
        ws, case_id, PlenaryInput(clock(), "Ruang pleno", "Ketua", ("Ketua", "Anggota"), "Draf diperbaiki", adopt=False)
    )
    assert step is not None and step.next_step == "penyusunan_ba"
    minutes.save_draft(
        ws, case_id, MinutesInput("Kronologi", "Identitas", "Bukti", "Petitum diperbaiki"), complete=True
    )
    minutes.hold_plenary(ws, case_id, PlenaryInput(clock(), "Ruang pleno", "Ketua", ("Ketua",), "Ditetapkan"))
    assert case_file.case_detail(ws, case_id).minutes[-1][2] == "ditetapkan"


@pytest.mark.both_backends
def test_adopted_minutes_are_frozen_and_corrected_by_a_new_version(ws, clock, db):
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=False)
    adopt_and_forward(ws, clock, case_id)
    with pytest.raises(NotAllowed):
        minutes.save_draft(ws, case_id, MinutesInput("x", "y", "z", "w"))
    with db.engine.begin() as conn, pytest.raises(Exception, match="frozen"):
        conn.exec_driver_sql("UPDATE minutes SET petitum = 'diubah diam-diam'")
    corrected = MinutesInput("Kronologi", "Identitas", "Bukti", "Petitum dikoreksi", place="Sanggau")
    minutes.correct_minutes(ws, case_id, corrected, "Salah ketik nama terlapor")
    minutes.hold_plenary(ws, case_id, PlenaryInput(clock(), "Ruang pleno", "Ketua", ("Ketua",), "Koreksi ditetapkan"))
    versions = case_file.case_detail(ws, case_id).minutes
    assert [(v, s) for _, v, s in versions] == [(1, "diganti"), (2, "ditetapkan")]
    assert case_file.case_detail(ws, case_id).current_step == "keputusan_kpu_ri"  # a correction moves no step


@pytest.mark.both_backends
def test_each_step_is_refused_out_of_order(ws, clock):
    case_id = receive_and_register(ws, clock)
    with pytest.raises(NotAllowed, match="langkah 3"):
        minutes.save_draft(ws, case_id, MinutesInput("a", "b", "c", "d"))
    with pytest.raises(NotAllowed, match="langkah 3"):
        forwarding.record_kpu_decision(ws, case_id, DecisionInput(date(2026, 3, 2), "dkpp", "x"))
