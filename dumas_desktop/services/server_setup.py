"""Setting up the office's server: the schema, the program's limited role, the office and
its first administrator. Run once by office IT staff as the database's owner; every PC
then connects with the program's role."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..domain.errors import DataFileError
from ..storage.database import Database, migrate_server, server_revision
from ..storage.server import (
    PROGRAM_ROLE,
    PasswordAsker,
    ServerAddress,
    close_quietly,
    connect_engine,
    ensure_role,
    grant_program_role,
)


@dataclass(frozen=True)
class ServerReady:
    address: ServerAddress
    program_role: str
    program_address: ServerAddress


def init_server(
    address: ServerAddress,
    set_up: Callable[[Database], object] | None,
    *,
    program_role: str = PROGRAM_ROLE,
    program_password: str | None = None,
    ask_password: PasswordAsker | None = None,
) -> ServerReady:
    """Make the schema in an empty database (as `address`'s user, its owner), create or
    update the program's role and its privileges, then run `set_up` (the office, the first
    administrator) in a transaction. A database that already holds data is refused."""
    engine = connect_engine(address, ask_password)
    try:
        if server_revision(engine) is not None:
            raise DataFileError(f"Basis data {address.name} sudah berisi data Dumas Desktop; tidak ada yang diubah.")
        with engine.connect() as conn:
            tables = conn.exec_driver_sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").scalar_one()
        if tables:
            raise DataFileError(
                f"Basis data {address.name} sudah berisi {tables} tabel lain; pakai basis data baru yang kosong."
            )
        migrate_server(engine)
        with engine.begin() as conn:
            ensure_role(conn, program_role, program_password)
            grant_program_role(conn, program_role)
        if set_up is not None:
            set_up(Database(None, engine, read_only=False, address=address))
    finally:
        close_quietly(engine)
    program = ServerAddress(program_role, address.host, address.port, address.database)
    return ServerReady(address, program_role, program)
