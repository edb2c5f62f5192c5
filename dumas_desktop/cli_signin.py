"""Signing in from the command line: the same accounts and rules as the window.

A file that has no accounts yet works as before (`--user` only names who acted). Once it
has accounts, every command that reads cases or changes anything names the user with
`--user` (or DUMAS_USER) and gives the password by `--user-password-file`, by
DUMAS_PASSWORD, or typed at the prompt.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .domain.errors import DumasError

if TYPE_CHECKING:
    from .domain.access import Access
    from .services.context import Workspace
    from .storage.database import Database


def add_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default: Any = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--user", default=default, help="nama pengguna (berkas berakun) atau nama petugas (berkas tanpa akun)"
    )
    parser.add_argument(
        "--user-password-file",
        type=Path,
        default=default,
        metavar="BERKAS",
        help="berkas berisi kata sandi pengguna (atau variabel DUMAS_PASSWORD)",
    )


def password_from_file(path: Path, what: str = "Berkas kata sandi", *, strip: bool = False) -> str:
    """The first line of a password file (a script's way to give one), without its line
    end and trailing blanks (leading ones too with `strip`), or a clear error. A mark of
    UTF-8 or UTF-16 (Notepad, PowerShell) is not part of the password."""
    from .domain.textfiles import first_line, read_user_text

    first = first_line(read_user_text(path, what))
    if strip:
        first = first.strip()
    if not first:
        raise DumasError(f"{what} {path} kosong.")
    return first


def _read_password(args: argparse.Namespace, username: str) -> str:
    path = getattr(args, "user_password_file", None)
    if path is not None:
        return password_from_file(path, "Berkas kata sandi pengguna")
    if os.environ.get("DUMAS_PASSWORD"):
        return os.environ["DUMAS_PASSWORD"]
    from .cli_parser import is_terminal

    if is_terminal(sys.stdin):
        return getpass.getpass(f"Kata sandi untuk {username}: ")
    raise DumasError(
        f"Kata sandi untuk {username} belum diberikan: pakai --user-password-file BERKAS atau variabel DUMAS_PASSWORD."
    )


def access_for(db: Database, args: argparse.Namespace) -> Access:
    """Who acts: the program itself in a file without accounts, else the signed-in user."""
    from .domain.access import SYSTEM
    from .services import accounts

    if not accounts.has_users(db):
        return SYSTEM
    username = getattr(args, "user", None) or os.environ.get("DUMAS_USER", "")
    if not username:
        raise DumasError(
            "Berkas ini memakai akun pengguna. Sebutkan --user NAMA_PENGGUNA beserta kata sandinya "
            "(--user-password-file BERKAS atau variabel DUMAS_PASSWORD)."
        )
    now = datetime.now().replace(microsecond=0)
    return accounts.verify(db, username, _read_password(args, username), now, purpose=accounts.COMMAND)


def ask_server_password(address: object) -> str | None:
    """The server's password typed at the prompt, when libpq and the keyring have none."""
    from .cli_parser import is_terminal

    if is_terminal(sys.stdin):
        return getpass.getpass(f"Kata sandi server untuk {address}: ")
    return None


def open_workspace(path: Any, args: argparse.Namespace, user: str) -> Workspace:
    from .services.context import Workspace
    from .storage.database import open_database

    if path is None:
        raise DumasError("Sebutkan berkas data dengan --data BERKAS.")
    db = open_database(path, ask_password=ask_server_password)
    try:
        access = access_for(db, args)
    except BaseException:
        db.close()
        raise
    if access.everything:
        return Workspace(db, actor=user)
    return Workspace.signed_in(db, access)


def signed_access(path: Any, args: argparse.Namespace) -> Access:
    """For commands that work on the file itself (export, import, restore)."""
    from .storage.database import open_database

    db = open_database(path, ask_password=ask_server_password)
    try:
        return access_for(db, args)
    finally:
        db.close()


def require_admin(path: Any, args: argparse.Namespace, what: str) -> Access:
    access = signed_access(path, args)
    access.require_admin(what)
    return access
