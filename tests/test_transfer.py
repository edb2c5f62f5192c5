"""Packages: a round trip into a new file, merging with one-sided and two-sided changes,
importing twice, a province gathering its regencies, and every bad package refused with
the office's data file left byte for byte as it was."""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import sqlite3
import zipfile
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from dumas_desktop.cli import main
from dumas_desktop.domain.errors import DataFileError
from dumas_desktop.services import merge, transfer
from dumas_desktop.services.context import Workspace
from dumas_desktop.services.demo import make_demo
from dumas_desktop.storage import package as package_module
from dumas_desktop.storage.database import open_database
from dumas_desktop.storage.integrity import check_file
from dumas_desktop.storage.package import PackageError

NOW = datetime(2026, 11, 20, 10, 0)
ADMIN = transfer.FirstAdmin("kepala", "Kepala Sekretariat", "rahasia-baru-123")
TABLES = ("complaints", "parties", "step_records", "evidence", "issued_documents", "worksheets", "minutes", "letters")


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = make_demo(tmp_path_factory.mktemp("kantor") / "kantor.dumas", 60, "sanggau-2026", seed=5, now=NOW).path
    ws = Workspace(open_database(path), actor="uji", clock=lambda: NOW)
    from dumas_desktop.services import documents
    from dumas_desktop.storage.models import Complaint

    with ws.db.read() as session:
        row = session.query(Complaint.id).order_by(Complaint.id).first()
        assert row is not None
        first = row[0]
    documents.issue(ws, first, "tanda_terima")  # an issued document travels too
    ws.db.close()
    return path


def _copy(source: Path, target: Path) -> Path:
    target.write_bytes(source.read_bytes())
    return target


def _content(path: Path) -> dict[str, list[tuple]]:
    """Every row of the case tables by UUID, without the local ids."""
    conn = sqlite3.connect(path)
    try:
        found = {}
        for table in TABLES:
            cursor = conn.execute(f"SELECT * FROM {table}")
            columns = [d[0] for d in cursor.description]
            keep = [i for i, c in enumerate(columns) if c != "id" and not c.endswith("_id")]
            found[table] = sorted(tuple(row[i] for i in keep) for row in cursor)
        found["blobs"] = sorted(conn.execute("SELECT sha256, size FROM blobs").fetchall())
        return found
    finally:
        conn.close()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_round_trip_into_a_new_file_keeps_everything(office: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    package = tmp_path / "kantor.dumaspkg"
    code, out, _ = run(capsys, "export", "--data", office, "--out", package)
    assert code == 0 and "60 pengaduan" in out
    moved = tmp_path / "pc-baru" / "kantor.dumas"
    moved.parent.mkdir()
    # The office uses accounts and accounts never travel: the new file needs its administrator first.
    code, _, err = run(capsys, "import", "--data", moved, "--in", package)
    assert code == 2 and "--admin" in err and not moved.exists()
    assert list(moved.parent.iterdir()) == []
    (tmp_path / "sandi-admin").write_text("rahasia-baru-123\n", encoding="utf-8")
    code, out, _ = run(
        capsys,
        "import",
        "--data",
        moved,
        "--in",
        package,
        "--admin",
        "kepala",
        "--admin-password-file",
        tmp_path / "sandi-admin",
    )
    assert code == 0 and "dibuat dari paket" in out
    assert _content(moved) == _content(office)
    assert check_file(moved).ok
    with closing(sqlite3.connect(moved)) as conn:
        assert conn.execute("SELECT username, roles FROM users").fetchall() == [("kepala", '["administrator"]')]
    monkeypatch.setenv("DUMAS_USER", "admin")  # the office's own demo administrator did not come along
    monkeypatch.setenv("DUMAS_PASSWORD", "dumas-demo")
    assert main(["cases", "--data", str(moved)]) == 2
    capsys.readouterr()
    monkeypatch.setenv("DUMAS_USER", "kepala")
    monkeypatch.setenv("DUMAS_PASSWORD", "rahasia-baru-123")
    # Importing the same package again changes nothing.
    before = _sha(moved)
    code, out, _ = run(capsys, "import", "--data", moved, "--in", package)
    assert code == 0 and "sudah pernah diimpor" in out and _sha(moved) == before


def _set(path: Path, agenda: str, **values: object) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        assignments = ", ".join(f"{k} = ?" for k in values)
        conn.execute(
            f"UPDATE complaints SET {assignments}, revision = revision + 1 WHERE agenda_number = ?",
            [*values.values(), agenda],
        )


def _get(path: Path, agenda: str, column: str) -> object:
    with closing(sqlite3.connect(path)) as conn, conn:
        return conn.execute(f"SELECT {column} FROM complaints WHERE agenda_number = ?", (agenda,)).fetchone()[0]


def test_merge_takes_one_sided_changes_and_keeps_both_when_both_changed(office: Path, tmp_path: Path) -> None:
    home = _copy(office, tmp_path / "kantor.dumas")
    laptop = tmp_path / "laptop.dumas"
    transfer.export_package(home, tmp_path / "ke-laptop.dumaspkg")
    transfer.import_package(laptop, tmp_path / "ke-laptop.dumaspkg", user="uji", admin=ADMIN)
    with closing(sqlite3.connect(home)) as conn, conn:
        agendas = [r[0] for r in conn.execute("SELECT agenda_number FROM complaints ORDER BY id LIMIT 3")]
    only_laptop, only_home, both = agendas
    _set(laptop, only_laptop, location="Diubah di laptop")
    _set(home, only_home, location="Diubah di kantor")
    _set(laptop, both, location="Laptop")
    _set(home, both, location="Kantor")
    back = tmp_path / "ke-kantor.dumaspkg"
    transfer.export_package(laptop, back)

    preview = transfer.import_package(home, back, user="uji", dry_run=True)
    assert _get(home, only_laptop, "location") != "Diubah di laptop"  # a preview changes nothing
    summary = transfer.import_package(home, back, user="uji")
    assert (preview.cases_updated, preview.conflicts) == (summary.cases_updated, summary.conflicts)
    assert summary.cases_updated == 1 and summary.conflicts == [both]
    assert _get(home, only_laptop, "location") == "Diubah di laptop"
    assert _get(home, only_home, "location") == "Diubah di kantor"
    assert _get(home, both, "location") == "Kantor"  # nothing overwritten silently
    with closing(sqlite3.connect(home)) as conn, conn:
        kept = json.loads(
            conn.execute("SELECT incoming FROM merge_conflicts WHERE agenda_number = ?", (both,)).fetchone()[0]
        )
    assert kept["complaints"][0]["location"] == "Laptop"
    assert check_file(home).ok

    # A person settles it: here, by taking the laptop's version.
    from dumas_desktop.services import conflicts

    ws = Workspace(open_database(home), actor="uji", clock=lambda: NOW)
    try:
        (found,) = conflicts.open_conflicts(ws)
        assert found.agenda_number == both and ("Lokasi", "Kantor", "Laptop") in found.differences
        conflicts.settle(ws, found.id, take_incoming=True)
        assert conflicts.open_conflicts(ws) == []
        with pytest.raises(Exception, match="sudah diselesaikan"):
            conflicts.settle(ws, found.id, take_incoming=False)
    finally:
        ws.db.close()
    assert _get(home, both, "location") == "Laptop"
    assert check_file(home).ok


def test_a_province_gathers_its_regencies_side_by_side(office: Path, tmp_path: Path, capsys) -> None:
    province = tmp_path / "provinsi.dumas"
    code, _, err = run(
        capsys,
        "init",
        "--data",
        province,
        "--office",
        "Komisi Pemilihan Umum Provinsi Kalimantan Barat",
        "--office-code",
        "61",
        "--sop",
        "sanggau-2026",
        "--level",
        "provinsi",
    )
    assert code == 0, err
    other = make_demo(tmp_path / "sumbar.dumas", 20, "sumbar-2022", seed=2, now=NOW).path
    # The second office's pattern leaves its code out: its numbers are the same as the first's.
    with closing(sqlite3.connect(other)) as conn, conn:
        conn.execute("UPDATE complaints SET agenda_number = replace(agenda_number, '/13/', '/6103/')")
    for source, name in ((office, "a"), (other, "b")):
        package = tmp_path / f"{name}.dumaspkg"
        transfer.export_package(source, package)
        transfer.import_package(province, package, user="uji")
    with closing(sqlite3.connect(province)) as conn, conn:
        by_office = dict(conn.execute("SELECT office_code, count(*) FROM complaints GROUP BY office_code"))
        homes = conn.execute("SELECT office_code FROM offices WHERE is_home = 1").fetchall()
    assert by_office == {"6103": 60, "13": 20} and homes == [("61",)]
    assert check_file(province).ok
    # Their recap side by side, each row marked by its office.
    from openpyxl import load_workbook

    from dumas_desktop.reports.model import Period
    from dumas_desktop.services.recap import write_recap

    ws = Workspace(open_database(province), actor="uji", clock=lambda: NOW)
    try:
        write_recap(ws, Period(2026), tmp_path / "rekap-provinsi.xlsx")
    finally:
        ws.db.close()
    matrix = load_workbook(tmp_path / "rekap-provinsi.xlsx")["Rekapitulasi"]
    header = [c.value for c in matrix[5]]
    offices = [row[header.index("Kantor")] for row in matrix.iter_rows(min_row=6, values_only=True) if row[0]]
    assert sorted(set(offices)) == ["13", "6103"] and len(offices) == 80
    # The same number names a case in each office; the office tells them apart.
    from dumas_desktop.domain.errors import NotAllowed
    from dumas_desktop.services import documents

    ws = Workspace(open_database(province), actor="uji", clock=lambda: NOW)
    try:
        with pytest.raises(NotAllowed, match="beberapa kantor"):
            documents.case_by_agenda(ws, "001/DUMAS/6103/2026")
        first = documents.case_by_agenda(ws, "001/DUMAS/6103/2026", "6103")
        second = documents.case_by_agenda(ws, "001/DUMAS/6103/2026", "13")
        assert first != second
    finally:
        ws.db.close()


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _split(package: bytes) -> tuple[bytes, dict]:
    manifest_size, snapshot_size, _magic = package_module.TRAILER.unpack(package[-package_module.TRAILER.size :])
    snapshot = package[:snapshot_size]
    return snapshot, json.loads(package[snapshot_size : snapshot_size + manifest_size])


def _join(snapshot: bytes, manifest: dict) -> bytes:
    body = json.dumps(manifest).encode()
    return snapshot + body + package_module.TRAILER.pack(len(body), len(snapshot), package_module.MAGIC)


def _bad_packages(good: bytes, encrypted: bytes) -> dict[str, tuple[bytes, str, str | None]]:
    snapshot, manifest = _split(good)
    tampered = bytearray(good)
    tampered[len(snapshot) // 2] ^= 0xFF
    lying = {**manifest, "parts": {"data": {"sha256": "0" * 64, "size": len(snapshot)}}}
    return {
        "terpotong": (good[: len(good) // 2], "terpotong", None),
        "diubah": (bytes(tampered), "diubah atau rusak", None),
        "sidik tidak cocok": (_join(snapshot, lying), "SHA-256", None),
        "versi lebih baru": (_join(snapshot, {**manifest, "format_version": 99}), "lebih baru", None),
        "program lain": (_join(snapshot, {**manifest, "format": "aplikasi-lain"}), "bukan buatan", None),
        "panjang palsu": (
            good[:-32] + package_module.TRAILER.pack(10, 10**12, package_module.MAGIC),
            "terlalu besar",
            None,
        ),
        "bukan paket": (b"%PDF-1.4 bukan paket" + b"\0" * 100, "bukan paket", None),
        "zip dengan nama berbahaya": (
            _zip({"../../etc/passwd": b"x", "data.dumas": snapshot[:4096]}),
            "bukan paket",
            None,
        ),
        "bom zip": (_zip({"data.dumas": b"\0" * (20 * 2**20)}, zipfile.ZIP_DEFLATED), "bukan paket", None),
        "kata sandi salah": (encrypted, "Kata sandi salah", "tebakan"),
        "tanpa kata sandi": (encrypted, "dilindungi kata sandi", None),
        "terenkripsi terpotong": (encrypted[: len(encrypted) - 100], "terpotong|diubah", "rahasia-kantor"),
    }


def test_every_bad_package_is_refused_and_the_data_file_is_untouched(office: Path, tmp_path: Path, capsys) -> None:
    home = _copy(office, tmp_path / "kantor.dumas")
    good_path, secret_path = tmp_path / "baik.dumaspkg", tmp_path / "rahasia.dumaspkg"
    transfer.export_package(office, good_path)
    transfer.export_package(office, secret_path, password="rahasia-kantor")
    before = _sha(home)
    for name, (content, message, password) in _bad_packages(good_path.read_bytes(), secret_path.read_bytes()).items():
        bad = tmp_path / f"{name.replace(' ', '-')}.dumaspkg"
        bad.write_bytes(content)
        args = ["import", "--data", home, "--in", bad]
        if password:
            (tmp_path / "sandi").write_text(password, encoding="utf-8")
            args += ["--password-file", tmp_path / "sandi"]
        code, _, err = run(capsys, *args)
        assert code == 2, (name, err)
        assert any(part in err for part in message.split("|")), (name, err)
        assert len(err.strip().splitlines()) == 1, (name, err)
        assert _sha(home) == before, name
    # The right password opens it.
    (tmp_path / "sandi").write_text("rahasia-kantor\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", "--data", home, "--in", secret_path, "--password-file", tmp_path / "sandi")
    assert code == 0 and "60 pengaduan tidak berubah" in out


def test_oversized_claims_are_refused(office: Path, tmp_path: Path, monkeypatch) -> None:
    package = tmp_path / "paket.dumaspkg"
    transfer.export_package(office, package)
    monkeypatch.setattr(package_module, "MAX_SNAPSHOT_BYTES", 1000)
    with pytest.raises(PackageError, match="terlalu besar"):
        transfer.import_package(tmp_path / "baru.dumas", package)
    assert not (tmp_path / "baru.dumas").exists()


def test_a_disk_that_fills_during_import_leaves_the_file_as_it_was(office: Path, tmp_path: Path, monkeypatch) -> None:
    home = _copy(office, tmp_path / "kantor.dumas")
    other = make_demo(tmp_path / "lain.dumas", 10, "sumbar-2022", seed=4, now=NOW).path
    package = tmp_path / "lain.dumaspkg"
    transfer.export_package(other, package)
    before = _sha(home)

    def full(self: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(merge.Merger, "audit", full)
    with pytest.raises(DataFileError, match=r"penuh|disk is full"):
        transfer.import_package(home, package)
    assert _sha(home) == before


def test_a_stick_that_fills_or_is_pulled_leaves_no_package_that_looks_complete(
    office: Path, tmp_path: Path, monkeypatch
) -> None:
    stick = tmp_path / "flashdisk"
    stick.mkdir()
    real = package_module._seal

    def half_then_full(path: Path, manifest: dict) -> None:
        with path.open("ab") as handle:
            handle.write(b"separuh manifest")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(package_module, "_seal", half_then_full)
    with pytest.raises(PackageError, match="tidak ada berkas paket yang tampak lengkap"):
        transfer.export_package(office, stick / "kantor.dumaspkg")
    assert list(stick.iterdir()) == []
    monkeypatch.setattr(package_module, "_seal", real)
    with pytest.raises(PackageError, match="tidak ada"):
        transfer.export_package(office, tmp_path / "tidak-terpasang" / "kantor.dumaspkg")


def test_a_year_export_carries_only_that_year_and_a_sound_audit_chain(tmp_path: Path) -> None:
    path = make_demo(tmp_path / "dua-tahun.dumas", 40, "sanggau-2026", seed=9, now=datetime(2027, 2, 10, 10, 0)).path
    with closing(sqlite3.connect(path)) as conn, conn:
        years = dict(conn.execute("SELECT year, count(*) FROM complaints GROUP BY year"))
    assert set(years) == {2026, 2027}
    package = tmp_path / "2027.dumaspkg"
    manifest = transfer.export_package(path, package, year=2027)
    assert manifest.data["counts"]["complaints"] == years[2027]
    target = tmp_path / "2027.dumas"
    transfer.import_package(target, package, admin=ADMIN)
    with closing(sqlite3.connect(target)) as conn, conn:
        assert conn.execute("SELECT DISTINCT year FROM complaints").fetchall() == [(2027,)]
    assert check_file(target).ok


def test_a_flush_that_fails_leaves_no_package_and_no_new_data_file(office: Path, tmp_path: Path, monkeypatch) -> None:
    """The flush to the device runs beside the read-back (export) and beside the check of
    the snapshot (import): its failure must still stop each with a message, leaving nothing."""
    stick = tmp_path / "flashdisk"
    stick.mkdir()
    package = tmp_path / "kantor.dumaspkg"
    transfer.export_package(office, package)
    real_fsync = os.fsync

    def pulled(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", pulled)
    with pytest.raises(PackageError, match="tidak ada berkas paket yang tampak lengkap"):
        transfer.export_package(office, stick / "kantor.dumaspkg")
    assert list(stick.iterdir()) == []
    new_pc = tmp_path / "pc-baru"
    new_pc.mkdir()
    with pytest.raises(DataFileError, match="tidak dapat dibuat: Perangkat penyimpanan gagal menulis"):
        transfer.import_package(new_pc / "kantor.dumas", package, admin=ADMIN)
    assert list(new_pc.iterdir()) == []
    monkeypatch.setattr(os, "fsync", real_fsync)
    transfer.import_package(new_pc / "kantor.dumas", package, admin=ADMIN)
    assert (new_pc / "kantor.dumas").exists()
