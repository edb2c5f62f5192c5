"""SQLite and PostgreSQL side by side, over loopback, in one run (outside the test run).

    python bench/bench_server.py [--cases N] [--writers W] [--ops K] [--url postgresql://SUPERUSER@HOST:PORT/postgres]

Makes a demo file of N cases (kept in bench/out/), moves it onto a fresh server database
with `server migrate-from`'s service (timed, beside pg_dump + pg_restore of the result),
then times on both: open + first 200-row page, and full-text searches to the first 200
hits. Then W processes each record K complaints at once on the server (intake completes
its first step: a step completion with its number, audit entry and search rows), timing
each, and another PC's listener times how long each change takes to arrive. Without
--url a throwaway server is started from the server binaries (tests/postgres.py).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.builders, tests.postgres

from bench_case_file import SEARCHES, cpu_name, p95, timed

from dumas_desktop.services import intake, queries
from dumas_desktop.services.context import Workspace
from dumas_desktop.storage.database import open_database
from dumas_desktop.storage.server import PROGRAM_ROLE, ServerAddress


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text(encoding="ascii").split()[:3])
    except OSError:
        return "?"


def _side_by_side(label: str, file_values: list[float], server_values: list[float]) -> None:
    print(
        f"{label}: berkas median {statistics.median(file_values):.1f} ms, p95 {p95(file_values):.1f} ms | "
        f"server median {statistics.median(server_values):.1f} ms, p95 {p95(server_values):.1f} ms"
    )


def _opens(source: object) -> list[float]:
    def once() -> None:
        db = open_database(source)  # type: ignore[arg-type]
        rows = queries.agenda_page(Workspace(db), limit=200)
        assert len(rows) == 200
        db.close()

    return timed(once, 10)


def _searches(source: object) -> list[float]:
    db = open_database(source)  # type: ignore[arg-type]
    ws = Workspace(db)
    values = []
    for word in SEARCHES:
        for _ in range(3):
            start = time.perf_counter()
            queries.agenda_page(ws, search=word, limit=200)
            values.append((time.perf_counter() - start) * 1000)
    db.close()
    return values


def _writers(
    address: ServerAddress, writers: int, ops: int, pace: tuple[float, float] | None
) -> dict[str, list[float]]:
    """W PCs at once on the server (tests/server_workload.py: intake, step completions,
    papers, searches, and all racing for the same steps now and then); each operation timed."""
    from tests.server_workload import prepare_contested, verify, work

    contested = prepare_contested(address, 2)
    context = multiprocessing.get_context("spawn")
    out, barrier = context.Queue(), context.Barrier(writers)
    processes = [
        context.Process(target=work, args=(address, w, ops, contested, barrier, out, pace)) for w in range(writers)
    ]
    for process in processes:
        process.start()
    runs = [out.get(timeout=3600) for _ in processes]
    for process in processes:
        process.join()
    problems = verify(address, runs, contested)
    print(f"  diperiksa setelahnya: {problems if problems else 'tidak ada yang hilang, ganda, atau putus'}")
    times: dict[str, list[float]] = {}
    for run in runs:
        for kind, ms in run.times:
            times.setdefault(kind, []).append(ms)
    return times


def _print_times(label: str, times: dict[str, list[float]]) -> None:
    print(label)
    for kind in ("langkah", "penerimaan", "dokumen", "pencarian", "rebutan"):
        values = times.get(kind, [])
        if values:
            print(
                f"  {kind}: {len(values)} kali, median {statistics.median(values):.0f} ms, "
                f"p95 {p95(values):.0f} ms, terlama {max(values):.0f} ms"
            )


def _arrivals(address: ServerAddress) -> list[float]:
    """How long a change takes to reach another PC: an intake, timed to its notice."""
    from dumas_desktop.services.live import CaseListener
    from tests.builders import complaint

    watcher = open_database(address)
    heard: queue.Queue = queue.Queue()
    listener = CaseListener(watcher, lambda changes: heard.put((time.monotonic(), changes)))
    listener.start()
    time.sleep(0.5)
    delays = []
    ws = Workspace(open_database(address))
    for _ in range(20):
        start = time.monotonic()
        case_id = intake.receive(
            ws, complaint(datetime.now().replace(microsecond=0)), confirmations={"buku_tamu"}
        ).case_id
        while True:
            arrived, changes = heard.get(timeout=5)
            if case_id in changes.cases:
                delays.append((arrived - start) * 1000)
                break
    ws.db.close()
    listener.stop()
    watcher.close()
    return delays


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--ops", type=int, default=25)
    parser.add_argument("--url", help="a superuser's address on a running server")
    parser.add_argument("--parts", default="move,reads,writers", help="which of move, reads, writers to time")
    parser.add_argument("--data", type=Path, help="the file to move (default: a demo file made in bench/out/)")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    print(f"mesin: {cpu_name()}, {os.cpu_count()} inti; server lewat loopback")
    data = args.data or Path(f"bench/out/bench-server-{args.cases}.dumas")
    if not data.exists():
        data.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "dumas_desktop", "demo", "--data", str(data), "--cases", str(args.cases)], check=True
        )
    os.environ.setdefault("DUMAS_USER", "admin")
    os.environ.setdefault("DUMAS_PASSWORD", "dumas-demo")
    from tests.postgres import running_server

    if args.url:
        os.environ["DUMAS_TEST_POSTGRES_URL"] = args.url
    with running_server() as server:
        import psycopg

        name = f"bench_{os.getpid()}"
        with server.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        from dumas_desktop.services.server_move import move_file_to_server
        from dumas_desktop.services.server_setup import init_server

        start = time.perf_counter()
        init_server(server.address(name), lambda db: move_file_to_server(data, db))
        moved = time.perf_counter() - start
        program = server.address(name, PROGRAM_ROLE)
        print(
            f"berkas {args.cases} pengaduan ({data.stat().st_size / 2**20:.0f} MiB); server migrate-from: {moved:.1f} s"
        )
        if "move" in parts:
            _pg_restore(server, name, moved)

        if "reads" in parts:
            print(f"beban: {_load()}")
            _side_by_side("buka + halaman pertama 200 baris", _opens(data), _opens(program))
            _side_by_side(
                f"pencarian sampai 200 hasil ({len(SEARCHES) * 3} kueri)", _searches(data), _searches(program)
            )
        if "writers" in parts:
            print(f"beban: {_load()}")
            _print_times(
                f"{args.writers} PC x {args.ops} operasi serentak, berturut-turut tanpa jeda:",
                _writers(program, args.writers, args.ops, None),
            )
            print(f"beban: {_load()}")
            _print_times(
                f"{args.writers} PC x {args.ops} operasi serentak, tiap PC satu operasi per 0,5-1 s:",
                _writers(program, args.writers, args.ops, (0.5, 1.0)),
            )
            delays = _arrivals(program)
            print(
                f"perubahan PC lain sampai ke pendengar: median {statistics.median(delays):.0f} ms, "
                f"terlama {max(delays):.0f} ms"
            )
        from dumas_desktop.storage.integrity import check_server

        report = check_server(program)
        print(f"check server setelahnya: {'utuh' if report.ok else report.problems[:3]}, {report.cases} pengaduan")
        with server.admin() as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        del psycopg


def _pg_restore(server: object, name: str, moved: float) -> None:
    """pg_dump of what was moved, restored into another database: the yardstick."""
    binaries = shutil.which("pg_restore") or "/usr/lib/postgresql/15/bin/pg_restore"
    dump_tool = str(Path(binaries).with_name("pg_dump"))
    address = server.superuser  # type: ignore[attr-defined]
    common = ["-h", address.host, "-p", str(address.port), "-U", address.user]
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as folder:
        dump = Path(folder) / "dump.pgc"
        subprocess.run([dump_tool, *common, "-Fc", "-f", str(dump), name], check=True)
        with server.admin() as conn:  # type: ignore[attr-defined]
            conn.execute(f'CREATE DATABASE "{name}_r"')
        start = time.perf_counter()
        subprocess.run([binaries, *common, "-d", f"{name}_r", str(dump)], check=True)
        restored = time.perf_counter() - start
        with server.admin() as conn:  # type: ignore[attr-defined]
            conn.execute(f'DROP DATABASE "{name}_r"')
    print(f"pg_restore dari pg_dump data yang sama: {restored:.1f} s (migrate-from {moved / restored:.1f}x)")


if __name__ == "__main__":
    main()
