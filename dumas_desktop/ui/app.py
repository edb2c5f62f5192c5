"""Starting the window: the data file, the first-run set-up, and the main window.

The window's frame is shown first; the storage and services (SQLAlchemy above all) are
imported and the data file opened on a thread while the frame paints, then the frame is
filled. Only Qt and light modules are imported at the top of this module.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QMetaObject, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from .. import APP_NAME
from ..domain.errors import DumasError
from . import dialogs
from .drafts import DraftStore
from .main_window import MainWindow, remember_recent
from .runner import PROGRESS_DELAY_MS, OperationRunner
from .texts import tr

if TYPE_CHECKING:
    from ..domain.sop import Profile
    from ..services.context import Workspace

DATA_FILE_NAME = "kantor.dumas"
WINDOW_MODULES = (".agenda_tab", ".attention", ".queue_tab", ".settings_tab", ".case_actions", ".context")
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
        self.on_frame: Callable[[], None] | None = None  # told when the frame is on screen (bench)

    def open(self, path: Path) -> bool:
        frame: MainWindow | None = None
        if self.window is None:
            frame = MainWindow()
            frame.show()
            QApplication.processEvents()  # paint the frame before the slow imports start
            if self.on_frame is not None:
                self.on_frame()

        def load() -> tuple[Workspace, str, str, Profile]:
            import importlib

            from ..services.context import Workspace, home_office
            from ..storage.database import open_database

            # The tabs' modules too, while the UI thread is free: attaching then only builds widgets.
            for module in WINDOW_MODULES:
                importlib.import_module(module, __package__)

            db = open_database(path)  # may migrate a large file: off the UI thread
            ws = Workspace(db, actor=self.user)
            with db.read() as session:
                office = home_office(session)
                return ws, office.name, office.office_code, ws.profile(session, office.sop_profile_id)

        try:
            ws, name, code, profile = in_background(load, tr("Membuka berkas data…"), self.window or frame)
        except DumasError as exc:
            if frame is not None:
                frame.close()
                frame.deleteLater()
            dialogs.warn(self.window, tr("Berkas data tidak dapat dibuka"), exc.message)
            return False
        from .context import AppContext, Events

        if self.window is not None:
            self.close_window()
        window = frame or MainWindow()
        runner = OperationRunner(None, lambda exc, details: dialogs.crash(self.window, details))
        window.attach(AppContext(ws, runner, Events(), name, code, profile), DraftStore(app_data_dir(), path))
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
