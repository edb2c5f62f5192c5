"""The statistics of a year on the 100,000-case file of bench_case_file.py (outside the
test run): what the Statistik tab waits for, and the whole `stats` command as a person
runs it (Python starting, the file opened, the figures printed).

    python bench/bench_stats.py [--data bench/out/bench-100k.dumas] [--year 2024] [--runs 7]

The file is opened (and so migrated) as it is: copy it first if it must stay as it was.
Prints one line per figure with the load average; the README records them with the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from bench_case_file import cpu_name, p95

from dumas_desktop.reports.model import Period
from dumas_desktop.services.context import Workspace
from dumas_desktop.services.demo import DEMO_PASSWORD
from dumas_desktop.services.statistics import statistics as figures_of
from dumas_desktop.storage.database import open_database


def load() -> str:
    return Path("/proc/loadavg").read_text(encoding="ascii").split(" ", 3)[0] if Path("/proc/loadavg").exists() else "?"


def line(what: str, times: list[float]) -> str:
    return (
        f"{what}: median {statistics.median(times):.0f} ms, p95 {p95(times):.0f} ms, "
        f"{min(times):.0f}–{max(times):.0f} ms dari {len(times)} kali (beban rata-rata {load()})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path("bench/out/bench-100k.dumas"))
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-cli", action="store_true", help="only the figures, not the whole command")
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data} tidak ada: buat dulu dengan python bench/bench_case_file.py")
    print(f"mesin: {cpu_name()}, {os.cpu_count()} inti, Python {platform.python_version()}")
    print(f"berkas: {args.data} ({args.data.stat().st_size / 2**20:.0f} MiB)")
    db = open_database(args.data)
    try:
        ws = Workspace(db)
        period = Period(args.year)
        figures = figures_of(ws, period)  # the file's pages in the cache, as in a tab already open
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            figures_of(ws, period)
            times.append((time.perf_counter() - start) * 1000)
    finally:
        db.close()
    print(
        f"statistik tahun {args.year}: {figures.total} pengaduan, "
        f"{sum(s.finished for s in figures.steps)} langkah selesai"
    )
    print(line("statistik setahun (layanan, yang ditunggu tab Statistik)", times))
    if args.no_cli:
        return
    env = {**os.environ, "DUMAS_USER": "admin", "DUMAS_PASSWORD": DEMO_PASSWORD}  # the demo's administrator
    command = [sys.executable, "-m", "dumas_desktop", "stats", "--data", str(args.data), "--year", str(args.year)]
    runs = []
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        runs.append((time.perf_counter() - start) * 1000)
    print(line("dumas-desktop stats --year (seluruh perintah, termasuk memuat Python)", runs))


if __name__ == "__main__":
    main()
