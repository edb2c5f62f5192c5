"""The command line: `dumas-desktop` and `python -m dumas_desktop`.

Subcommand names and options are a public contract that office IT staff script
against: add to them, never change their meaning. Errors are one clear line and a
non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import getpass
import io
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from . import (
    APP_NAME,
    __version__,
    cli_accounts,
    cli_backups,
    cli_documents,
    cli_links,
    cli_mail,
    cli_server,
    cli_signin,
    cli_stats,
)
from .cli_parser import (
    DEMO_CASES,
    LIMIT,
    MAX_DEMO_CASES,
    SEED,
    YEAR,
    DumasArgumentParser,
    check_output,
    file_only,
    is_terminal,
    join_dash_values,
    one_line,
)
from .domain import catalog, deadlines
from .domain.errors import DumasError
from .domain.sop import Profile

if TYPE_CHECKING:
    from .services.context import Workspace

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR, EXIT_BUG = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    from .profiles import bundled_profile_ids

    profiles = bundled_profile_ids()
    parser = DumasArgumentParser(
        prog="dumas-desktop",
        description=f"{APP_NAME}: pengelolaan pengaduan masyarakat (Dumas) kantor KPU.",
    )
    parser.add_argument(
        "--version", action="version", version=f"{APP_NAME} {__version__}", help="menampilkan versi program lalu keluar"
    )
    parser.add_argument(
        "--data", type=Path, help="berkas data kantor (.dumas), atau server kantor postgresql://PENGGUNA@HOST[:PORT]/DB"
    )
    cli_signin.add_options(parser, suppress=False)
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="membuka jendela pada berkas --data lalu menutupnya sendiri (memeriksa hasil pemasangan)",
    )
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", title="perintah")

    init = sub.add_parser("init", help="membuat berkas data baru untuk sebuah kantor")
    init.add_argument("--data", type=Path, required=True)
    init.add_argument("--office", required=True, help="nama kantor, mis. Komisi Pemilihan Umum Kabupaten Sanggau")
    init.add_argument("--office-code", required=True, help="kode kantor, mis. 6103")
    init.add_argument("--sop", required=True, choices=profiles, help="profil SOP yang dipakai")
    init.add_argument("--level", choices=list(catalog.OFFICE_LEVELS), help="tingkat kantor (bawaan: dari profil SOP)")
    init.add_argument("--city", default="", help="kota tempat surat ditandatangani")
    init.add_argument("--address", default="")
    init.add_argument(
        "--admin", metavar="NAMA_PENGGUNA", help="membuat administrator pertama (bila tidak: saat jendela dibuka)"
    )
    init.add_argument("--admin-name", default="", help="nama lengkap administrator pertama")
    init.add_argument("--admin-password-file", type=Path, metavar="BERKAS", help="kata sandi administrator pertama")

    demo = sub.add_parser("demo", help="membuat atau mengisi berkas data kantor contoh")
    demo.add_argument("--data", type=Path, required=True)
    demo.add_argument(
        "--cases",
        type=DEMO_CASES,
        default=300,
        help=f"jumlah pengaduan contoh (bawaan 300, paling banyak {MAX_DEMO_CASES:,})",
    )
    demo.add_argument("--sop", choices=profiles, help="profil SOP kantor contoh (bawaan sanggau-2026)")
    demo.add_argument("--seed", type=SEED, default=1, help="benih acak, untuk hasil yang dapat diulang")
    cli_server.program_role_options(demo)  # a demo office onto an empty server database

    check = sub.add_parser("check", help="memeriksa keutuhan berkas data dan jejak audit")
    check.add_argument("--data", type=Path, required=True)

    status = sub.add_parser("status", help="ringkasan kantor dan pengaduan yang perlu perhatian")
    status.add_argument("--data", type=Path, required=True)

    profile = sub.add_parser(
        "profile", help="melihat, memeriksa, mengekspor, atau memasang profil SOP (untuk menyesuaikan SOP kantor)"
    )
    profile.add_argument("--data", type=Path, help="berkas data kantor")
    action = profile.add_mutually_exclusive_group()
    action.add_argument("--list", action="store_true", help="daftar profil bawaan")
    action.add_argument("--check", type=Path, metavar="PROFIL.toml", help="memeriksa berkas profil")
    action.add_argument("--export", type=Path, metavar="PROFIL.toml", help="menyimpan profil aktif kantor ke berkas")
    action.add_argument(
        "--install", type=Path, metavar="PROFIL.toml", help="memasang profil yang disesuaikan untuk pengaduan baru"
    )
    action.add_argument("--pdf", type=Path, metavar="SOP.pdf", help="mencetak SOP kantor (bagan alir) ke PDF")
    profile.add_argument(
        "--version",
        dest="profile_version",
        type=int,
        metavar="N",
        help="versi profil yang disimpan atau dicetak (bawaan: versi yang berlaku)",
    )
    profile.add_argument("--paper", choices=["A4", "F4"], help="ukuran kertas PDF (bawaan: pengaturan kantor)")

    cases = sub.add_parser("cases", help="menampilkan buku agenda (dengan pencarian dan saringan)")
    cases.add_argument("--data", type=Path, required=True)
    cases.add_argument("--search", default="", help="kata yang dicari (pelapor, terlapor, pokok, uraian, nomor)")
    cases.add_argument("--year", type=YEAR, metavar="TTTT")
    cases.add_argument("--step", help="kunci langkah SOP")
    cases.add_argument("--status", choices=list(catalog.STATUSES))
    cases.add_argument("--channel", choices=list(catalog.CHANNELS))
    cases.add_argument("--classification")
    cases.add_argument("--overdue", action="store_true", help="hanya yang lewat batas waktu")
    cases.add_argument("--limit", type=LIMIT, default=50, help="paling banyak sekian baris (bawaan 50)")

    cli_documents.add_parsers(sub)
    cli_backups.add_parsers(sub)
    cli_accounts.add_parsers(sub)
    cli_stats.add_parsers(sub)
    cli_links.add_parsers(sub)
    cli_mail.add_parsers(sub)
    for subparser in sub.choices.values():
        cli_signin.add_options(subparser, suppress=True)
    cli_server.add_parsers(sub, profiles)
    return parser


def _require_data(args: argparse.Namespace) -> Path:
    if args.data is None:
        raise DumasError("Sebutkan berkas data dengan --data BERKAS.")
    return Path(args.data)


@contextlib.contextmanager
def writing(path: Path, user: str) -> Iterator[None]:
    """Commands that write: not on a network share or a stick, and one writer at a time."""
    from .storage.server import ServerAddress

    if isinstance(path, ServerAddress):  # the server orders its writers itself
        yield
        return
    from .storage.leftovers import remove_leftovers
    from .storage.location import location_problem
    from .storage.lock import DataFileLock

    problem = location_problem(path)
    if problem:
        raise DumasError(problem)
    lock = DataFileLock(path, user)
    lock.acquire()  # a file being made is held too: nobody else may make or write it meanwhile
    try:
        remove_leftovers(path)
        yield
    finally:
        lock.release()


def _workspace(path: Path, user: str, args: argparse.Namespace) -> Workspace:
    return cli_signin.open_workspace(path, args, user)


@contextlib.contextmanager
def _new_folders(folder: Path) -> Iterator[None]:
    """Make the folders a new file goes in; if making the file then fails, remove them again."""
    made = []
    for parent in [folder.absolute(), *folder.absolute().parents][::-1]:
        if parent.exists() and not parent.is_dir():
            raise DumasError(f"{parent} adalah berkas, bukan folder; pilih tempat lain untuk berkas data.")
        if not parent.exists():
            try:
                parent.mkdir()
            except OSError as exc:
                raise DumasError(f"Folder {parent} tidak dapat dibuat: {exc.strerror or exc}.") from None
            made.append(parent)
    try:
        yield
    except BaseException:
        for parent in reversed(made):
            with contextlib.suppress(OSError):
                parent.rmdir()
        raise


def cmd_init(args: argparse.Namespace, user: str) -> int:
    from .services.context import Workspace
    from .services.office import OfficeInput, initialize_office, validate_office
    from .storage.database import Database, create_database

    data = OfficeInput(
        name=args.office,
        office_code=args.office_code,
        sop=args.sop,
        level=args.level,
        city=args.city,
        address=args.address,
    )
    validate_office(data)  # refuse wrong details or a broken profile before a file or folder exists
    file_only(args.data, "init", " Untuk server: dumas-desktop server init --data postgresql://...")
    if args.data.exists():
        raise DumasError(f"Berkas {args.data} sudah ada; pilih nama lain atau buka berkas itu.")

    admin_password = cli_accounts.first_admin_password(args)

    def set_up_office(db: Database) -> None:
        from .services.accounts import create_first_admin

        initialize_office(Workspace(db, actor=user), data)
        if args.admin and admin_password is not None:
            create_first_admin(db, args.admin, args.admin_name or args.admin, admin_password)

    with writing(args.data, user), _new_folders(args.data.parent):
        create_database(args.data, set_up_office).close()
    print(f"Berkas data dibuat: {args.data} ({args.office}, profil {args.sop}).")
    if args.admin:
        print(f"Administrator pertama: {args.admin}.")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, user: str) -> int:
    from .services.demo import make_demo
    from .storage.server import ServerAddress

    if args.cases < 0:
        raise DumasError("Jumlah pengaduan contoh tidak boleh negatif.")
    if isinstance(args.data, ServerAddress):
        return cli_server.cmd_demo_on_server(args, user)
    started = time.perf_counter()
    interactive = is_terminal(sys.stderr)

    def progress(done: int, total: int) -> None:
        if interactive:
            print(f"\r  {done:,}/{total:,} pengaduan".replace(",", "."), end="", file=sys.stderr, flush=True)

    with writing(args.data, user):
        if args.data.exists():  # adding to a file in use: only its administrator
            cli_signin.require_admin(args.data, args, "Menambah pengaduan contoh")
        result = make_demo(args.data, args.cases, args.sop, args.seed, progress=progress)
    if interactive:
        print(file=sys.stderr)
    seconds = time.perf_counter() - started
    print(
        f"Kantor contoh {result.profile_id} ({result.office_code}) di {result.path}: "
        f"{result.added} pengaduan ditambahkan, {result.total} seluruhnya ({seconds:.1f} detik)."
    )
    if result.added == result.total:
        from .services.demo import DEMO_ADMIN, DEMO_PASSWORD

        print(
            f"Masuk sebagai \u201c{DEMO_ADMIN}\u201d (semua peran) atau dengan nama peran SOP "
            f"(mis. \u201cpelaksana\u201d); kata sandi contoh: {DEMO_PASSWORD}"
        )
    return EXIT_OK


def cmd_check(args: argparse.Namespace, user: str) -> int:
    from .storage.integrity import check_file, check_server
    from .storage.server import ServerAddress

    if isinstance(args.data, ServerAddress):
        report = check_server(args.data, cli_signin.ask_server_password)
    else:
        report = check_file(args.data)
    for problem in report.problems:
        print(problem)
    if report.ok:
        what = "Server" if isinstance(args.data, ServerAddress) else "Berkas"
        print(f"{what} {args.data} utuh: {report.cases} pengaduan, {report.audit_entries} entri jejak audit.")
        return EXIT_OK
    print(f"{len(report.problems)} masalah ditemukan.", file=sys.stderr)
    return EXIT_PROBLEMS


def cmd_status(args: argparse.Namespace, user: str) -> int:
    from .services import queries
    from .services.context import home_office

    ws = _workspace(args.data, user, args)
    try:
        with ws.db.read() as session:
            office = home_office(session)
            profile = ws.profile(session, office.sop_profile_id)
            name = office.name
        attention = queries.attention(ws)
        print(f"{name}\nProfil SOP: {profile.name} (versi {profile.version})")
        print(f"Pengaduan: {queries.count(ws)} seluruhnya")
        for key, label in catalog.STATUSES.items():
            print(f"  {label}: {queries.count(ws, queries.Filters(status=key))}")
        print("Perlu perhatian:")
        print(f"  Sedang lewat batas waktu: {attention.overdue}")
        print(f"  Jatuh tempo hari ini: {attention.due_today}")
        print(f"  Menunggu kelengkapan pelapor: {attention.waiting_for_reporter}")
        print(f"  Batas kelengkapan lewat (dapat ditolak): {attention.completion_lapsed}")
    finally:
        ws.db.close()
    return EXIT_OK


def _choice(option: str, value: str | None, known: dict[str, str]) -> str | None:
    """A filter value by its key or by the label the window shows; anything else is named
    with what may be chosen, rather than quietly matching nothing."""
    if value is None:
        return None
    if value in known:
        return value
    by_label = {label.casefold(): key for key, label in known.items()}
    if value.casefold() in by_label:
        return by_label[value.casefold()]
    choices = ", ".join(known)
    raise DumasError(f"{option} {value!r} tidak dikenal; pilih salah satu: {choices}.")


def cmd_cases(args: argparse.Namespace, user: str) -> int:
    from .services import queries

    ws = _workspace(args.data, user, args)
    try:
        with ws.db.read() as session:
            profile = ws.home_profile(session)
        steps = {step.key: f"{step.no}. {step.name}" for step in profile.steps}
        filters = queries.Filters(
            year=args.year,
            step=_choice("--step", args.step, steps),
            status=_choice("--status", args.status, catalog.STATUSES),
            channel=_choice("--channel", args.channel, catalog.CHANNELS),
            classification=_choice("--classification", args.classification, profile.classifications),
            overdue=args.overdue,
        )
        total = queries.count(ws, filters, args.search)
        for row in queries.agenda_page(ws, filters, args.search, 0, max(0, args.limit)):
            due = f"{row.due_at:%d-%m-%Y %H:%M}" if row.due_at else "-"
            state = deadlines.STATE_LABELS.get(row.deadline_state, catalog.STATUSES.get(row.status, row.status))
            print(
                f"{row.agenda_number}\t{row.received_at:%d-%m-%Y %H:%M}\t{row.reporter}\t{row.respondent}\t"
                f"{row.subject}\t{row.step_label or '-'}\t{due}\t{state}"
            )
        print(f"{total} pengaduan.", file=sys.stderr)
    finally:
        ws.db.close()
    return EXIT_OK


def _describe(profile: Profile) -> None:
    print(f"{profile.name} (id {profile.id}, versi {profile.version})")
    for step in profile.steps:
        time_ = step.time.describe() if step.time else "tanpa waktu baku"
        print(f"  {step.no}. {step.name} — {profile.actor_names(step.actors)} — {time_}")


def cmd_profile(args: argparse.Namespace, user: str) -> int:
    from .domain.sop import load_profile
    from .services import office, profile_editor

    if args.list:
        for profile_id in office.bundled_profile_ids():
            print(f"{profile_id}\t{office.bundled_profile(profile_id).name}")
        return EXIT_OK
    if args.check:
        _describe(load_profile(args.check))
        print("Profil sah.")
        return EXIT_OK
    ws = _workspace(_require_data(args), user, args)
    try:
        if args.install:
            with writing(args.data, user):
                installed = profile_editor.install_file(ws, args.install)
            print(f"Profil {installed.id} versi {installed.version} dipasang untuk pengaduan baru.")
            return EXIT_OK
        record_id = None if args.profile_version is None else profile_editor.version_numbered(ws, args.profile_version)
        if args.pdf:
            from .services.files import write_bytes

            target = check_output(args.pdf, "SOP.pdf", args.data)
            document = profile_editor.sop_document(ws, record_id, args.paper)
            write_bytes(target, document)
            _, shown = profile_editor.version_profile(ws, record_id)
            print(f"SOP {shown.id} versi {shown.version} dicetak ke {args.pdf}.")
            return EXIT_OK
        _, chosen = profile_editor.version_profile(ws, record_id)
        if args.export:
            target = check_output(args.export, "PROFIL.toml", args.data)
            profile_editor.export_version(ws, target, record_id)
            print(f"Profil {chosen.id} versi {chosen.version} disimpan ke {args.export}.")
        else:
            _describe(chosen)
        return EXIT_OK
    finally:
        ws.db.close()


COMMANDS = {
    "init": cmd_init,
    "demo": cmd_demo,
    "check": cmd_check,
    "status": cmd_status,
    "cases": cmd_cases,
    "profile": cmd_profile,
    "document": cli_documents.cmd_document,
    "recap": cli_documents.cmd_recap,
    "report": cli_documents.cmd_report,
    "backup": cli_backups.cmd_backup,
    "restore": cli_backups.cmd_restore,
    "export": cli_backups.cmd_export,
    "import": cli_backups.cmd_import,
    **cli_accounts.COMMANDS,
    **cli_stats.COMMANDS,
    **cli_server.COMMANDS,
    **cli_links.COMMANDS,
    **cli_mail.COMMANDS,
}


def _log_bug() -> Path:
    log = Path(tempfile.gettempdir()) / f"dumas-desktop-galat-{datetime.now():%Y%m%d-%H%M%S}.log"
    with contextlib.suppress(OSError):
        log.write_text(traceback.format_exc(), encoding="utf-8")
    return log


def _utf8_streams() -> None:
    """Standard output and error in UTF-8 whatever the console or redirection's code page:
    a reporter's name outside it is shown with a replacement mark, never a program error."""
    for stream in (sys.stdout, sys.stderr):
        # Windows' windowed exe (console=False) has no console: its sys.stdout and sys.stderr are None.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError, AttributeError):  # closed or detached
                reconfigure(encoding="utf-8", errors="replace")


def _reader_gone(error: OSError) -> bool:
    """The reader of our output stopped early (`... | head`, `... | findstr`)."""
    if isinstance(error, BrokenPipeError):
        return True
    # Windows reports a write to a pipe whose reader has closed as OSError(EINVAL), not BrokenPipeError.
    if error.errno != errno.EINVAL or sys.stdout is None:
        return False
    try:
        sys.stdout.flush()
    except OSError:
        return True
    return False


def _silence_stdout() -> None:
    """Nothing more can reach the reader; keep the interpreter's last flush from failing."""
    with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _say(message: str) -> None:
    if sys.stderr is not None:
        with contextlib.suppress(OSError, ValueError):
            print(one_line(message), file=sys.stderr)


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no USER variable and no account entry (a container, a service)
        return "petugas"


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_streams()
    try:
        parser = _parser()
        try:
            words = join_dash_values(parser, sys.argv[1:] if argv is None else argv)
            args = parser.parse_args(_data_after_command(words))
        except SystemExit as done:  # --help, --version, or a usage error already explained in one line
            return done.code if isinstance(done.code, int) else EXIT_ERROR
        user = args.user or _login_name()
        if args.command is None:
            from .ui.app import run

            return run(args.data, user, smoke=args.smoke)
        return COMMANDS[args.command](args, user)
    except DumasError as exc:
        _say(f"Galat: {exc.message}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        _say("Dihentikan.")
        return 130
    except OSError as exc:
        if _reader_gone(exc):
            _silence_stdout()
            return EXIT_PROBLEMS
        return _bug()
    except Exception:
        return _bug()


def _data_after_command(words: list[str]) -> list[str]:
    """`dumas-desktop --data F cases` as the top-level help allows: a --data given before the
    command is the command's, unless the command names its own."""
    command, i = None, 0
    while i < len(words):  # the first command word that is not an option's value
        if words[i] in ("--data", "--user", "--user-password-file"):
            i += 2
            continue
        if words[i] in COMMANDS:
            command = i
            break
        i += 1
    if command is None:
        return words
    before, rest = words[:command], words[command:]
    if any(w == "--data" or w.startswith("--data=") for w in rest):
        return words
    moved: list[str] = []
    kept: list[str] = []
    i = 0
    while i < len(before):
        word = before[i]
        if word == "--data" and i + 1 < len(before):
            moved += before[i : i + 2]
            i += 2
            continue
        if word.startswith("--data="):
            moved.append(word)
        else:
            kept.append(word)
        i += 1
    return [*kept, rest[0], *moved, *rest[1:]] if moved else words


def _bug() -> int:
    log = _log_bug()
    _say(f"Terjadi kesalahan program. Data tidak diubah sebagian. Rincian: {log}")
    return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
