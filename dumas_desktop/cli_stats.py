"""The `stats` command: the period's statistics as text, as a CSV for a spreadsheet, or as
the statistics paper (PDF) for the head of office and the report to KPU RI."""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path
from typing import Any

from .cli_parser import MONTH, QUARTER, YEAR, check_output, iso_date


def add_parsers(sub: Any) -> None:
    stats = sub.add_parser(
        "stats", help="statistik pengaduan sebulan, setriwulan, setahun, atau rentang tanggal (teks, CSV, atau PDF)"
    )
    stats.add_argument("--data", type=Path, required=True)
    stats.add_argument("--year", type=YEAR, metavar="TTTT", help="tahun (atau --from dan --to)")
    stats.add_argument("--from", dest="first", type=iso_date, metavar="TTTT-BB-HH", help="rentang: dari tanggal ini")
    stats.add_argument("--to", dest="last", type=iso_date, metavar="TTTT-BB-HH", help="rentang: sampai tanggal ini")
    period = stats.add_mutually_exclusive_group()
    period.add_argument("--month", type=MONTH, metavar="B", help="bulan 1-12")
    period.add_argument("--quarter", type=QUARTER, metavar="T", help="triwulan 1-4")
    stats.add_argument("--office", metavar="KODE", help="kantor lain di berkas provinsi (bawaan: kantor sendiri)")
    out = stats.add_mutually_exclusive_group()
    out.add_argument("--out", type=Path, metavar="LAPORAN.pdf", help="laporan statistik (PDF, di atas kop surat)")
    out.add_argument("--csv", type=Path, metavar="BERKAS.csv", help="semua angka sebagai CSV")
    stats.add_argument("--paper", choices=("A4", "F4"), default=None, help="ukuran kertas (bawaan: pengaturan kantor)")


def _text(figures: Any) -> str:
    lines = [f"Statistik pengaduan {figures.period.label}: {figures.total} pengaduan"]
    for _key, name, rows in figures.sections():
        lines.append("")
        lines.append(name)
        lines += [f"  {label}\t{count}" for label, count in rows] or ["  -"]
    lines += ["", "Per bulan (diterima)"]
    lines += [f"  {label}\t{sum(counts.values())}" for label, counts in figures.by_month]
    lines += ["", "Langkah SOP\twaktu baku\tselesai\ttepat waktu\trata-rata hari kerja\tterlama"]
    for step in figures.steps:
        share = "-" if step.on_time_share is None else f"{100 * step.on_time_share:.0f}%"
        average = "-" if step.average_days is None else f"{step.average_days:.1f}"
        slowest = "-" if step.slowest_days is None else str(step.slowest_days)
        lines.append(f"  {step.step}\t{step.standard}\t{step.finished}\t{share}\t{average}\t{slowest}")
    return "\n".join(lines)


def _period(args: argparse.Namespace, period_type: Any) -> Any:
    """--year [--month | --quarter], or --from and --to (a range of days)."""
    from .domain.errors import DumasError

    if args.first is not None or args.last is not None:
        if args.year is not None or args.month is not None or args.quarter is not None:
            raise DumasError("Pilih --year (dengan --month atau --quarter), atau --from dan --to; tidak keduanya.")
        if args.first is None or args.last is None:
            raise DumasError("Rentang tanggal perlu --from dan --to.")
        return period_type.days(args.first, args.last)
    if args.year is None:
        raise DumasError("Sebutkan periodenya: --year TTTT (dengan --month atau --quarter), atau --from dan --to.")
    return period_type(args.year, args.month, args.quarter)


def cmd_stats(args: argparse.Namespace, user: str) -> int:
    from .cli_signin import open_workspace
    from .reports.model import Period
    from .services import documents
    from .services.files import write_bytes
    from .services.statistics import as_rows, statistics, stats_paper

    period = _period(args, Period)
    target = args.out or args.csv
    if target is not None:
        check_output(target, "LAPORAN.pdf" if args.out else "BERKAS.csv", args.data)
    ws = open_workspace(args.data, args, user)
    try:
        if args.out:
            paper = stats_paper(ws, period, args.paper or documents.default_paper(ws), args.office)
            write_bytes(args.out, paper.pdf)
            print(f"Statistik {period.label} disimpan ke {args.out}.")
            return 0
        figures = statistics(ws, period, args.office)
    finally:
        ws.db.close()
    if args.csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")  # Excel in an Indonesian locale reads ';'
        writer.writerow(["bagian", "label", "seri", "nilai"])
        writer.writerows(as_rows(figures))
        # With a BOM, so Excel on Windows reads the names in UTF-8.
        write_bytes(args.csv, buffer.getvalue().encode("utf-8-sig"))
        print(f"Statistik {period.label} disimpan ke {args.csv}.")
        return 0
    print(_text(figures))
    return 0


COMMANDS = {"stats": cmd_stats}
