"""Benchmarks of the case file at 100,000 cases (outside the test run).

    python bench/bench_case_file.py [--data FILE] [--cases N] [--fresh]

Makes the demo file when it is missing (or with --fresh, timing `demo` itself), then
times: opening it and reading the first 200-row page of the agenda book, full-text
searches to the first 200 hits, a filtered page of 200 rows, and the deadline state of
every open case. Prints one line per figure; the README records them with the machine.
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

from dumas_desktop.services import queries
from dumas_desktop.services.context import Workspace
from dumas_desktop.storage.database import open_database

SEARCHES = (
    "maria",
    "yoh",
    "agustinus",
    "pps",
    "kpps",
    "netralitas",
    "ganda",
    "sembako",
    "kampanye",
    "dpt",
    "sungai",
    "beringin",
    "entikong",
    "meliau",
    "balai",
    "kapuas",
    "honorarium",
    "tps 004",
    "anggota pps",
    "pemilih",
    "dumas",
    "2026",
    "ketua ppk",
    "salinan",
    "seleksi",
    "pindah memilih",
    "media sosial",
    "tim pemenangan",
    "sosialisasi",
    "fransiskus",
    "sri",
    "budi",
    "dewi",
    "putri",
    "hidayat",
    "saputra",
    "nainggolan",
    "lubis",
    "siregar",
    "wijaya",
)


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def timed(action, repeat: int = 1) -> list[float]:
    result = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        result.append((time.perf_counter() - start) * 1000)
    return result


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path("bench/out/bench-100k.dumas"))
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--fresh", action="store_true", help="make the file again, timing demo")
    args = parser.parse_args()
    print(f"mesin: {cpu_name()}, {os.cpu_count()} inti, Python {platform.python_version()}")
    if args.fresh and args.data.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.data}{suffix}").unlink(missing_ok=True)
    if not args.data.exists():
        args.data.parent.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "dumas_desktop", "demo", "--data", str(args.data), "--cases", str(args.cases)],
            check=True,
        )
        print(f"demo --cases {args.cases}: {time.perf_counter() - start:.1f} s (termasuk memuat Python)")
    print(f"berkas: {args.data} ({args.data.stat().st_size / 2**20:.0f} MiB)")

    def open_and_first_page() -> None:
        db = open_database(args.data)
        rows = queries.agenda_page(Workspace(db), limit=200)
        assert len(rows) == 200
        db.close()

    opens = timed(open_and_first_page, 10)
    print(
        f"buka berkas + halaman pertama 200 baris: pertama {opens[0]:.0f} ms, "
        f"median {statistics.median(opens):.0f} ms, terlama {max(opens):.0f} ms"
    )

    db = open_database(args.data)
    ws = Workspace(db)
    total = queries.count(ws)
    hits: list[int] = []
    search_times = []
    for word in SEARCHES:
        for _ in range(3):
            start = time.perf_counter()
            rows = queries.agenda_page(ws, search=word, limit=200)
            search_times.append((time.perf_counter() - start) * 1000)
        hits.append(len(rows))
    print(
        f"pencarian teks penuh sampai 200 hasil pertama ({len(search_times)} kueri, {total} pengaduan): "
        f"median {statistics.median(search_times):.1f} ms, p95 {p95(search_times):.1f} ms, "
        f"terlama {max(search_times):.1f} ms; hasil per kueri {min(hits)}–{max(hits)}"
    )

    filters = queries.Filters(year=2025, status="selesai", classification="netralitas")
    filtered = timed(lambda: queries.agenda_page(ws, filters, limit=200), 10)
    print(
        f"halaman tersaring 200 baris (tahun, status, klasifikasi): median {statistics.median(filtered):.1f} ms, "
        f"terlama {max(filtered):.1f} ms"
    )
    overdue = timed(lambda: queries.agenda_page(ws, queries.Filters(overdue=True), limit=200), 10)
    print(f"halaman tersaring 200 baris (lewat batas waktu): median {statistics.median(overdue):.1f} ms")

    states: dict[int, str] = {}

    def all_states() -> None:
        states.update(queries.deadline_states(ws))

    state_times = timed(all_states, 10)
    print(
        f"status batas waktu seluruh pengaduan terbuka ({len(states)}): median "
        f"{statistics.median(state_times):.1f} ms, terlama {max(state_times):.1f} ms"
    )
    attention = timed(lambda: queries.attention(ws), 10)
    print(f"ringkasan perlu perhatian: median {statistics.median(attention):.1f} ms")
    ids = timed(lambda: queries.agenda_ids(ws), 5)
    print(f"seluruh id buku agenda ({total}): median {statistics.median(ids):.1f} ms")
    db.close()


if __name__ == "__main__":
    main()
