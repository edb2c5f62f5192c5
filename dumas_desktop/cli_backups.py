"""The `backup` and `restore` commands."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_parsers(sub: Any) -> None:
    backup = sub.add_parser("backup", help="membuat cadangan berkas data (diperiksa setelah ditulis)")
    backup.add_argument("--data", type=Path, required=True)
    backup.add_argument("--out", type=Path, help="berkas cadangan (bawaan: folder cadangan di sebelah berkas data)")
    backup.add_argument("--list", action="store_true", help="daftar cadangan yang ada")
    backup.add_argument("--thin", action="store_true", help="menjarangkan cadangan lama menurut aturan simpan")

    restore = sub.add_parser("restore", help="memulihkan berkas data dari cadangan (berkas sekarang disimpan dulu)")
    restore.add_argument("--data", type=Path, required=True)
    restore.add_argument("--from", dest="source", type=Path, required=True, metavar="CADANGAN")


def _describe(info: Any) -> str:
    cases = "tidak terbaca" if info.cases is None else f"{info.cases} pengaduan"
    return f"{info.path}\t{info.made_at:%d-%m-%Y %H:%M}\t{info.size_bytes / 2**20:.1f} MB\t{cases}\t{info.kind}"


def cmd_backup(args: argparse.Namespace, user: str) -> int:
    from .storage import backups

    if args.list:
        for info in backups.list_backups(args.data):
            print(_describe(info))
        return 0
    if args.thin:
        removed = backups.thin(args.data)
        print(f"{len(removed)} cadangan lama dihapus menurut aturan simpan.")
        return 0
    info = backups.make_backup(args.data, args.out)
    print(f"Cadangan dibuat dan diperiksa: {info.path} ({info.cases} pengaduan).")
    if args.out is None:
        backups.thin(args.data)
    return 0


def cmd_restore(args: argparse.Namespace, user: str) -> int:
    from .cli import writing
    from .storage import backups

    with writing(args.data, user):
        aside = backups.restore(args.data, args.source)
    if aside is None:
        print(f"Berkas data {args.data} dipulihkan dari {args.source}.")
    else:
        print(f"Berkas data {args.data} dipulihkan dari {args.source}; berkas sebelumnya disimpan di {aside}.")
    return 0
