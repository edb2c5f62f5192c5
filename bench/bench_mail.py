"""Fetching the office mailbox: 1,000 new messages (10% with a 1 MB attachment) from a local
Dovecot into a fresh data file, against a plain imaplib script downloading the same
messages raw, side by side (target: at most 2x).

    python bench/bench_mail.py [--messages 1000] [--runs 3]

Linux with dovecot-imapd installed (the server of tests/imap_server.py). The plain script
fetches the same UIDs in the same batches (BODY.PEEK[]), into memory or saving each as an
.eml file. The program also reads each message (MIME, text, attachment list) and stores it
once in the data file (SQLite, synchronous=FULL), a transaction per batch. Its download and
its reading overlap (the next batch comes while the last is stored), so there is no
separate download phase any more: "stored" is when the last batch was committed (the
progress callback says all are done), "whole" is when fetch() returned, logged out.
The runs alternate, so all three see the same machine; the load average is printed.
Before the .eml script and before the program the page cache is written out (`os.sync`,
outside the timing), unless `--no-settle`: else the program's first fsync also writes the
script's 137 MiB, which the script itself never waited for. The files of every run are
kept until the end (the disk may discard deleted blocks while the next run writes).
"""

from __future__ import annotations

import argparse
import imaplib
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).parent))

import keyring
from bench_case_file import cpu_name

from dumas_desktop.services import mail_settings
from dumas_desktop.services.context import Workspace
from dumas_desktop.services.mail_fetch import BATCH_COUNT, fetch
from dumas_desktop.services.mail_settings import MailboxSettings
from dumas_desktop.services.office import OfficeInput, initialize_office
from dumas_desktop.storage.database import create_database
from tests.imap_server import Dovecot
from tests.mail_samples import complaint_mail
from tests.memory_keyring import MemoryKeyring


def load_average() -> str:
    """The machine's one-minute load: the figures are noisy on a shared machine, and say so."""
    loadavg = Path("/proc/loadavg")
    return loadavg.read_text(encoding="ascii").split()[0] if loadavg.exists() else "?"


def settle() -> None:
    """Outside the timing: write out what the last side left in the page cache. The plain
    script never syncs its .eml files, and the program's first fsync would otherwise wait
    for the script's 137 MiB as well as its own (ext4 orders a journal commit after the data
    written before it)."""
    if hasattr(os, "sync"):
        os.sync()


def fill(server: Dovecot, user: str, count: int) -> int:
    start = datetime(2026, 11, 1, 8, 0)
    total = 0
    for i in range(count):
        when = start + timedelta(minutes=i)
        attachments: tuple[tuple[str, bytes, str], ...] = ()
        if i % 10 == 0:
            attachments = (("pindaian.pdf", os.urandom(2**20), "application/pdf"),)
        raw = complaint_mail(when, subject=f"Pengaduan nomor {i}", attachments=attachments)
        total += len(raw)
        server.deliver(user, raw, when)
    return total


def plain_imaplib(server: Dovecot, user: str, password: str, keep: Path | None = None) -> tuple[float, float]:
    """The raw messages into memory, or (with `keep`) each saved as an .eml file: (wall, CPU) seconds."""
    cpu = time.process_time()
    started = time.perf_counter()
    imap = imaplib.IMAP4("127.0.0.1", server.port)
    imap.login(user, password)
    imap.select("INBOX", readonly=True)
    _typ, data = imap.uid("SEARCH", "ALL")
    uids = data[0].split()
    got = 0
    for i in range(0, len(uids), BATCH_COUNT):
        _typ, items = imap.uid("FETCH", b",".join(uids[i : i + BATCH_COUNT]).decode(), "(BODY.PEEK[])")
        for item in items:
            if isinstance(item, tuple):
                got += len(item[1])
                if keep is not None:
                    (keep / f"{got}.eml").write_bytes(item[1])
    imap.logout()
    assert got > 0
    return time.perf_counter() - started, time.process_time() - cpu


def program(
    server: Dovecot, user: str, password: str, folder: Path, run: int, count: int
) -> tuple[float, float, float]:
    """(until the last batch was stored; until fetch() returned; CPU seconds of all threads)."""
    db = create_database(folder / f"kantor-{run}.dumas")
    ws = Workspace(db, actor="bench")
    initialize_office(ws, OfficeInput(name="KPU Kabupaten Bench", office_code="6103", sop="sanggau-2026", city="X"))
    mail_settings.save(ws, MailboxSettings(host="127.0.0.1", port=server.port, security="none", user=user), password)
    try:
        cpu = time.process_time()
        started = time.perf_counter()
        downloaded: list[float] = []

        def progress(done: int, total: int) -> None:
            if done == total:
                downloaded.append(time.perf_counter() - started)

        result = fetch(ws, progress)
        elapsed = time.perf_counter() - started
        assert result.new == count, result
        return downloaded[-1], elapsed, time.process_time() - cpu
    finally:
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="where the .eml files and the data files are written (default: beside the server's "
        "Maildir); /dev/shm takes the disk out of both sides",
    )
    parser.add_argument(
        "--no-settle",
        dest="settle",
        action="store_false",
        help="do not write out the .eml script's files before the program runs",
    )
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    folder = Path(tempfile.mkdtemp(prefix="dumas-bench-mail-"))
    folder.chmod(0o755)
    server = Dovecot(folder)
    server.start()
    try:
        user, password = server.mailbox()
        size = fill(server, user, args.messages)
        plain_imaplib(server, user, password)  # warm: the server indexes the new Maildir once
        plain, saved, ours, online = [], [], [], []
        cpu: dict[str, list[float]] = {"plain": [], "saved": [], "ours": []}
        before = load_average()
        written = Path(tempfile.mkdtemp(prefix="dumas-bench-mail-out-", dir=args.dir))
        for run in range(args.runs):  # alternated, so all see the same machine
            wall, used = plain_imaplib(server, user, password)
            plain.append(wall)
            cpu["plain"].append(used)
            keep = written / f"eml-{run}"
            keep.mkdir()
            if args.settle:
                settle()
            wall, used = plain_imaplib(server, user, password, keep)
            saved.append(wall)
            cpu["saved"].append(used)
            if args.settle:
                settle()
            download, whole, used = program(server, user, password, written, run, args.messages)
            online.append(download)
            ours.append(whole)
            cpu["ours"].append(used)
            # What each run wrote stays until the end: deleting it would leave the disk
            # discarding its blocks while the next run writes.
        shutil.rmtree(written, ignore_errors=True)
        p, s, o = statistics.median(plain), statistics.median(saved), statistics.median(ours)
        d = statistics.median(online)
        print(f"{args.messages} surel, {size / 2**20:.0f} MiB, {cpu_name()}, {os.cpu_count()} inti, "
              f"Python {platform.python_version()}, {datetime.now():%d-%m-%Y %H.%M}")  # fmt: skip
        print(
            f"beban rata-rata (1 menit) sebelum {before}, sesudah {load_average()}; ditulis ke {args.dir or 'disk'}; "
            f"{'os.sync() sebelum program' if args.settle else 'tanpa os.sync()'}"
        )

        def line(label: str, median: float, values: list[float]) -> None:
            print(f"{label}: median {median:.2f} s ({', '.join(f'{v:.2f}' for v in values)})")

        line("imaplib polos ke memori", p, plain)
        line("imaplib polos, tiap surel disimpan sebagai .eml", s, saved)
        line("program, sampai potongan terakhir tersimpan (dibaca: teks, daftar lampiran)", d, online)
        line("program, seluruhnya (fetch() selesai, sambungan ditutup)", o, ours)
        print(f"tersimpan: {d / p:.2f}x imaplib ke memori, {d / s:.2f}x imaplib ke .eml (target <= 2x)")
        print(f"seluruhnya: {o / p:.2f}x imaplib ke memori, {o / s:.2f}x imaplib ke .eml (target <= 2x)")
        # CPU seconds of this process (all its threads; Dovecot's are its own): less moved by
        # the other work on a shared machine than the wall clock is.
        line("CPU imaplib polos ke memori", statistics.median(cpu["plain"]), cpu["plain"])
        line("CPU imaplib polos ke .eml", statistics.median(cpu["saved"]), cpu["saved"])
        line("CPU program seluruhnya", statistics.median(cpu["ours"]), cpu["ours"])
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
