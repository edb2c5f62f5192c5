"""The office's PostgreSQL server: its address, the history it keeps even from the program
itself, two people on one step, setting a server up and moving a file onto it, and
several PCs taking numbers at once. Against a real server (tests/postgres.py)."""

from __future__ import annotations

import multiprocessing
import os
from datetime import datetime
from multiprocessing.synchronize import Event

import psycopg
import pytest
from sqlalchemy import func, select

from dumas_desktop.cli import main
from dumas_desktop.domain.errors import DataFileError
from dumas_desktop.services import documents, intake, queries, workflow
from dumas_desktop.services.context import Workspace
from dumas_desktop.storage.database import open_database
from dumas_desktop.storage.integrity import check_server
from dumas_desktop.storage.models import Complaint
from dumas_desktop.storage.server import PROGRAM_ROLE, ServerAddress, parse_address

from .builders import complaint


def _raw(address: ServerAddress) -> psycopg.Connection:
    return psycopg.connect(
        host=address.host, port=address.port, user=address.user, dbname=address.database, autocommit=True
    )


def test_an_address_names_user_host_port_and_database_and_never_a_password():
    assert parse_address("postgresql://dumas_program@kantor-server/dumas") == ServerAddress(
        "dumas_program", "kantor-server", 5432, "dumas"
    )
    assert parse_address("postgresql://a@10.0.0.5:5433/kpu").port == 5433
    with pytest.raises(DataFileError, match="Kata sandi tidak boleh"):
        parse_address("postgresql://a:rahasia@host/db")
    for bad in ("postgresql://host/db", "postgresql://a@host", "postgresql://a@host:99999/db", "mysql://a@h/db"):
        with pytest.raises(DataFileError):
            parse_address(bad)


def test_the_command_line_refuses_a_password_in_the_address(capsys):
    assert main(["check", "--data", "postgresql://a:rahasia@127.0.0.1/db"]) == 2
    err = capsys.readouterr().err
    assert "Kata sandi tidak boleh" in err and "rahasia" not in err


def test_the_programs_role_cannot_rewrite_or_remove_history(pg_database, pg_server, clock):
    address = pg_database()
    db = open_database(address)
    try:
        intake.receive(Workspace(db, clock=clock), complaint(clock()), confirmations={"buku_tamu"})
    finally:
        db.close()
    with _raw(address) as conn:  # the role every PC uses
        assert conn.execute("SELECT current_user").fetchone() == (PROGRAM_ROLE,)
        for statement in (
            "UPDATE audit_log SET actor = 'orang lain'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
            "UPDATE audit_head SET entries = 0",
            "DELETE FROM complaint_search",
            "DROP TRIGGER audit_log_no_update ON audit_log",
            "ALTER TABLE audit_log DISABLE TRIGGER ALL",
        ):
            with pytest.raises(psycopg.Error) as refused:
                conn.execute(statement)
            assert refused.value.sqlstate in ("42501", "42809"), statement  # insufficient privilege / not owner
    # Even the schema's owner meets the triggers.
    with _raw(pg_server.address(address.database)) as owner:
        for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log"):
            with pytest.raises(psycopg.Error, match="append-only"):
                owner.execute(statement)
    assert check_server(address).ok


def test_an_issued_paper_cannot_be_altered_on_the_server(pg_database, pg_server, clock):
    address = pg_database()
    db = open_database(address)
    try:
        ws = Workspace(db, clock=clock)
        case_id = intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"}).case_id
        paper = documents.issue(ws, case_id, "tanda_terima")
    finally:
        db.close()
    for who in (address, pg_server.address(address.database)):
        with _raw(who) as conn, pytest.raises(psycopg.Error, match="tidak dapat diubah"):
            conn.execute("UPDATE issued_documents SET number = 'palsu' WHERE id = %s", (paper.document_id,))


def test_check_names_what_was_changed_behind_the_programs_back(pg_database, pg_server, clock):
    address = pg_database()
    db = open_database(address)
    try:
        intake.receive(Workspace(db, clock=clock), complaint(clock()), confirmations={"buku_tamu"})
    finally:
        db.close()
    with _raw(pg_server.address(address.database)) as owner:
        owner.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update")
        owner.execute("UPDATE audit_log SET actor = 'orang lain' WHERE id = (SELECT max(id) FROM audit_log)")
        owner.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update")
        owner.execute("CREATE VIEW rahasia AS SELECT 1")
        owner.execute("DELETE FROM complaint_search")
        owner.execute("GRANT UPDATE ON audit_log TO dumas_program")
    problems = " | ".join(check_server(address).problems)
    assert "isi entri jejak audit" in problems
    assert "tampilan rahasia" in problems
    assert "indeks pencarian complaint_search tidak sesuai: 1 pengaduan tidak terindeks" in problems
    assert "boleh UPDATE pada jejak audit" in problems


@pytest.mark.both_backends
def test_the_second_person_to_finish_a_step_is_told_who_finished_it(db, clock):
    rina, budi = Workspace(db, actor="Rina Oktaviani", clock=clock), Workspace(db, actor="Budi Santoso", clock=clock)
    case_id = intake.receive(rina, complaint(clock()), complete_step=False).case_id
    step = workflow.step_context(rina, case_id).step.key  # both have the same page open

    workflow.completing(case_id, step, lambda: workflow.complete(rina, case_id, confirmations={"buku_tamu"}))
    clock.advance(minutes=5)
    with pytest.raises(workflow.StepTaken, match="sudah diselesaikan oleh Rina Oktaviani pada 02-03-2026 09:00"):
        workflow.completing(case_id, step, lambda: workflow.complete(budi, case_id, confirmations={"buku_tamu"}))
    # Nothing of the second finish was written: the case moved on once.
    assert workflow.step_context(budi, case_id).step.key == "penatausahaan"


def test_server_init_then_every_pc_works_through_the_programs_role(pg_server, tmp_path, capsys, monkeypatch):
    database = f"kantor_{datetime.now():%H%M%S%f}"
    with pg_server.admin() as conn:
        conn.execute(f'CREATE DATABASE "{database}"')
    owner = pg_server.address(database)
    password = tmp_path / "admin.txt"
    password.write_text("sandi-kepala-kantor\n", encoding="utf-8")
    args = ["server", "init", "--data", str(owner), "--office", "Komisi Pemilihan Umum Kabupaten Sanggau"]
    args += ["--office-code", "6103", "--sop", "sanggau-2026", "--admin", "kepala", "--admin-password-file"]
    assert main([*args, str(password)]) == 0
    out = capsys.readouterr().out
    program = pg_server.address(database, PROGRAM_ROLE)
    assert f"--data {program}" in out
    assert main([*args, str(password)]) == 2  # a second init changes nothing
    assert "sudah berisi data" in capsys.readouterr().err

    monkeypatch.setenv("DUMAS_USER", "kepala")
    monkeypatch.setenv("DUMAS_PASSWORD", "sandi-kepala-kantor")
    assert main(["check", "--data", str(program)]) == 0
    assert "utuh: 0 pengaduan" in capsys.readouterr().out
    assert main(["demo", "--data", str(owner)]) == 2  # the demo office goes onto an empty database only
    assert "sudah berisi data" in capsys.readouterr().err
    for command in (["restore", "--from", str(tmp_path / "x.dumas")], ["backup", "--list"]):
        assert main([command[0], "--data", str(program), *command[1:]]) == 2
        assert "server" in capsys.readouterr().err
    assert main(["import", "--data", str(program), "--in", str(tmp_path / "x.dumaspkg")]) == 2
    assert "x.dumaspkg tidak ada" in capsys.readouterr().err


def test_migrate_from_moves_everything_and_the_server_answers_as_the_file_did(
    pg_server, templates, tmp_path, capsys, clock
):
    from dumas_desktop.services.demo import make_demo

    path = make_demo(tmp_path / "kantor.dumas", 60, "sanggau-2026", seed=5, now=datetime(2026, 6, 1, 9, 0)).path
    database = f"pindah_{datetime.now():%H%M%S%f}"
    with pg_server.admin() as conn:
        conn.execute(f'CREATE DATABASE "{database}"')
    assert main(["server", "migrate-from", "--data", str(pg_server.address(database)), "--from", str(path)]) == 0
    assert "60 pengaduan" in capsys.readouterr().out
    program = pg_server.address(database, PROGRAM_ROLE)
    report = check_server(program)
    assert report.ok, report.problems
    assert report.cases == 60

    file_db, server_db = open_database(path), open_database(program)
    try:
        on_file, on_server = Workspace(file_db, clock=clock), Workspace(server_db, clock=clock)
        for words in ("", "dpt", "kampan", "6103", "pps desa"):
            assert queries.agenda_ids(on_server, search=words) == queries.agenda_ids(on_file, search=words), words
        # New work continues the file's counters: the next case takes the next number.
        with file_db.read() as session:
            top = session.scalar(select(func.max(Complaint.agenda_seq)).where(Complaint.year == 2026))
        assert top is not None
        clock.set(datetime(2026, 6, 2, 10, 0))
        made = intake.receive(on_server, complaint(datetime(2026, 6, 2, 9, 0)), confirmations={"buku_tamu"})
        assert made.agenda_number.startswith(f"{top + 1:03d}/")
    finally:
        file_db.close()
        server_db.close()
    assert check_server(program).ok
    with _raw(pg_server.address(database)) as conn:  # as the owner: the indexes rebuilt case by case
        for index in ("complaint_search", "complaint_search_open"):
            documents = f"SELECT rowid, strip(document)::text FROM {index} ORDER BY 1"
            built_at_once = conn.execute(documents).fetchall()
            conn.execute(f"SELECT count({index}_refresh(id)) FROM complaints")
            assert len(built_at_once) == 61 and built_at_once == conn.execute(documents).fetchall(), index


def test_migrate_from_refuses_a_file_whose_references_do_not_hold(pg_server, templates, tmp_path, capsys):
    import shutil
    import sqlite3

    path = tmp_path / "rusak.dumas"
    shutil.copy(templates["sanggau-2026"], path)
    with sqlite3.connect(path) as conn:  # written outside the program, foreign keys off
        conn.execute(
            "INSERT INTO parties (complaint_id, role, name, id_kind, id_number, address, phone, email, occupation, "
            "position, unit, confidentiality, sort, uuid, office_code) VALUES "
            "(999, 'reporter', 'X', 'nik', '', '', '', '', '', '', '', 'terbuka', 0, 'u-1', '6103')"
        )
    database = f"rusak_{datetime.now():%H%M%S%f}"
    with pg_server.admin() as conn:
        conn.execute(f'CREATE DATABASE "{database}"')
    assert main(["server", "migrate-from", "--data", str(pg_server.address(database)), "--from", str(path)]) == 2
    assert "rujukan antartabel di berkas tidak utuh" in capsys.readouterr().err
    with _raw(pg_server.address(database)) as conn:
        assert conn.execute("SELECT count(*) FROM complaints").fetchone() == (0,)


@pytest.mark.slow
def test_several_pcs_at_once_lose_nothing_double_no_number_and_keep_one_audit_chain(pg_database):
    """8 PCs at once, each intake, steps, papers and searches, and all racing for the same
    steps. DUMAS_CONCURRENCY_OPS=200 runs the issue's full 8 x 200 (a few minutes)."""
    from .server_workload import prepare_contested, verify, work

    address = pg_database()
    workers, ops = 8, int(os.environ.get("DUMAS_CONCURRENCY_OPS", "10"))
    contested = prepare_contested(address, 2)
    context = multiprocessing.get_context("spawn")
    out, barrier = context.Queue(), context.Barrier(workers)
    processes = [context.Process(target=work, args=(address, w, ops, contested, barrier, out)) for w in range(workers)]
    for process in processes:
        process.start()
    runs = [out.get(timeout=600) for _ in processes]
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    assert verify(address, runs, contested) == []
    kinds = {kind for run in runs for kind, _ms in run.times}
    assert kinds == {"penerimaan", "langkah", "dokumen", "pencarian", "rebutan"}
    assert sum(len(run.won) for run in runs) == len(contested)
    assert sum(len(run.times) for run in runs) == workers * ops  # every operation asked for was done


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_servers_backup_is_a_checked_file_that_moves_back_onto_a_server(pg_server, demo_source, tmp_path, capsys):
    server = demo_source(40)  # the CLI tests' demo: its template is made once
    backup = tmp_path / "cadangan-server.dumas"
    assert main(["backup", "--data", server, "--out", str(backup)]) == 0
    assert "40 pengaduan" in capsys.readouterr().out
    assert main(["check", "--data", str(backup)]) == 0
    assert main(["backup", "--data", server, "--out", str(backup)]) == 2  # never over an existing file
    capsys.readouterr()

    database = f"pulih_{datetime.now():%H%M%S%f}"
    with pg_server.admin() as conn:
        conn.execute(f'CREATE DATABASE "{database}"')
    assert main(["server", "migrate-from", "--data", str(pg_server.address(database)), "--from", str(backup)]) == 0
    restored = check_server(pg_server.address(database, PROGRAM_ROLE))
    assert restored.ok and restored.cases == 40
    # The backup is in the server's trail (after the copy it made).
    assert restored.audit_entries + 1 == check_server(parse_address(server)).audit_entries


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_export_from_a_server_writes_the_package_a_file_would(demo_source, tmp_path, capsys, monkeypatch):
    server = demo_source(40)  # the CLI tests' demo: its template is made once
    package = tmp_path / "dari-server.dumaspkg"
    assert main(["export", "--data", server, "--out", str(package), "--without-identities"]) == 0
    assert "40 pengaduan" in capsys.readouterr().out
    password = tmp_path / "sandi.txt"
    password.write_text("sandi-provinsi-baru\n", encoding="utf-8")
    target = tmp_path / "provinsi.dumas"
    args = ["import", "--data", str(target), "--in", str(package), "--admin", "kepala"]
    assert main([*args, "--admin-password-file", str(password)]) == 0
    capsys.readouterr()
    monkeypatch.setenv("DUMAS_USER", "kepala")
    monkeypatch.setenv("DUMAS_PASSWORD", "sandi-provinsi-baru")
    assert main(["check", "--data", str(target)]) == 0
    assert "utuh: 40 pengaduan" in capsys.readouterr().out
    monkeypatch.setenv("DUMAS_USER", "admin")
    monkeypatch.setenv("DUMAS_PASSWORD", "dumas-demo")
    assert main(["audit", "--data", server, "--action", "paket_diekspor"]) == 0
    assert "dari-server.dumaspkg" in capsys.readouterr().out


def test_another_pcs_change_arrives_within_two_seconds(pg_database, clock):
    import queue
    import time

    from dumas_desktop.services.live import CaseListener

    address = pg_database()
    here, there = open_database(address), open_database(address)
    heard: queue.Queue = queue.Queue()
    states: list[bool] = []
    listener = CaseListener(here, heard.put, states.append)
    listener.start()
    try:
        deadline = time.monotonic() + 5
        while not states and time.monotonic() < deadline:
            time.sleep(0.02)
        assert states == [True]
        started = time.monotonic()
        case_id = intake.receive(Workspace(there, clock=clock), complaint(clock()), confirmations={"buku_tamu"}).case_id
        changes = heard.get(timeout=2)
        assert time.monotonic() - started < 2
        assert changes.cases == frozenset({case_id})  # one notice for the case however often it was written
    finally:
        listener.stop()
        here.close()
        there.close()


def test_the_migrations_make_on_a_server_what_the_models_say(pg_database):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from dumas_desktop.storage.models import Base

    db = open_database(pg_database())
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn,
                opts={
                    "compare_type": True,
                    "include_object": lambda obj, name, type_, reflected, compare_to: (
                        not (type_ == "table" and str(name).startswith("complaint_search"))
                    ),
                },
            )
            differences = compare_metadata(context, Base.metadata)
    finally:
        db.close()
    # Only the partial unique index of migration 0007, which the models do not declare (as in a file).
    assert [(d[0], d[1].name) for d in differences] == [("remove_index", "uq_issued_documents_number")]


def _write_then_hang(address: ServerAddress, started: Event) -> None:
    import time

    db = open_database(address)
    ws = Workspace(db, clock=lambda: datetime(2026, 3, 2, 9, 0))
    with db.transaction() as session:  # half a case: its row and an audit entry, not committed
        from dumas_desktop.services.numbering import take_sequence

        take_sequence(session, "6103", "agenda", 2026)
        ws.audit(session, "6103", "setengah", "complaint", after={"uji": True})
        session.flush()
        started.set()
        time.sleep(60)


def test_a_pc_killed_mid_transaction_leaves_nothing_half_written_and_holds_nobody_up(pg_database, clock):
    address = pg_database()
    context = multiprocessing.get_context("spawn")
    started = context.Event()
    child = context.Process(target=_write_then_hang, args=(address, started))
    child.start()
    assert started.wait(60)
    child.kill()  # SIGKILL: no rollback from the program, the server must undo it
    child.join(10)
    db = open_database(address)
    try:
        ws = Workspace(db, clock=clock)
        received = intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"})  # nothing it held is held
        assert received.agenda_number.startswith("001/")  # the killed PC's number was never taken
    finally:
        db.close()
    report = check_server(address)
    assert report.ok, report.problems
    assert report.cases == 1


def test_a_server_restart_mid_step_is_a_message_and_the_next_step_just_works(pg_server, pg_database, clock):
    from sqlalchemy import text

    if pg_server.control is None:
        pytest.skip("the server given by DUMAS_TEST_POSTGRES_URL is not restarted by the tests")
    address = pg_database()
    db = open_database(address)
    try:
        ws = Workspace(db, clock=clock)
        intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"})
        with pytest.raises(DataFileError, match=r"dimulai ulang|terputus"), db.transaction() as session:
            session.execute(text("SELECT 1"))
            pg_server.restart()  # the office's server restarts in the middle of someone's step
            session.execute(text("SELECT 1"))
        # The pool replaces the dropped connections by itself: the next operation works.
        second = intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"})
        assert second.agenda_number.startswith("002/")
    finally:
        db.close()
    assert check_server(address).ok


def _wait_until_another_waits_for(conn: psycopg.Connection, what: str) -> None:
    """Until another connection to this database waits for a lock `conn` holds."""
    import time

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        waiting = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        ).fetchone()
        if waiting and waiting[0]:
            return
        time.sleep(0.05)
    pytest.fail(f"nothing waited for {what}")


def test_two_pcs_linking_the_same_two_cases_from_either_side_wait_in_turn_never_deadlock(pg_database, clock):
    import threading

    from dumas_desktop.services import links

    address = pg_database()
    db = open_database(address)
    try:
        ws = Workspace(db, clock=clock)
        first, second = (intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"}) for _ in range(2))
        low, high = sorted((first.case_id, second.case_id))
        other_pc = psycopg.connect(host=address.host, port=address.port, user=address.user, dbname=address.database)
        try:
            # The other PC is linking too and holds the newer case's row.
            other_pc.execute("SELECT id FROM complaints WHERE id = %s FOR UPDATE", (high,))
            done: list[object] = []
            linking = threading.Thread(
                target=lambda: done.append(links.link(ws, high, low, "terkait", "tempat yang sama"))
            )
            linking.start()
            _wait_until_another_waits_for(other_pc, "the case the other PC holds")
            # It waits holding the older case already: the other PC, asking for that one in
            # its turn, is the one that waits; taken the other way round, both would wait.
            other_pc.execute("SET lock_timeout = '200ms'")
            with pytest.raises(psycopg.errors.LockNotAvailable):
                other_pc.execute("SELECT id FROM complaints WHERE id = %s FOR UPDATE", (low,))
            other_pc.rollback()
            linking.join(20)
            assert done and not linking.is_alive()
        finally:
            other_pc.close()
        assert [view.other_id for view in links.links_of(ws, low)] == [high]
    finally:
        db.close()


def test_two_pcs_adding_the_same_user_at_once_the_second_is_told_and_nothing_is_half_saved(pg_database, clock):
    import threading

    from dumas_desktop.services import accounts

    address = pg_database()
    db = open_database(address)
    try:
        ws = Workspace(db, clock=clock)
        other_pc = psycopg.connect(host=address.host, port=address.port, user=address.user, dbname=address.database)
        try:
            # The other PC's administrator is saving "budi" right now: looked, found none, inserted.
            other_pc.execute(
                "INSERT INTO users (username, full_name, password_hash, roles, active, failed_attempts, created_at, "
                "updated_at) VALUES ('budi', 'Budi dari PC lain', 'x', '[\"pelaksana\"]', true, 0, now(), now())"
            )
            said: list[BaseException] = []

            def add() -> None:
                try:
                    accounts.add_user(ws, "budi", "Budi Santoso", "sandi-budi-123", ["pelaksana"])
                except BaseException as exc:  # what the person would be told
                    said.append(exc)

            adding = threading.Thread(target=add)
            adding.start()
            _wait_until_another_waits_for(other_pc, "the user name the other PC inserted")
            other_pc.commit()
            adding.join(20)
        finally:
            other_pc.close()
        assert len(said) == 1 and isinstance(said[0], DataFileError), said
        assert "PC lain baru saja menyimpan data yang sama" in said[0].message
        names = [(u.username, u.full_name) for u in accounts.list_users(ws) if u.username == "budi"]
        assert names == [("budi", "Budi dari PC lain")]
    finally:
        db.close()


def test_a_database_that_is_not_there_and_a_port_with_no_server_are_told_apart(pg_server):
    from dumas_desktop.storage.server import ServerAddress
    from tests.postgres import _free_port

    present = pg_server.address("postgres")
    with pytest.raises(DataFileError) as missing:
        open_database(ServerAddress(present.user, present.host, present.port, "tidak_ada"))
    assert "menjawab, tetapi basis data \u201ctidak_ada\u201d tidak ada" in missing.value.message
    with pytest.raises(DataFileError) as stranger:
        open_database(ServerAddress("bukan_pengguna", present.host, present.port, "postgres"))
    assert "menjawab, tetapi pengguna \u201cbukan_pengguna\u201d tidak ada" in stranger.value.message
    nobody = ServerAddress(present.user, present.host, _free_port(), "dumas")
    with pytest.raises(DataFileError) as refused:
        open_database(nobody)
    assert "tidak dapat dihubungi" in refused.value.message and f"{nobody.host}:{nobody.port}" in refused.value.message
