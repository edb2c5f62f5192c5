"""Users and roles from the SOP: each role does its own steps and is refused the others,
through the services; passwords are hashed and wrong ones are slowed; confidential
reporters stay hidden; revealing an identity is recorded; the audit trail detects edits."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from dumas_desktop.domain.access import ADMIN
from dumas_desktop.domain.errors import NotAllowed, ValidationError
from dumas_desktop.services import (
    accounts,
    audit_log,
    case_file,
    documents,
    intake,
    office,
    privacy,
    review,
    screening,
)
from dumas_desktop.services.screening import DispositionInput
from dumas_desktop.storage.integrity import check_file

from .builders import REPORTER_NIK, acting, complaint, reporter, worksheet

SCREENED = {"skrining_kelengkapan", "skrining_validitas"}


def _received(ws, clock, **changes) -> int:
    return intake.receive(acting(ws, "pelaksana"), complaint(clock(), **changes), confirmations={"buku_tamu"}).case_id


@pytest.mark.both_backends
def test_each_sanggau_role_does_its_steps_and_is_refused_the_others(ws, clock):
    with pytest.raises(NotAllowed, match="Pelaksana"):
        intake.receive(acting(ws, "tim_telaah"), complaint(clock()), confirmations={"buku_tamu"})
    case_id = _received(ws, clock)
    disposition = DispositionInput("Ketua", "Tim Verifikator", "Telaah")
    with pytest.raises(NotAllowed, match="Peran Anda: Tim Verifikator"):
        screening.register(acting(ws, "tim_verifikator"), case_id, "netralitas", disposition, confirmations=SCREENED)
    screening.register(acting(ws, "pelaksana"), case_id, "netralitas", disposition, confirmations=SCREENED)

    # Step 3 is the verifiers'; its "incomplete" outcome is the Penanggung Jawab's.
    with pytest.raises(NotAllowed, match="Tim Verifikator"):
        review.save_review(acting(ws, "pelaksana"), case_id, worksheet(result="tidak_lengkap", missing_items="KTP"))
    verifier = acting(ws, "tim_verifikator")
    review.save_review(verifier, case_id, worksheet(result="tidak_lengkap", missing_items="Fotokopi KTP"))
    with pytest.raises(NotAllowed, match="Penanggung Jawab"):
        screening.request_completion(verifier, case_id)
    result = screening.request_completion(acting(ws, "penanggung_jawab"), case_id)
    assert result.status == "menunggu_pelapor"
    # What came back from the reporter is recorded by those who handle the completion window.
    with pytest.raises(NotAllowed):
        screening.record_completion(acting(ws, "pengarah"), case_id, "KTP diserahkan")
    screening.record_completion(acting(ws, "pelaksana"), case_id, "KTP diserahkan")
    assert case_file.case_detail(ws, case_id).status == "proses"


@pytest.mark.both_backends
def test_one_user_may_hold_every_role(ws, clock):
    everyone = acting(ws, "pelaksana", "tim_verifikator", "tim_telaah", "penanggung_jawab", "pengarah")
    case_id = intake.receive(everyone, complaint(clock()), confirmations={"buku_tamu"}).case_id
    disposition = DispositionInput("Ketua", "Tim Verifikator", "Telaah")
    screening.register(everyone, case_id, "netralitas", disposition, confirmations=SCREENED)
    review.save_review(everyone, case_id, worksheet(result="lengkap"), complete=True, outcome="lengkap")
    assert case_file.case_detail(ws, case_id).current_step == "telaah_lanjutan"


@pytest.mark.both_backends
def test_sumbar_roles_follow_its_own_sop(sumbar_ws, clock):
    with pytest.raises(NotAllowed, match="Pengelola JDIH"):
        intake.receive(acting(sumbar_ws, "kabag_hukum_sdm"), complaint(clock()), complete_step=False)
    received = intake.receive(acting(sumbar_ws, "sekretaris"), complaint(clock()), complete_step=False)
    assert received.agenda_number


@pytest.mark.both_backends
def test_papers_belong_to_the_roles_whose_steps_make_them(ws, clock):
    case_id = _received(ws, clock)
    with pytest.raises(NotAllowed, match="Tanda terima"):
        documents.issue(acting(ws, "pengarah"), case_id, "tanda_terima")
    paper = documents.issue(acting(ws, "pelaksana"), case_id, "tanda_terima")
    offers = {o.kind: o for o in documents.offers(acting(ws, "pengarah"), case_id)}
    assert "Pelaksana" in offers["tanda_terima"].reason and not offers["tanda_terima"].ready
    assert paper.document_id is not None
    with pytest.raises(NotAllowed):
        documents.copy_of(acting(ws, "pengarah"), paper.document_id)


@pytest.mark.both_backends
def test_settings_and_users_are_the_administrators(ws):
    with pytest.raises(NotAllowed, match="Administrator"):
        office.set_office_hours(acting(ws, "pelaksana"), {"senin": "08:00-16:00"})
    with pytest.raises(NotAllowed, match="Administrator"):
        accounts.add_user(acting(ws, "pelaksana"), "budi", "Budi", "rahasia-sekali", ["pelaksana"])
    admin = acting(ws, ADMIN)
    user_id = accounts.add_user(admin, "budi", "Budi Santoso", "rahasia-sekali", ["pelaksana", "tim_telaah"])
    with pytest.raises(ValidationError, match="Peran"):
        accounts.add_user(admin, "ani", "Ani", "rahasia-sekali", ["bupati"])
    with pytest.raises(ValidationError, match="sudah dipakai"):
        accounts.add_user(admin, "BUDI", "Budi Lain", "rahasia-sekali", ["pelaksana"])
    with pytest.raises(ValidationError, match="8 karakter"):
        accounts.add_user(admin, "ani", "Ani", "pendek", ["pelaksana"])
    accounts.update_user(admin, user_id, "Budi Santoso", ["pelaksana"], True)
    assert accounts.verify(ws.db, "budi", "rahasia-sekali", datetime.now()).roles == frozenset({"pelaksana"})
    # The last active administrator cannot be removed.
    only_admin = next(u for u in accounts.list_users(ws) if u.username == "admin")
    with pytest.raises(NotAllowed, match="administrator"):
        accounts.update_user(admin, only_admin.id, only_admin.full_name, ["pelaksana"], True)


@pytest.mark.both_backends
def test_a_user_added_inactive_cannot_sign_in_until_activated(ws):
    admin = acting(ws, ADMIN)
    user_id = accounts.add_user(admin, "rini", "Rini Putri", "kata-sandi-rini", ["pelaksana"], active=False)
    assert next(u for u in accounts.list_users(ws) if u.username == "rini").active is False
    with pytest.raises(accounts.SignInRefused, match="dinonaktifkan"):
        accounts.verify(ws.db, "rini", "kata-sandi-rini", datetime.now())
    added = audit_log.entries(ws, audit_log.AuditFilter(action="pengguna_ditambahkan"))
    assert any("rini" in row.details and "aktif: tidak" in row.details for row in added), [r.details for r in added]
    accounts.update_user(admin, user_id, "Rini Putri", ["pelaksana"], True)
    assert accounts.verify(ws.db, "rini", "kata-sandi-rini", datetime.now()).username == "rini"


def test_passwords_are_hashed_and_wrong_ones_slow_further_tries(ws):
    accounts.add_user(ws, "sari", "Sari Dewi", "kata-sandi-sari", ["pelaksana"])
    with sqlite3.connect(ws.db.path) as conn:
        stored = conn.execute("SELECT password_hash FROM users WHERE username = 'sari'").fetchone()[0]
    assert stored.startswith("$argon2id$") and "kata-sandi-sari" not in stored
    now = datetime(2026, 3, 2, 9, 0)
    for _ in range(accounts.FREE_TRIES - 1):
        with pytest.raises(accounts.SignInRefused, match="salah"):
            accounts.verify(ws.db, "sari", "tebakan", now)
    with pytest.raises(accounts.SignInRefused, match="salah"):
        accounts.verify(ws.db, "sari", "tebakan", now)
    # Now even the right password must wait, and each further failure doubles the wait.
    with pytest.raises(accounts.SignInRefused, match="Coba lagi dalam 2 detik"):
        accounts.verify(ws.db, "sari", "kata-sandi-sari", now)
    later = now + timedelta(seconds=2)
    with pytest.raises(accounts.SignInRefused, match="salah"):
        accounts.verify(ws.db, "sari", "tebakan", later)
    with pytest.raises(accounts.SignInRefused, match="Coba lagi dalam 3 detik"):
        accounts.verify(ws.db, "sari", "kata-sandi-sari", later)
    assert accounts.verify(ws.db, "sari", "kata-sandi-sari", later + timedelta(seconds=2)).username == "sari"
    # A success clears the count.
    with pytest.raises(accounts.SignInRefused, match="salah"):
        accounts.verify(ws.db, "sari", "tebakan", later + timedelta(seconds=3))
    with pytest.raises(accounts.SignInRefused, match="salah"):
        accounts.verify(ws.db, "tidak-ada", "apa-saja", later)


def test_the_first_administrator_is_made_once(tmp_path, templates):
    import shutil

    from dumas_desktop.storage.database import open_database

    path = tmp_path / "baru.dumas"
    shutil.copyfile(templates["sanggau-2026"], path)
    db = open_database(path)
    try:
        with pytest.raises(NotAllowed, match="sudah memiliki pengguna"):
            accounts.create_first_admin(db, "kepala", "Kepala", "kata-sandi-1")
        with sqlite3.connect(path) as conn:
            conn.execute("DELETE FROM users")
        assert not accounts.has_users(db)
        access = accounts.create_first_admin(db, "Kepala", "Kepala Sekretariat", "kata-sandi-1")
        assert access.username == "kepala" and access.is_admin
    finally:
        db.close()


@pytest.mark.both_backends
def test_confidential_reporter_in_the_case_view(ws, clock):
    case_id = _received(ws, clock, reporter=reporter(confidentiality="seluruh"))
    outsider = acting(ws, "pengarah")
    seen = case_file.case_detail(outsider, case_id)
    assert seen.reporter is not None and seen.reporter.name == "Dirahasiakan"
    assert seen.reporter.id_number == seen.reporter.phone == seen.reporter.address == ""
    assert seen.subject == "Laporan dirahasiakan"
    assert all(p.name == "Dirahasiakan" for p in seen.parties)  # the whole report, respondent too
    assert seen.evidence == []
    with pytest.raises(NotAllowed, match="identitas pelapor"):
        case_file.evidence_content(outsider, case_file.case_detail(ws, case_id).evidence[0][0])
    history = " ".join(e.details for e in case_file.case_history(outsider, case_id))
    assert "Maria" not in history
    # The officer sees the name, with the NIK and phone masked.
    officer = acting(ws, "pelaksana")
    seen = case_file.case_detail(officer, case_id)
    assert seen.reporter is not None and seen.reporter.name == "Maria Goreti Lestari"
    assert seen.reporter.id_number.startswith("6103") and "•" in seen.reporter.id_number
    assert "•" in seen.reporter.phone and seen.reporter.address == "Dirahasiakan"


@pytest.mark.both_backends
def test_revealing_an_identity_is_recorded_and_refused_to_those_who_need_not_know(ws, clock):
    case_id = _received(ws, clock, reporter=reporter(confidentiality="identitas"))
    party_id = case_file.case_detail(ws, case_id).parties[0].id
    with pytest.raises(NotAllowed, match="dirahasiakan"):
        privacy.reveal_party(acting(ws, "pengarah"), party_id, "ingin tahu")
    full = privacy.reveal_party(acting(ws, "tim_telaah", username="telaah"), party_id, "undangan klarifikasi")
    assert full.id_number == REPORTER_NIK
    rows = audit_log.entries(ws, audit_log.AuditFilter(action="identitas_dibuka"))
    assert len(rows) == 1
    assert rows[0].actor == "Petugas telaah (telaah)" and "undangan klarifikasi" in rows[0].details


@pytest.mark.both_backends
def test_audit_viewer_filters_and_exports(ws, clock, tmp_path):
    from openpyxl import load_workbook

    first = _received(ws, clock)
    _received(ws, clock, reporter=reporter(confidentiality="identitas"))
    number = case_file.case_detail(ws, first).agenda_number
    rows = audit_log.entries(ws, audit_log.AuditFilter(agenda_number=number))
    assert rows and {r.agenda_number for r in rows} == {number}
    mine = audit_log.entries(ws, audit_log.AuditFilter(actor="(uji)"))
    assert mine and all("(uji)" in r.actor for r in mine)
    out = tmp_path / "jejak.xlsx"
    audit_log.write_xlsx(audit_log.entries(acting(ws, "pengarah")), out, "Jejak audit")
    cells = [c for row in load_workbook(out).active.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "Pengaduan diterima" in cells
    assert sum("Maria Goreti Lestari" in c for c in cells) == 1  # the open reporter only


def test_check_detects_a_removed_last_entry(ws, clock, data_file):
    _received(ws, clock)
    ws.db.close()
    with sqlite3.connect(data_file) as conn:
        conn.execute("DROP TRIGGER audit_log_no_delete")
        conn.execute("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    problems = check_file(data_file).problems
    assert problems[0] == "susunan berkas: pemicu “audit_log_no_delete” tidak ada"
    assert len(problems) == 2 and "kehilangan 1 entri terakhir" in problems[1]
