"""Shared fixtures: each test gets a fresh data file, copied from a template made once."""

from __future__ import annotations

import itertools
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


_WORKER_HOME = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    """The suite runs in parallel (pytest-xdist, `-n auto` in pyproject.toml). Each worker
    gets a home of its own, so that the window's settings, recent files and drafts
    (QStandardPaths' test mode keeps them under ~/.qttest) of two tests never meet."""
    worker = getattr(config, "workerinput", {}).get("workerid")
    if worker is None:
        return
    import tempfile

    real_home = Path.home()
    os.environ.setdefault("XDG_CACHE_HOME", str(real_home / ".cache"))  # fontconfig's cache, made once
    config.stash[_WORKER_HOME] = os.environ["HOME"] = tempfile.mkdtemp(prefix=f"dumas-tests-{worker}-")


def pytest_unconfigure(config: pytest.Config) -> None:
    home = config.stash.get(_WORKER_HOME, None)
    if home is not None:
        shutil.rmtree(home, ignore_errors=True)


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


BACKENDS = ("sqlite", "postgresql")
_TEMPLATE_OFFICES = (
    ("sanggau-2026", "Komisi Pemilihan Umum Kabupaten Sanggau", "6103"),
    ("sumbar-2022", "Komisi Pemilihan Umum Provinsi Sumatera Barat", "13"),
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests marked `both_backends` run once on a data file and once on a server."""
    if metafunc.definition.get_closest_marker("both_backends") and "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    from tests.postgres import NoServer, running_server

    try:
        with running_server() as server:
            yield server
    except NoServer as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true: {exc}")
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def pg_templates(pg_server: object) -> Iterator[dict[str, str]]:
    """One database per SOP profile made by `server init` as the tests' files are made,
    copied (CREATE DATABASE ... TEMPLATE) for each test."""
    from dumas_desktop.services.server_setup import init_server

    made: dict[str, str] = {}
    with pg_server.admin() as conn:  # type: ignore[attr-defined]
        for sop, name, code in _TEMPLATE_OFFICES:
            database = f"dumas_template_{sop.replace('-', '_')}_{os.getpid()}"
            conn.execute(f'DROP DATABASE IF EXISTS "{database}"')
            conn.execute(f'CREATE DATABASE "{database}"')

            def set_up(db: Database, name: str = name, code: str = code, sop: str = sop) -> None:
                ws = Workspace(db, actor="penguji", clock=lambda: datetime(2026, 1, 5, 8, 0))
                initialize_office(ws, OfficeInput(name=name, office_code=code, sop=sop, city="Sanggau"))
                _admin_account(ws)

            init_server(pg_server.address(database), set_up)  # type: ignore[attr-defined]
            made[sop] = database
    yield made
    with pg_server.admin() as conn:  # type: ignore[attr-defined]
        for database in [*made.values(), *_demo_templates.values()]:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


_numbers = itertools.count()


@pytest.fixture
def pg_database(pg_server: object, pg_templates: dict[str, str]) -> Iterator[object]:
    """Makes fresh databases from a template; their addresses are the program's role's."""
    from dumas_desktop.storage.server import PROGRAM_ROLE

    made: list[str] = []

    def fresh(sop: str = "sanggau-2026", template: str | None = None) -> object:
        name = f"dumas_test_{os.getpid()}_{next(_numbers)}"
        with pg_server.admin() as conn:  # type: ignore[attr-defined]
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template or pg_templates[sop]}"')
        made.append(name)
        return pg_server.address(name, PROGRAM_ROLE)  # type: ignore[attr-defined]

    yield fresh
    with pg_server.admin() as conn:  # type: ignore[attr-defined]
        for name in made:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_demo_templates: dict[tuple[int, str, int], str] = {}


@pytest.fixture
def demo_source(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> object:
    """Makes a demo office for the backend under test: a file, or that file moved onto a
    fresh database by `server migrate-from`'s service (made once per content, then copied)."""
    from dumas_desktop.services.demo import make_demo

    def make(cases: int = 40, sop: str = "sanggau-2026", seed: int = 1) -> str:
        if backend != "postgresql":
            return str(make_demo(tmp_path / f"demo-{cases}-{seed}.dumas", cases, sop, seed=seed).path)
        server = request.getfixturevalue("pg_server")
        key = (cases, sop, seed)
        if key not in _demo_templates:
            from dumas_desktop.services.server_move import move_file_to_server
            from dumas_desktop.services.server_setup import init_server

            path = make_demo(tmp_path / "demo-template.dumas", cases, sop, seed=seed).path
            name = f"dumas_demo_{cases}_{sop.replace('-', '_')}_{seed}_{os.getpid()}"
            with server.admin() as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
                conn.execute(f'CREATE DATABASE "{name}"')
            init_server(server.address(name), lambda db: move_file_to_server(path, db))
            _demo_templates[key] = name
        return str(request.getfixturevalue("pg_database")(template=_demo_templates[key]))

    return make


@pytest.fixture
def data_source(request: pytest.FixtureRequest, backend: str) -> str:
    """What `--data` names for the backend under test: a file's path or a server's address."""
    if backend == "postgresql":
        return str(request.getfixturevalue("pg_database")())
    return str(request.getfixturevalue("data_file"))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 2, 9, 0))  # a Monday


@pytest.fixture
def data_file(templates: dict[str, Path], tmp_path: Path) -> Path:
    return _copy(templates["sanggau-2026"], tmp_path / "kantor.dumas")


@pytest.fixture
def db(request: pytest.FixtureRequest, backend: str) -> Iterator[Database]:
    if backend == "postgresql":
        database = open_database(request.getfixturevalue("pg_database")())
    else:
        database = open_database(request.getfixturevalue("data_file"))
    yield database
    database.close()


@pytest.fixture
def ws(db: Database, clock: FakeClock) -> Workspace:
    return Workspace(db, actor="petugas", clock=clock)


@pytest.fixture
def sumbar_ws(request: pytest.FixtureRequest, backend: str, tmp_path: Path, clock: FakeClock) -> Iterator[Workspace]:
    if backend == "postgresql":
        database = open_database(request.getfixturevalue("pg_database")("sumbar-2022"))
    else:
        database = open_database(_copy(request.getfixturevalue("templates")["sumbar-2022"], tmp_path / "sumbar.dumas"))
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


@pytest.fixture
def no_keyring() -> Iterator[object]:
    """A PC without any keyring: the `keyring` package's fail backend, which it picks when it
    finds none (a Linux desktop without Secret Service or KWallet)."""
    import keyring
    from keyring.backends import fail

    before = keyring.get_keyring()
    backend = fail.Keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)
