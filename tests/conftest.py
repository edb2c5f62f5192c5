"""Shared fixtures: each test gets a fresh data file, copied from a template made once."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from dumas_desktop.services.context import Workspace
from dumas_desktop.services.office import OfficeInput, initialize_office
from dumas_desktop.storage.database import Database, create_database, open_database


class FakeClock:
    """A clock the test moves by hand: the SOP's deadlines depend on it."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def set(self, value: datetime) -> None:
        self.current = value

    def advance(self, **kwargs: float) -> datetime:
        self.current += timedelta(**kwargs)
        return self.current


@pytest.fixture(scope="session", autouse=True)
def demo_sign_in() -> Iterator[None]:
    """Demo files have accounts: the command line (in-process and in subprocesses) and the
    window sign in as the demo administrator, who holds every role, unless a test says otherwise."""
    from dumas_desktop.services.demo import DEMO_ADMIN, DEMO_PASSWORD

    saved = {k: os.environ.get(k) for k in ("DUMAS_USER", "DUMAS_PASSWORD")}
    os.environ["DUMAS_USER"], os.environ["DUMAS_PASSWORD"] = DEMO_ADMIN, DEMO_PASSWORD
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One initialised, empty data file per SOP profile, made once per test run."""
    folder = tmp_path_factory.mktemp("templates")
    made: dict[str, Path] = {}
    for sop, name, code in (
        ("sanggau-2026", "Komisi Pemilihan Umum Kabupaten Sanggau", "6103"),
        ("sumbar-2022", "Komisi Pemilihan Umum Provinsi Sumatera Barat", "13"),
    ):
        path = folder / f"{sop}.dumas"
        db = create_database(path)
        ws = Workspace(db, actor="penguji", clock=lambda: datetime(2026, 1, 5, 8, 0))
        initialize_office(ws, OfficeInput(name=name, office_code=code, sop=sop, city="Sanggau"))
        _admin_account(ws)
        db.close()
        made[sop] = path
    return made


def _admin_account(ws: Workspace) -> None:
    """The demo's administrator, holding every role, so the window and the command line
    sign in to test files as they do to demo files."""
    from dumas_desktop.domain.access import roles_of
    from dumas_desktop.services.accounts import add_user
    from dumas_desktop.services.demo import DEMO_ADMIN, DEMO_PASSWORD

    with ws.db.read() as session:
        roles = roles_of(ws.home_profile(session))
    add_user(ws, DEMO_ADMIN, "Administrator Uji", DEMO_PASSWORD, list(roles))


def _copy(template: Path, target: Path) -> Path:
    shutil.copyfile(template, target)
    return target


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 2, 9, 0))  # a Monday


@pytest.fixture
def data_file(templates: dict[str, Path], tmp_path: Path) -> Path:
    return _copy(templates["sanggau-2026"], tmp_path / "kantor.dumas")


@pytest.fixture
def db(data_file: Path) -> Iterator[Database]:
    database = open_database(data_file)
    yield database
    database.close()


@pytest.fixture
def ws(db: Database, clock: FakeClock) -> Workspace:
    return Workspace(db, actor="petugas", clock=clock)


@pytest.fixture
def sumbar_ws(templates: dict[str, Path], tmp_path: Path, clock: FakeClock) -> Iterator[Workspace]:
    database = open_database(_copy(templates["sumbar-2022"], tmp_path / "sumbar.dumas"))
    yield Workspace(database, actor="petugas", clock=clock)
    database.close()


@pytest.fixture(scope="session")
def dovecot() -> Iterator[object]:
    """A real IMAP server (Dovecot) for the whole run; each test takes its own mailbox.
    In CI a missing Dovecot is a failure, never a silent skip."""
    import sys
    import tempfile

    if sys.platform == "win32":
        pytest.skip("the IMAP tests run Dovecot, on Linux")
    from tests.imap_server import DOVECOT, Dovecot

    if DOVECOT is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Dovecot (dovecot-imapd) is not installed; .ci/run installs it with apt.")
        pytest.skip("Dovecot (dovecot-imapd) is not installed")
    # Not under pytest's own temporary folder: that is private (0700), and Dovecot's
    # unprivileged processes must reach their passwd-file and Maildirs.
    folder = Path(tempfile.mkdtemp(prefix="dumas-dovecot-"))
    try:
        server = Dovecot(folder)
        server.start()
        yield server
        server.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def memory_keyring() -> Iterator[object]:
    """The OS keyring replaced by one in memory: tests never touch the machine's passwords."""
    import keyring

    from tests.memory_keyring import MemoryKeyring

    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(before)
