"""Window tests: offscreen, with modal dialogs replaced so that nothing can hang."""

from __future__ import annotations

import gc
import itertools
import os
import re
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

# The office laptop: a 1366×768 screen of which the taskbar leaves 1366×728
# (laptop_screen.json; the offscreen platform's own screen is 800×800).
os.environ["QT_QPA_PLATFORM"] = re.sub(
    "^offscreen$",
    "offscreen:configfile=" + str(Path(__file__).with_name("laptop_screen.json")).replace("\\", "/"),
    os.environ.get("QT_QPA_PLATFORM", "offscreen"),
)

import pytest
from PySide6.QtCore import QStandardPaths

from dumas_desktop.ui import dialogs
from dumas_desktop.ui.app import Controller, application
from dumas_desktop.ui.texts import use_indonesian_locale

# Before pytest-qt makes the QApplication, as the program does before making its own:
# Qt reads the system locale of its file dialog's dates and sizes only once.
use_indonesian_locale()


class DialogLog:
    """Stands in for the modal dialogs: records what would have been shown."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answer = False

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(dialogs, "inform", lambda parent, title, text: self.shown.append(("info", title, text)))
        monkeypatch.setattr(dialogs, "warn", lambda parent, title, text: self.shown.append(("warn", title, text)))
        monkeypatch.setattr(dialogs, "ask", lambda parent, title, text: self._ask(title, text))
        monkeypatch.setattr(dialogs, "crash", self._crash)

    def _ask(self, title: str, text: str) -> bool:
        self.shown.append(("ask", title, text))
        return self.answer

    def _crash(self, parent: object, details: str) -> Path:
        raise AssertionError(f"the window hit a bug:\n{details}")

    def texts(self, kind: str) -> list[str]:
        return [text for k, _, text in self.shown if k == kind]


@pytest.fixture
def dialog_log(monkeypatch: pytest.MonkeyPatch) -> DialogLog:
    log = DialogLog()
    log.install(monkeypatch)
    return log


@pytest.fixture(autouse=True)
def collected_after() -> Iterator[None]:
    """The program collects Python's garbage on a UI-thread timer (ui/collector.py). A test
    gives that timer no turn before the next test starts, so the windows it closed are
    destroyed here, after every other fixture has closed them: none of them outlives its
    test to answer the next one's signals."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


@pytest.fixture
def qt_app():
    app = application()
    QStandardPaths.setTestModeEnabled(True)
    return app


@pytest.fixture
def window_for(qt_app, qtbot, dialog_log, templates, tmp_path, backend, request) -> Iterator:
    """Opens the window on a copy of a set-up office: a data file, or, in a test marked
    `both_backends` on its server run, a database made on the office's server."""
    controllers: list[Controller] = []
    moved: list[str] = []
    on_server: dict[Path, Any] = {}  # a file opened again in the same test: the same database
    if backend == "postgresql":
        # Made before this fixture's body, so torn down after its windows are closed: a
        # database dropped under an open window fails the test at its teardown.
        request.getfixturevalue("pg_database")

    def open_window(sop: str = "sanggau-2026", path: Any = None):  # a file, or a server's address
        if path is None and backend == "postgresql":
            path = request.getfixturevalue("pg_database")(sop)
        elif path is None:
            path = tmp_path / f"{sop}.dumas"
            shutil.copyfile(templates[sop], path)
        elif backend == "postgresql" and isinstance(path, Path):
            if path not in on_server:
                on_server[path] = _moved_to_server(request.getfixturevalue("pg_server"), path, moved)
            path = on_server[path]
        controller = Controller("petugas")
        assert controller.open(path)
        window = controller.window
        controllers.append(controller)  # the controller closes it, and stops its worker thread
        wait_idle(qtbot, window)
        return window

    yield open_window
    for controller in controllers:
        if controller.window is not None:
            wait_idle(qtbot, controller.window)
            controller.close_window()
    if moved:
        with request.getfixturevalue("pg_server").admin() as conn:
            for database in moved:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


_moved = itertools.count()


def _moved_to_server(server, path: Path, moved: list[str]):
    """The office a test set up in a file, moved onto a fresh database of the office's
    server as `server migrate-from` moves it: the same test then runs on the server."""
    from dumas_desktop.services.server_move import move_file_to_server
    from dumas_desktop.services.server_setup import init_server
    from dumas_desktop.storage.server import PROGRAM_ROLE

    name = f"dumas_window_{os.getpid()}_{next(_moved)}"
    with server.admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    moved.append(name)
    init_server(server.address(name), lambda db: move_file_to_server(path, db))
    return server.address(name, PROGRAM_ROLE)


# What the offscreen platform cannot do (raise a window, grab the keyboard for an open
# drop-down list) it says as a warning; the window is driven by clicks and keys, so these
# come up in every test that uses it as a person does, and are the only ones ignored.
OFFSCREEN_LIMITS = r"This plugin does not support (raise\(\)|propagateSizeHints\(\)|grabbing the keyboard)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS))


def wait_idle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.app.runner.pending == 0, timeout=10_000)
    qtbot.wait(10)
    qtbot.waitUntil(lambda: window.app.runner.pending == 0, timeout=10_000)


def now() -> datetime:
    return datetime.now().replace(second=0, microsecond=0)
