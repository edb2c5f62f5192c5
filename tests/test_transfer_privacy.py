"""Packages and people: accounts never travel, identities can be left out (and always are
when the user exporting need not know them), and such a package never overwrites the
names held at home."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from dumas_desktop.cli import main
from dumas_desktop.services import transfer
from dumas_desktop.services.demo import DEMO_PASSWORD, make_demo
from dumas_desktop.storage.integrity import check_file
from dumas_desktop.storage.package import open_package

NOW = datetime(2026, 11, 20, 10, 0)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory.mktemp("kantor") / "kantor.dumas", 40, "sanggau-2026", seed=7, now=NOW).path


def _copy(source: Path, target: Path) -> Path:
    target.write_bytes(source.read_bytes())
    return target


def _unpacked(package: Path, folder: Path) -> Path:
    _manifest, snapshot = open_package(package, None, folder)
    return snapshot


def _names(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {name for (name,) in conn.execute("SELECT name FROM parties WHERE role = 'reporter'")}


def _raw(path: Path) -> bytes:
    return path.read_bytes()


def test_accounts_never_travel(office: Path, tmp_path: Path) -> None:
    package = tmp_path / "paket.dumaspkg"
    transfer.export_package(office, package)
    snapshot = _unpacked(package, tmp_path)
    with closing(sqlite3.connect(snapshot)) as conn:
        assert conn.execute("SELECT count(*) FROM users").fetchone()[0] == 0
    assert b"$argon2id$" not in _raw(snapshot)  # not lingering in free pages either
    assert _names(snapshot) == _names(office)


def test_without_identities_leaves_people_out(office: Path, tmp_path: Path, capsys) -> None:
    package = tmp_path / "anonim.dumaspkg"
    code = main(["export", "--data", str(office), "--out", str(package), "--without-identities"])
    out = capsys.readouterr().out
    assert code == 0 and "tanpa identitas" in out
    snapshot = _unpacked(package, tmp_path)
    known = _names(office)
    raw = _raw(snapshot)
    assert _names(snapshot) == {"Dirahasiakan"}
    assert not any(name.encode() in raw for name in known)  # nor in the audit trail or free pages
    with closing(sqlite3.connect(snapshot)) as conn:
        assert conn.execute("SELECT count(*) FROM evidence").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM parties WHERE id_number != '' OR phone != ''").fetchone()[0] == 0
    assert check_file(snapshot).ok  # the trail, re-chained, still holds


def test_a_user_who_need_not_know_always_exports_without_identities(office: Path, tmp_path: Path, capsys, monkeypatch):
    data = _copy(office, tmp_path / "kantor.dumas")
    monkeypatch.setenv("DUMAS_USER", "pengarah")
    monkeypatch.setenv("DUMAS_PASSWORD", DEMO_PASSWORD)
    package = tmp_path / "pengarah.dumaspkg"
    assert main(["export", "--data", str(data), "--out", str(package)]) == 0
    assert "tanpa identitas" in capsys.readouterr().out
    assert _names(_unpacked(package, tmp_path)) == {"Dirahasiakan"}


def test_an_anonymous_package_never_overwrites_names_at_home(office: Path, tmp_path: Path) -> None:
    home = _copy(office, tmp_path / "kantor.dumas")
    laptop = _copy(office, tmp_path / "laptop.dumas")
    with closing(sqlite3.connect(laptop)) as conn, conn:  # a case moved on over there
        conn.execute("UPDATE complaints SET closure_note = 'dicatat di laptop', revision = revision + 1 WHERE id = 1")
    package = tmp_path / "laptop.dumaspkg"
    transfer.export_package(home, tmp_path / "awal.dumaspkg")  # the exchange starts from home
    transfer.export_package(laptop, package, without_identities=True)
    summary = transfer.import_package(home, package)
    assert summary.cases_updated == 1
    assert _names(home) == _names(office)
    with closing(sqlite3.connect(home)) as conn:
        assert conn.execute("SELECT closure_note FROM complaints WHERE id = 1").fetchone()[0] == "dicatat di laptop"


def test_only_an_administrator_imports_or_restores(office: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    data = _copy(office, tmp_path / "kantor.dumas")
    package = tmp_path / "paket.dumaspkg"
    transfer.export_package(office, package)
    monkeypatch.setenv("DUMAS_USER", "pelaksana")
    assert main(["import", "--data", str(data), "--in", str(package)]) == 2
    assert "Administrator" in capsys.readouterr().err
    monkeypatch.setenv("DUMAS_USER", "admin")
    assert main(["import", "--data", str(data), "--in", str(package)]) == 0


def test_demo_files_keep_confidential_reporters_out_of_the_open_index(office: Path) -> None:
    with closing(sqlite3.connect(office)) as conn:
        confidential = conn.execute(
            "SELECT count(*) FROM parties WHERE role = 'reporter' AND confidentiality != 'terbuka'"
        ).fetchone()[0]
        leaked = conn.execute(
            "SELECT count(*) FROM complaint_search_open o JOIN parties p ON p.complaint_id = o.rowid "
            "WHERE p.role = 'reporter' AND p.confidentiality != 'terbuka' AND o.reporter != ''"
        ).fetchone()[0]
        whole = conn.execute(
            "SELECT count(*) FROM complaint_search_open o JOIN parties p ON p.complaint_id = o.rowid "
            "WHERE p.role = 'reporter' AND p.confidentiality = 'seluruh' AND (o.subject != '' OR o.respondent != '')"
        ).fetchone()[0]
    assert confidential > 0 and leaked == 0 and whole == 0
    assert check_file(office).ok


def test_free_text_keeps_its_substance_without_the_people_in_it(office: Path, tmp_path: Path) -> None:
    home = _copy(office, tmp_path / "kantor.dumas")
    with closing(sqlite3.connect(home)) as conn, conn:
        case_id, name, nik = conn.execute(
            "SELECT p.complaint_id, p.name, p.id_number FROM parties p "
            "JOIN minutes m ON m.complaint_id = p.complaint_id "
            "WHERE p.role = 'reporter' AND p.id_number != '' AND m.content_sha256 = '' LIMIT 1"
        ).fetchone()
        first = name.split()[0]
        grouped = " ".join(nik[i : i + 4] for i in range(0, 16, 4))
        conn.execute(
            "UPDATE complaints SET description = ? WHERE id = ?",
            (f"Saya, {name.upper()}, NIK {grouped}, HP 0813-5566-7788, melihat pembagian uang di TPS 03.", case_id),
        )
        conn.execute(
            "UPDATE worksheets SET analysis = ? WHERE complaint_id = ?",
            (f"Keterangan {first} konsisten dengan bukti foto; surel saksi budi.saksi@contoh.id.", case_id),
        )
        conn.execute(
            "UPDATE minutes SET chronology = ? WHERE complaint_id = ?", (f"Pelapor {name} datang pukul 09.00.", case_id)
        )
        conn.execute(
            "INSERT INTO letters (uuid, office_code, complaint_id, direction, kind, number, letter_date, subject, "
            "counterpart, receipt_by, note, recorded_at) "
            "SELECT 'surat-uji', office_code, id, 'keluar', 'pemberitahuan', '1/PL/2026', '2026-11-20', "
            "'Pemberitahuan tindak lanjut', ?, ?, '', '2026-11-20 10:00' FROM complaints WHERE id = ?",
            (f"Sdr. {name}", first, case_id),
        )
    package = tmp_path / "anonim.dumaspkg"
    transfer.export_package(home, package, without_identities=True)
    snapshot = _unpacked(package, tmp_path)
    raw = _raw(snapshot).lower()
    for word in (name, first, nik, grouped, "0813-5566-7788", "budi.saksi@contoh.id"):
        assert word.lower().encode() not in raw, word
    with closing(sqlite3.connect(snapshot)) as conn:
        description = conn.execute("SELECT description FROM complaints WHERE id = ?", (case_id,)).fetchone()[0]
        analysis = conn.execute("SELECT analysis FROM worksheets WHERE complaint_id = ?", (case_id,)).fetchone()[0]
        counterpart = conn.execute("SELECT counterpart FROM letters WHERE uuid = 'surat-uji'").fetchone()[0]
    assert description == (
        "Saya, [dirahasiakan], NIK [dirahasiakan], HP [dirahasiakan], melihat pembagian uang di TPS 03."
    )
    assert analysis.startswith("Keterangan [dirahasiakan] konsisten dengan bukti foto")
    assert counterpart == "Sdr. [dirahasiakan]"
    assert check_file(snapshot).ok
