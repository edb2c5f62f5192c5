"""argparse in Indonesian, with errors as one line that points to `--help`.

argparse's own texts ("usage:", "options:", its error messages) are English and come
through gettext; rather than install a catalogue, the parser class below names its
headings itself and rewrites the few error messages argparse can produce. Everything
lives in this one place; the rest of the command line only uses `DumasArgumentParser`
and the value types.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

# argparse's error messages (Python 3.11-3.13), most specific first.
_ERRORS: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (.*)", r"opsi wajib belum disebut: \1"),
    (r"one of the arguments (.*) is required", r"sebutkan salah satu dari: \1"),
    (r"unrecognized arguments: (.*)", r"argumen tidak dikenal: \1"),
    (r"ambiguous option: (\S+) could match (.*)", r"opsi \1 tidak jelas, dapat berarti \2"),
    (r"argument (.+?): not allowed with argument (.*)", r"opsi \1 tidak dapat dipakai bersama \2"),
    (r"argument (.+?): expected one argument", r"opsi \1 memerlukan satu nilai"),
    (r"argument (.+?): expected at most one argument", r"opsi \1 menerima paling banyak satu nilai"),
    (r"argument (.+?): expected at least one argument", r"opsi \1 memerlukan paling sedikit satu nilai"),
    (r"argument (.+?): expected (\d+) arguments?", r"opsi \1 memerlukan \2 nilai"),
    (r"argument (.+?): ignored explicit argument (.*)", r"opsi \1 tidak menerima nilai (\2)"),
    (
        r"argument (.+?): invalid choice: (.+?) \(choose from (.*)\)",
        r"\1: pilihan \2 tidak dikenal (pilih salah satu: \3)",
    ),
    (r"argument (.+?): invalid (\S+) value: (.*)", r"nilai \3 untuk \1 tidak sah"),
    (r"argument (.+?): (.*)", r"\1: \2"),
    (r"unexpected option string: (.*)", r"opsi tidak terduga: \1"),
)


def is_terminal(stream: Any) -> bool:
    """Whether a standard stream is a terminal. Windows' windowed exe has no console: its
    standard streams are None, or objects whose isatty() raises."""
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, OSError, ValueError):
        return False


def one_line(text: str) -> str:
    """A message as one line, whatever a typed name held (a line break, a control character)."""
    return "".join(c if c.isprintable() else "\ufffd" for c in text.strip())


def indonesian_error(message: str) -> str:
    """argparse's English error message in Indonesian (unknown ones are kept as they are)."""
    message = " ".join(message.split())
    for pattern, replacement in _ERRORS:
        match = re.fullmatch(pattern, message)
        if match:
            return match.expand(replacement)
    return message


# What a value is called in the help when an option does not name it (argparse: the option in capitals).
METAVARS = {
    "data": "BERKAS",
    "out": "BERKAS",
    "office": "NAMA",
    "office_code": "KODE",
    "city": "KOTA",
    "address": "ALAMAT",
    "admin_name": "NAMA",
    "user": "NAMA_PENGGUNA",
    "search": "TEKS",
    "step": "LANGKAH",
    "classification": "KLASIFIKASI",
    "cases": "N",
    "seed": "S",
    "limit": "N",
    "month": "B",
    "quarter": "T",
    "full_name": "NAMA",
    "roles": "PERAN,…",
    "action": "TINDAKAN",
}


class IndonesianHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "Pemakaian: " if prefix is None else prefix)


class DumasArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help is Indonesian and whose errors are one line:
    "Galat: …. Lihat: dumas-desktop PERINTAH --help", exit code 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", IndonesianHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        kwargs["add_help"] = False  # our own -h, in Indonesian
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen posisi"
        self._optionals.title = "opsi"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="menampilkan bantuan ini lalu keluar")

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        if kwargs.get("type") is Path:
            kwargs["type"] = data_file if kwargs.get("dest", _dest(args)) == "data" else file_path
        action = super().add_argument(*args, **kwargs)
        if action.option_strings and action.metavar is None and action.choices is None and action.nargs != 0:
            action.metavar = METAVARS.get(action.dest, action.metavar)
        return action

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:  # type: ignore[override]
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            # Point to the help of the subcommand that was given, not the program's.
            where: argparse.ArgumentParser = self
            for action in self._actions:
                if isinstance(action, argparse._SubParsersAction):
                    where = action.choices.get(getattr(parsed, action.dest or "", None) or "", self)
            where.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed

    def error(self, message: str) -> NoReturn:
        text = indonesian_error(message).rstrip(".")
        if sys.stderr is not None:
            print(one_line(f"Galat: {text}. Lihat: {self.prog} --help"), file=sys.stderr)
        self.exit(2)


def _number(value: int) -> str:
    """Indonesian digit grouping (10.000), but years and small numbers as they are."""
    return f"{value:,}".replace(",", ".") if abs(value) >= 10_000 else str(value)


def _dest(names: tuple[Any, ...]) -> str:
    long = [n for n in names if isinstance(n, str) and n.startswith("--")]
    return long[0][2:].replace("-", "_") if long else ""


def file_path(text: str) -> Path:
    """A file named on the command line: not empty (Path("") would mean the current folder)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("nama berkas tidak boleh kosong")
    return Path(text)


def data_file(text: str) -> Any:
    """The data file: a file, never a folder; or the office's server,
    postgresql://USER@HOST[:PORT]/DB (a ServerAddress)."""
    from .storage.server import is_server_address, parse_address

    if is_server_address(text):
        from .domain.errors import DataFileError

        try:
            return parse_address(text)
        except DataFileError as exc:
            raise argparse.ArgumentTypeError(exc.message.rstrip(".")) from None
    path = file_path(text)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{path} adalah folder; sebutkan berkas data di dalamnya (.dumas)")
    return path


def bounded_int(what: str, lowest: int, highest: int) -> Callable[[str], int]:
    """An argparse type: a whole number within [lowest, highest], or an Indonesian message."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} harus bilangan bulat, bukan \u201c{text}\u201d") from None
        if not lowest <= value <= highest:
            raise argparse.ArgumentTypeError(
                f"{what} harus antara {_number(lowest)} dan {_number(highest)}, bukan {_number(value)}"
            )
        return value

    parse.__name__ = what
    return parse


YEAR = bounded_int("Tahun", 1900, 9999)
MONTH = bounded_int("Bulan", 1, 12)
QUARTER = bounded_int("Triwulan", 1, 4)
# A page of the agenda book or the audit trail: far more than any office holds.
LIMIT = bounded_int("Batas jumlah baris", 0, 10_000_000)
# The demo writes ~1,900 cases a second; 200,000 is a few minutes and about 1.8 GB.
MAX_DEMO_CASES = 200_000
DEMO_CASES = bounded_int("Jumlah pengaduan contoh", 0, MAX_DEMO_CASES)
SEED = bounded_int("Benih acak", -(2**63), 2**63 - 1)


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"tanggal ditulis TTTT-BB-HH, misalnya 2026-02-23, bukan \u201c{text}\u201d"
        ) from None


def join_dash_values(parser: argparse.ArgumentParser, argv: Sequence[str]) -> list[str]:
    """`--search -foo` means the text "-foo": argparse would take "-foo" for an option.

    A value that begins with "-" after an option that takes one value is joined to it
    (`--search=-foo`) unless it is itself an option this program knows (or "-h")."""
    takes_value: set[str] = set()
    known: set[str] = set()

    def collect(p: argparse.ArgumentParser) -> None:
        for action in p._actions:
            known.update(action.option_strings)
            if action.option_strings and action.nargs is None and not isinstance(action, _NO_VALUE):
                takes_value.update(action.option_strings)
            if isinstance(action, argparse._SubParsersAction):
                for child in action.choices.values():
                    collect(child)

    collect(parser)
    out: list[str] = []
    items = list(argv)
    i = 0
    while i < len(items):
        item = items[i]
        following = items[i + 1] if i + 1 < len(items) else None
        if (
            item in takes_value
            and following is not None
            and following.startswith("-")
            and not _is_option(following, known)
        ):
            out.append(f"{item}={following}")
            i += 2
            continue
        out.append(item)
        i += 1
    return out


_NO_VALUE = (
    argparse._StoreConstAction,
    argparse._StoreTrueAction,
    argparse._StoreFalseAction,
    argparse._CountAction,
    argparse._HelpAction,
    argparse._VersionAction,
)


def _is_option(text: str, known: set[str]) -> bool:
    name = text.split("=", 1)[0]
    if name in known:
        return True
    # argparse accepts unique prefixes of long options (--sea for --search).
    return name.startswith("--") and len(name) > 2 and any(k.startswith(name) for k in known)


def check_output(path: Path | None, example: str, data: object = None) -> Path:
    """A file the command will write (--out): named, not a folder, in a folder that exists,
    and never the data file itself (or its -wal, -shm or lock file). Checked before any work
    is done, so a paper is never numbered for a file that cannot be written."""
    from .domain.errors import DumasError

    if path is None or str(path) in ("", "."):
        raise DumasError(f"Sebutkan tempat menyimpan dengan --out {example}.")
    if isinstance(data, Path) and _same_file(path, data):
        raise DumasError(f"{path} adalah berkas data itu sendiri; pilih nama lain, misalnya {example}.")
    if path.is_dir():
        raise DumasError(f"{path} adalah folder; sebutkan nama berkasnya, misalnya {path / example}.")
    if _is_data_file(path):  # another office's file, a backup: a recap written over it would destroy it
        raise DumasError(f"{path} adalah berkas data Dumas dan tidak ditimpa; pilih nama lain, misalnya {example}.")
    parent = path.absolute().parent
    if not parent.is_dir():
        raise DumasError(f"Folder {parent} tidak ada. Pilih folder yang ada.")
    if not os.access(parent, os.W_OK):
        raise DumasError(f"Folder {parent} tidak dapat ditulisi. Pilih folder lain.")
    return path


def _is_data_file(path: Path) -> bool:
    """Whether `path` holds a Dumas data file: an SQLite header carrying our application id."""
    from .storage.database import APPLICATION_ID, SQLITE_MAGIC

    try:
        with path.open("rb") as handle:
            header = handle.read(72)
    except OSError:
        return False
    return header[:16] == SQLITE_MAGIC and int.from_bytes(header[68:72], "big") == APPLICATION_ID


def _same_file(path: Path, data: Path) -> bool:
    target = path.resolve()
    base = data.resolve()
    companions = {base, *(base.with_name(base.name + tail) for tail in ("-wal", "-shm", "-journal", ".kunci"))}
    if target in companions:
        return True
    try:
        return path.exists() and data.exists() and os.path.samefile(path, data)
    except OSError:
        return False


def file_only(data: object, what: str, instead: str = "") -> Path:
    """Commands that work on a file itself (copies, packages, demo data): a server is
    refused with a clear line until they have a server path."""
    from .storage.server import ServerAddress

    if isinstance(data, ServerAddress):
        from .domain.errors import DumasError

        raise DumasError(f"{what} belum tersedia untuk server kantor ({data}); hanya untuk berkas data.{instead}")
    return Path(data)  # type: ignore[arg-type]
