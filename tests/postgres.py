"""A real PostgreSQL server for the tests: the one named by DUMAS_TEST_POSTGRES_URL (a
superuser's address, e.g. postgresql://postgres@127.0.0.1:5432/postgres), or one started
here from the server binaries (Debian's `postgresql` package) in a temporary folder, on a
free loopback port, stopped at the end. With CI=true and no server, the tests fail: a
backend nobody tested is not shipped as tested."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dumas_desktop.storage.server import ServerAddress, parse_address

URL_VARIABLE = "DUMAS_TEST_POSTGRES_URL"


class NoServer(Exception):
    pass


def _binaries() -> Path | None:
    found = shutil.which("initdb") or shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    """initdb refuses root: as root (CI), run the server as the `postgres` user."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        runuser = shutil.which("runuser")
        if runuser:
            return [runuser, "-u", "postgres", "--", *command]
        return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(command)]
    return command


@dataclass
class TestServer:
    superuser: ServerAddress  # connects to the maintenance database "postgres"
    # Set when the server was started here: it can then be restarted (a server given by
    # DUMAS_TEST_POSTGRES_URL is somebody else's).
    control: list[str] | None = None

    def restart(self) -> None:
        assert self.control is not None
        subprocess.run([*self.control, "-m", "fast", "-w", "restart"], check=True, capture_output=True)

    def stop(self) -> None:
        """The office's server goes down (switched off, the cable pulled) until `start`."""
        assert self.control is not None
        subprocess.run([*self.control, "-m", "fast", "-w", "stop"], check=True, capture_output=True)

    def start(self) -> None:
        assert self.control is not None
        subprocess.run([*self.control, "-w", "start"], check=True, capture_output=True)

    def address(self, database: str, user: str | None = None) -> ServerAddress:
        return ServerAddress(user or self.superuser.user, self.superuser.host, self.superuser.port, database)

    def admin(self):  # type: ignore[no-untyped-def]
        import psycopg

        return psycopg.connect(
            host=self.superuser.host,
            port=self.superuser.port,
            user=self.superuser.user,
            dbname=self.superuser.database,
            autocommit=True,
        )


@contextlib.contextmanager
def running_server() -> Iterator[TestServer]:
    url = os.environ.get(URL_VARIABLE)
    if url:
        yield TestServer(parse_address(url))
        return
    binaries = _binaries()
    if binaries is None:
        raise NoServer("PostgreSQL server binaries not found (apt install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="dumas-pg-"))
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    if root:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", _free_port()
    subprocess.run(
        _as_server_user(
            [
                str(binaries / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        ),
        check=True,
        capture_output=True,
        cwd=folder,
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    subprocess.run(
        _as_server_user(
            [str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"]
        ),
        check=True,
        capture_output=True,
        cwd=folder,
    )
    control = _as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log")])
    try:
        yield TestServer(ServerAddress("postgres", "127.0.0.1", port, "postgres"), control)
    finally:
        subprocess.run(
            _as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
            capture_output=True,
            cwd=folder,
        )
        shutil.rmtree(folder, ignore_errors=True)


def downgrade(owner: ServerAddress, revision: str) -> None:
    """Take a server back to an older schema revision, as the previous program left it
    (run as the database's owner)."""
    from alembic import command

    from dumas_desktop.storage.database import _alembic_config
    from dumas_desktop.storage.server import close_quietly, connect_engine

    engine = connect_engine(owner)
    try:
        with engine.begin() as conn:
            config = _alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, revision)
    finally:
        close_quietly(engine)
