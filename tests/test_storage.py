"""The data file: its header and pragmas, refusing what is not ours, migrations, faults."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from dumas_desktop.domain.errors import DataFileError
from dumas_desktop.services import intake, queries
from dumas_desktop.storage import database
from dumas_desktop.storage.database import APPLICATION_ID, backups_dir, create_database, open_database
from dumas_desktop.storage.integrity import check_file

from .builders import complaint


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_is_marked_and_configured(tmp_path):
    db = create_database(tmp_path / "baru.dumas")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA application_id").scalar() == APPLICATION_ID
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert db.schema_revision() == database.head_revision()
    db.close()


def test_creating_over_an_existing_file_is_refused(data_file):
    before = digest(data_file)
    with pytest.raises(DataFileError, match="sudah ada"):
        create_database(data_file)
    assert digest(data_file) == before


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path):
    path = tmp_path / "surat.docx"
    path.write_bytes(b"PK\x03\x04 ini dokumen Word, bukan data" * 10)
    before = digest(path)
    with pytest.raises(DataFileError, match="bukan berkas data Dumas Desktop"):
        open_database(path)
    assert digest(path) == before
    assert check_file(path).problems[0].startswith("surat.docx bukan berkas data")


def test_another_programs_database_is_refused_untouched(tmp_path):
    path = tmp_path / "lain.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(DataFileError, match="basis data program lain"):
        open_database(path)
    assert digest(path) == before


def test_a_file_from_a_newer_program_is_refused_untouched(data_file):
    conn = sqlite3.connect(data_file)
    conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.commit()
    conn.close()
    before = digest(data_file)
    with pytest.raises(DataFileError, match="versi Dumas Desktop yang lebih baru"):
        open_database(data_file)
    assert digest(data_file) == before


def test_missing_file(tmp_path):
    with pytest.raises(DataFileError, match="tidak ditemukan"):
        open_database(tmp_path / "tidak-ada.dumas")


def _file_at_revision(path: Path, revision: str) -> Path:
    """A data file as an older program left it: its schema migrated only to `revision`."""
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    conn.commit()
    conn.close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        config = database._alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()
    return path


def test_migration_from_an_older_schema_keeps_data_and_a_copy(tmp_path):
    path = _file_at_revision(tmp_path / "lama.dumas", "0001")  # the schema before full-text search
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO sop_profiles (id, uuid, profile_id, version, name, sha256, text, added_at) "
        "VALUES (1, 'u-p', 'sanggau-2026', 1, 'SOP', 'x', ?, '2026-01-01 00:00:00.000000')",
        (Path("resources/sop/sanggau-2026.toml").read_text(encoding="utf-8"),),
    )
    conn.execute(
        "INSERT INTO complaints (id, uuid, office_code, sop_profile_id, year, agenda_seq, agenda_number, "
        "received_at, channel, subject, description, event_place, location, classification, status, current_step, "
        "closure_kind, closure_note, referred_to, void_reason, revision, created_by, created_at, updated_at) "
        "VALUES (1, 'u-c', '6103', 1, 2025, 1, '001/DUMAS/6103/2025', '2025-05-05 09:00:00.000000', 'surat', "
        "'Pemilih ganda di TPS 004', 'Uraian', '', '', '', 'proses', 'penerimaan', '', '', '', '', 1, 'lama', "
        "'2025-05-05 09:00:00.000000', '2025-05-05 09:00:00.000000')"
    )
    conn.commit()
    conn.close()
    assert database.inspect_file(path) == "0001"

    db = open_database(path)
    assert db.schema_revision() == database.head_revision()
    copies = list(backups_dir(path).glob("lama.pra-migrasi-0001-*.dumas"))
    assert len(copies) == 1 and database.inspect_file(copies[0]) == "0001"
    with db.engine.connect() as connection:
        hits = connection.exec_driver_sql(
            "SELECT rowid FROM complaint_search WHERE complaint_search MATCH 'ganda'"
        ).fetchall()
    assert hits == [(1,)]
    db.close()


def test_read_only_file_refuses_changes_with_a_message(data_file, clock):
    from dumas_desktop.services.context import Workspace

    db = open_database(data_file, read_only=True)
    ws = Workspace(db, clock=clock)
    with pytest.raises(DataFileError, match="hanya-baca"):
        intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"})
    assert queries.count(ws) == 0
    db.close()


def test_full_disk_saves_nothing(ws, db, clock):
    intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"})
    with db.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    @database.event.listens_for(db.engine, "connect")
    def _cap(dbapi_connection, _record):  # the disk "fills up" at the current size
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    db.engine.dispose()
    big = intake.EvidenceInput("pindaian-besar.pdf", b"%PDF" + bytes(range(256)) * 4000)
    with pytest.raises(DataFileError, match="Disk penuh"):
        intake.receive(ws, complaint(clock(), evidence=(big,)), confirmations={"buku_tamu"})
    database.event.remove(db.engine, "connect", _cap)
    db.engine.dispose()
    assert queries.count(ws) == 1


def test_locked_file_gives_a_message(ws, db, clock, monkeypatch):
    other = sqlite3.connect(db.path, timeout=0.1)
    other.execute("BEGIN IMMEDIATE")
    try:
        db.engine.dispose()
        monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 100)
        locked = open_database(db.path)
        from dumas_desktop.services.context import Workspace

        with pytest.raises(DataFileError, match="sedang dipakai"):
            intake.receive(Workspace(locked, clock=clock), complaint(clock()), confirmations={"buku_tamu"})
        locked.close()
    finally:
        other.rollback()
        other.close()


def test_check_finds_tampering_with_the_audit_trail(ws, db, clock, data_file):
    for _ in range(3):
        intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"})
    assert check_file(data_file).ok
    with db.engine.begin() as conn, pytest.raises(Exception, match="append-only"):
        conn.exec_driver_sql("UPDATE audit_log SET actor = 'orang lain' WHERE id = 3")
    db.close()
    edited = data_file.with_name("diubah.dumas")
    shutil.copyfile(data_file, edited)
    conn = sqlite3.connect(edited)
    conn.execute("DROP TRIGGER audit_log_no_update")  # done by someone outside the program
    conn.execute("UPDATE audit_log SET actor = 'orang lain' WHERE id = 3")
    conn.commit()
    conn.close()
    assert check_file(edited).problems == [
        "susunan berkas: pemicu “audit_log_no_update” tidak ada",
        "isi entri jejak audit #3 telah diubah",
    ]

    removed = data_file.with_name("dihapus.dumas")
    shutil.copyfile(data_file, removed)
    conn = sqlite3.connect(removed)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE id = 4")
    conn.commit()
    conn.close()
    assert check_file(removed).problems == [
        "susunan berkas: pemicu “audit_log_no_delete” tidak ada",
        "jejak audit terputus sebelum entri #5: entri sebelumnya diubah atau dihapus",
    ]


def test_check_finds_broken_references_and_damaged_pages(data_file, ws, db, clock):
    intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"})
    db.close()
    broken = data_file.with_name("rujukan.dumas")
    shutil.copyfile(data_file, broken)
    conn = sqlite3.connect(broken)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("UPDATE parties SET complaint_id = 999")
    conn.commit()
    conn.close()
    problems = check_file(broken).problems
    assert any("tabel parties" in p and "complaints" in p for p in problems)

    damaged = data_file.with_name("rusak.dumas")
    shutil.copyfile(data_file, damaged)
    with damaged.open("r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xff" * 4096)
    report = check_file(damaged)
    assert not report.ok


def test_open_step_history_must_match_the_case(data_file, ws, db, clock):
    received = intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"})
    db.close()
    conn = sqlite3.connect(data_file)
    conn.execute("UPDATE complaints SET current_step = 'pleno' WHERE id = ?", (received.case_id,))
    conn.commit()
    conn.close()
    assert any("langkah pleno" in p for p in check_file(data_file).problems)


def test_schema_revisions_list_matches_the_migration_scripts():
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(database._alembic_config())
    in_order = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert list(database.SCHEMA_REVISIONS) == in_order


def test_the_recorded_reference_schema_is_what_the_migrations_make():
    from dumas_desktop.storage import schema

    made = schema.migrated_schema()
    assert made == schema.reference_schema(), "run: python -m dumas_desktop.storage.schema"


def test_an_older_file_brought_up_to_date_has_exactly_the_programs_schema(tmp_path):
    from dumas_desktop.storage.schema import file_schema_differences

    path = _file_at_revision(tmp_path / "lama.dumas", "0001")
    open_database(path).close()
    assert file_schema_differences(path) == []


def test_check_names_every_foreign_or_missing_schema_object_and_opening_refuses_to_write(data_file, capsys):
    from dumas_desktop.cli import main
    from dumas_desktop.domain.errors import DamagedFile

    with closing(sqlite3.connect(data_file)) as conn, conn:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute(
            "CREATE TRIGGER salin_nama AFTER INSERT ON complaints BEGIN "
            "UPDATE complaints SET subject = (SELECT name FROM parties LIMIT 1) WHERE id = new.id; END"
        )
        conn.execute("CREATE VIEW intip AS SELECT name FROM parties")
        conn.execute("ALTER TABLE parties ADD COLUMN catatan TEXT")
    before = data_file.read_bytes()
    assert main(["check", "--data", str(data_file)]) == 1
    out = capsys.readouterr().out
    for name in ("audit_log_no_update", "salin_nama", "intip", "catatan"):
        assert name in out, out
    with pytest.raises(DamagedFile, match="tidak dibuat Dumas Desktop"):
        open_database(data_file)
    assert main(["cases", "--data", str(data_file)]) == 2
    assert "tidak dibuat Dumas Desktop" in capsys.readouterr().err
    assert data_file.read_bytes() == before
