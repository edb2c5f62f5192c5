"""The `document` and `recap` commands: the office's papers and workbooks from a script."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from .cli_parser import MONTH, QUARTER, YEAR, check_output
from .domain import catalog
from .domain.errors import DumasError

PAPERS = ("A4", "F4")


def add_parsers(sub: Any) -> None:
    document = sub.add_parser(
        "document",
        help="membuat dokumen sebuah pengaduan (PDF) di atas kop surat kantor",
        description=(
            "Dokumen pertama kali diterbitkan: diberi nomor dan disimpan di arsip berkas data. "
            "Permintaan berikutnya menghasilkan salinan bertanda SALINAN dari dokumen yang sama."
        ),
    )
    document.add_argument("--data", type=Path)
    document.add_argument("--case", metavar="NOMOR_AGENDA", help="nomor agenda, seperti di buku agenda")
    document.add_argument("--kind", metavar="JENIS", help="jenis dokumen (lihat --list-kinds)")
    document.add_argument("--office", metavar="KODE", help="kode kantor pengaduan itu (berkas provinsi)")
    document.add_argument("--out", type=Path, metavar="BERKAS.pdf")
    document.add_argument("--list-kinds", action="store_true", help="daftar jenis dokumen")
    document.add_argument("--list", action="store_true", help="dokumen yang tersedia untuk pengaduan --case")
    document.add_argument("--paper", choices=PAPERS, help="ukuran kertas (bawaan: pengaturan kantor)")
    document.add_argument("--recipient", metavar="NOMOR_UNDANGAN", help="satu surat undangan saja")
    document.add_argument("--reissue", action="store_true", help="menerbitkan ulang (menggantikan yang lama)")
    document.add_argument(
        "--receipts-of", metavar="TTTT-BB-HH", help="semua tanda terima pengaduan yang diterima pada tanggal itu"
    )

    recap = sub.add_parser("recap", help="rekapitulasi pengaduan (Excel) sebulan, setriwulan, atau setahun")
    recap.add_argument("--data", type=Path, required=True)
    recap.add_argument("--year", type=YEAR, required=True, metavar="TTTT")
    period = recap.add_mutually_exclusive_group()
    period.add_argument("--month", type=MONTH, help="bulan 1-12")
    period.add_argument("--quarter", type=QUARTER, help="triwulan 1-4")
    recap.add_argument("--out", type=Path, required=True, metavar="BERKAS.xlsx")
    recap.add_argument("--paper", choices=PAPERS, default=None, help="ukuran kertas cetak (bawaan: pengaturan kantor)")

    report = sub.add_parser(
        "report",
        help="laporan pengaduan (alur setiap pengaduan dan ringkasannya) sebulan, setriwulan, atau setahun",
        description="Laporan pengaduan: setiap pengaduan dengan nomor nota dinas, disposisi, jawaban bagian terkait, "
        "tanggapan Tim Penyelesaian, dan tindak lanjutnya, serta ringkasan. Excel (.xlsx) atau PDF (.pdf) menurut "
        "nama berkas --out.",
    )
    report.add_argument("--data", type=Path, required=True)
    report.add_argument("--year", type=YEAR, required=True, metavar="TTTT")
    report_period = report.add_mutually_exclusive_group()
    report_period.add_argument("--month", type=MONTH, help="bulan 1-12")
    report_period.add_argument("--quarter", type=QUARTER, help="triwulan 1-4")
    report.add_argument("--out", type=Path, required=True, metavar="LAPORAN.xlsx|LAPORAN.pdf")
    report.add_argument("--paper", choices=PAPERS, default=None, help="ukuran kertas cetak (bawaan: pengaturan kantor)")


def _open(path: Path | None, user: str, args: argparse.Namespace) -> Any:
    from .cli_signin import open_workspace

    return open_workspace(path, args, user)


def cmd_document(args: argparse.Namespace, user: str) -> int:
    from .documents import case_file_facts
    from .documents.kinds import KINDS, WORKBOOK_KINDS

    if args.list_kinds:
        for key, kind in KINDS.items():
            print(f"{key}\t{kind.title}")
        print(f"{case_file_facts.KIND}\t{case_file_facts.TITLE} \u2013 cetakan catatan, tanpa nomor")
        for key in WORKBOOK_KINDS:
            print(f"{key}\t{catalog.DOCUMENT_KINDS[key]} \u2013 dibuat dengan perintah recap")
        return 0
    from .cli import writing

    if args.data is None:
        raise DumasError("Sebutkan berkas data dengan --data BERKAS.")
    if not args.list:
        check_output(args.out, "BERKAS.pdf", args.data)  # before the paper is numbered and archived
    with writing(args.data, user):
        ws = _open(args.data, user, args)
        try:
            return _document(ws, args)
        finally:
            ws.db.close()


def _document(ws: Any, args: argparse.Namespace) -> int:
    from .services import documents
    from .services.files import write_bytes

    if args.receipts_of:
        try:
            day = date.fromisoformat(args.receipts_of)
        except ValueError:
            raise DumasError("Tanggal --receipts-of ditulis TTTT-BB-HH, misalnya 2026-02-23.") from None
        paper = documents.receipts_of_day(ws, day, args.paper)
        return _save(paper, args.out, write_bytes)
    if not args.case:
        raise DumasError("Sebutkan pengaduan dengan --case NOMOR_AGENDA.")
    case_id = documents.case_by_agenda(ws, args.case, args.office)
    if args.list:
        for offer in documents.offers(ws, case_id):
            state = (
                f"diterbitkan {offer.issued.issued_on:%d-%m-%Y} nomor {offer.issued.number}"
                if offer.issued
                else ("siap dibuat" if offer.ready else f"belum dapat: {offer.reason}")
            )
            if offer.earlier and offer.issued:
                state += (
                    " (diperbaiki, tidak berlaku)" if offer.issued.status == "diperbaiki" else " (catatan sebelumnya)"
                )
            if offer.addressee:
                target = f" untuk {offer.addressee} ({offer.recipient})"
            else:
                target = f" ({offer.recipient})" if offer.recipient else ""
            print(f"{offer.kind}{target}\t{offer.title}\t{state}")
        return 0
    if not args.kind:
        raise DumasError("Sebutkan jenis dokumen dengan --kind JENIS (daftarnya: --list-kinds).")
    if args.kind in ("rekapitulasi_pengaduan", "laporan_pengaduan"):
        command = "recap" if args.kind == "rekapitulasi_pengaduan" else "report"
        raise DumasError(f"{catalog.DOCUMENT_KINDS[args.kind]} dibuat dengan perintah: dumas-desktop {command} ...")
    if args.kind == "surat_undangan" and not args.recipient:
        paper = documents.invitations_of_hearing(ws, case_id, args.paper)
    else:
        paper = documents.issue(
            ws, case_id, args.kind, recipient=args.recipient or "", paper=args.paper, reissue=args.reissue
        )
    return _save(paper, args.out, write_bytes)


def _save(paper: Any, out: Path | None, write_bytes: Any) -> int:
    if out is None:
        raise DumasError("Sebutkan tempat menyimpan dengan --out BERKAS.pdf.")
    write_bytes(out, paper.pdf)
    mark = " (SALINAN dari arsip)" if paper.is_copy else ""
    number = f", nomor {paper.number}" if paper.number else ""
    print(f"{paper.title}{number}{mark} disimpan ke {out}.")
    if paper.note:
        # The command line's way to issue anew is --reissue.
        print(f"{paper.note} Perintahnya: tambahkan --reissue.")
    return 0


def cmd_recap(args: argparse.Namespace, user: str) -> int:
    from .reports.model import Period
    from .services import documents
    from .services.recap import write_recap

    period = Period(args.year, args.month, args.quarter)
    check_output(args.out, "BERKAS.xlsx", args.data)
    ws = _open(args.data, user, args)
    try:
        paper = args.paper or documents.default_paper(ws)
        data = write_recap(ws, period, args.out, paper=paper)
    finally:
        ws.db.close()
    print(
        f"Rekapitulasi {period.label}: {len(data.rows)} pengaduan, {len(data.late)} pengaduan pernah terlambat "
        f"di salah satu langkahnya, disimpan ke {args.out}.",
        file=sys.stdout,
    )
    return 0


def cmd_report(args: argparse.Namespace, user: str) -> int:
    from .domain.errors import DumasError
    from .reports.model import Period
    from .services import documents
    from .services.complaint_report import write_report

    period = Period(args.year, args.month, args.quarter)
    check_output(args.out, "laporan.xlsx", args.data)
    suffix = args.out.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise DumasError(
            f"Nama berkas --out harus berakhiran .xlsx (Excel) atau .pdf (cetak), bukan \u201c{suffix}\u201d."
        )
    ws = _open(args.data, user, args)
    try:
        paper = args.paper or documents.default_paper(ws)
        report = write_report(ws, period, args.out, paper=paper)
    finally:
        ws.db.close()
    print(f"Laporan pengaduan {period.label}: {len(report.recap.rows)} pengaduan, disimpan ke {args.out}.")
    return 0
