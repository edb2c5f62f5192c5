"""The commands that carry and keep the data file: `backup`, `restore`, `export`, `import`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .cli_parser import YEAR, check_output

UNPROTECTED_WARNING = (
    "Peringatan: paket memuat identitas orang tanpa kata sandi; bila flashdisk hilang, siapa pun dapat "
    "membacanya (pakai --password-file atau --without-identities). Pilihan ini dicatat di jejak audit."
)


def add_parsers(sub: Any) -> None:
    backup = sub.add_parser("backup", help="membuat cadangan berkas data (diperiksa setelah ditulis)")
    backup.add_argument("--data", type=Path, required=True)
    backup.add_argument(
        "--out", type=Path, help="berkas cadangan (bawaan: folder cadangan di sebelah berkas data; wajib untuk server)"
    )
    backup.add_argument("--list", action="store_true", help="daftar cadangan yang ada")
    backup.add_argument("--thin", action="store_true", help="menjarangkan cadangan lama menurut aturan simpan")

    restore = sub.add_parser(
        "restore", help="memulihkan berkas data atau server dari cadangan (isi sekarang disimpan dulu)"
    )
    restore.add_argument("--data", type=Path, required=True)
    restore.add_argument("--from", dest="source", type=Path, required=True, metavar="CADANGAN")
    restore.add_argument(
        "--keep",
        type=Path,
        metavar="BERKAS",
        help="server: tempat isi server sekarang disimpan lebih dulu (bawaan: di sebelah berkas cadangan)",
    )

    export = sub.add_parser("export", help="mengekspor data ke satu berkas paket (untuk flashdisk atau kantor lain)")
    export.add_argument("--data", type=Path, required=True)
    export.add_argument("--out", type=Path, required=True, metavar="PAKET")
    export.add_argument("--year", type=YEAR, metavar="TTTT", help="hanya pengaduan yang diterima pada tahun ini")
    export.add_argument("--password-file", type=Path, metavar="BERKAS", help="mengenkripsi paket dengan kata sandi")
    export.add_argument(
        "--without-identities",
        action="store_true",
        help="tanpa identitas orang: nama, NIK, alamat, kontak, berkas bukti, dan dokumen terbit tidak ikut",
    )

    imp = sub.add_parser("import", help="memeriksa lalu menggabungkan paket ke berkas data (atau membuatnya)")
    imp.add_argument("--data", type=Path, required=True)
    imp.add_argument("--in", dest="package", type=Path, required=True, metavar="PAKET")
    imp.add_argument("--password-file", type=Path, metavar="BERKAS")
    imp.add_argument("--dry-run", action="store_true", help="hanya menampilkan apa yang akan berubah")
    imp.add_argument(
        "--admin",
        metavar="NAMA_PENGGUNA",
        help="administrator pertama berkas data yang dibuat dari paket (akun tidak ikut dalam paket)",
    )
    imp.add_argument("--admin-name", default="", help="nama lengkap administrator pertama")
    imp.add_argument("--admin-password-file", type=Path, metavar="BERKAS", help="kata sandi administrator pertama")


def _password(path: Path | None) -> str | None:
    from .cli_signin import password_from_file

    return None if path is None else password_from_file(path, strip=True)


def cmd_export(args: argparse.Namespace, user: str) -> int:
    from .cli import writing
    from .cli_signin import signed_access
    from .services.transfer import export_package
    from .storage.server import ServerAddress

    check_output(args.out, "PAKET.dumaspkg", args.data)
    if isinstance(args.data, ServerAddress):
        manifest = _export_from_server(args)
    else:
        with writing(args.data, user):  # it notes which revisions left the office
            access = signed_access(args.data, args)
            manifest = export_package(
                args.data,
                args.out,
                year=args.year,
                password=_password(args.password_file),
                without_identities=args.without_identities,
                access=access,
            )
    if manifest.data.get("identities") is not False and not args.password_file:
        print(UNPROTECTED_WARNING, file=sys.stderr)
    counts = manifest.data["counts"]
    locked = ", terenkripsi" if args.password_file else ""
    if manifest.data.get("identities") is False:
        locked += ", tanpa identitas"
    print(
        f"Paket {args.out} dibuat dan diperiksa{locked}: {counts['complaints']} pengaduan, {counts['evidence']} bukti, "
        f"{counts['issued_documents']} dokumen terbit."
    )
    return 0


def _export_from_server(args: argparse.Namespace) -> Any:
    from .cli_signin import access_for, ask_server_password
    from .services.server_keeping import export_from_server
    from .storage.database import open_database

    db = open_database(args.data, ask_password=ask_server_password)
    try:
        return export_from_server(
            db,
            args.out,
            year=args.year,
            password=_password(args.password_file),
            without_identities=args.without_identities,
            access=access_for(db, args),
        )
    finally:
        db.close()


def _back_up_server(args: argparse.Namespace, user: str) -> int:
    from .cli_signin import access_for, ask_server_password
    from .domain.errors import DumasError
    from .services.server_keeping import back_up_server
    from .storage.database import open_database

    if args.list or args.thin:
        raise DumasError(
            "Cadangan server disimpan di tempat yang dipilih (--out); --list dan --thin hanya untuk berkas."
        )
    out = check_output(args.out, "kantor-cadangan.dumas")
    db = open_database(args.data, ask_password=ask_server_password)
    try:
        access = access_for(db, args)
        access.require_admin("Mencadangkan server")
        cases = back_up_server(db, out, actor=user if access.everything else access.label)
    finally:
        db.close()
    print(f"Cadangan server dibuat dan diperiksa: {out} ({cases} pengaduan).")
    print(
        f"Memulihkan ke server ini (sebagai pemilik basis data): dumas-desktop restore --data "
        f"postgresql://PEMILIK@{args.data.host}:{args.data.port}/{args.data.database} --from {out}"
    )
    return 0


def _first_admin(args: argparse.Namespace) -> Any:
    from . import cli_accounts
    from .domain.errors import DumasError
    from .services.transfer import FirstAdmin

    if not args.admin:
        return None
    if args.admin_password_file is None:
        raise DumasError("Sebutkan kata sandi administrator dengan --admin-password-file BERKAS.")
    args.new_password_file = args.admin_password_file
    return FirstAdmin(args.admin, args.admin_name or args.admin, cli_accounts._new_password(args))


def cmd_import(args: argparse.Namespace, user: str) -> int:
    from .cli import writing
    from .cli_signin import require_admin
    from .domain.access import SYSTEM
    from .services.transfer import import_package
    from .storage.server import ServerAddress

    if isinstance(args.data, ServerAddress):
        summary = _import_into_server(args, user)
        prefix = "Uji impor (tidak ada yang diubah): " if args.dry_run else "Impor ke server selesai: "
        print(prefix + summary.describe())
        return 0
    with writing(args.data, user):
        admin, access = None, SYSTEM  # a new file has no administrator yet: its first one comes with it
        if Path(args.data).exists():
            access = require_admin(args.data, args, "Mengimpor paket")
            user = user if access.everything else access.label
        else:
            admin = _first_admin(args)
        summary = import_package(
            args.data,
            args.package,
            password=_password(args.password_file),
            user=user,
            dry_run=args.dry_run,
            admin=admin,
            access=access,
        )
    prefix = "Uji impor (tidak ada yang diubah): " if args.dry_run else "Impor selesai: "
    print(prefix + summary.describe())
    return 0


def _import_into_server(args: argparse.Namespace, user: str) -> Any:
    from .cli_signin import access_for, ask_server_password
    from .domain.errors import DumasError
    from .services.server_import import import_into_server
    from .storage.database import open_database

    if args.admin:
        raise DumasError("--admin hanya untuk berkas data baru yang dibuat dari paket; server sudah punya akunnya.")
    db = open_database(args.data, ask_password=ask_server_password)
    try:
        access = access_for(db, args)
        access.require_admin("Mengimpor paket")
        return import_into_server(
            db,
            args.package,
            password=_password(args.password_file),
            user=user if access.everything else access.label,
            dry_run=args.dry_run,
            access=access,
        )
    finally:
        db.close()


def _describe(info: Any) -> str:
    cases = "tidak terbaca" if info.cases is None else f"{info.cases} pengaduan"
    return f"{info.path}\t{info.made_at:%d-%m-%Y %H:%M}\t{info.size_bytes / 2**20:.1f} MB\t{cases}\t{info.kind}"


def cmd_backup(args: argparse.Namespace, user: str) -> int:
    from .storage import backups
    from .storage.server import ServerAddress

    if isinstance(args.data, ServerAddress):
        return _back_up_server(args, user)
    if args.list:
        for info in backups.list_backups(args.data):
            print(_describe(info))
        return 0
    if args.thin:
        removed = backups.thin(args.data)
        print(f"{len(removed)} cadangan lama dihapus menurut aturan simpan.")
        return 0
    from .services import audit_events

    info = audit_events.back_up(args.data, args.out, actor=user)
    print(f"Cadangan dibuat dan diperiksa: {info.path} ({info.cases} pengaduan).")
    if args.out is None:
        backups.thin(args.data)
    return 0


def cmd_restore(args: argparse.Namespace, user: str) -> int:
    from .cli import writing
    from .cli_signin import require_admin
    from .domain.errors import DataFileError
    from .services import keeping
    from .storage.server import ServerAddress

    if isinstance(args.data, ServerAddress):
        return _restore_server(args, user)
    if args.keep is not None:
        raise DataFileError("--keep hanya untuk server; berkas sekarang selalu disimpan di folder cadangannya.")
    with writing(args.data, user):
        try:
            access = require_admin(args.data, args, keeping.RESTORE)
        except DataFileError:
            # The file is damaged or gone: the administrator proves themself against the backup.
            access = require_admin(args.source, args, keeping.RESTORE)
        aside = keeping.restore_backup(
            access, args.data, args.source, actor=user if access.everything else access.label
        )
    if aside is None:
        print(f"Berkas data {args.data} dipulihkan dari {args.source}.")
    else:
        print(f"Berkas data {args.data} dipulihkan dari {args.source}; berkas sebelumnya disimpan di {aside}.")
    return 0


def _restore_server(args: argparse.Namespace, user: str) -> int:
    from datetime import datetime

    from .cli_signin import access_for, ask_server_password
    from .services.server_keeping import restore_server
    from .storage.database import open_database

    source = Path(args.source)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    from .domain.safe_names import safe_file_name

    name = safe_file_name(f"{args.data.database}-sebelum-pemulihan-{stamp}.dumas", "server.dumas")
    default = source.absolute().parent / name
    aside = check_output(args.keep or default, "isi-server-sebelum-pemulihan.dumas")
    db = open_database(args.data, ask_password=ask_server_password)
    try:
        access = access_for(db, args)
        restored = restore_server(
            db, source, aside=aside, actor=user if access.everything else access.label, access=access
        )
    finally:
        db.close()
    print(f"Server {args.data.name} dipulihkan dari {source}: {restored.cases} pengaduan.")
    print(f"Isi server sebelumnya disimpan dan diperiksa di {restored.kept_aside}.")
    return 0
