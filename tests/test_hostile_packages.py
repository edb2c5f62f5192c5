"""Packages made by hand, from a real export, to harm the office that imports them: each
is refused with the office's file byte for byte as it was, or (where the harmful part is
simply never read) imported without it."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from dumas_desktop.services import transfer
from dumas_desktop.services.demo import make_demo
from dumas_desktop.storage import package as package_module
from dumas_desktop.storage.integrity import check_file
from dumas_desktop.storage.package import PackageError

NOW = datetime(2026, 11, 20, 10, 0)
ADMIN = transfer.FirstAdmin("kepala", "Kepala Sekretariat", "rahasia-baru-123")
INJECTED = "uuid=uuid, subject = ? WHERE ? OR 1 --"


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory.mktemp("kantor") / "kantor.dumas", 30, "sanggau-2026", seed=8, now=NOW).path


@pytest.fixture(scope="module")
def good(office: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("paket") / "baik.dumaspkg"
    transfer.export_package(office, path, now=NOW)
    return path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def repack(good: Path, out: Path, alter: Callable[[sqlite3.Connection], None]) -> Path:
    """The package's own snapshot, changed by `alter`, with a manifest that vouches for it
    (its SHA-256 and size recomputed), as someone who knows the format would make it."""
    raw = good.read_bytes()
    manifest_size, snapshot_size, _magic = package_module.TRAILER.unpack(raw[-package_module.TRAILER.size :])
    manifest = json.loads(raw[snapshot_size : snapshot_size + manifest_size])
    scratch = out.with_suffix(".sqlite")
    scratch.write_bytes(raw[:snapshot_size])
    with closing(sqlite3.connect(scratch)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
        alter(conn)
        conn.commit()
    snapshot = scratch.read_bytes()
    manifest["parts"]["data"] = {"sha256": hashlib.sha256(snapshot).hexdigest(), "size": len(snapshot)}
    body = json.dumps(manifest).encode()
    out.write_bytes(snapshot + body + package_module.TRAILER.pack(len(body), len(snapshot), package_module.MAGIC))
    return out


def _raise_revision(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE complaints SET revision = revision + 5 WHERE id = (SELECT min(id) FROM complaints)")


def _inject_column(conn: sqlite3.Connection) -> None:
    conn.execute(f'ALTER TABLE complaints ADD COLUMN "{INJECTED}" TEXT')
    conn.execute(f"UPDATE complaints SET \"{INJECTED}\" = 'DIBAJAK'")
    _raise_revision(conn)


def _drop_audit_guard(conn: sqlite3.Connection) -> None:
    conn.execute("DROP TRIGGER audit_log_no_update")


def _foreign_trigger(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TRIGGER bocor AFTER INSERT ON complaints BEGIN "
        "UPDATE complaints SET subject = (SELECT name FROM parties LIMIT 1) WHERE id = new.id; END"
    )


def _witness_rewriter(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TRIGGER saksi AFTER INSERT ON hearing_participants BEGIN "
        "UPDATE hearing_participants SET name = 'Saksi Palsu' WHERE id = new.id; END"
    )


def _view(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE VIEW intip AS SELECT name, id_number FROM parties")


def _extra_table(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE muatan (kode TEXT)")


def _text_in_a_number(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE complaints SET revision = 'banyak' WHERE id = (SELECT min(id) FROM complaints)")


def _changed_constraint(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(
        "UPDATE sqlite_master SET sql = replace(sql, 'subject TEXT NOT NULL', 'subject TEXT') WHERE name = 'complaints'"
    )
    conn.execute("PRAGMA writable_schema = OFF")


REFUSED = {
    "kolom disisipkan ke SQL": _inject_column,
    "pemicu jejak audit dibuang": _drop_audit_guard,
    "pemicu asing": _foreign_trigger,
    "pemicu pengubah saksi": _witness_rewriter,
    "tampilan asing": _view,
    "tabel asing": _extra_table,
    "teks di kolom angka": _text_in_a_number,
    "aturan tabel diubah": _changed_constraint,
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_hostile_snapshot_is_refused_into_an_existing_file(name: str, office: Path, good: Path, tmp_path: Path):
    home = tmp_path / "kantor.dumas"
    home.write_bytes(office.read_bytes())
    transfer.export_package(home, tmp_path / "awal.dumaspkg", now=NOW)  # an exchange happened before
    before = _sha(home)
    bad = repack(good, tmp_path / "jahat.dumaspkg", REFUSED[name])
    for dry_run in (True, False):
        with pytest.raises(PackageError, match="susunan datanya"):
            transfer.import_package(home, bad, dry_run=dry_run, now=NOW)
    assert _sha(home) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".dumas-impor")] == []


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_hostile_snapshot_never_becomes_a_new_file(name: str, good: Path, tmp_path: Path):
    bad = repack(good, tmp_path / "jahat.dumaspkg", REFUSED[name])
    target = tmp_path / "pc-baru" / "kantor.dumas"
    target.parent.mkdir()
    with pytest.raises(PackageError, match="susunan datanya"):
        transfer.import_package(target, bad, admin=ADMIN, now=NOW)
    assert list(target.parent.iterdir()) == []


def test_the_injected_column_name_changes_no_subject_even_unchecked(
    office: Path, good: Path, tmp_path: Path, monkeypatch
):
    """Past the schema check (as if it missed it), the merge still reads only its own columns."""
    home = tmp_path / "kantor.dumas"
    home.write_bytes(office.read_bytes())
    transfer.export_package(home, tmp_path / "awal.dumaspkg", now=NOW)
    with closing(sqlite3.connect(home)) as conn:
        subjects = conn.execute("SELECT uuid, subject FROM complaints ORDER BY id").fetchall()
    monkeypatch.setattr(transfer, "_check_snapshot_schema", lambda snapshot: None)
    bad = repack(good, tmp_path / "jahat.dumaspkg", _inject_column)
    summary = transfer.import_package(home, bad, now=NOW)
    assert summary.cases_updated == 1
    with closing(sqlite3.connect(home)) as conn:
        assert conn.execute("SELECT uuid, subject FROM complaints ORDER BY id").fetchall() == subjects
    assert check_file(home).ok


def test_accounts_in_a_snapshot_never_arrive(good: Path, tmp_path: Path):
    def smuggle_admin(conn: sqlite3.Connection) -> None:
        conn.execute(
            "INSERT INTO users (username, full_name, password_hash, roles, active, failed_attempts, created_at, "
            "updated_at) VALUES ('penyusup', 'Penyusup', 'x', '[\"administrator\"]', 1, 0, '2026-01-01 00:00:00', "
            "'2026-01-01 00:00:00')"
        )

    bad = repack(good, tmp_path / "akun.dumaspkg", smuggle_admin)
    target = tmp_path / "baru.dumas"
    transfer.import_package(target, bad, admin=ADMIN, now=NOW)
    with closing(sqlite3.connect(target)) as conn:
        assert conn.execute("SELECT username FROM users").fetchall() == [("kepala",)]
    assert check_file(target).ok


def test_a_package_claiming_no_accounts_needs_none_but_brings_none(good: Path, tmp_path: Path):
    target = tmp_path / "baru.dumas"
    with pytest.raises(PackageError, match="--admin"):
        transfer.import_package(target, good, now=NOW)
    assert not target.exists()


def test_files_that_do_not_match_their_hash_are_refused(office: Path, good: Path, tmp_path: Path):
    def swap_content(conn: sqlite3.Connection) -> None:
        # A file no office has, stored under a SHA-256 that is not its own.
        conn.execute("INSERT INTO blobs (sha256, size, content) VALUES (?, 4, X'00112233')", ("ab" * 32,))

    bad = repack(good, tmp_path / "tukar.dumaspkg", swap_content)
    target = tmp_path / "baru.dumas"
    with pytest.raises(PackageError, match="SHA-256"):
        transfer.import_package(target, bad, admin=ADMIN, now=NOW)
    assert not target.exists()
    # Into another office's file, where the file is new there.
    other = tmp_path / "lain.dumas"
    make_demo(other, 5, "sumbar-2022", seed=3, now=NOW)
    before = _sha(other)
    with pytest.raises(PackageError, match="SHA-256"):
        transfer.import_package(other, bad, now=NOW)
    assert _sha(other) == before


def test_a_lowered_agenda_sequence_and_a_hostile_pattern_do_no_harm(good: Path, tmp_path: Path):
    def lower(conn: sqlite3.Connection) -> None:
        conn.execute("UPDATE sequences SET value = 0 WHERE name = 'agenda'")
        conn.execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES ('numbering.pattern.agenda', ?)",
            (json.dumps("{seq.__class__.__mro__}/{seq:0999999999d}"),),
        )

    bad = repack(good, tmp_path / "urutan.dumaspkg", lower)
    target = tmp_path / "baru.dumas"
    transfer.import_package(target, bad, admin=ADMIN, now=NOW)
    with closing(sqlite3.connect(target)) as conn:
        used = dict(conn.execute("SELECT year, max(agenda_seq) FROM complaints GROUP BY year").fetchall())
        taken = dict(conn.execute("SELECT year, value FROM sequences WHERE name = 'agenda'").fetchall())
    assert all(taken[year] >= top for year, top in used.items())

    from dumas_desktop.services import numbering
    from dumas_desktop.storage.database import open_database

    db = open_database(target)
    try:
        with db.transaction() as session:
            _seq, number = numbering.next_agenda_number(session, "6103", NOW.date())
    finally:
        db.close()
    assert "__" not in number and len(number) < 40
