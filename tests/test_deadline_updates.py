"""Deadlines follow the office calendar as it is now: a day off, a substitute working day
or new office hours declared while a step or a completion window runs moves its due time,
the case's history says so, and every decision taken on the deadline uses the new one."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dumas_desktop.domain.errors import NotAllowed
from dumas_desktop.services import case_file, forwarding, intake, office, queries, review, screening
from dumas_desktop.services.forwarding import LetterInput
from dumas_desktop.services.screening import DispositionInput
from dumas_desktop.storage.models import AuditEntry

from .builders import complaint, worksheet

SCREENED = {"skrining_kelengkapan", "skrining_validitas"}
HOURS = {
    "senin": "07:30-16:00",
    "selasa": "07:30-16:00",
    "rabu": "07:30-16:00",
    "kamis": "07:30-16:00",
    "jumat": "07:30-16:30",
}


def registered(ws, clock) -> int:
    received = intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"})
    screening.register(
        ws,
        received.case_id,
        "netralitas",
        DispositionInput("Ketua", "Tim Verifikator", "Telaah"),
        confirmations=SCREENED,
    )
    return received.case_id


def window_from_tuesday_17_march(ws, clock) -> int:
    """The issue's worked example: a completion window opened on Tue 17 March 2026 (18–24
    are Nyepi, cuti bersama, Idul Fitri and a weekend), ending Fri 27 March 16:30."""
    clock.set(datetime(2026, 3, 17, 9, 0))
    case_id = registered(ws, clock)
    clock.set(datetime(2026, 3, 17, 10, 0))
    review.save_review(ws, case_id, worksheet(result="tidak_lengkap", missing_items="KTP"))
    step = screening.request_completion(ws, case_id)
    assert step.due_at == datetime(2026, 3, 27, 16, 30)
    return case_id


def shift_notes(ws, case_id: int) -> list[str]:
    return [h.details for h in case_file.case_history(ws, case_id) if h.action == "batas_waktu_bergeser"]


@pytest.mark.both_backends
def test_day_off_inside_the_window_moves_it_and_every_decision_follows(ws, clock):
    case_id = window_from_tuesday_17_march(ws, clock)
    office.set_day(ws, date(2026, 3, 25), "libur", "Rapat kerja di luar kantor")

    detail = case_file.case_detail(ws, case_id)
    assert detail.completion_due_at == datetime(2026, 3, 30, 16, 0)
    assert detail.completion_requests[0][1] == datetime(2026, 3, 30, 16, 0)
    notes = shift_notes(ws, case_id)
    assert len(notes) == 1
    assert "batas waktu bergeser karena hari libur kantor 25 Maret 2026 (Rapat kerja" in notes[0]
    assert "batas waktu untuk: kelengkapan dari pelapor" in notes[0] and "batas waktu: 30-03-2026 16.00" in notes[0]

    clock.set(datetime(2026, 3, 28, 9, 0))  # Saturday: the old end has passed, the new one has not
    assert queries.attention(ws).completion_lapsed == 0
    assert queries.count(ws, queries.Filters(overdue=True)) == 0
    with pytest.raises(NotAllowed, match="belum lewat"):
        screening.reject(ws, case_id, "Tidak dilengkapi")

    clock.set(datetime(2026, 3, 30, 10, 0))  # the reporter answers on Monday: in time
    screening.record_completion(ws, case_id, "Pelapor menyerahkan KTP")
    assert case_file.case_detail(ws, case_id).completion_requests[0][3] == "dilengkapi"


@pytest.mark.both_backends
def test_removing_the_day_off_moves_the_window_back(ws, clock):
    case_id = window_from_tuesday_17_march(ws, clock)
    office.set_day(ws, date(2026, 3, 25), "libur", "Rapat kerja")
    office.remove_day(ws, date(2026, 3, 25))
    assert case_file.case_detail(ws, case_id).completion_due_at == datetime(2026, 3, 27, 16, 30)
    notes = shift_notes(ws, case_id)
    assert len(notes) == 2 and "karena hari libur kantor 25 Maret 2026 dihapus (Rapat kerja" in notes[1]

    clock.set(datetime(2026, 3, 28, 9, 0))
    assert queries.attention(ws).completion_lapsed == 1
    screening.reject(ws, case_id, "Pelapor tidak melengkapi dalam 3 hari kerja")
    assert case_file.case_detail(ws, case_id).closure_kind == "ditolak"


@pytest.mark.both_backends
def test_day_off_on_the_last_day_of_the_window(ws, clock):
    case_id = window_from_tuesday_17_march(ws, clock)
    office.set_day(ws, date(2026, 3, 27), "libur", "Hari jadi kabupaten")
    assert case_file.case_detail(ws, case_id).completion_due_at == datetime(2026, 3, 30, 16, 0)
    clock.set(datetime(2026, 3, 30, 15, 59))
    assert queries.attention(ws).completion_lapsed == 0
    clock.set(datetime(2026, 3, 30, 16, 1))
    assert queries.attention(ws).completion_lapsed == 1


@pytest.mark.parametrize("day", [date(2026, 3, 30), date(2026, 3, 16)])
def test_day_off_after_or_before_the_window_changes_nothing(ws, clock, day):
    case_id = window_from_tuesday_17_march(ws, clock)
    before = case_file.case_history(ws, case_id)
    office.set_day(ws, day, "libur", "Kegiatan kantor")
    assert case_file.case_detail(ws, case_id).completion_due_at == datetime(2026, 3, 27, 16, 30)
    assert case_file.case_history(ws, case_id) == before


@pytest.mark.both_backends
def test_substitute_working_day_shortens_the_window(ws, clock):
    case_id = window_from_tuesday_17_march(ws, clock)
    office.set_day(ws, date(2026, 3, 18), "masuk", "Masuk pengganti cuti bersama")
    # Working days after the 17th: now the 18th, then the 25th and 26th.
    assert case_file.case_detail(ws, case_id).completion_due_at == datetime(2026, 3, 26, 16, 0)
    assert "hari masuk pengganti 18 Maret 2026" in shift_notes(ws, case_id)[0]


@pytest.mark.both_backends
def test_office_hours_move_the_window(ws, clock):
    case_id = window_from_tuesday_17_march(ws, clock)
    office.set_office_hours(ws, {**HOURS, "jumat": "07:30-17:00"})
    assert case_file.case_detail(ws, case_id).completion_due_at == datetime(2026, 3, 27, 17, 0)
    assert "jam kerja kantor diubah" in shift_notes(ws, case_id)[0]
    with ws.db.read() as session:
        entry = session.query(AuditEntry).filter(AuditEntry.action == "batas_waktu_bergeser").one()
        assert (entry.entity, entry.actor) == ("complaint", "petugas")
        assert str(entry.before["due"]).startswith("2026-03-27") and "16:30" in str(entry.before["due"])
        assert "17:00" in str(entry.after["due"])


@pytest.mark.both_backends
def test_running_step_moves_and_is_not_overdue_on_the_old_time(ws, clock):
    case_id = registered(ws, clock)  # Monday 2 March: verification due Tuesday 3 March 16:00
    assert case_file.case_detail(ws, case_id).current_due_at == datetime(2026, 3, 3, 16, 0)
    office.set_day(ws, date(2026, 3, 3), "libur", "Rapat kerja")
    detail = case_file.case_detail(ws, case_id)
    assert detail.current_due_at == datetime(2026, 3, 4, 16, 0)
    assert detail.steps[-1].due_at == datetime(2026, 3, 4, 16, 0)
    clock.set(datetime(2026, 3, 4, 10, 0))
    assert queries.deadline_states(ws)[case_id] == "segera"
    assert queries.attention(ws).overdue == 0
    step = review.save_review(ws, case_id, worksheet(result="lengkap"), complete=True, outcome="lengkap")
    assert step is not None
    verification = next(s for s in case_file.case_detail(ws, case_id).steps if s.key == "verifikasi")
    assert verification.state == "selesai_tepat_waktu"


@pytest.mark.both_backends
def test_resumed_step_keeps_the_time_its_clock_was_stopped(ws, clock):
    case_id = registered(ws, clock)  # verification due Tuesday 3 March 16:00
    clock.set(datetime(2026, 3, 3, 10, 0))
    review.save_review(
        ws, case_id, worksheet(result="tidak_lengkap", missing_items="KTP"), complete=True, outcome="tidak_lengkap"
    )
    clock.set(datetime(2026, 3, 4, 10, 0))
    assert screening.record_completion(ws, case_id, "KTP diserahkan") == datetime(2026, 3, 4, 16, 0)
    # Wednesday now closes at 15:00: the 510 stopped minutes (Tue 10:00–16:00, Wed 07:30–10:00)
    # run from Tuesday's close: 450 on Wednesday, the last 60 on Thursday morning.
    office.set_office_hours(ws, {**HOURS, "rabu": "07:30-15:00"})
    detail = case_file.case_detail(ws, case_id)
    assert detail.current_due_at == datetime(2026, 3, 5, 8, 30)
    verification = detail.steps[-1]
    assert (verification.key, verification.due_at, verification.paused_minutes) == (
        "verifikasi",
        datetime(2026, 3, 5, 8, 30),
        510,
    )


@pytest.mark.both_backends
def test_closed_cases_and_finished_steps_keep_their_times(ws, clock):
    case_id = registered(ws, clock)
    registered_step = case_file.case_detail(ws, case_id).steps[1]
    office.set_day(ws, date(2026, 3, 2), "libur", "Kegiatan kantor")
    detail = case_file.case_detail(ws, case_id)
    assert detail.steps[1] == registered_step  # finished on Monday: history, not recomputed


@pytest.mark.both_backends
def test_sumbar_running_review_follows_the_calendar(sumbar_ws, clock):
    ws = sumbar_ws
    received = intake.receive(ws, complaint(clock()), complete_step=False)
    case_id = received.case_id
    screening.register(
        ws,
        case_id,
        "pelayanan",
        DispositionInput("Sekretaris KPU Provinsi", "Kabag Hukum dan SDM", "Tindak lanjuti", "Sekretaris"),
        confirmations={"buku_surat_masuk"},
    )
    assert case_file.case_detail(ws, case_id).current_due_at == datetime(2026, 3, 4, 16, 0)
    office.set_day(ws, date(2026, 3, 4), "libur", "Rapat kerja")  # the memo's last day
    assert case_file.case_detail(ws, case_id).current_due_at == datetime(2026, 3, 5, 16, 0)
    office.remove_day(ws, date(2026, 3, 4))

    clock.advance(days=1)
    forwarding.record_letter(
        ws,
        case_id,
        LetterInput("nota_dinas", "keluar", clock().date(), "Telaah pengaduan", "Kasubag Hukum"),
        complete=True,
    )
    # 5–7 working days after Tuesday 3 March: due Thursday 12, due soon from Tuesday 10's close.
    assert case_file.case_detail(ws, case_id).current_due_at == datetime(2026, 3, 12, 16, 0)
    office.set_day(ws, date(2026, 3, 9), "libur", "Kegiatan kantor")  # inside, before the warning
    assert case_file.case_detail(ws, case_id).current_due_at == datetime(2026, 3, 13, 16, 30)
    clock.set(datetime(2026, 3, 10, 17, 0))
    assert queries.deadline_states(ws)[case_id] == "tepat_waktu"  # the warning moved to Wednesday 11
    clock.set(datetime(2026, 3, 12, 17, 0))
    assert queries.deadline_states(ws)[case_id] == "segera"  # not overdue on the old time
    office.set_day(ws, date(2026, 3, 16), "libur", "Kegiatan kantor")  # after: nothing moves
    assert case_file.case_detail(ws, case_id).current_due_at == datetime(2026, 3, 13, 16, 30)
    assert len(shift_notes(ws, case_id)) == 3


def test_a_newer_national_calendar_moves_running_deadlines_at_start(ws, clock, monkeypatch):
    from dumas_desktop.domain import calendar as calendar_module
    from dumas_desktop.services import deadline_updates

    case_id = window_from_tuesday_17_march(ws, clock)
    assert deadline_updates.refresh_national_calendar(ws) == []  # the same calendar: nothing moves
    assert deadline_updates.refresh_national_calendar(ws) == []
    real = calendar_module._national_calendar()

    class Newer:
        """A later release adding a cuti bersama on Wednesday 25 March 2026."""

        def get(self, day):
            return "Cuti bersama (baru)" if day == date(2026, 3, 25) else real.get(day)

    monkeypatch.setattr(calendar_module, "_national_calendar", lambda: Newer())
    ws.forget_calendar()
    shifts = deadline_updates.refresh_national_calendar(ws)
    assert [(s.case_id, s.before, s.after) for s in shifts] == [
        (case_id, datetime(2026, 3, 27, 16, 30), datetime(2026, 3, 30, 16, 0))
    ]
    assert case_file.case_detail(ws, case_id).completion_due_at == datetime(2026, 3, 30, 16, 0)
    assert "karena kalender libur nasional diperbarui" in shift_notes(ws, case_id)[-1]
    assert deadline_updates.refresh_national_calendar(ws) == []  # remembered: once only
