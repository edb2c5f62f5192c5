"""Starting the window: the data file, the first-run set-up, and the main window.

The window's frame is shown first; the storage and services (SQLAlchemy above all) are
imported and the data file opened on the operation runner's worker while the frame paints,
then the frame is filled. The runner is made before the file is opened, so the sign-in's
Argon2, the backup as the window closes and the recovery of a damaged file run on it too:
one way off the UI thread. Only Qt and light modules are imported at the top of this module.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QMetaObject, QObject, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget

from .. import APP_NAME
from ..domain.errors import DamagedFile, DumasError, PasswordRefused
from . import dialogs
from .drafts import DraftStore
from .main_window import MainWindow, remember_recent
from .runner import OperationRunner
from .texts import tr

if TYPE_CHECKING:
    from ..domain.access import Access
    from ..domain.sop import Profile
    from ..services.context import Workspace
    from ..services.deadline_updates import Shift
    from .sign_in import IdleLock

DATA_FILE_NAME = "kantor.dumas"
BACKUP_EVERY_MS = 3 * 60 * 60 * 1000  # and when the window closes, if anything changed
WINDOW_MODULES = (
    ".agenda_tab",
    ".attention",
    ".queue_tab",
    ".settings_tab",
    ".stats_tab",
    ".charts",
    ".case_actions",
    ".context",
)


def app_data_dir() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation))


def default_data_path() -> Path:
    return app_data_dir() / DATA_FILE_NAME


def application() -> QApplication:
    from . import behaviour, collector
    from .texts import install_qt_words, use_indonesian_locale

    use_indonesian_locale()
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        install_qt_words(existing)
        behaviour.install(existing)
        collector.install(existing)
        return existing
    QCoreApplication.setOrganizationName("KPU")
    QCoreApplication.setApplicationName(APP_NAME)
    app = QApplication(sys.argv[:1])
    install_qt_words(app)
    behaviour.install(app)
    collector.install(app)  # the cycle collector on the UI thread only (collector.py says why)
    return app


class ServerNews(QObject):
    """Carries the server listener's news (told on its own thread) to the UI thread."""

    arrived = Signal(object)  # Changes
    connection = Signal(bool)


class Controller:
    """Owns the open data file and its window; opening another file replaces both."""

    def __init__(self, user: str) -> None:
        self.user = user
        self.window: MainWindow | None = None
        self.on_frame: Callable[[], None] | None = None  # told when the frame is on screen (bench)
        self.lock: Any = None
        self.idle: IdleLock | None = None
        self.path: Path | None = None
        self.signed_actor = ""
        self.changed = False
        self.listener: Any = None
        self.passwords: dict[str, str] = {}  # typed in the server dialog: for this session, in memory only

    def open_server(self, address: object, password: str) -> bool:
        if password:
            self.passwords[str(address)] = password
        return self.open(address)  # type: ignore[arg-type]

    def switch_user(self) -> None:
        """Another person takes over the PC: the window closes (its forms keep their
        drafts, the file is backed up and unlocked) and the sign-in asks again."""
        path = self.path
        if path is None:
            return
        app = QApplication.instance()
        quits = app.quitOnLastWindowClosed() if isinstance(app, QApplication) else True
        if isinstance(app, QApplication):
            app.setQuitOnLastWindowClosed(False)  # the sign-in comes before the next window
        try:
            if not self.close_window():
                return  # a form stayed open: the same person carries on
            opened = self.open(path, ask=True)
        finally:
            if isinstance(app, QApplication):
                app.setQuitOnLastWindowClosed(quits)
        if not opened and isinstance(app, QApplication):
            app.quit()

    def open(self, path: Path, *, read_only: bool = False, ask: bool = False) -> bool:
        from ..services.data_file import is_server_address, location_problem

        # The office's server: no place to check, no file lock (the server orders its
        # writers), no whole-file check and no backups from this PC.
        server = is_server_address(path)
        problem = None if server else location_problem(path)
        if problem:
            dialogs.warn(self.window, tr("Berkas data tidak dapat dibuka di tempat ini"), problem)
            return False
        frame: MainWindow | None = None
        if self.window is None:
            frame = MainWindow()
            frame.show()
            QApplication.processEvents()  # paint the frame before the slow imports start
            if self.on_frame is not None:
                self.on_frame()
        lock = None if read_only or server else self._lock(path, frame)
        if lock is False:
            self._drop(frame)
            return False
        # The open window's worker opens the other file too; a first window gets its own.
        own_runner = self.window is None
        runner = self._new_runner(frame) if self.window is None else self.window.app.runner
        read_only = read_only or (lock is None and not server)
        crashed = bool(lock is not None and lock.cleared_stale)

        user = self.user
        opening = tr("Menyambung ke server kantor…") if server else tr("Membuka berkas data…")
        if frame is not None:
            frame.say_waiting(opening)

        def load() -> tuple[Workspace, str, str, Profile, list[Profile]]:
            import importlib

            from ..services.data_file import open_for_work

            # The tabs' modules too, while the UI thread is free: attaching then only builds widgets.
            for module in WINDOW_MODULES:
                importlib.import_module(module, __package__)
            # After a crash the file is checked before it is written to; opening may migrate a
            # large file: both off the UI thread.
            opened = open_for_work(
                path, read_only=read_only, check_first=crashed, actor=user, password=self.passwords.get(str(path))
            )
            return opened.ws, opened.office_name, opened.office_code, opened.profile, opened.profiles

        try:
            ws, name, code, profile, profiles = runner.call(load, label=opening)
        except DumasError as exc:
            password = None
            if server and isinstance(exc, PasswordRefused):
                from .server_dialog import ask_server_password

                # Asked while the worker is still there: the dialog tries each password on it.
                password = ask_server_password(path, runner, exc.message, self.window or frame)  # type: ignore[arg-type]
            if lock:
                lock.release()
            if own_runner:
                runner.shutdown()
            self._drop(frame)
            if password:
                self.passwords[str(path)] = password
                return self.open(path, read_only=read_only, ask=ask)
            if isinstance(exc, PasswordRefused):
                return False  # the person gave up at the password: nothing more to say
            if isinstance(exc, DamagedFile):
                return self._damaged(path, exc)
            dialogs.warn(self.window, tr("Berkas data tidak dapat dibuka"), exc.message)
            return False
        from .sign_in import sign_in

        if frame is not None:
            frame.say_waiting(tr("Menunggu masuk: nama pengguna dan kata sandi."))
        access = sign_in(ws.db, name, self.window or frame, runner, read_only=read_only, ask=ask)
        if access is None:  # the person gave up signing in: the file stays closed
            ws.db.close()
            if lock:
                lock.release()
            if own_runner:
                runner.shutdown()
            self._drop(frame)
            return False
        if not access.everything:
            ws = type(ws).signed_in(ws.db, access)
        from .context import AppContext, Events

        if self.window is not None and not self.close_window():
            ws.db.close()  # a form of the open file stayed open: the other file is not opened
            if lock:
                lock.release()
            return False
        window = frame or MainWindow()
        if not own_runner:  # the previous window's worker stopped with it
            runner = self._new_runner(window)
        window.attach(
            AppContext(ws, runner, Events(), name, code, profile, tuple(profiles)),
            DraftStore(app_data_dir(), path, access),
        )
        if read_only:
            window.setWindowTitle(window.windowTitle() + tr(" (hanya-baca)"))
        runner.dialog_parent = window
        window.open_file.connect(self.open)
        window.open_server.connect(self.open_server)
        window.restore_requested.connect(self.restore)
        window.closed.connect(self.close_window)  # closing the window closes the file: backup, lock
        window.show()
        self.window = window
        self.lock = lock or None
        self.path = path
        self.signed_actor = ws.actor
        self.changed = False
        window.app.events.cases_changed.connect(self._mark_changed)
        window.app.events.settings_changed.connect(self._mark_changed)
        self.backup_timer = QTimer(window)
        self.backup_timer.setInterval(BACKUP_EVERY_MS)
        self.backup_timer.timeout.connect(self.back_up)
        self.backup_timer.start()
        if not server:
            remember_recent(path)
        self.idle = None
        if not access.everything:
            from ..services.accounts import idle_minutes
            from .sign_in import IdleLock

            minutes = runner.call(lambda: idle_minutes(ws.db))
            self.idle = IdleLock(ws.db, access, runner, minutes, window)
            window.lock_requested.connect(self.idle.lock)
            self.idle.switch_user.connect(self.switch_user, Qt.ConnectionType.QueuedConnection)
            window.switch_user_requested.connect(self.switch_user, Qt.ConnectionType.QueuedConnection)
        if not crashed and not server:  # after a crash the file was checked before it was opened
            self._check_in_background(path, window)
        if server:
            from .server_dialog import remember_server

            remember_server(path)
            self._listen(window)
        if not read_only:
            self._follow_national_calendar(window)
        return True

    def _listen(self, window: MainWindow) -> None:
        """Other PCs' changes refresh this window's rows as this PC's own do."""
        from ..services.live import CaseListener

        news = ServerNews(window)
        news.arrived.connect(window.app.events.cases_changed.emit)
        news.connection.connect(lambda up: self._connection(window, up))
        self.listener = CaseListener(window.app.ws.db, news.arrived.emit, news.connection.emit)
        self.listener.start()

    def _connection(self, window: MainWindow, up: bool) -> None:
        self.lost = getattr(self, "lost", False)
        if not up:
            self.lost = True
            window.statusBar().showMessage(
                tr("Sambungan ke server kantor terputus; mencoba lagi. Isian yang terbuka tetap ada.")
            )
        elif self.lost:
            self.lost = False
            window.statusBar().showMessage(tr("Tersambung kembali ke server kantor."), 10_000)

    def _follow_national_calendar(self, window: MainWindow) -> None:
        """A newer national calendar (the `holidays` release this program carries) moves the
        due times of running steps the way an office day off does, once, at start."""
        from ..services.deadline_updates import refresh_national_calendar

        ws = window.app.ws

        def moved(shifts: list[Shift]) -> None:
            if not shifts:
                return
            cases = len({shift.case_id for shift in shifts})
            window.statusBar().showMessage(
                tr(
                    "Kalender libur nasional diperbarui: batas waktu {n} pengaduan yang berjalan bergeser "
                    "(tercatat di riwayat setiap pengaduan)."
                ).format(n=cases),
                20_000,
            )
            window.app.events.tell()

        window.app.runner.run(lambda: refresh_national_calendar(ws), moved)

    def _new_runner(self, parent: QWidget | None) -> OperationRunner:
        runner = OperationRunner(None, lambda exc, details: dialogs.crash(self.window, details))
        runner.dialog_parent = parent
        return runner

    def _check_in_background(self, path: Path, window: MainWindow) -> None:
        """SQLite's quick check of the whole file on a thread of its own (SQLite lets the
        interpreter run meanwhile), so a large file opens at once and is still looked at."""
        from ..services.data_file import check_whole_file

        self._found_damage: DumasError | None = None

        def work() -> None:
            try:
                check_whole_file(path, lambda conn: setattr(self, "_checking", conn))
            except DamagedFile as exc:
                self._found_damage = exc
                QMetaObject.invokeMethod(self._notice, "trigger", Qt.ConnectionType.QueuedConnection)
            except Exception:  # a check that cannot finish is not a finding; `check` reports it
                return

        self._checking: Any = None
        self._notice = QAction(window)
        self._notice.triggered.connect(lambda: self._damage_found_while_open(path))
        self._checker = threading.Thread(target=work, name="dumas-periksa", daemon=True)
        self._checker.start()

    def _stop_check(self) -> None:
        """A file being closed (or restored over) is not held open by its check."""
        checker = getattr(self, "_checker", None)
        if checker is None or not checker.is_alive():
            return
        conn = getattr(self, "_checking", None)
        if conn is not None:
            conn.interrupt()
        checker.join(timeout=5)

    def _damage_found_while_open(self, path: Path) -> None:
        error = self._found_damage
        if error is None or self.window is None or self.path != path:
            return
        dialogs.warn(
            self.window,
            tr("Berkas data rusak"),
            error.message + tr("\n\nBerkas akan ditutup tanpa ditulisi lagi, lalu cadangan terbaik ditawarkan."),
        )
        self.close_window(back_up=False)
        self._damaged(path, error)

    def _lock(self, path: Path, parent: QWidget | None) -> Any:
        """The lock for writing; None to open read-only; False when the person declined."""
        from ..services.data_file import FileLocked, lock_for_writing

        try:
            lock = lock_for_writing(path, self.user)
        except FileLocked as exc:
            question = exc.message + tr("\n\nBuka dalam mode hanya-baca?")
            if dialogs.ask(parent, tr("Berkas data sedang dibuka"), question):
                return None
            return False
        except DumasError as exc:
            dialogs.warn(parent, tr("Berkas data tidak dapat dibuka"), exc.message)
            return False
        return lock

    @staticmethod
    def _drop(frame: MainWindow | None) -> None:
        if frame is not None:
            frame.close()
            frame.deleteLater()

    def _mark_changed(self, *_changes: object) -> None:
        self.changed = True

    def _damaged(self, path: Path, error: DumasError) -> bool:
        """Never write to a damaged file: move it aside, then offer the newest good backup.
        No window is open: a runner of its own moves, reads and restores, and stops before
        the restored file is opened."""
        runner = self._new_runner(None)
        try:
            restored = self._recover(path, error, runner)
        finally:
            runner.shutdown()
        return restored and self.open(path)

    def _recover(self, path: Path, error: DumasError, runner: OperationRunner) -> bool:
        from ..services import keeping
        from ..services.data_file import set_aside_and_find_backup

        aside, good = runner.call(lambda: set_aside_and_find_backup(path), label=tr("Mencari cadangan yang baik…"))
        text = tr("{problem}\n\nBerkas itu dipindahkan ke {aside} dan tidak diubah.").format(
            problem=error.message, aside=aside
        )
        if good is None:
            dialogs.warn(None, tr("Berkas data rusak"), text + tr("\n\nTidak ada cadangan yang dapat dipulihkan."))
            return False
        question = text + tr("\n\nPulihkan cadangan terbaru dari {when} ({n} pengaduan)?").format(
            when=good.made_at.strftime("%d-%m-%Y %H.%M"), n=good.cases
        )
        if not dialogs.ask(None, tr("Berkas data rusak"), question):
            return False
        access = self._administrator_of(good.path, runner)
        if access is None:
            return False
        actor = self.user if access.everything else access.label
        try:
            runner.call(
                lambda: keeping.restore_backup(access, path, good.path, actor=actor), label=tr("Memulihkan cadangan…")
            )
        except DumasError as exc:
            dialogs.warn(None, tr("Pemulihan gagal"), exc.message)
            return False
        return True

    def _administrator_of(self, backup: Path, runner: OperationRunner) -> Access | None:
        """The damaged file cannot say who may restore it: an administrator proves it
        against the backup, as on the command line."""
        from ..services.data_file import open_backup
        from .sign_in import sign_in

        try:
            db = runner.call(lambda: open_backup(backup))
        except DumasError as exc:
            dialogs.warn(None, tr("Cadangan tidak dapat dibuka"), exc.message)
            return None
        try:
            return sign_in(db, tr("cadangan {name}").format(name=backup.name), None, runner, read_only=True)
        finally:
            db.close()

    def _actor(self) -> str:
        """Who is named in the record: the signed-in user (also for the backup made as the
        window closes, when the window is already gone), else the person at the PC."""
        return self.window.app.ws.actor if self.window is not None else (self.signed_actor or self.user)

    def back_up(self) -> None:
        """Every few hours while the window is open, when something changed."""
        work = self._backup_work()
        if work is not None and self.window is not None:
            self.window.app.runner.run(work, label=tr("Membuat cadangan…"))

    def _backup_work(self) -> Callable[[], None] | None:
        """A checked backup, and thinning the old ones, when something changed."""
        if not self.changed or self.lock is None or self.path is None:
            return None
        from ..services import keeping

        path, actor = self.path, self._actor()
        self.changed = False

        def work() -> None:
            keeping.back_up_now(path, actor=actor, automatic=True)

        return work

    def restore(self, backup: Path) -> bool:
        """Replace the open data file with a backup, keeping the current file aside."""
        from ..services import keeping

        path, actor = self.path, self._actor()
        assert path is not None and self.window is not None
        access = self.window.app.ws.access
        try:
            keeping.may_restore(access)  # before the file is closed
        except DumasError as exc:
            dialogs.warn(self.window, tr("Pemulihan tidak diizinkan"), exc.message)
            return False
        self.close_window(back_up=False)
        runner = self._new_runner(None)  # the window's stopped with it; this one stops before the file opens again
        try:
            aside = runner.call(
                lambda: keeping.restore_backup(access, path, backup, actor=actor), label=tr("Memulihkan cadangan…")
            )
        except DumasError as exc:
            dialogs.warn(None, tr("Pemulihan gagal"), exc.message)
            aside = None
        finally:
            runner.shutdown()
        opened = self.open(path)
        if opened and self.window is not None and aside is not None:
            self.window.statusBar().showMessage(
                tr("Dipulihkan dari {backup}; berkas sebelumnya disimpan di {aside}.").format(
                    backup=backup.name, aside=aside
                ),
                15000,
            )
        return opened

    def close_window(self, *, back_up: bool = True) -> bool:
        """Close the window and the file; False when a form stayed open (its draft could
        not be kept and the person chose to stay), and then nothing is closed."""
        if self.window is None:
            return True
        window = self.window
        self.window = None  # closing the window below comes back here through its `closed` signal
        if not window.close():
            self.window = window
            return False
        self._stop_check()
        if self.listener is not None:
            self.listener.stop()
            self.listener = None
        if self.idle is not None:
            self.idle.stop()
            self.idle = None
        db, work = window.app.ws.db, self._backup_work() if back_up else None

        def last() -> None:  # on the worker, after what was queued: the file closed, then backed up
            db.close()
            if work is not None:
                work()

        window.setEnabled(False)  # Ctrl+Q leaves it on screen until its backup is made
        runner = window.app.runner
        runner.dialog_parent = None  # a slow backup's progress outlives the window
        error = runner.shutdown(last, label=tr("Membuat cadangan…"))
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        window.deleteLater()
        if isinstance(error, DumasError):
            dialogs.warn(None, tr("Cadangan tidak dapat dibuat"), error.message)
        elif error is not None:
            raise error
        return True


def run(data: Path | None, user: str, *, smoke: bool = False) -> int:
    from .display_check import explain, missing_display_libraries
    from .texts import use_indonesian_locale

    use_indonesian_locale()  # first: loading Qt's X11 plugin below already reads the system locale
    missing = missing_display_libraries()
    if missing:  # Qt itself would abort the process with an English hint
        print(explain(missing), file=sys.stderr)
        return 2
    qt_app = application()
    dialogs.install_crash_handlers()
    from ..services.data_file import is_server_address

    path = data or default_data_path()
    if not is_server_address(path) and not path.exists():
        from .runner import OperationRunner
        from .setup_wizard import SetupWizard

        runner = OperationRunner(None, lambda exc, details: dialogs.crash(None, details))
        wizard = SetupWizard(path, runner)
        try:
            if not wizard.exec() or wizard.created is None:
                return 0
        finally:
            runner.shutdown()
    controller = Controller(user)
    if not controller.open(path):
        return 2
    qt_app.aboutToQuit.connect(controller.close_window)
    if smoke:
        _close_when_loaded(controller, qt_app)
    return qt_app.exec()


def _close_when_loaded(controller: Controller, qt_app: QApplication) -> None:
    """For checking an installation: once every tab has loaded, close the window cleanly."""

    def check() -> None:
        window = controller.window
        if window is not None and window.app.runner.pending == 0 and window.agenda.model.rowCount() >= 0:
            print(f"Jendela terbuka ({window.windowTitle()}) dan ditutup dengan baik.", flush=True)
            controller.close_window()
            qt_app.quit()
        else:
            QTimer.singleShot(50, check)

    QTimer.singleShot(200, check)
