"""Starting the window: the data file, the first-run set-up, and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QApplication

from .. import APP_NAME
from ..domain.errors import DumasError
from ..services.context import Workspace, home_office
from ..storage.database import open_database
from . import dialogs
from .context import AppContext, Events
from .drafts import DraftStore
from .main_window import MainWindow, remember_recent
from .runner import OperationRunner
from .texts import tr

DATA_FILE_NAME = "kantor.dumas"


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


class Controller:
    """Owns the open data file and its window; opening another file replaces both."""

    def __init__(self, user: str) -> None:
        self.user = user
        self.window: MainWindow | None = None

    def open(self, path: Path) -> bool:
        try:
            db = open_database(path)
            ws = Workspace(db, actor=self.user)
            with db.read() as session:
                office = home_office(session)
                profile = ws.profile(session, office.sop_profile_id)
                name, code = office.name, office.office_code
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
