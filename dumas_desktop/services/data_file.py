"""The data file as the window opens, locks, checks and recovers it: the one place between
the window and the storage layer, so that the window imports no storage module."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import DataFileError
from ..domain.sop import Profile
from ..storage.location import location_problem
from ..storage.lock import DataFileLock, FileLocked
from ..storage.server import ServerAddress, is_server_address

if TYPE_CHECKING:
    import sqlite3

    from ..storage import backups
    from ..storage.database import Database
    from .context import Workspace

# The window asks where the file is (location_problem) before its frame is painted: this
# module stays light, and SQLAlchemy and the models load inside the functions, on the
# database worker.
# What the window names in its own signatures and messages.
__all__ = [
    "DataFileLock",
    "Database",
    "FileLocked",
    "OpenedFile",
    "ServerAddress",
    "is_server_address",
    "location_problem",
]


def lock_for_writing(path: Path, user: str) -> DataFileLock:
    """This PC's lock on the file for the session (FileLocked when someone else has it),
    with what a process killed half-way left beside the file cleared away."""
    from ..storage.leftovers import remove_leftovers

    lock = DataFileLock(path, user)
    lock.acquire()
    try:
        remove_leftovers(path)
    except BaseException:
        lock.release()
        raise
    return lock


@dataclass(frozen=True)
class OpenedFile:
    ws: Workspace
    office_name: str
    office_code: str
    profile: Profile  # the profile new cases start under
    profiles: list[Profile]  # those of the cases in the file: the queue tabs follow them


def open_for_work(
    path: Path, *, read_only: bool, check_first: bool, actor: str, password: str | None = None
) -> OpenedFile:
    """Open the file (migrating it when needed), after a whole-file check when the last
    session ended without closing it; or the office's server (`path` a ServerAddress), whose
    password comes from libpq (PGPASSWORD, pgpass) or the keyring."""
    from ..storage import integrity
    from ..storage.database import open_database
    from .context import Workspace, home_office
    from .queries import case_profiles

    if check_first:
        integrity.quick_check(path)
    db = open_database(path, read_only=read_only, ask_password=(lambda _address: password) if password else None)
    ws = Workspace(db, actor=actor)
    with db.read() as session:
        office = home_office(session)
        name, code, profile = office.name, office.office_code, ws.profile(session, office.sop_profile_id)
    return OpenedFile(ws, name, code, profile, case_profiles(ws))


def check_whole_file(path: Path, started: Callable[[sqlite3.Connection], None] | None = None) -> None:
    """SQLite's quick check of the whole file (DamagedFile names what is wrong); `started`
    receives the connection, so that a long check can be interrupted."""
    from ..storage import integrity

    integrity.quick_check(path, started)


def set_aside_and_find_backup(path: Path) -> tuple[Path, backups.BackupInfo | None]:
    """Move a damaged file aside untouched; the newest good backup, if any."""
    from ..storage import backups

    aside = backups.set_aside_damaged(path)
    good = (b for b in backups.list_backups(path) if b.cases is not None and b.kind == "cadangan")
    return aside, next(good, None)


def open_backup(path: Path) -> Database:
    """A backup opened only to prove who may restore it: read-only, never migrated."""
    from ..storage.database import open_database

    return open_database(path, read_only=True, migrate=False)


def new_office_file(path: Path, set_up: Callable[[Database], None]) -> None:
    from ..storage.database import create_database

    create_database(path, set_up).close()


def server_address(host: str, port: int, database: str, user: str) -> ServerAddress:
    """The address typed in the window's server dialog, checked as --data's is."""
    from urllib.parse import quote

    from ..storage.server import parse_address

    if not host.strip() or not database.strip() or not user.strip():
        raise DataFileError("Isi host, basis data, dan pengguna server.")
    return parse_address(f"postgresql://{quote(user.strip())}@{host.strip()}:{port}/{quote(database.strip())}")


def parse_server_address(text: str) -> ServerAddress:
    from ..storage.server import parse_address

    return parse_address(text)


def try_server(address: ServerAddress, password: str) -> str:
    from ..storage.server import try_connection

    return try_connection(address, password or None)


def remember_server_password(address: ServerAddress, password: str) -> bool:
    """Kept in the OS keyring (Windows Credential Manager); False where there is none."""
    from ..storage.server import remember_password

    return remember_password(address, password)


def check_server_password(address: ServerAddress, password: str) -> None:
    """One connection with the password typed: PasswordRefused (a message) when wrong."""
    from ..storage.server import close_quietly, connect_engine

    close_quietly(connect_engine(address, password=password))
