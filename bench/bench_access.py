"""Signing in, and the agenda book and search as roles that may and may not see
confidential reporters, on the 100,000-case file of bench_case_file.py.

    python bench/bench_access.py [--data bench/out/bench-100k.dumas]

A user who may see confidential reporters searches them apart from the index (their names
are kept out of it); this measures what that costs against a user who may not.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_case_file import SEARCHES, cpu_name, p95, timed

from dumas_desktop.domain.access import Access
from dumas_desktop.services import accounts, queries
from dumas_desktop.services.context import Workspace
from dumas_desktop.services.demo import DEMO_PASSWORD, make_demo
from dumas_desktop.storage.database import open_database


def sign_in_times() -> list[float]:
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as work:
        path = make_demo(Path(work) / "kantor.dumas", 0, "sanggau-2026").path
        db = open_database(path)
        try:
            return timed(lambda: accounts.verify(db, "pelaksana", DEMO_PASSWORD, datetime.now()), 20)
        finally:
            db.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path("bench/out/bench-100k.dumas"))
    args = parser.parse_args()
    print(f"mesin: {cpu_name()}, {os.cpu_count()} inti, Python {platform.python_version()}")
    signing = sign_in_times()
    print(f"masuk (Argon2id, verifikasi + baca akun): median {statistics.median(signing):.0f} ms")
    if not args.data.exists():
        sys.exit(f"{args.data} belum ada: jalankan bench/bench_case_file.py dahulu")
    db = open_database(args.data)
    total = queries.count(Workspace(db))
    for role, label in (("pelaksana", "boleh melihat identitas"), ("pengarah", "tidak boleh")):
        access = Access(role, role, frozenset({role}))
        ws = Workspace.signed_in(db, access)
        first = timed(lambda ws=ws: queries.agenda_page(ws, limit=200), 10)
        times: list[float] = []
        for word in SEARCHES:
            for _ in range(3):
                start = time.perf_counter()
                queries.agenda_page(ws, search=word, limit=200)
                times.append((time.perf_counter() - start) * 1000)
        ids = timed(lambda ws=ws: queries.agenda_ids(ws, search="kampanye"), 5)
        print(
            f"{role} ({label}), {total} pengaduan: halaman pertama 200 baris median "
            f"{statistics.median(first):.1f} ms; pencarian sampai 200 hasil ({len(times)} kueri) median "
            f"{statistics.median(times):.1f} ms, p95 {p95(times):.1f} ms, terlama {max(times):.1f} ms; "
            f"seluruh id hasil “kampanye” median {statistics.median(ids):.1f} ms"
        )
    db.close()


if __name__ == "__main__":
    main()
