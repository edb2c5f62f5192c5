"""Opening, creating and migrating the data file, with the pragmas it needs.

A data file is an SQLite database whose header carries Dumas's application_id. It is
checked read-only before anything is written: a file that is not Dumas data, or that
a newer program wrote, is refused untouched. Migrations run on open, after a copy of
the file has been made with SQLite's backup API.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from ..domain.errors import DamagedFile, DataFileError
from . import fileops, location

if TYPE_CHECKING:
    from .server import PasswordAsker, ServerAddress

APPLICATION_ID = 0x44554D53  # "DUMS"
SQLITE_MAGIC = b"SQLite format 3\x00"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_MS = 5000


def backups_dir(path: Path) -> Path:
    """The folder beside a data file that holds its safety copies."""
    return path.parent / f"{path.stem}-cadangan"


# Every schema revision in order, newest last. Opening a file needs only this list;
# Alembic (slow to import) is loaded when a migration has to run. A test keeps the list
# equal to the migration scripts.
SCHEMA_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010", "0011")


def _alembic_config() -> Any:
    from alembic.config import Config

    config = Config()
    # The option is read through ConfigParser, where "%" starts an interpolation.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    return config


def known_revisions() -> list[str]:
    return list(SCHEMA_REVISIONS)


def head_revision() -> str:
    return SCHEMA_REVISIONS[-1]


def explain_sqlite_error(exc: BaseException) -> str | None:
    """A clear Indonesian message for the faults a person can meet, else None (a bug)."""
    original = getattr(exc, "orig", exc)
    message = str(original).lower()
    code = getattr(original, "sqlite_errorcode", None)
    if "database or disk is full" in message or code == sqlite3.SQLITE_FULL:
        return "Disk penuh: perubahan tidak disimpan. Kosongkan ruang disk, lalu ulangi."
    if "readonly" in message or "read-only" in message or code == sqlite3.SQLITE_READONLY:
        return "Berkas data hanya dapat dibaca: perubahan tidak disimpan. Periksa izin berkas atau buka salinannya."
    if "locked" in message or "busy" in message:
        return "Berkas data sedang dipakai program lain: tunggu sebentar lalu ulangi."
    if "malformed" in message or "not a database" in message or code == sqlite3.SQLITE_CORRUPT:
        return "Berkas data rusak. Jalankan pemeriksaan (dumas-desktop check) dan pulihkan dari cadangan."
    if "unable to open" in message or "disk i/o" in message:
        return "Berkas data tidak dapat dibaca atau ditulis (media dicabut atau rusak?)."
    if isinstance(original, OSError) and original.errno == errno.ENOSPC:
        return "Disk penuh: perubahan tidak disimpan. Kosongkan ruang disk, lalu ulangi."
    return None


def _read_header(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(100)
    except FileNotFoundError:
        raise DataFileError(f"Berkas data tidak ditemukan: {path}") from None
    except IsADirectoryError:
        raise DataFileError(f"{path} adalah folder, bukan berkas data.") from None
    except PermissionError:
        raise DataFileError(f"Tidak ada izin membaca berkas {path}.") from None


def inspect_file(path: Path) -> str | None:
    """Check that `path` is Dumas data a program of this version can open.

    Returns the file's schema revision (None for a brand-new, empty Dumas file).
    Reads only; raises DataFileError with the reason otherwise.
    """
    header = _read_header(path)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise DataFileError(f"{path.name} bukan berkas data Dumas Desktop. Tidak ada yang diubah.")
    app_id = int.from_bytes(header[68:72], "big")
    if app_id != APPLICATION_ID:
        raise DataFileError(
            f"{path.name} adalah basis data program lain, bukan berkas data Dumas Desktop. Tidak ada yang diubah."
        )
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None
        raise DataFileError(explain_sqlite_error(exc) or f"Berkas {path.name} tidak dapat dibaca: {exc}.") from None
    except sqlite3.DatabaseError as exc:
        raise DataFileError(explain_sqlite_error(exc) or f"Berkas {path.name} tidak dapat dibaca: {exc}.") from None
    revision = row[0] if row else None
    if revision is not None and revision not in known_revisions():
        raise DataFileError(
            f"{path.name} ditulis oleh versi Dumas Desktop yang lebih baru (skema {revision}). "
            "Perbarui program ini untuk membukanya. Tidak ada yang diubah."
        )
    return revision


def _make_engine(path: Path, *, read_only: bool, foreign_keys: bool = True) -> Engine:
    # The file is named to SQLite by a URI built from the path (percent-encoded), never by
    # pasting the path into a URL: a folder called "Dok #1" or "100%" must open the same.
    uri = path.resolve().as_uri() + ("?mode=ro" if read_only else "")

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)

    # The pool hands a connection to one thread at a time: the window's database worker
    # and the UI thread (lazy table rows) may each use one.
    engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy, not pysqlite, decide where transactions begin (SQLAlchemy's
        # documented recipe): needed for SAVEPOINT and transactional DDL.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # Up to 16 MiB of page cache per connection (allocated only as used), so a large
        # file's index pages stay in memory; bulk writers raise it for themselves.
        cursor.execute("PRAGMA cache_size=-16384")
        if not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Writers take the lock up front, so a transaction never fails half-way on it.
        immediate = conn.get_execution_options().get("dumas_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Database:
    """An open data file, or the office's server. Use transaction() to write and read() to look.

    `path` is the file (None for a server, whose address is `address`); `dialect` is
    "sqlite" or "postgresql", for the few statements that differ."""

    def __init__(
        self, path: Path | None, engine: Engine, read_only: bool, address: ServerAddress | None = None
    ) -> None:
        self.path = path
        self.address = address
        self.engine = engine
        self.read_only = read_only
        self.dialect = engine.dialect.name
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)

    @property
    def is_server(self) -> bool:
        return self.address is not None

    @property
    def file(self) -> Path:
        """The data file, for what only a file has (its lock, backups, copies)."""
        if self.path is None:
            raise DataFileError(
                f"Perintah ini belum tersedia untuk server kantor ({self.address}); hanya untuk berkas data."
            )
        return self.path

    @property
    def label(self) -> str:
        return str(self.address if self.address is not None else self.path)

    @contextmanager
    def transaction(self, *, exclusive: bool = False) -> Iterator[Session]:
        """One unit of work: all of it is written, or none of it.

        A file has one writer at a time (BEGIN IMMEDIATE). A server's writers run side by
        side in READ COMMITTED, each taking only the locks its invariants need, in the order
        server.py gives: the cases it loads (workflow.load_case), the counters and the
        office's letter numbers (numbering.py), and the audit chain, appended here just
        before commit so that lock is held for a moment. READ COMMITTED, not REPEATABLE
        READ: a statement after a lock must see what the lock's previous holder committed
        (the chain's head, the counter, the case's current step).

        `exclusive`: on a server, wait for every other writer and keep them waiting until
        this one commits (a bulk job that rewrites across cases)."""
        if self.read_only:
            raise DataFileError("Berkas data dibuka hanya-baca: perubahan tidak dapat disimpan.")
        with self._connected() as conn:
            writer = Session(bind=conn.execution_options(dumas_write=True), expire_on_commit=False)
            with self._session(writer) as session:
                if self.is_server:
                    from . import audit
                    from .server import WRITER_LOCK

                    mode = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
                    session.execute(text(f"SELECT {mode}(:key)"), {"key": WRITER_LOCK})
                    audit.defer_appends(session)
                    yield session
                    audit.append_deferred(session)
                else:
                    yield session

    def _connected(self) -> Connection:
        """A connection for a writer; a server that cannot be reached is a message, as it
        is for a reader (whose session connects inside `_session`)."""
        try:
            return self.engine.connect()
        except DBAPIError as exc:
            message = self.explain(exc)
            if message:
                raise DataFileError(message) from exc
            raise

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._session(self._sessions()) as session:
            yield session

    @contextmanager
    def _session(self, session: Session) -> Iterator[Session]:
        """Run the session's transaction, turning the faults a person can meet into messages."""
        try:
            with session.begin():
                yield session
        except DBAPIError as exc:
            message = self.explain(exc)
            if message:
                raise DataFileError(message) from exc
            raise
        finally:
            session.close()

    def explain(self, exc: BaseException) -> str | None:
        if self.is_server:
            from .server import explain_server_error

            return explain_server_error(exc)
        return explain_sqlite_error(exc)

    def schema_revision(self) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def close(self) -> None:
        if self.is_server:
            from .server import close_quietly

            close_quietly(self.engine)  # also forgets how its connections are made
            return
        self.engine.dispose()


def sync_file(path: Path) -> None:
    """Flush a finished file's bytes to the device before it takes its final name."""
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


COPY_MMAP_BYTES = 2**40  # SQLite caps it at its own compile-time limit


def copy_database(source: Path, target: Path, *, scratch: bool = False, map_if_local: bool = False) -> None:
    """A consistent copy of a (possibly live) file through SQLite's backup API.

    `scratch`: the target is a temporary name that is checked and renamed (or thrown away)
    by the caller, so it is written without a journal or syncs, about a third faster; the
    caller syncs the finished file.

    `map_if_local`: when the source is on a local disk, read it through a memory map, so
    that its pages reach the copy without a copy of their own (the backup takes about 40 %
    less time, bench_transfer.py). Never for a source on a stick or a share: a memory-mapped
    file whose stick is pulled out ends the process instead of raising an error."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        if map_if_local and location.may_memory_map(source):
            src.execute(f"PRAGMA mmap_size = {COPY_MMAP_BYTES}").fetchall()
        dst = sqlite3.connect(target)
        try:
            if scratch:
                dst.execute("PRAGMA journal_mode=OFF")
                dst.execute("PRAGMA synchronous=OFF")
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _migrate(path: Path, current: str | None, *, backup: bool) -> Path | None:
    """Bring the file to the newest schema; returns the safety copy made first, if any."""
    head = head_revision()
    if current == head:
        return None
    copy: Path | None = None
    if backup and current is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        copy = backups_dir(path) / f"{path.stem}.pra-migrasi-{current}-{stamp}{path.suffix or '.dumas'}"
        try:
            copy_database(path, copy)
        except (OSError, sqlite3.Error) as exc:
            raise DataFileError(
                f"Salinan pengaman sebelum pembaruan skema tidak dapat dibuat ({exc}). Berkas data tidak diubah."
            ) from None
    # Batch migrations rebuild tables; foreign keys must be off while they do.
    from alembic import command

    engine = _make_engine(path, read_only=False, foreign_keys=False)
    try:
        with engine.begin() as conn:
            config = _alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise DataFileError(
                    f"Pembaruan skema dibatalkan: {len(problems)} rujukan antartabel rusak. Berkas data tidak diubah."
                )
    except DBAPIError as exc:
        raise DataFileError(
            explain_sqlite_error(exc) or f"Pembaruan skema gagal: {exc.orig}. Berkas data tidak diubah."
        ) from None
    finally:
        engine.dispose()
    return copy


def open_database(
    path: Path | ServerAddress,
    *,
    read_only: bool = False,
    migrate: bool = True,
    check_schema: bool = True,
    ask_password: PasswordAsker | None = None,
) -> Database:
    """Open an existing data file, migrating it (after a copy) when it is older. A file
    to write to must hold exactly the schema the program makes: a trigger, view, table or
    column of anyone else's would run or be kept with the office's data.

    A server address opens the server instead (`ask_password` is asked when neither
    libpq nor the keyring knows the password)."""
    from .server import ServerAddress

    if isinstance(path, ServerAddress):
        return open_server(path, ask_password=ask_password, read_only=read_only)
    path = Path(path)
    revision = inspect_file(path)
    if revision != head_revision():
        if read_only or not migrate:
            raise DataFileError(
                f"{path.name} memakai skema lama ({revision}) dan perlu diperbarui; "
                "buka tanpa mode hanya-baca untuk memperbaruinya."
            )
        _migrate(path, revision, backup=True)
    if check_schema and not read_only:
        from .schema import file_schema_differences

        problems = file_schema_differences(path)
        if problems:
            shown = "; ".join(problems[:3]) + (f"; dan {len(problems) - 3} lagi" if len(problems) > 3 else "")
            raise DamagedFile(
                f"Berkas data {path.name} memuat susunan yang tidak dibuat Dumas Desktop ({shown}); "
                "berkas itu tidak ditulisi. Pulihkan cadangan yang baik (`check` menyebut semuanya)."
            )
    return Database(path, _make_engine(path, read_only=read_only), read_only)


def _remove_with_companions(path: Path) -> None:
    with contextlib.suppress(OSError):
        fileops.remove_database(path)


def create_database(path: Path, setup: Callable[[Database], None] | None = None) -> Database:
    """Create a new data file at `path` with the newest schema, then run `setup` on it.

    The file is built under a temporary name and renamed into place only when complete,
    so a program killed half-way never leaves a half-made data file behind.
    """
    path = Path(path)
    if path.exists():
        raise DataFileError(f"Berkas {path} sudah ada; pilih nama lain atau buka berkas itu.")
    building = path.with_name(f".{path.name}.{os.getpid()}.sedang-dibuat")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(building)
        try:
            conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.commit()
        finally:
            conn.close()
        _migrate(building, None, backup=False)
        if setup is not None:
            db = Database(building, _make_engine(building, read_only=False), read_only=False)
            try:
                setup(db)
            finally:
                db.close()  # the last connection checkpoints and removes the WAL
        sync_file(building)
        if path.exists():
            raise DataFileError(f"Berkas {path} sudah ada; pilih nama lain atau buka berkas itu.")
        fileops.replace(building, path)
    except BaseException as exc:
        # Cleaning up must not hide why the file could not be made (a file where the folder should be).
        with contextlib.suppress(OSError):
            _remove_with_companions(building)
        if isinstance(exc, (OSError, sqlite3.Error)):
            reason = explain_sqlite_error(exc) or (fileops.explain(exc, path) if isinstance(exc, OSError) else str(exc))
            raise DataFileError(f"Berkas data {path} tidak dapat dibuat: {reason}") from None
        raise
    return Database(path, _make_engine(path, read_only=False), read_only=False)


def server_revision(engine: Engine) -> str | None:
    """The server's schema revision; None for a database nothing was made in yet."""
    with engine.connect() as conn:
        if conn.exec_driver_sql("SELECT to_regclass('public.alembic_version')").scalar() is None:
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def open_server(
    address: ServerAddress, *, ask_password: PasswordAsker | None = None, read_only: bool = False
) -> Database:
    """The office's server, when it holds exactly this program's schema revision: its
    schema is made and brought up to date by `server init`, as the schema's owner, never by
    a PC opening it with the program's role."""
    from .server import close_quietly, connect_engine, explain_server_error

    engine = connect_engine(address, ask_password)
    try:
        revision = server_revision(engine)
    except DBAPIError as exc:
        close_quietly(engine)
        raise DataFileError(
            explain_server_error(exc) or f"Server {address.name} tidak dapat dibaca: {exc.orig}."
        ) from None
    if revision != head_revision():
        close_quietly(engine)
        if revision is None:
            raise DataFileError(
                f"Basis data {address.name} belum disiapkan untuk Dumas Desktop: "
                "jalankan `dumas-desktop server init --data ...` lebih dulu."
            )
        if revision not in known_revisions():
            raise DataFileError(
                f"Server {address.name} ditulis oleh versi Dumas Desktop yang lebih baru (skema {revision}). "
                "Perbarui program ini."
            )
        raise DataFileError(
            f"Susunan basis data di server {address.name} dibuat versi program yang lebih lama (skema {revision}, "
            f"program ini {head_revision()}). Minta petugas TI memperbaruinya sebagai pemilik basis data: "
            f"dumas-desktop server upgrade --data postgresql://PEMILIK@{address.host}:{address.port}/{address.database}"
        )
    return Database(None, engine, read_only, address=address)


def migrate_server(engine: Engine, then: Callable[[Connection], None] | None = None) -> None:
    """Bring a server's schema to the newest revision, then run `then` (the program's
    privileges on the new tables), in one transaction (PostgreSQL runs DDL
    transactionally: a failed migration leaves the schema as it was)."""
    from alembic import command

    with engine.begin() as conn:
        config = _alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
        if then is not None:
            then(conn)
