"""What an office does to its server besides daily work: importing a package into it,
restoring a backup over it, and bringing its schema to a newer program. Against a real
server (tests/postgres.py), through the command line as the IT officer types it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from dumas_desktop.cli import main
from dumas_desktop.services import intake, queries
from dumas_desktop.services.context import Workspace
from dumas_desktop.services.demo import DEMO_ADMIN, DEMO_PASSWORD, make_demo
from dumas_desktop.storage.database import open_database
from dumas_desktop.storage.integrity import check_file, check_server
from dumas_desktop.storage.server import parse_address

from .builders import complaint
from .postgres import downgrade


@pytest.fixture
def admin_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUMAS_USER", DEMO_ADMIN)
    monkeypatch.setenv("DUMAS_PASSWORD", DEMO_PASSWORD)


def _package_of_a_file(tmp_path: Path, cases: int = 25, sop: str = "sanggau-2026") -> Path:
    source = make_demo(tmp_path / "kabupaten.dumas", cases, sop, seed=7, now=datetime(2026, 5, 4, 9, 0))
    source.path  # noqa: B018 - the demo is made
    package = tmp_path / "kabupaten.dumaspkg"
    assert main(["export", "--data", str(tmp_path / "kabupaten.dumas"), "--out", str(package)]) == 0
    return package


def _cases(address: object) -> list[int]:
    db = open_database(address)  # type: ignore[arg-type]
    try:
        return queries.agenda_ids(Workspace(db))
    finally:
        db.close()


def test_a_package_from_a_file_merges_into_a_server_as_into_a_file(
    pg_database, data_file, tmp_path, capsys, admin_env, clock
):
    package = _package_of_a_file(tmp_path)
    server = pg_database()
    capsys.readouterr()
    assert main(["import", "--data", str(server), "--in", str(package), "--dry-run"]) == 0
    assert "Uji impor" in capsys.readouterr().out
    assert _cases(server) == []

    assert main(["import", "--data", str(server), "--in", str(package)]) == 0
    on_server = capsys.readouterr().out
    assert main(["import", "--data", str(data_file), "--in", str(package)]) == 0
    on_file = capsys.readouterr().out
    assert "25 pengaduan baru" in on_server
    assert on_server.split(": ", 1)[1] == on_file.split(": ", 1)[1]  # the same merge said the same
    report = check_server(server)
    assert report.ok, report.problems
    assert report.cases == 25
    assert check_file(data_file).ok

    file_db, server_db = open_database(data_file), open_database(server)
    try:
        by_file, by_server = Workspace(file_db, clock=clock), Workspace(server_db, clock=clock)
        for words in ("", "dpt", "pps desa", "6103"):
            found = [
                r.agenda_number for r in queries.rows_by_id(by_server, queries.agenda_ids(by_server, search=words))
            ]
            expected = [r.agenda_number for r in queries.rows_by_id(by_file, queries.agenda_ids(by_file, search=words))]
            assert sorted(found) == sorted(expected), words
        # The server's counters passed the ids the package brought: work goes on.
        made = intake.receive(by_server, complaint(clock()), confirmations={"buku_tamu"})
        assert made.agenda_number
    finally:
        file_db.close()
        server_db.close()

    assert main(["import", "--data", str(server), "--in", str(package)]) == 0
    assert "sudah pernah diimpor" in capsys.readouterr().out
    assert main(["audit", "--data", str(server), "--action", "paket_diimpor"]) == 0
    assert "paket_diimpor" in capsys.readouterr().out
    assert check_server(server).ok


def test_an_import_that_fails_half_way_leaves_the_server_as_it_was(
    pg_database, tmp_path, capsys, admin_env, monkeypatch
):
    from dumas_desktop.services import server_import

    package = _package_of_a_file(tmp_path, cases=6)
    server = pg_database()
    before = check_server(server)
    real_advance = server_import._advance_counter
    calls = []

    def fail_after_some_rows(conn, table, top):  # type: ignore[no-untyped-def]
        calls.append(table.name)
        if table.name == "complaints":
            raise OSError("kabel dicabut")
        real_advance(conn, table, top)

    monkeypatch.setattr(server_import, "_advance_counter", fail_after_some_rows)
    assert main(["import", "--data", str(server), "--in", str(package)]) != 0  # a crash report, not a half import
    assert "complaints" in calls
    after = check_server(server)
    assert after.ok and after.cases == before.cases == 0
    assert after.audit_entries == before.audit_entries

    # A damaged package is refused whole, in one line.
    damaged = tmp_path / "rusak.dumaspkg"
    damaged.write_bytes(package.read_bytes()[:-200])
    capsys.readouterr()
    assert main(["import", "--data", str(server), "--in", str(damaged)]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert check_server(server).cases == 0


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_package_from_one_server_merges_into_another(demo_source, pg_database, tmp_path, capsys, admin_env):
    source = demo_source(40)
    package = tmp_path / "dari-server.dumaspkg"
    assert main(["export", "--data", source, "--out", str(package)]) == 0
    target = pg_database()
    assert main(["import", "--data", str(target), "--in", str(package)]) == 0
    assert "40 pengaduan baru" in capsys.readouterr().out
    report = check_server(target)
    assert report.ok, report.problems
    assert report.cases == 40
    assert sorted(_cases(target)) != [] and len(_cases(parse_address(source))) == 40


def _receive(address: object, clock: object, count: int) -> list[str]:
    db = open_database(address)  # type: ignore[arg-type]
    try:
        ws = Workspace(db, clock=clock)  # type: ignore[arg-type]
        return [
            intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"}).agenda_number  # type: ignore[operator]
            for _ in range(count)
        ]
    finally:
        db.close()


def test_a_backup_is_restored_over_a_server_once_its_present_content_is_kept(
    pg_server, pg_database, tmp_path, capsys, admin_env, clock
):
    import psycopg

    server = pg_database()
    owner = pg_server.address(server.database)
    _receive(server, clock, 2)
    backup = tmp_path / "cadangan.dumas"
    assert main(["backup", "--data", str(server), "--out", str(backup)]) == 0
    third = _receive(server, clock, 1)[0]
    capsys.readouterr()

    restore = ["restore", "--data", str(owner), "--from", str(backup)]
    assert main(["restore", "--data", str(server), "--from", str(backup)]) == 2
    assert "pemilik basis data" in capsys.readouterr().err
    with psycopg.connect(host=server.host, port=server.port, user=server.user, dbname=server.database):
        assert main(restore) == 2  # another PC is still working on it
    err = capsys.readouterr().err
    assert "1 sambungan lain masih terbuka" in err and "tutup Dumas Desktop di PC lain" in err
    damaged = tmp_path / "rusak.dumas"
    damaged.write_bytes(backup.read_bytes()[:4096])
    assert main(["restore", "--data", str(owner), "--from", str(damaged)]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert check_server(server).cases == 3  # nothing was changed by the refusals

    aside = tmp_path / "sebelum.dumas"
    assert main([*restore, "--keep", str(aside)]) == 0
    out = capsys.readouterr().out
    assert "2 pengaduan" in out and str(aside) in out
    kept = check_file(aside)
    assert kept.ok and kept.cases == 3  # the case made after the backup is kept, not lost
    report = check_server(server)
    assert report.ok, report.problems
    assert report.cases == 2
    assert main(["audit", "--data", str(server), "--action", "cadangan_dipulihkan"]) == 0
    assert "cadangan.dumas" in capsys.readouterr().out
    # Work goes on from the backup's numbers: the third case's number is taken again.
    assert _receive(server, clock, 1) == [third]
    assert check_server(server).ok


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_an_older_server_says_what_to_run_and_is_upgraded_after_a_backup(
    pg_server, demo_source, tmp_path, capsys, admin_env
):
    import psycopg

    from dumas_desktop.storage.database import SCHEMA_REVISIONS, head_revision, inspect_file

    server = parse_address(demo_source(40))
    owner = pg_server.address(server.database)
    older = SCHEMA_REVISIONS[-2]  # the server as the previous program left it
    downgrade(owner, older)
    capsys.readouterr()

    assert main(["status", "--data", str(server)]) == 2
    err = capsys.readouterr().err
    assert f"skema {older}" in err and "dumas-desktop server upgrade --data postgresql://PEMILIK@" in err
    backup = tmp_path / "sebelum-pembaruan.dumas"
    upgrade = ["server", "upgrade", "--data", str(owner), "--out", str(backup)]
    assert main(["server", "upgrade", "--data", str(server), "--out", str(backup)]) == 2
    assert "pemilik basis data" in capsys.readouterr().err
    with psycopg.connect(host=server.host, port=server.port, user=server.user, dbname=server.database):
        assert main(upgrade) == 2
    assert "sambungan lain masih terbuka" in capsys.readouterr().err
    assert not backup.exists()

    assert main(upgrade) == 0
    out = capsys.readouterr().out
    assert f"dari skema {older} ke {head_revision()}" in out and "40 pengaduan" in out
    # The backup is a file of the older schema that any PC opens (bringing a copy up to date).
    assert inspect_file(backup) == older
    copy = tmp_path / "salinan.dumas"
    copy.write_bytes(backup.read_bytes())
    open_database(copy).close()  # as a PC opens it: migrated after its own safety copy
    assert main(["check", "--data", str(copy)]) == 0
    assert "utuh: 40 pengaduan" in capsys.readouterr().out

    report = check_server(server)
    assert report.ok, report.problems
    assert report.cases == 40
    with psycopg.connect(host=owner.host, port=owner.port, user=owner.user, dbname=owner.database) as conn:
        tables = [name for (name,) in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        unwritable = sorted(
            name
            for name in tables
            if conn.execute("SELECT has_table_privilege(%s, %s, 'INSERT')", (server.user, name)).fetchone() != (True,)
        )
        history = conn.execute("SELECT has_table_privilege(%s, 'audit_log', 'UPDATE')", (server.user,)).fetchone()
    # Every table the upgrade made again is the program's to write; the history still is not theirs to edit.
    assert unwritable == [
        "alembic_version",
        "audit_head",
        "complaint_search",
        "complaint_search_open",
    ]
    assert history == (False,)
    assert main(["server", "upgrade", "--data", str(owner), "--out", str(tmp_path / "lagi.dumas")]) == 0
    assert "sudah memakai susunan program ini" in capsys.readouterr().out
    # The backup of the older schema also goes back over the server, brought up to date on its way.
    assert main(["restore", "--data", str(owner), "--from", str(backup), "--keep", str(tmp_path / "kini.dumas")]) == 0
    assert inspect_file(backup) == older  # the backup itself is left as it was
    restored = check_server(server)
    assert restored.ok and restored.cases == 40


def test_the_demo_office_is_built_on_an_empty_server_database(pg_server, capsys, admin_env):
    database = f"contoh_{datetime.now():%H%M%S%f}"
    with pg_server.admin() as conn:
        conn.execute(f'CREATE DATABASE "{database}"')
    owner = pg_server.address(database)
    assert main(["demo", "--data", str(owner), "--cases", "12", "--sop", "sumbar-2022"]) == 0
    out = capsys.readouterr().out
    assert "12 pengaduan" in out and "dumas_program@" in out
    program = pg_server.address(database, "dumas_program")
    report = check_server(program)
    assert report.ok, report.problems
    assert report.cases == 12
    assert main(["status", "--data", str(program)]) == 0
    assert "Sumatera Barat" in capsys.readouterr().out
    assert main(["demo", "--data", str(owner)]) == 2  # never over an office's data
    assert "sudah berisi data" in capsys.readouterr().err


def test_a_pc_that_writes_while_an_import_merges_loses_nothing(
    pg_database, tmp_path, capsys, admin_env, clock, monkeypatch
):
    from dumas_desktop.services import server_import

    package = _package_of_a_file(tmp_path, cases=5, sop="sumbar-2022")  # another office: its own numbers
    server = pg_database()
    real_copy = server_import.snapshot_server
    copies: list[Path] = []

    def copy_then_another_pc_records_a_case(db, target):  # type: ignore[no-untyped-def]
        made = real_copy(db, target)
        copies.append(target)
        if len(copies) == 1:
            _receive(server, clock, 1)  # the front desk goes on working meanwhile
        return made

    monkeypatch.setattr(server_import, "snapshot_server", copy_then_another_pc_records_a_case)
    assert main(["import", "--data", str(server), "--in", str(package)]) == 0
    assert len(copies) == 2  # the first merge was set aside, made again on the new state
    report = check_server(server)
    assert report.ok, report.problems
    assert report.cases == 6


def test_a_hostile_package_changes_nothing_on_a_server_and_brings_no_account(
    pg_database, tmp_path, capsys, admin_env, monkeypatch
):
    import sqlite3

    from dumas_desktop.services import server_import
    from tests.test_hostile_packages import REFUSED, repack

    good = _package_of_a_file(tmp_path, cases=4, sop="sumbar-2022")
    server = pg_database()
    before = check_server(server)
    capsys.readouterr()  # the export's own warning
    copies: list[object] = []
    real_copy = server_import.snapshot_server

    def copy(*args):  # type: ignore[no-untyped-def]
        copies.append(args)
        return real_copy(*args)

    monkeypatch.setattr(server_import, "snapshot_server", copy)
    for name in ("kolom disisipkan ke SQL", "pemicu asing", "tabel asing"):
        bad = repack(good, tmp_path / "jahat.dumaspkg", REFUSED[name])
        assert main(["import", "--data", str(server), "--in", str(bad)]) == 2, name
        err = capsys.readouterr().err
        assert "susunan datanya" in err and len(err.strip().splitlines()) == 1, name
    assert copies == []  # refused before the server was copied
    after = check_server(server)
    assert after.ok and (after.cases, after.audit_entries) == (before.cases, before.audit_entries)

    def smuggle_admin(conn: sqlite3.Connection) -> None:
        conn.execute(
            "INSERT INTO users (username, full_name, password_hash, roles, active, failed_attempts, created_at, "
            "updated_at) VALUES ('penyusup', 'Penyusup', 'x', '[\"administrator\"]', 1, 0, '2026-01-01 00:00:00', "
            "'2026-01-01 00:00:00')"
        )

    smuggling = repack(good, tmp_path / "akun.dumaspkg", smuggle_admin)
    assert main(["import", "--data", str(server), "--in", str(smuggling)]) == 0
    capsys.readouterr()
    assert main(["users", "--data", str(server), "--list"]) == 0
    assert "penyusup" not in capsys.readouterr().out
    assert check_server(server).cases == 4
