"""Starting the window: the data file, the first-run set-up, and the main window."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QMetaObject, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from .. import APP_NAME
from ..domain.errors import DumasError
from ..domain.sop import Profile
from ..services.context import Workspace, home_office
from ..storage.database import open_database
from . import dialogs
from .context import AppContext, Events
from .drafts import DraftStore
from .main_window import MainWindow, remember_recent
from .runner import PROGRESS_DELAY_MS, OperationRunner
from .texts import tr

DATA_FILE_NAME = "kantor.dumas"
T = TypeVar("T")


def app_data_dir() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation))


def default_data_path() -> Path:
    return app_data_dir() / DATA_FILE_NAME


def application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName("KPU")
    QCoreApplication.setApplicationName(APP_NAME)
    return QApplication(sys.argv[:1])


def in_background(action: Callable[[], T], label: str, parent: QWidget | None) -> T:
    """Run `action` on a thread while the UI keeps painting; a progress dialog appears
    after half a second. Used before the window (and its runner) exists."""
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["value"] = action()
        except BaseException as exc:  # handed back to the UI thread below
            outcome["error"] = exc
        finally:
            QMetaObject.invokeMethod(loop, "quit", Qt.ConnectionType.QueuedConnection)

    progress = QProgressDialog(label, "", 0, 0, parent)
    progress.setCancelButton(None)
    progress.setWindowTitle(tr("Mohon tunggu"))
    progress.setMinimumDuration(PROGRESS_DELAY_MS)
    thread = threading.Thread(target=work, name="dumas-open", daemon=True)
    thread.start()
    loop.exec()
    thread.join()
    progress.close()
    if "error" in outcome:
        raise outcome["error"]
    value: T = outcome["value"]
    return value


class Controller:
    """Owns the open data file and its window; opening another file replaces both."""

    def __init__(self, user: str) -> None:
        self.user = user
        self.window: MainWindow | None = None

    def open(self, path: Path) -> bool:
        def load() -> tuple[Workspace, str, str, Profile]:
            db = open_database(path)  # may migrate a large file: off the UI thread
            ws = Workspace(db, actor=self.user)
            with db.read() as session:
                office = home_office(session)
                return ws, office.name, office.office_code, ws.profile(session, office.sop_profile_id)

        try:
            ws, name, code, profile = in_background(load, tr("Membuka berkas data…"), self.window)
        except DumasError as exc:
            dialogs.warn(self.window, tr("Berkas data tidak dapat dibuka"), exc.message)
            return False
        if self.window is not None:
            self.close_window()
        runner = OperationRunner(None, lambda exc, details: dialogs.crash(self.window, details))
        window = MainWindow(AppContext(ws, runner, Events(), name, code, profile), DraftStore(app_data_dir(), path))
        runner.dialog_parent = window
        window.open_file.connect(self.open)
        window.show()
        self.window = window
        remember_recent(path)
        return True

    def close_window(self) -> None:
        if self.window is None:
            return
        window = self.window
        window.close()
        window.app.runner.shutdown()
        window.app.ws.db.close()
        window.deleteLater()
        self.window = None


def run(data: Path | None, user: str) -> int:
    qt_app = application()
    dialogs.install_crash_handlers()
    path = data or default_data_path()
    if not path.exists():
        from .setup_wizard import SetupWizard

        wizard = SetupWizard(path)
        if not wizard.exec() or wizard.created is None:
            return 0
    controller = Controller(user)
    if not controller.open(path):
        return 2
    qt_app.aboutToQuit.connect(controller.close_window)
    return qt_app.exec()
