"""The command line obeys the same accounts and roles as the window."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dumas_desktop.cli import main
from dumas_desktop.services.demo import DEMO_PASSWORD, make_demo

NOW = datetime(2026, 11, 20, 10, 0)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory.mktemp("kantor") / "kantor.dumas", 30, "sanggau-2026", seed=2, now=NOW).path


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_file_with_accounts_asks_who_is_there(demo_file, capsys, monkeypatch):
    monkeypatch.delenv("DUMAS_USER")
    code, _, err = run(capsys, "cases", "--data", demo_file)
    assert code == 2 and "--user" in err
    monkeypatch.setenv("DUMAS_PASSWORD", "salah-sekali")
    code, _, err = run(capsys, "cases", "--data", demo_file, "--user", "pelaksana")
    assert code == 2 and "kata sandi salah" in err
    monkeypatch.delenv("DUMAS_PASSWORD")
    password = demo_file.parent / "sandi.txt"
    password.write_text(DEMO_PASSWORD + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "cases", "--data", demo_file, "--user", "pelaksana", "--user-password-file", password)
    assert code == 0 and "/DUMAS/6103/2026" in out


def test_a_role_is_refused_what_its_sop_step_does_not_give_it(demo_file, capsys, monkeypatch):
    code, out, _ = run(capsys, "cases", "--data", demo_file, "--limit", "1")
    number = out.split("\t")[0]
    monkeypatch.setenv("DUMAS_USER", "pengarah")
    code, _, err = run(
        capsys,
        "document",
        "--data",
        demo_file,
        "--case",
        number,
        "--kind",
        "tanda_terima",
        "--out",
        demo_file.parent / "t.pdf",
    )
    assert code == 2 and "Pelaksana" in err and "Pengarah" in err
    code, _, err = run(capsys, "users", "--data", demo_file, "--list")
    assert code == 2 and "Administrator" in err


def test_users_command_manages_accounts(demo_file, capsys, tmp_path):
    password = tmp_path / "baru.txt"
    password.write_text("kata-sandi-rina\n", encoding="utf-8")
    code, out, _ = run(
        capsys,
        "users",
        "--data",
        demo_file,
        "--add",
        "rina",
        "--full-name",
        "Rina Marlina",
        "--roles",
        "pelaksana,tim_telaah",
        "--new-password-file",
        password,
    )
    assert code == 0 and "rina" in out
    code, out, _ = run(capsys, "users", "--data", demo_file, "--list")
    assert "rina\tRina Marlina\tPelaksana, Tim Telaah\taktif" in out
    code, out, _ = run(capsys, "users", "--data", demo_file, "--deactivate", "rina")
    assert code == 0
    code, _, err = run(capsys, "cases", "--data", demo_file, "--user", "rina", "--user-password-file", password)
    assert code == 2 and "dinonaktifkan" in err
    code, out, _ = run(capsys, "users", "--data", demo_file, "--roles-available")
    assert "tim_verifikator\tTim Verifikator" in out and "administrator\tAdministrator" in out


def test_an_account_can_be_added_inactive_and_activated_later(demo_file, capsys, tmp_path):
    password = tmp_path / "calon.txt"
    password.write_text("kata-sandi-budi\n", encoding="utf-8")
    add = ["users", "--data", demo_file, "--add", "budi", "--full-name", "Budi Santoso"]
    code, out, _ = run(capsys, *add, "--roles", "pelaksana", "--new-password-file", password, "--inactive")
    assert code == 0 and "nonaktif" in out
    code, out, _ = run(capsys, "users", "--data", demo_file, "--list")
    assert "budi\tBudi Santoso\tPelaksana\tnonaktif" in out
    code, _, err = run(capsys, "cases", "--data", demo_file, "--user", "budi", "--user-password-file", password)
    assert code == 2 and "dinonaktifkan" in err
    code, _, _ = run(capsys, "users", "--data", demo_file, "--activate", "budi")
    assert code == 0
    code, out, _ = run(capsys, "cases", "--data", demo_file, "--user", "budi", "--user-password-file", password)
    assert code == 0 and "/DUMAS/6103/2026" in out
    code, _, err = run(capsys, "users", "--data", demo_file, "--deactivate", "budi", "--inactive")
    assert code == 2 and "--inactive hanya berlaku bersama --add" in err


def test_audit_command_lists_and_saves(demo_file, capsys, tmp_path):
    code, out, _ = run(capsys, "audit", "--data", demo_file, "--action", "pengguna_ditambahkan")
    assert code == 0 and out.count("pengguna_ditambahkan") >= 6
    out_file = tmp_path / "jejak.xlsx"
    code, out, _ = run(capsys, "audit", "--data", demo_file, "--out", out_file, "--limit", "20")
    assert code == 0 and "20 entri" in out
    assert load_workbook(out_file).active.max_row == 22  # title, header, 20 entries


def test_init_can_make_the_first_administrator(tmp_path, capsys, monkeypatch):
    password = tmp_path / "admin.txt"
    password.write_text("sandi-kepala-1\n", encoding="utf-8")
    data = tmp_path / "baru.dumas"
    code, out, _ = run(
        capsys,
        "init",
        "--data",
        data,
        "--office",
        "KPU Kabupaten Contoh",
        "--office-code",
        "6199",
        "--sop",
        "sanggau-2026",
        "--admin",
        "kepala",
        "--admin-password-file",
        password,
    )
    assert code == 0 and "Administrator pertama: kepala" in out
    monkeypatch.setenv("DUMAS_USER", "kepala")
    monkeypatch.setenv("DUMAS_PASSWORD", "sandi-kepala-1")
    code, out, _ = run(capsys, "users", "--data", data, "--list")
    assert code == 0 and "kepala" in out
