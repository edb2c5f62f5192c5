"""Every administrator action, tried by each role of the SOP on the command line: refused
in one Indonesian line, the data file byte for byte as it was; the administrator may."""

from __future__ import annotations

import hashlib
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from dumas_desktop.cli import main
from dumas_desktop.services import transfer
from dumas_desktop.services.demo import DEMO_PASSWORD, make_demo
from dumas_desktop.storage import backups

NOW = datetime(2026, 11, 20, 10, 0)
ROLES = ("pelaksana", "tim_verifikator", "tim_telaah", "penanggung_jawab", "pengarah")


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hak")
    data = make_demo(folder / "kantor.dumas", 10, "sanggau-2026", seed=4, now=NOW).path
    package = folder / "paket.dumaspkg"
    transfer.export_package(data, package, now=NOW)
    backup = backups.make_backup(data).path
    password = folder / "sandi-baru.txt"
    password.write_text("sandi-baru-123", encoding="utf-8")
    profile = folder / "profil.toml"
    assert main(["profile", "--data", str(data), "--export", str(profile), "--user", "admin"]) == 0
    return {"data": data, "package": package, "backup": backup, "password": password, "profile": profile}


def _actions(f: dict[str, Path], data: Path) -> dict[str, list[str]]:
    d = str(data)
    return {
        "impor": ["import", "--data", d, "--in", str(f["package"])],
        "pulihkan": ["restore", "--data", d, "--from", str(f["backup"])],
        "tambah pengguna": [
            "users",
            "--data",
            d,
            "--add",
            "baru",
            "--full-name",
            "Baru",
            "--roles",
            "pelaksana",
            "--new-password-file",
            str(f["password"]),
        ],
        "nonaktifkan": ["users", "--data", d, "--deactivate", "admin"],
        "atur ulang sandi": [
            "users",
            "--data",
            d,
            "--reset-password",
            "admin",
            "--new-password-file",
            str(f["password"]),
        ],
        "pasang profil": ["profile", "--data", d, "--install", str(f["profile"])],
        "tambah contoh": ["demo", "--data", d, "--cases", "1"],
    }


@pytest.mark.parametrize("role", ROLES)
def test_no_sop_role_can_do_what_an_administrator_does(role, office, tmp_path, capsys, monkeypatch):
    data = tmp_path / "kantor.dumas"
    shutil.copyfile(office["data"], data)
    before = hashlib.sha256(data.read_bytes()).hexdigest()
    monkeypatch.setenv("DUMAS_USER", role)
    monkeypatch.setenv("DUMAS_PASSWORD", DEMO_PASSWORD)
    for name, args in _actions(office, data).items():
        code = main(args)
        err = capsys.readouterr().err
        assert code == 2, (role, name, err)
        assert "Administrator" in err and len(err.strip().splitlines()) == 1, (role, name, err)
        assert hashlib.sha256(data.read_bytes()).hexdigest() == before, (role, name)


def test_the_administrator_may(office, tmp_path, capsys, monkeypatch):
    data = tmp_path / "kantor.dumas"
    shutil.copyfile(office["data"], data)
    monkeypatch.setenv("DUMAS_USER", "admin")
    monkeypatch.setenv("DUMAS_PASSWORD", DEMO_PASSWORD)
    for name, args in _actions(office, data).items():
        if name in ("nonaktifkan", "atur ulang sandi"):
            continue  # the administrator's own account: refused for other reasons (last administrator)
        assert main(args) == 0, (name, capsys.readouterr().err)
