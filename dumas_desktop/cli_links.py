"""The `similar`, `link` and `unlink` commands: complaints that may be the same one arriving
again, recording one as related to, or a duplicate of, another, and removing such a link."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, time
from pathlib import Path
from typing import Any

from .cli_parser import bounded_int, iso_date

WINDOW = bounded_int("Rentang hari", 1, 3660)
SCORE = bounded_int("Skor kemiripan", 0, 100)
SHOWN = bounded_int("Jumlah kandidat", 1, 100)


def add_parsers(sub: Any) -> None:
    similar = sub.add_parser("similar", help="mencari pengaduan serupa (kemungkinan duplikat) dengan sebuah pengaduan")
    similar.add_argument("--data", type=Path, required=True)
    what = similar.add_mutually_exclusive_group(required=True)
    what.add_argument("--case", metavar="NOMOR", help="nomor agenda pengaduan yang sudah tercatat")
    what.add_argument("--subject", metavar="TEKS", help="pokok pengaduan yang akan dicatat")
    similar.add_argument("--description", default="", metavar="TEKS", help="uraian pengaduan (dengan --subject)")
    similar.add_argument("--respondent", action="append", default=[], metavar="NAMA", help="nama terlapor")
    similar.add_argument("--place", default="", metavar="TEMPAT", help="tempat kejadian (dengan --subject)")
    similar.add_argument(
        "--on",
        type=iso_date,
        metavar="TTTT-BB-HH",
        help="tanggal pengaduan diterima (dengan --subject; bawaan hari ini)",
    )
    similar.add_argument("--window", type=WINDOW, default=90, metavar="HARI", help="rentang hari (bawaan 90)")
    similar.add_argument("--min", type=SCORE, default=60, metavar="SKOR", help="skor paling rendah (bawaan 60)")
    similar.add_argument("--limit", type=SHOWN, default=8, metavar="N", help="paling banyak sekian (bawaan 8)")

    link = sub.add_parser("link", help="menautkan pengaduan dengan pengaduan lain (terkait atau duplikat)")
    link.add_argument("--data", type=Path, required=True)
    link.add_argument("--case", required=True, metavar="NOMOR", help="nomor agenda pengaduan yang ditautkan")
    link.add_argument("--to", required=True, metavar="NOMOR", help="nomor agenda pengaduan yang dituju")
    link.add_argument("--kind", required=True, choices=("terkait", "duplikat"), help="terkait dengan / duplikat dari")
    link.add_argument("--note", default="", metavar="TEKS", help="keterangan")

    unlink = sub.add_parser("unlink", help="menghapus tautan antara dua pengaduan (dengan alasannya)")
    unlink.add_argument("--data", type=Path, required=True)
    unlink.add_argument("--case", required=True, metavar="NOMOR", help="nomor agenda salah satu pengaduan")
    unlink.add_argument("--from", dest="other", required=True, metavar="NOMOR", help="nomor agenda pengaduan tautannya")
    unlink.add_argument("--reason", required=True, metavar="TEKS", help="alasan tautan dihapus")


def cmd_similar(args: argparse.Namespace, user: str) -> int:
    from .cli_signin import open_workspace
    from .domain import catalog
    from .services import similar
    from .services.workflow import find_case_id

    ws = open_workspace(args.data, args, user)
    try:
        if args.case is not None:
            with ws.db.read() as session:
                case_id = find_case_id(session, args.case)
            probe = similar.probe_of_case(ws, case_id)
        else:
            probe = similar.Probe(
                subject=args.subject,
                description=args.description,
                respondents=tuple(args.respondent),
                place=args.place,
                received_at=datetime.combine(args.on, time(12)) if args.on else None,
            )
        found = similar.find(ws, probe, window_days=args.window, limit=args.limit, min_score=args.min)
    finally:
        ws.db.close()
    for c in found:
        status = catalog.STATUSES.get(c.status, c.status)
        reasons = ", ".join(c.reasons) or "-"
        print(f"{c.agenda_number}\t{c.score:.0f}\t{c.received_at:%d-%m-%Y}\t{status}\t{c.subject}\t{reasons}")
    print(f"{len(found)} pengaduan serupa.", file=sys.stderr)
    return 0


def cmd_link(args: argparse.Namespace, user: str) -> int:
    from .cli_signin import open_workspace
    from .services import links

    ws = open_workspace(args.data, args, user)
    try:
        links.link_by_number(ws, args.case, args.to, args.kind, args.note)
    finally:
        ws.db.close()
    label = links.KINDS[args.kind].lower()
    print(f"{args.case.strip()} dicatat {label} {args.to.strip()}.")
    if args.kind == "duplikat":
        print("Pengaduan ini dapat ditutup lebih awal sebagai duplikat di jendela program (Tutup sebagai duplikat).")
    return 0


def cmd_unlink(args: argparse.Namespace, user: str) -> int:
    from .cli_signin import open_workspace
    from .services import links

    ws = open_workspace(args.data, args, user)
    try:
        links.unlink_by_number(ws, args.case, args.other, args.reason)
    finally:
        ws.db.close()
    print(f"Tautan antara {args.case.strip()} dan {args.other.strip()} dihapus.")
    return 0


COMMANDS = {"similar": cmd_similar, "link": cmd_link, "unlink": cmd_unlink}
