"""Export and import of 10,000 cases with 500 MB of evidence, against `cp` of the same bytes.

    python bench/bench_transfer.py [--runs N]

Makes bench/out/transfer-10k.dumas from a 10,000-case demo with 500 evidence files of
1 MiB of random bytes (incompressible, like scans and photos) added, then times, in one
run and alternating: `cp` of the data file (with and without `sync`), `export` to a
package, and `import` of that package into a file that does not exist yet (a move to a new
PC). Two parts an export cannot do without are timed alone beside them, as its floor: the
snapshot through SQLite's backup API and the SHA-256 of the same bytes. Page cache warm.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import time
import uuid
from datetime import datetime
from pathlib import Path

from dumas_desktop.services import transfer
from dumas_desktop.services.demo import make_demo
from dumas_desktop.storage.database import copy_database
from dumas_desktop.storage.package import sha256_file

OUT = Path(__file__).parent / "out"
ADMIN = transfer.FirstAdmin("kepala", "Kepala", "rahasia-bench-123")
FILES = 500
FILE_BYTES = 2**20
STAMP = datetime.now().isoformat(sep=" ")


def build(path: Path) -> None:
    if path.exists():
        return
    small = OUT / "transfer-base.dumas"
    if not small.exists():
        make_demo(small, 10_000, "sanggau-2026", seed=21)
    shutil.copyfile(small, path)
    conn = sqlite3.connect(path)
    try:
        ids = [r[0] for r in conn.execute("SELECT id FROM complaints ORDER BY id LIMIT ?", (FILES,))]
        office = conn.execute("SELECT office_code FROM offices WHERE is_home = 1").fetchone()[0]
        with conn:
            for number, case_id in enumerate(ids):
                content = os.urandom(FILE_BYTES)
                digest = hashlib.sha256(content).hexdigest()
                conn.execute(
                    "INSERT INTO blobs (sha256, size, content) VALUES (?, ?, ?)", (digest, len(content), content)
                )
                conn.execute(
                    "INSERT INTO evidence (uuid, office_code, complaint_id, name, mime_type, size, sha256, "
                    "description, added_at, added_by) "
                    "VALUES (?, ?, ?, ?, 'image/jpeg', ?, ?, 'Foto hasil pindai', ?, 'bench')",
                    (
                        str(uuid.uuid4()),
                        office,
                        case_id,
                        f"pindai-{number:03d}.jpg",
                        len(content),
                        digest,
                        datetime.now(),
                    ),
                )
    finally:
        conn.close()


def timed(action) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    data = OUT / "transfer-10k.dumas"
    build(data)
    size = data.stat().st_size
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"data: {data} ({size / 2**20:.0f} MiB, 10,000 cases, {FILES} evidence files of 1 MiB)")
    work = OUT / "transfer-work"
    copies, synced, snapshots, hashes, exports, anonymous, imports = [], [], [], [], [], [], []
    package, copy, moved = work / "kantor.dumaspkg", work / "salinan.dumas", work / "pc-baru.dumas"
    snapshot, anonymized = work / "snapshot.dumas", work / "anonim.dumaspkg"
    for _ in range(args.runs):  # alternating, so all see the same machine
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        copies.append(timed(lambda: subprocess.run(["cp", str(data), str(copy)], check=True)))
        copy.unlink()
        synced.append(timed(lambda: subprocess.run(["sh", "-c", f"cp '{data}' '{copy}' && sync '{copy}'"], check=True)))
        snapshots.append(timed(lambda: copy_database(data, snapshot, scratch=True, map_if_local=True)))
        snapshot.unlink()
        hashes.append(timed(lambda: sha256_file(data)))
        exports.append(timed(lambda: transfer.export_package(data, package)))
        anonymous.append(timed(lambda: transfer.export_package(data, anonymized, without_identities=True)))
        imports.append(timed(lambda: transfer.import_package(moved, package, admin=ADMIN)))
    parts = (
        ("cp", copies),
        ("cp + sync", synced),
        ("backup API alone (no sync)", snapshots),
        ("SHA-256 of the bytes alone", hashes),
        ("export", exports),
        ("export without identities (free text redacted; evidence stays home)", anonymous),
        ("import", imports),
    )
    for label, times in parts:
        print(f"{label}: " + ", ".join(f"{t:.2f}" for t in times) + " s")
    cp, cp_sync, export, imp = (statistics.median(x) for x in (copies, synced, exports, imports))
    print(
        f"cp {cp:.2f} s, cp + sync {cp_sync:.2f} s; export {export:.2f} s ({export / cp:.2f}x cp, "
        f"{export / cp_sync:.2f}x cp + sync); import into a new file {imp:.2f} s ({imp / export:.2f}x export); "
        f"median of {args.runs}"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
