"""The `mail` command: the office mailbox from a script (set up, fetch, list, print)."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from .cli_parser import bounded_int, check_output, iso_date
from .cli_signin import add_options

PORT = bounded_int("Port", 1, 65535)
MINUTES = bounded_int("Selang", 0, 24 * 60)


def add_parsers(sub: Any) -> None:
    mail = sub.add_parser(
        "mail",
        help="kotak surel kantor: mengatur, mengambil, melihat, dan mencetak surel pengaduan",
        description="Surel diambil dari server IMAP kantor ke berkas data; kata sandinya disimpan di keyring sistem.",
    )
    actions = mail.add_subparsers(dest="mail_command", metavar="TINDAKAN", parser_class=type(mail))
    actions.required = True
    setup = actions.add_parser("setup", help="mengatur kotak surel kantor (administrator)")
    setup.add_argument("--data", type=Path, required=True)
    setup.add_argument("--host", required=True, metavar="SERVER", help="server IMAP, mis. imap.contoh.go.id")
    setup.add_argument("--port", type=PORT, metavar="PORT", help="bawaan: 993 (ssl) atau 143 (starttls, none)")
    setup.add_argument("--user", dest="mail_user", required=True, metavar="PENGGUNA", help="nama pengguna kotak surel")
    setup.add_argument(
        "--password-file", type=Path, required=True, metavar="BERKAS", help="berkas berisi kata sandi kotak surel"
    )
    setup.add_argument("--security", choices=("ssl", "starttls", "none"), default="ssl", help="bawaan: ssl")
    setup.add_argument("--folder", default="INBOX", metavar="FOLDER", help="bawaan: INBOX")
    setup.add_argument("--since", type=iso_date, metavar="TTTT-BB-HH", help="hanya surel sejak tanggal ini")
    setup.add_argument("--mark-read", action="store_true", help="menandai surel terbaca di server (tidak dihapus)")
    setup.add_argument("--every", type=MINUTES, default=0, metavar="MENIT", help="ambil otomatis tiap N menit")
    trust = setup.add_mutually_exclusive_group()
    trust.add_argument("--trust-sha256", metavar="SIDIK", help="sidik SHA-256 sertifikat server yang dipercaya")
    trust.add_argument("--trust-cert", type=Path, metavar="BERKAS.pem", help="sertifikat server yang dipercaya")
    # Here --user is the mailbox's user (the public contract); who signs in is named
    # before the command: dumas-desktop --user admin --user-password-file P mail setup ...
    setup.add_argument(
        "--user-password-file",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="BERKAS",
        help="kata sandi pengguna program",
    )

    fetch = actions.add_parser("fetch", help="mengambil surel baru dari server")
    fetch.add_argument("--data", type=Path, required=True)
    listing = actions.add_parser("list", help="surel yang belum ditangani (satu baris per surel)")
    listing.add_argument("--data", type=Path, required=True)
    listing.add_argument("--all", action="store_true", help="semua surel, juga yang sudah ditangani")
    printing = actions.add_parser("print", help="mencetak surel ke PDF (untuk berkas pengaduan)")
    printing.add_argument("--data", type=Path, required=True)
    printing.add_argument("--message", type=bounded_int("Nomor surel", 1, 2**62), required=True, metavar="ID")
    printing.add_argument("--out", type=Path, required=True, metavar="BERKAS.pdf")
    printing.add_argument("--paper", choices=("A4", "F4"), help="ukuran kertas (bawaan: pengaturan kantor)")
    for leaf in (fetch, listing, printing):
        add_options(leaf, suppress=True)


def _open(args: argparse.Namespace, user: str) -> Any:
    from .cli_signin import open_workspace

    return open_workspace(args.data, args, user)


def cmd_mail(args: argparse.Namespace, user: str) -> int:
    from .cli import writing

    command = args.mail_command
    if command == "list":
        return _list(args, user)
    if command == "print":
        check_output(args.out, "BERKAS.pdf", args.data)
    with writing(args.data, user):
        ws = _open(args, user)
        try:
            if command == "setup":
                return _setup(ws, args)
            if command == "fetch":
                return _fetch(ws)
            return _print(ws, args)
        finally:
            ws.db.close()


def _setup(ws: Any, args: argparse.Namespace) -> int:
    from .cli_signin import password_from_file
    from .domain.textfiles import read_user_text
    from .services import mail_settings
    from .services.mail_settings import DEFAULT_PORTS, MailboxSettings

    password = password_from_file(args.password_file, "Berkas kata sandi kotak surel")
    pin = args.trust_sha256 or ""
    if args.trust_cert is not None:
        pin = mail_settings.fingerprint_of_pem(read_user_text(args.trust_cert, "Berkas sertifikat"))
    settings = MailboxSettings(
        host=args.host,
        port=args.port or DEFAULT_PORTS[args.security],
        security=args.security,
        user=args.mail_user,
        folder=args.folder,
        mark_read=args.mark_read,
        since=args.since,
        interval_minutes=args.every,
        trusted_sha256=pin,
    )
    saved = mail_settings.save(ws, settings, password)
    print(f"Kotak surel {saved.account} ({mail_settings.SECURITIES[saved.security]}, folder {saved.folder}) diatur.")
    if saved.security == "none":
        print(f"Peringatan: {mail_settings.PLAIN_WARNING}")
    return 0


def _fetch(ws: Any) -> int:
    """Ctrl+C stops the fetch after the batch being stored, as Batal does in the window, and
    says how many were kept; a second Ctrl+C stops at once (what was stored stays)."""
    from .services.cancelling import CancelToken
    from .services.mail_fetch import fetch

    token = CancelToken()

    def stop(_signum: int, _frame: object) -> None:
        if token.cancelled:
            raise KeyboardInterrupt
        token.cancel()
        print(
            "Menghentikan pengambilan surel setelah potongan yang sedang disimpan "
            "(Ctrl+C sekali lagi untuk berhenti segera)…",
            file=sys.stderr,
            flush=True,
        )

    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, stop) if in_main_thread else None
    try:
        result = fetch(ws, cancel=token)
    finally:
        if in_main_thread:
            signal.signal(signal.SIGINT, previous)
    print(result.summary())
    for line in result.refused:
        print(f"  {line}")
    return 130 if result.cancelled else 0


def _list(args: argparse.Namespace, user: str) -> int:
    from .services.mailbox import list_messages

    ws = _open(args, user)
    try:
        rows = list_messages(ws, everything=args.all)
    finally:
        ws.db.close()
    for row in rows:
        subject = row.subject or "(tanpa perihal)"
        print(f"{row.id}\t{row.received_at:%d-%m-%Y %H:%M}\t{row.sender}\t{subject}\t{row.state_label}")
    if not rows:
        print("Tidak ada surel yang belum ditangani." if not args.all else "Belum ada surel yang diambil.")
    return 0


def _print(ws: Any, args: argparse.Namespace) -> int:
    from .services.files import write_bytes
    from .services.mail_print import print_message

    paper = print_message(ws, args.message, args.paper)
    write_bytes(args.out, paper.pdf)
    number = f", nomor {paper.number}" if paper.number else " (belum dicatat: tanpa nomor)"
    mark = " (SALINAN dari arsip)" if paper.is_copy else ""
    print(f"{paper.title}{number}{mark} disimpan ke {args.out}.")
    return 0


COMMANDS = {"mail": cmd_mail}
