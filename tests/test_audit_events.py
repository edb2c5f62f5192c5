"""What happens to the file as a whole is in its audit trail: sign-ins, refused sign-ins and
failed unlocks (accounts service), exports with what they carry and whether they are locked,
backups and restores (the same services for the window and the command line). The chain
still holds after each."""

from __future__ import annotations

from datetime import datetime

import pytest

from dumas_desktop.cli import main
from dumas_desktop.services import accounts, audit_events, audit_log
from dumas_desktop.services.accounts import SignInRefused
from dumas_desktop.services.demo import DEMO_ADMIN, DEMO_PASSWORD
from dumas_desktop.storage.database import open_database
from dumas_desktop.storage.integrity import check_file

NOW = datetime(2026, 3, 2, 9, 0)


def run(*args: object) -> int:
    return main([str(a) for a in args])


def _trail(path, action: str = "") -> list[audit_log.AuditRow]:
    from dumas_desktop.services.context import Workspace

    db = open_database(path)
    try:
        return audit_log.entries(Workspace(db), audit_log.AuditFilter(action=action))
    finally:
        db.close()


def test_sign_ins_refusals_and_failed_unlocks_are_recorded(ws, data_file):
    accounts.add_user(ws, "maria", "Maria Lestari", "kata-sandi-maria", ["pelaksana"])
    accounts.verify(ws.db, "Maria", "kata-sandi-maria", NOW)
    with pytest.raises(SignInRefused):
        accounts.verify(ws.db, "maria", "salah-sekali", NOW)
    with pytest.raises(SignInRefused):
        accounts.verify(ws.db, "penyusup", "apa-saja-1", NOW)
    with pytest.raises(SignInRefused):
        accounts.verify(ws.db, "maria", "salah-lagi", NOW, purpose=accounts.UNLOCK)
    accounts.verify(ws.db, "maria", "kata-sandi-maria", NOW, purpose=accounts.UNLOCK)
    rows = list(reversed(audit_log.entries(ws)))[-5:]
    assert [(r.action, r.actor) for r in rows] == [
        ("pengguna_masuk", "Maria Lestari (maria)"),
        ("masuk_gagal", "Maria Lestari (maria)"),
        ("masuk_gagal", "penyusup"),
        ("buka_kunci_gagal", "Maria Lestari (maria)"),
        ("kunci_layar_dibuka", "Maria Lestari (maria)"),
    ]
    assert "kata sandi salah" in rows[1].details and "tidak dikenal" in rows[2].details
    ws.db.close()
    assert check_file(data_file).ok


def test_a_disabled_account_or_a_wait_is_recorded_as_a_refused_sign_in(ws):
    user_id = accounts.add_user(ws, "yohan", "Yohan Bilung", "kata-sandi-yohan", ["pengarah"])
    for _ in range(accounts.FREE_TRIES):
        with pytest.raises(SignInRefused):
            accounts.verify(ws.db, "yohan", "salah-salah", NOW)
    with pytest.raises(SignInRefused, match="Coba lagi"):
        accounts.verify(ws.db, "yohan", "kata-sandi-yohan", NOW)
    accounts.update_user(ws, user_id, "Yohan Bilung", ["pengarah"], active=False)
    with pytest.raises(SignInRefused, match="dinonaktifkan"):
        accounts.verify(ws.db, "yohan", "kata-sandi-yohan", NOW)
    failed = audit_log.entries(ws, audit_log.AuditFilter(action="masuk_gagal"))
    reasons = [r.details for r in failed][:2]
    assert "akun dinonaktifkan" in reasons[0] and "menunggu" in reasons[1]
    assert len(failed) == accounts.FREE_TRIES + 2


def test_exports_are_recorded_with_what_they_carry_and_whether_they_are_locked(ws, data_file, tmp_path, capsys):
    ws.db.close()
    secret = tmp_path / "sandi.txt"
    secret.write_text("rahasia-paket-1", encoding="utf-8")
    assert run("export", "--data", data_file, "--out", tmp_path / "a.dumaspkg") == 0
    warned = capsys.readouterr().err.splitlines()
    assert len(warned) == 1 and warned[0].startswith("Peringatan: paket memuat identitas orang tanpa kata sandi")
    assert run("export", "--data", data_file, "--out", tmp_path / "b.dumaspkg", "--password-file", secret) == 0
    assert run("export", "--data", data_file, "--out", tmp_path / "c.dumaspkg", "--without-identities") == 0
    assert capsys.readouterr().err == ""
    rows = list(reversed(_trail(data_file, "paket_diekspor")))
    assert [r.actor for r in rows] == [f"Administrator Uji ({DEMO_ADMIN})"] * 3
    plain, locked, anonymous = (r.details for r in rows)
    assert (
        "a.dumaspkg" in plain
        and "berkata sandi: tidak" in plain
        and "tanpa kata sandi atas pilihan pengekspor: ya" in plain
    )
    assert "b.dumaspkg" in locked and "berkata sandi: ya" in locked and "tanpa kata sandi" not in locked
    assert "dengan identitas: tidak" in anonymous and "tanpa kata sandi" not in anonymous
    assert check_file(data_file).ok


def test_backups_and_restores_are_recorded_and_the_chain_holds(ws, data_file, tmp_path, capsys):
    ws.db.close()
    copy = tmp_path / "salinan.dumas"
    assert run("backup", "--data", data_file, "--out", copy) == 0
    made = _trail(data_file, "cadangan_dibuat")
    assert len(made) == 1 and "salinan.dumas" in made[0].details
    assert run("restore", "--data", data_file, "--from", copy) == 0
    capsys.readouterr()
    newest = _trail(data_file)[0]
    assert newest.action == "cadangan_dipulihkan" and "salinan.dumas" in newest.details
    assert newest.actor.endswith(f"({DEMO_ADMIN})")
    assert check_file(data_file).ok


def test_the_services_append_after_the_head_read_in_their_own_transaction(ws, data_file, tmp_path):
    # The window keeps its workspace open while the backup service writes beside it.
    info = audit_events.back_up(data_file, tmp_path / "x.dumas", actor="Petugas (uji)", automatic=True)
    accounts.verify(ws.db, DEMO_ADMIN, DEMO_PASSWORD, NOW)
    actions = [r.action for r in audit_log.entries(ws)][:2]
    assert actions == ["pengguna_masuk", "cadangan_dibuat"] and info.cases == 0
    ws.db.close()
    assert check_file(data_file).ok


def test_the_command_line_records_refused_sign_ins_and_leaves_a_file_it_only_read_alone(
    ws, data_file, capsys, monkeypatch
):
    ws.db.close()
    before = data_file.read_bytes()
    assert run("audit", "--data", data_file) == 0
    assert data_file.read_bytes() == before  # a listing by a user who gave the right password
    monkeypatch.setenv("DUMAS_PASSWORD", "bukan-sandinya")
    assert run("audit", "--data", data_file) == 2
    assert "kata sandi salah" in capsys.readouterr().err
    refused = _trail(data_file, "masuk_gagal")
    assert len(refused) == 1 and refused[0].actor == f"Administrator Uji ({DEMO_ADMIN})"
