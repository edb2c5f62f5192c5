"""The office's PostgreSQL server as a data source: its address, the password, the
engine, the program's limited role, and the faults a person can meet, in Indonesian.

An address is `postgresql://USER@HOST[:PORT]/DB`. It never carries a password: a
command line is visible to every user of the PC (the process list) and lands in shell
histories. The password comes, in this order, from libpq itself (PGPASSWORD, the
pgpass file: `~/.pgpass`, on Windows `%APPDATA%\\postgresql\\pgpass.conf`), the OS
keyring (Windows Credential Manager) through `keyring`, or the person, asked.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from ..domain.errors import DataFileError, PasswordRefused

if TYPE_CHECKING:
    from sqlalchemy import Engine

# The window asks whether --data names a server before its frame is painted: SQLAlchemy
# and psycopg load inside the functions that connect.

SCHEME = "postgresql://"
DEFAULT_PORT = 5432
KEYRING_SERVICE = "Dumas Desktop"
# The program's own role on the server: it reads and writes cases, appends to the audit
# log, and nothing more (no DDL, no UPDATE or DELETE of history).
PROGRAM_ROLE = "dumas_program"
# Transaction-level advisory locks (held to commit), each for the one invariant that needs
# it; writers otherwise run side by side. Locks are taken in one order: the rows of the
# cases a transaction loads, the agenda counter's row (then the row of the e-mail a new
# case is registered from), the office's letter numbers and then a series counter's row,
# the audit chain (last, just before commit). Two cases locked in opposite orders by two PCs (linking them to each
# other at the same moment) are a deadlock the server breaks: one is told to try again.
#
# Every writer holds WRITER_LOCK shared; a bulk job that rewrites across cases (an import,
# a restore) takes it exclusively and so runs alone, as every writer did before.
WRITER_LOCK = 0x44554D53
# Letter numbers of one office: an issued number and a typed one are checked against every
# paper and letter of the office ("one number, one paper") and then used, by one writer at
# a time. The second key is the office's.
NUMBERS_LOCK = 0x4E4F4D52
# Storing fetched e-mail: a message is looked for, then kept, by one PC at a time.
MAILBOX_LOCK = 0x4D41494C
# The audit chain: the head is read and the entries appended under it, and it is held to
# commit, so the next writer chains onto a committed head: one chain, ids in chain order.
AUDIT_LOCK = 0x41554454
CONNECT_TIMEOUT_S = 5


@dataclass(frozen=True)
class ServerAddress:
    user: str
    host: str
    port: int
    database: str

    def __str__(self) -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.database}"

    @property
    def name(self) -> str:
        """How messages name it (as a file is named by its name)."""
        return f"{self.database} di {self.host}:{self.port}"

    @property
    def keyring_account(self) -> str:
        return f"{self.user}@{self.host}:{self.port}/{self.database}"


PasswordAsker = Callable[[ServerAddress], "str | None"]


def is_server_address(text: object) -> bool:
    return isinstance(text, ServerAddress) or (isinstance(text, str) and text.lower().startswith("postgresql:"))


def parse_address(text: str) -> ServerAddress:
    """`postgresql://USER@HOST[:PORT]/DB`, or a one-line Indonesian reason."""
    example = "postgresql://PENGGUNA@HOST[:PORT]/BASISDATA"
    parts = urlsplit(text.strip())
    if parts.scheme.lower() not in ("postgresql", "postgres") or not parts.netloc:
        raise DataFileError(f"Alamat server tidak dikenal: tulis {example}.")
    if parts.password is not None:
        raise DataFileError(
            "Kata sandi tidak boleh ditulis di alamat server (terlihat oleh pengguna lain di PC ini): "
            "pakai PGPASSWORD, berkas pgpass, atau simpan di keyring."
        )
    if parts.query or parts.fragment:
        raise DataFileError(f"Alamat server hanya memuat pengguna, host, port, dan basis data: {example}.")
    user, host, database = unquote(parts.username or ""), parts.hostname or "", unquote(parts.path.lstrip("/"))
    if not user or not host or not database or "/" in database:
        raise DataFileError(f"Alamat server belum lengkap: tulis {example}.")
    try:
        port = parts.port or DEFAULT_PORT
    except ValueError:
        raise DataFileError(f"Port pada alamat server tidak sah: tulis {example}.") from None
    return ServerAddress(user, host, port, database)


def _connect_kwargs(address: ServerAddress, password: str | None) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        "host": address.host,
        "port": address.port,
        "user": address.user,
        "dbname": address.database,
        "connect_timeout": CONNECT_TIMEOUT_S,
        "application_name": "dumas-desktop",
    }
    if password is not None:
        kwargs["password"] = password
    return kwargs


def try_connection(address: ServerAddress, password: str | None) -> str:
    """One connection as the window's "test" makes it: what the server is, or why not."""
    from sqlalchemy.exc import DBAPIError

    engine = connect_engine(address, password=password or None)
    try:
        with engine.connect() as conn:
            version = conn.exec_driver_sql("SHOW server_version").scalar()
            ready = conn.exec_driver_sql("SELECT to_regclass('public.alembic_version')").scalar() is not None
    except DBAPIError as exc:
        raise DataFileError(explain_server_error(exc) or f"Server {address.name} tidak dapat dibaca.") from None
    finally:
        close_quietly(engine)
    state = "berisi data Dumas Desktop" if ready else "belum disiapkan (jalankan server init)"
    return f"Tersambung ke PostgreSQL {version}; basis data {address.database} {state}."


def keyring_password(address: ServerAddress) -> str | None:
    """The password kept in the OS keyring for this server, if a keyring is there."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, address.keyring_account)
    except Exception:  # no keyring backend on this PC (a server without a desktop): not a fault
        return None


def remember_password(address: ServerAddress, password: str) -> bool:
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, address.keyring_account, password)
        return True
    except Exception:
        return False


def _needs_password(exc: BaseException) -> bool:
    message = str(exc).lower()
    return "password" in message and ("no password supplied" in message or "authentication failed" in message)


def connect_engine(address: ServerAddress, ask: PasswordAsker | None = None, password: str | None = None) -> Engine:
    """An engine whose connections reach the server, the password found as the module
    says. One connection is made here, so a wrong address or password is a message now.
    `raw_connection(engine)` makes a connection of its own with the same credentials (for
    listening), without the password being kept anywhere else."""
    import psycopg
    from sqlalchemy import create_engine
    from sqlalchemy.pool import QueuePool

    tried_keyring = asked = password is not None  # a password given is the one to use
    while True:
        try:
            psycopg.connect(**_connect_kwargs(address, password)).close()
            break
        except psycopg.OperationalError as exc:
            if not _needs_password(exc):
                raise DataFileError(_unreachable(address, exc)) from None
            if not tried_keyring:
                tried_keyring = True
                password = keyring_password(address)
                if password is not None:
                    continue
            if ask is not None and not asked:
                asked = True
                password = ask(address)
                if password:
                    continue
            raise PasswordRefused(
                f"Server {address.name} menolak pengguna {address.user}: kata sandi salah atau belum diberikan "
                "(PGPASSWORD, berkas pgpass, atau keyring)."
            ) from None
    kwargs = _connect_kwargs(address, password)

    def connect() -> Any:
        return psycopg.connect(**kwargs)

    # pool_pre_ping: a connection the server dropped (restart, cable) is replaced, not used.
    engine = create_engine("postgresql+psycopg://", creator=connect, poolclass=QueuePool, pool_pre_ping=True)
    _CONNECTORS[id(engine)] = connect
    return engine


_CONNECTORS: dict[int, Callable[[], Any]] = {}


def _unreachable(address: ServerAddress, exc: BaseException) -> str:
    """Why a first connection failed, naming the address the person gave: the server was
    reached but has no such database, or the server was not reached at all."""
    if _not_there(exc, "database"):
        return (
            f"Server {address.host}:{address.port} menjawab, tetapi basis data “{address.database}” tidak "
            "ada di sana. Periksa nama basis datanya, atau buat dengan `dumas-desktop server init`."
        )
    if _not_there(exc, "role"):
        return (
            f"Server {address.host}:{address.port} menjawab, tetapi pengguna “{address.user}” tidak ada di "
            "sana. Periksa nama penggunanya; peran program dibuat oleh `dumas-desktop server init`."
        )
    said = explain_server_error(exc)
    return f"{said} Alamat: {address.name}." if said else f"Server {address.name} tidak dapat dihubungi."


def _not_there(exc: BaseException, what: str) -> bool:
    """libpq's 'FATAL: database "x" does not exist' (or role): at connect time it carries
    no SQLSTATE, only the server's words."""
    message = str(getattr(exc, "orig", exc)).lower()
    return f'{what} "' in message and "does not exist" in message


def raw_connection(engine: Engine, *, autocommit: bool = True) -> Any:
    """A psycopg connection outside the engine's pool, made as the engine's are."""
    connection = _CONNECTORS[id(engine)]()
    connection.autocommit = autocommit
    return connection


_SQLSTATE_MESSAGES = {
    "28P01": "Server menolak kata sandi pengguna ini.",
    "28000": "Server menolak pengguna ini (periksa pg_hba.conf di server).",
    "3D000": "Basis data itu tidak ada di server; buat dengan `dumas-desktop server init`.",
    "42501": "Peran program di server tidak berwenang melakukan ini: perubahan ditolak.",
    "53100": "Disk server penuh: perubahan tidak disimpan. Minta petugas TI mengosongkan ruang disk server.",
    "40P01": "Dua PC menyimpan perubahan yang sama pada saat yang sama; ulangi.",
    "40001": "Dua PC menyimpan perubahan yang sama pada saat yang sama; ulangi.",
    "57P01": "Server kantor dimatikan atau dimulai ulang; perubahan tidak disimpan. Ulangi sebentar lagi.",
    "57P03": "Server kantor sedang dinyalakan; ulangi sebentar lagi.",
    "25006": "Server hanya dapat dibaca: perubahan tidak disimpan.",
    # unique_violation: the service looked first, but another PC saved the same name or
    # number between that look and this insert (READ COMMITTED); nothing was saved.
    "23505": "PC lain baru saja menyimpan data yang sama (nama atau nomor yang sama): perubahan ini tidak "
    "disimpan. Muat ulang, periksa, lalu ulangi.",
}


def explain_server_error(exc: BaseException) -> str | None:
    """A clear Indonesian message for the server faults a person can meet, else None."""
    original = getattr(exc, "orig", exc)
    state = getattr(original, "sqlstate", None)
    if state in _SQLSTATE_MESSAGES:
        return _SQLSTATE_MESSAGES[state]
    message = str(original).lower()
    if state == "23001" or "append-only" in message:  # restrict_violation: a frozen row
        return "Jejak audit dan dokumen yang telah ditetapkan tidak dapat diubah."
    if "connection refused" in message or "could not connect" in message or "timeout expired" in message:
        return "Server kantor tidak dapat dihubungi (server mati, kabel jaringan, atau alamat salah)."
    if "could not translate host name" in message or "name or service not known" in message:
        return "Nama server kantor tidak dikenal; periksa alamatnya."
    if "server closed the connection" in message or "connection is closed" in message or "ssl syscall" in message:
        return "Sambungan ke server kantor terputus; perubahan tidak disimpan. Ulangi sebentar lagi."
    return None


def grant_program_role(conn: Any, role: str = PROGRAM_ROLE) -> None:
    """The program's privileges: read every table; write cases; only append to the audit
    log; only read the audit head and the search indexes (their triggers write them)."""
    from psycopg import sql

    conn.exec_driver_sql("SELECT 1")  # make sure we are inside the caller's transaction
    raw = conn.connection.dbapi_connection
    ident = sql.Identifier(role)
    with raw.cursor() as cur:
        cur.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(_database(raw)), ident))
        cur.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(ident))
        cur.execute(sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {}").format(ident))
        cur.execute(sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA public TO {}").format(ident))
        cur.execute(sql.SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {}").format(ident))
        cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = [row[0] for row in cur.fetchall()]
        read_only = {"alembic_version", "audit_head", "complaint_search", "complaint_search_open"}
        for table in tables:
            if table == "audit_log":
                cur.execute(sql.SQL("GRANT INSERT ON audit_log TO {}").format(ident))
            elif table not in read_only:
                cur.execute(sql.SQL("GRANT INSERT, UPDATE, DELETE ON {} TO {}").format(sql.Identifier(table), ident))


def _database(raw: Any) -> str:
    return str(raw.info.dbname)


def ensure_role(conn: Any, role: str, password: str | None) -> None:
    """Create the program's login role if missing; a password is sent already hashed
    (SCRAM, made by libpq here), so it never appears in the server's statement log."""
    from psycopg import sql

    raw = conn.connection.dbapi_connection
    with raw.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
        if cur.fetchone() is None:
            cur.execute(
                sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE").format(sql.Identifier(role))
            )
        if password:
            verifier = raw.pgconn.encrypt_password(password.encode(), role.encode(), b"scram-sha-256").decode()
            cur.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(role), sql.Literal(verifier)))


def hold_lock(session: Any, key: int, scope: str | None = None) -> None:
    """Take one of the transaction-level locks above, on a server; a file's writer already
    holds the whole file (BEGIN IMMEDIATE). `scope` narrows it (an office's numbers).
    `session`: a Session or a Connection."""
    dialect = session.dialect if hasattr(session, "dialect") else session.get_bind().dialect
    if dialect.name != "postgresql":
        return
    from sqlalchemy import text

    if scope is None:
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
    else:
        session.execute(text("SELECT pg_advisory_xact_lock(:key, hashtext(:scope))"), {"key": key, "scope": scope})


def writing_on_server(session: Any) -> bool:
    """Inside a server's writing transaction (Database.transaction)."""
    return session.get_bind().dialect.name == "postgresql" and bool(
        session.connection().get_execution_options().get("dumas_write")
    )


def get_locked(session: Any, entity: Any, ident: int) -> Any:
    """A row by id; in a server's writing transaction its row is held to commit (SELECT
    ... FOR UPDATE) and read afresh, so a second PC acting on the same row waits and then
    sees what the first committed. What this transaction changed is flushed first."""
    if not writing_on_server(session):
        return session.get(entity, ident)
    from sqlalchemy import select

    session.flush()
    query = select(entity).where(entity.id == ident).with_for_update().execution_options(populate_existing=True)
    return session.scalar(query)


def close_quietly(engine: Engine | None) -> None:
    if engine is not None:
        _CONNECTORS.pop(id(engine), None)
        with contextlib.suppress(Exception):
            engine.dispose()
