"""What an office does to a large server besides daily work, timed (outside the test run).

    python bench/bench_server_ops.py [--file bench/out/bench-10k.dumas] [--runs 3] [--url postgresql://SUPERUSER@HOST:PORT/postgres]

The file is moved once onto a fresh server database with `server migrate-from`'s
service; then, each `--runs` times:
- `backup` of the server into a checked .dumas file;
- `import` of a 25-case package from another office: the whole import, and the part that
  holds the writer's lock (the other PCs wait only for that);
- `restore` of the backup over the server (its present content saved first), which takes
  the import back, so that every run imports the same package anew;
- `server upgrade` from the previous schema revision (the server taken back to it first
  with Alembic's downgrade), with its backup at that revision.
Without --url a throwaway server is started from the server binaries (tests/postgres.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.postgres

from dumas_desktop.domain.access import SYSTEM
from dumas_desktop.services import server_import
from dumas_desktop.services.demo import make_demo
from dumas_desktop.services.server_keeping import back_up_server, restore_server
from dumas_desktop.services.server_move import move_file_to_server
from dumas_desktop.services.server_setup import init_server
from dumas_desktop.services.server_upgrade import upgrade_server
from dumas_desktop.services.transfer import export_package
from dumas_desktop.storage.database import SCHEMA_REVISIONS, open_database
from dumas_desktop.storage.integrity import check_server
from dumas_desktop.storage.server import PROGRAM_ROLE
from tests.postgres import downgrade


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text(encoding="ascii").split()[:3])


def _say(label: str, values: list[float]) -> None:
    shown = ", ".join(f"{v:.2f}" for v in values)
    print(f"{label}: median {statistics.median(values):.2f} s, {min(values):.2f}–{max(values):.2f} s ({shown})")


def run(server: object, source: Path, runs: int, work: Path) -> None:
    database = f"bench_ops_{os.getpid()}"
    with server.admin() as conn:  # type: ignore[attr-defined]
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{database}"')
    owner = server.address(database)  # type: ignore[attr-defined]
    program = server.address(database, PROGRAM_ROLE)  # type: ignore[attr-defined]
    started = time.perf_counter()
    init_server(owner, lambda db: move_file_to_server(source, db))
    print(f"server migrate-from {source.name}: {time.perf_counter() - started:.1f} s")

    imports, held, backups, restores, upgrades = [], [], [], [], []
    real_write = server_import._write

    def timed_write(conn, merged):  # type: ignore[no-untyped-def]
        begun = time.perf_counter()
        real_write(conn, merged)
        held.append(time.perf_counter() - begun)

    server_import._write = timed_write  # type: ignore[assignment]
    office = work / "provinsi.dumas"
    make_demo(office, 25, "sumbar-2022", seed=100, now=datetime(2026, 5, 4, 9, 0))
    package = work / "provinsi.dumaspkg"
    export_package(office, package, without_identities=True)
    for number in range(runs):
        # Backed up, the package imported, then the backup restored: the next run imports anew.
        backup = work / f"cadangan-{number}.dumas"
        db = open_database(program)
        try:
            begun = time.perf_counter()
            back_up_server(db, backup, actor="bench")
            backups.append(time.perf_counter() - begun)
            begun = time.perf_counter()
            summary = server_import.import_into_server(db, package)
            imports.append(time.perf_counter() - begun)
            assert summary.cases_added == 25, summary.describe()
        finally:
            db.close()
        db = open_database(owner)
        try:
            begun = time.perf_counter()
            restore_server(db, backup, aside=work / f"sebelum-{number}.dumas", actor="bench", access=SYSTEM)
            restores.append(time.perf_counter() - begun)
        finally:
            db.close()
        downgrade(owner, SCHEMA_REVISIONS[-2])
        begun = time.perf_counter()
        upgrade_server(owner, work / f"sebelum-pembaruan-{number}.dumas")
        upgrades.append(time.perf_counter() - begun)
        print(f"run {number + 1}: load {_load()}", flush=True)
    report = check_server(program)
    assert report.ok, report.problems
    print(f"check: utuh, {report.cases} pengaduan")
    _say("import 25 pengaduan: seluruhnya", imports)
    _say("import 25 pengaduan: memegang kunci penulis", held)
    _say("backup server", backups)
    _say("restore di atas server", restores)
    _say(f"server upgrade dari {SCHEMA_REVISIONS[-2]}", upgrades)
    with server.admin() as conn:  # type: ignore[attr-defined]
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", type=Path, default=Path("bench/out/bench-10k.dumas"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--url")
    args = parser.parse_args()
    from dumas_desktop.storage.server import parse_address
    from tests.postgres import TestServer, running_server

    print(f"{datetime.now():%d-%m-%Y %H:%M}, load {_load()}")
    with tempfile.TemporaryDirectory(prefix="dumas-bench-ops-", ignore_cleanup_errors=True) as folder:
        if args.url:
            run(TestServer(parse_address(args.url)), args.file, args.runs, Path(folder))
        else:
            with running_server() as server:
                run(server, args.file, args.runs, Path(folder))


if __name__ == "__main__":
    main()
