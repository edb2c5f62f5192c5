"""The `server` commands, for office IT staff: `server init` makes an empty PostgreSQL
database the office's data (schema, the program's limited role, office, first
administrator); `server migrate-from` moves a single-PC office's file onto it; `server
upgrade` brings it to a newer program's schema after a backup."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .domain import catalog
from .domain.errors import DumasError


def add_parsers(sub: Any, profiles: list[str]) -> None:
    from . import cli_signin

    server = sub.add_parser(
        "server", help="server PostgreSQL kantor: menyiapkan, memindahkan berkas data ke sana, memperbarui susunannya"
    )
    actions = server.add_subparsers(dest="server_command", metavar="TINDAKAN", title="tindakan", required=True)

    init = actions.add_parser("init", help="menyiapkan basis data kosong di server sebagai data kantor")
    _server_options(init)
    init.add_argument("--office", required=True, help="nama kantor")
    init.add_argument("--office-code", required=True, help="kode kantor, mis. 6103")
    init.add_argument("--sop", required=True, choices=profiles, help="profil SOP yang dipakai")
    init.add_argument("--level", choices=list(catalog.OFFICE_LEVELS), help="tingkat kantor (bawaan: dari profil SOP)")
    init.add_argument("--city", default="", help="kota tempat surat ditandatangani")
    init.add_argument("--address", default="")
    init.add_argument("--admin", metavar="NAMA_PENGGUNA", help="membuat administrator pertama")
    init.add_argument("--admin-name", default="", help="nama lengkap administrator pertama")
    init.add_argument("--admin-password-file", type=Path, metavar="BERKAS", help="kata sandi administrator pertama")

    move = actions.add_parser("migrate-from", help="memindahkan seluruh isi berkas data ke basis data kosong di server")
    _server_options(move)
    move.add_argument("--from", dest="source", type=Path, required=True, metavar="BERKAS.dumas", help="berkas data")
    upgrade = actions.add_parser(
        "upgrade", help="memperbarui susunan basis data server ke versi program ini (cadangan dibuat lebih dulu)"
    )
    _server_options(upgrade)
    upgrade.add_argument(
        "--out",
        type=Path,
        metavar="BERKAS.dumas",
        help="cadangan isi server sebelum pembaruan (bawaan: NAMA-sebelum-pembaruan-SKEMA-WAKTU.dumas di folder ini)",
    )
    for parser in (init, move):
        cli_signin.add_options(parser, suppress=True)


def _server_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        type=Path,
        required=True,
        help="postgresql://PEMILIK@HOST[:PORT]/BASISDATA: basis data kosong, sebagai pemiliknya",
    )
    program_role_options(parser)


def program_role_options(parser: argparse.ArgumentParser) -> None:
    """The program's role on a server being set up (also `demo` onto a server)."""
    parser.add_argument(
        "--program-role",
        default=None,
        metavar="PERAN",
        help="peran basis data yang dipakai program di setiap PC (bawaan dumas_program)",
    )
    parser.add_argument(
        "--program-password-file",
        type=Path,
        metavar="BERKAS",
        help="kata sandi peran program (bila tidak: diatur sendiri oleh petugas TI, atau pg_hba trust/peer)",
    )


def _address(args: argparse.Namespace) -> Any:
    from .storage.server import ServerAddress

    if not isinstance(args.data, ServerAddress):
        raise DumasError("--data untuk perintah server adalah alamat postgresql://PEMILIK@HOST[:PORT]/BASISDATA.")
    return args.data


def _role_options(args: argparse.Namespace) -> dict[str, Any]:
    from .cli_signin import password_from_file
    from .storage.server import PROGRAM_ROLE

    role = args.program_role or PROGRAM_ROLE
    if not role.replace("_", "").isalnum() or not role[0].isalpha() or len(role) > 60:
        raise DumasError("Nama peran program hanya huruf, angka, dan garis bawah, diawali huruf.")
    password = None
    if args.program_password_file is not None:
        password = password_from_file(args.program_password_file, "Berkas kata sandi peran program")
    return {"program_role": role, "program_password": password}


def _ready(ready: Any) -> None:
    print(f"Peran program: {ready.program_role} (hanya menambah jejak audit, tanpa mengubah susunan).")
    print(f"Setiap PC kantor membuka: dumas-desktop --data {ready.program_address}")


def cmd_init(args: argparse.Namespace, user: str) -> int:
    from . import cli_accounts
    from .cli_signin import ask_server_password
    from .services.context import Workspace
    from .services.office import OfficeInput, initialize_office, validate_office
    from .services.server_setup import init_server
    from .storage.database import Database

    address = _address(args)
    data = OfficeInput(
        name=args.office,
        office_code=args.office_code,
        sop=args.sop,
        level=args.level,
        city=args.city,
        address=args.address,
    )
    validate_office(data)
    roles = _role_options(args)
    admin_password = cli_accounts.first_admin_password(args)

    def set_up(db: Database) -> None:
        from .services.accounts import create_first_admin

        initialize_office(Workspace(db, actor=user), data)
        if args.admin and admin_password is not None:
            create_first_admin(db, args.admin, args.admin_name or args.admin, admin_password)

    ready = init_server(address, set_up, ask_password=ask_server_password, **roles)
    print(f"Server disiapkan: {address.name} ({args.office}, profil {args.sop}).")
    if args.admin:
        print(f"Administrator pertama: {args.admin}.")
    _ready(ready)
    return 0


def cmd_migrate_from(args: argparse.Namespace, user: str) -> int:
    from .cli import writing
    from .cli_signin import ask_server_password, require_admin
    from .services.server_move import MoveSummary, move_file_to_server
    from .services.server_setup import init_server
    from .storage.database import Database

    address = _address(args)
    source = Path(args.source)
    roles = _role_options(args)
    moved: list[MoveSummary] = []
    with writing(source, user):  # nobody writes the file while it moves
        require_admin(source, args, "Memindahkan berkas data ke server")

        def set_up(db: Database) -> None:
            moved.append(move_file_to_server(source, db))

        ready = init_server(address, set_up, ask_password=ask_server_password, **roles)
    summary = moved[0]
    print(
        f"Berkas {source} dipindahkan ke {address.name}: {summary.cases} pengaduan, "
        f"{summary.audit_entries} entri jejak audit (rantai diperiksa utuh), "
        f"{sum(summary.rows.values())} baris seluruhnya."
    )
    print("Berkas data itu tidak diubah; simpan sebagai arsip dan jangan dipakai lagi untuk bekerja.")
    _ready(ready)
    return 0


def cmd_upgrade(args: argparse.Namespace, user: str) -> int:
    from datetime import datetime

    from .cli_parser import check_output
    from .cli_signin import ask_server_password
    from .services.server_upgrade import upgrade_server
    from .storage.database import head_revision

    address = _address(args)
    roles = _role_options(args)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    from .domain.safe_names import safe_file_name

    default = Path(safe_file_name(f"{address.database}-sebelum-pembaruan-{stamp}.dumas", "server.dumas"))
    backup = check_output(args.out or default, "dumas-sebelum-pembaruan.dumas")
    done = upgrade_server(address, backup, ask_password=ask_server_password, **roles)
    if done.backup is None:
        print(
            f"Server {address.name} sudah memakai susunan program ini (skema {head_revision()}); tidak ada yang diubah."
        )
        return 0
    print(f"Cadangan sebelum pembaruan dibuat: {done.backup} ({done.cases} pengaduan, skema {done.old_revision}).")
    print(f"Server {address.name} diperbarui dari skema {done.old_revision} ke {done.new_revision}.")
    print(f"Hak peran program {done.program_role} diterapkan lagi, termasuk pada tabel baru.")
    return 0


def cmd_demo_on_server(args: argparse.Namespace, user: str) -> int:
    """`demo --data postgresql://…`: the demo office built on an empty database of the
    server, as `server init` then `server migrate-from` of a demo file would."""
    import tempfile

    from .cli_signin import ask_server_password
    from .services.demo import DEMO_ADMIN, DEMO_PASSWORD, DemoResult, make_demo
    from .services.server_move import move_file_to_server
    from .services.server_setup import init_server
    from .storage.database import Database

    address = _address(args)
    roles = _role_options(args)
    made: list[DemoResult] = []

    def set_up(db: Database) -> None:
        with tempfile.TemporaryDirectory(prefix="dumas-demo-", ignore_cleanup_errors=True) as work:
            made.append(make_demo(Path(work) / "contoh.dumas", args.cases, args.sop, args.seed))
            move_file_to_server(made[0].path, db)

    ready = init_server(address, set_up, ask_password=ask_server_password, **roles)
    result = made[0]
    print(f"Kantor contoh {result.profile_id} ({result.office_code}) di {address.name}: {result.total} pengaduan.")
    print(f"Masuk sebagai \u201c{DEMO_ADMIN}\u201d (semua peran); kata sandi contoh: {DEMO_PASSWORD}")
    _ready(ready)
    return 0


def cmd_server(args: argparse.Namespace, user: str) -> int:
    commands = {"init": cmd_init, "migrate-from": cmd_migrate_from, "upgrade": cmd_upgrade}
    return commands[args.server_command](args, user)


COMMANDS = {"server": cmd_server}
