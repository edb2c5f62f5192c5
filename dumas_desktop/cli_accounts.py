"""The `users` and `audit` commands: accounts and roles, and the record of who did what."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .cli_parser import LIMIT, check_output, iso_date
from .domain.errors import DumasError


def add_parsers(sub: Any) -> None:
    users = sub.add_parser("users", help="pengguna dan perannya (administrator)")
    users.add_argument("--data", type=Path, required=True)
    action = users.add_mutually_exclusive_group(required=True)
    action.add_argument("--list", action="store_true", help="daftar pengguna dan perannya")
    action.add_argument("--roles-available", action="store_true", help="peran menurut profil SOP kantor")
    action.add_argument("--add", metavar="NAMA_PENGGUNA", help="menambah pengguna (dengan --full-name, --roles)")
    action.add_argument("--set", metavar="NAMA_PENGGUNA", help="mengubah nama lengkap dan/atau peran pengguna")
    action.add_argument("--reset-password", metavar="NAMA_PENGGUNA", help="mengatur ulang kata sandi")
    action.add_argument("--deactivate", metavar="NAMA_PENGGUNA", help="menonaktifkan pengguna")
    action.add_argument("--activate", metavar="NAMA_PENGGUNA", help="mengaktifkan kembali pengguna")
    users.add_argument("--full-name", default=None, help="nama lengkap")
    users.add_argument("--roles", default=None, help="peran, dipisah koma (lihat --roles-available)")
    users.add_argument(
        "--new-password-file", type=Path, metavar="BERKAS", help="berkas berisi kata sandi pengguna yang ditambah"
    )
    users.add_argument(
        "--inactive",
        action="store_true",
        help="dengan --add: akun disiapkan tetapi belum dapat masuk sampai diaktifkan (--activate)",
    )

    audit = sub.add_parser("audit", help="jejak audit: siapa melakukan apa dan kapan (dapat disimpan ke Excel)")
    audit.add_argument("--data", type=Path, required=True)
    audit.add_argument("--case", metavar="NOMOR_AGENDA", default="")
    audit.add_argument("--by", metavar="PENGGUNA", default="", help="nama atau nama pengguna pelaku")
    audit.add_argument("--action", default="", help="jenis tindakan, mis. langkah_selesai")
    audit.add_argument("--since", type=iso_date, metavar="TTTT-BB-HH")
    audit.add_argument("--until", type=iso_date, metavar="TTTT-BB-HH")
    audit.add_argument("--limit", type=LIMIT, default=200, help="paling banyak sekian entri terbaru (bawaan 200)")
    audit.add_argument("--out", type=Path, metavar="BERKAS.xlsx", help="menyimpan entri ke Excel")


def _new_password(args: argparse.Namespace) -> str:
    from .cli_signin import password_from_file

    if args.new_password_file is None:
        raise DumasError("Sebutkan kata sandi pengguna itu dengan --new-password-file BERKAS.")
    return password_from_file(args.new_password_file)


def first_admin_password(args: argparse.Namespace) -> str | None:
    """`init` and `server init`: the first administrator's password (--admin with
    --admin-password-file), checked with the name before anything is made; None without --admin."""
    if not args.admin:
        return None
    if args.admin_password_file is None:
        raise DumasError("Sebutkan kata sandi administrator dengan --admin-password-file BERKAS.")
    args.new_password_file = args.admin_password_file
    password = _new_password(args)
    from .services.accounts import check_new_account

    check_new_account(args.admin, args.admin_name or args.admin, password)
    return password


def _roles(args: argparse.Namespace) -> list[str]:
    return [r.strip() for r in (args.roles or "").split(",") if r.strip()]


def cmd_users(args: argparse.Namespace, user: str) -> int:
    from .cli import writing
    from .cli_signin import open_workspace
    from .domain.access import roles_of
    from .services import accounts

    with writing(args.data, user):
        ws = open_workspace(args.data, args, user)
        try:
            users = {u.username: u for u in accounts.list_users(ws)}

            def find(name: str) -> accounts.UserView:
                found = users.get(name.strip().lower())
                if found is None:
                    raise DumasError(f"Pengguna \u201c{name}\u201d tidak ada.")
                return found

            if args.list or args.roles_available:
                with ws.db.read() as session:
                    labels = roles_of(ws.home_profile(session))
                if args.roles_available:
                    for key, label in labels.items():
                        print(f"{key}\t{label}")
                    return 0
                ws.access.require_admin("Melihat daftar pengguna")
                for u in users.values():
                    roles = ", ".join(labels.get(r, r) for r in u.roles)
                    print(f"{u.username}\t{u.full_name}\t{roles}\t{'aktif' if u.active else 'nonaktif'}")
                return 0
            if args.inactive and not args.add:
                raise DumasError("--inactive hanya berlaku bersama --add.")
            if args.add:
                password = _new_password(args)
                accounts.add_user(ws, args.add, args.full_name or "", password, _roles(args), active=not args.inactive)
                state = " (nonaktif sampai diaktifkan dengan --activate)" if args.inactive else ""
                print(f"Pengguna {args.add} ditambahkan{state}.")
            elif args.set:
                found = find(args.set)
                chosen = _roles(args) or list(found.roles)
                accounts.update_user(ws, found.id, args.full_name or found.full_name, chosen, found.active)
                print(f"Pengguna {found.username} diubah.")
            elif args.reset_password:
                found = find(args.reset_password)
                accounts.reset_password(ws, found.id, _new_password(args))
                print(f"Kata sandi {found.username} diatur ulang.")
            else:
                name = args.deactivate or args.activate
                found = find(name)
                accounts.update_user(ws, found.id, found.full_name, list(found.roles), bool(args.activate))
                print(f"Pengguna {found.username} {'diaktifkan' if args.activate else 'dinonaktifkan'}.")
            return 0
        finally:
            ws.db.close()


def cmd_audit(args: argparse.Namespace, user: str) -> int:
    from .cli_signin import open_workspace
    from .services import audit_log

    if args.out is not None:
        check_output(args.out, "BERKAS.xlsx", args.data)
    ws = open_workspace(args.data, args, user)
    try:
        wanted = audit_log.AuditFilter(args.case, args.by, args.action, args.since, args.until)
        rows = audit_log.entries(ws, wanted, limit=max(1, args.limit))
        if args.out:
            audit_log.write_xlsx(rows, args.out, f"Jejak audit {args.data.name}")
            print(f"{len(rows)} entri jejak audit disimpan ke {args.out}.")
            return 0
        for row in rows:
            print(
                f"{row.id}\t{row.at:%d-%m-%Y %H:%M:%S}\t{row.actor}\t{row.action}\t"
                f"{row.agenda_number or '-'}\t{row.details}"
            )
        return 0
    finally:
        ws.db.close()


COMMANDS = {"users": cmd_users, "audit": cmd_audit}
