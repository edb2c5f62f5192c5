"""Messages to the user, and the crash report for bugs.

Modal dialogs go through these functions so that tests replace them: an unpatched
exec() would hang the suite.
"""

from __future__ import annotations

import faulthandler
import functools
import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QFileInfo, QStandardPaths
from PySide6.QtWidgets import QFileIconProvider, QMessageBox, QWidget

from .texts import tr


def log_dir() -> Path:
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)) / "log"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def write_crash_log(details: str) -> Path:
    path = log_dir() / f"galat-{datetime.now():%Y%m%d-%H%M%S}.log"
    path.write_text(details, encoding="utf-8")
    return path


def crash(parent: QWidget | None, details: str) -> Path:
    """A bug: say so plainly, keep the details in a log file, and reassure about the data."""
    path = write_crash_log(details)
    warn(
        parent,
        tr("Terjadi kesalahan program"),
        tr(
            "Terjadi kesalahan di dalam program. Data yang sudah disimpan tetap aman: setiap langkah "
            "disimpan utuh atau tidak sama sekali.\n\nRincian untuk petugas TI tersimpan di:\n{path}"
        ).format(path=path),
    )
    return path


_fault_log = None


def install_crash_handlers() -> None:
    """Uncaught exceptions become the crash dialog; hard crashes leave a faulthandler log."""
    global _fault_log
    _fault_log = (log_dir() / "crash-native.log").open("a", encoding="utf-8")
    faulthandler.enable(_fault_log)

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        crash(None, "".join(traceback.format_exception(kind, value, tb)))

    sys.excepthook = hook


# Every file dialog of the program goes through the helpers below, each with a purpose:
# the folder is remembered per purpose, and at first it is the user's Documents folder.
#
# Which dialog a person sees is Qt's choice, on purpose: on Windows the native one, which
# speaks the language of Windows (Indonesian in the offices) and knows the office's network
# drives, OneDrive and shortcuts; where the platform has no native dialog (plain X11 without
# a desktop theme, offscreen) Qt's own widget dialog, which speaks Indonesian through
# resources/i18n/qt_id.ts. A Linux desktop with its own file dialog (GNOME, KDE) gets that
# dialog in the desktop's language. ask_files makes the dialog as Qt's static functions do,
# so Qt picks.
FOLDER_KEY = "folder/{purpose}"
EVIDENCE = "bukti"
SIGNED_SCAN = "pindaian"
PDF = "pdf"
RECAP = "rekap"
PACKAGE = "paket"
AUDIT = "jejak-audit"
LOGO = "logo"
PROFILE = "profil-sop"
DATA_FILE = "berkas-data"
PURPOSES = (EVIDENCE, SIGNED_SCAN, PDF, RECAP, PACKAGE, AUDIT, LOGO, PROFILE, DATA_FILE)


def documents_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


def start_folder(purpose: str) -> Path:
    """The folder last used for this purpose, or else the user's Documents folder."""
    from PySide6.QtCore import QSettings

    saved = QSettings().value(FOLDER_KEY.format(purpose=purpose))
    if saved and Path(str(saved)).is_dir():
        return Path(str(saved))
    return documents_folder()


def remember_folder(purpose: str, chosen: Path) -> None:
    from PySide6.QtCore import QSettings

    QSettings().setValue(FOLDER_KEY.format(purpose=purpose), str(chosen.parent))


# The widget dialog names a file's kind from the MIME database, in Indonesian where the
# database has it; the program's own kinds it has not, or has only in English (TOML).
OWN_KINDS = {
    ".dumas": "Berkas data Dumas",
    ".dumaspkg": "Paket Dumas",
    ".toml": "Profil SOP (TOML)",
}


KIND_COLUMN = 2  # of Qt's file list: name, size, kind, date modified


class OwnKinds(QFileIconProvider):
    def type(self, info: QFileInfo) -> str:
        own = OWN_KINDS.get(Path(info.fileName()).suffix.lower()) if info.isFile() else None
        return own or super().type(info)


@functools.cache
def own_kinds() -> OwnKinds:
    return OwnKinds()  # one for every dialog: a dialog does not own its provider


def ask_files(
    parent: QWidget | None, title: str, start: Path, file_filter: str, *, save: bool, many: bool
) -> list[str]:
    """Qt's file dialog, made as its static functions make it (native where the platform
    has one), with the program's own kinds of file named."""
    from PySide6.QtWidgets import QFileDialog, QTreeView

    dialog = QFileDialog(parent, title, str(start), file_filter)
    dialog.setIconProvider(own_kinds())
    details = dialog.findChild(QTreeView)  # Qt's widget dialog only: a native one has none
    if details is not None:
        details.header().resizeSection(KIND_COLUMN, 160)  # "Berkas data Dumas" whole, not "Ber…mas"
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles if many else QFileDialog.FileMode.ExistingFile)
    try:
        return dialog.selectedFiles() if dialog.exec() == QFileDialog.DialogCode.Accepted else []
    finally:
        dialog.deleteLater()


def save_file_name(parent: QWidget | None, title: str, suggested: str, file_filter: str, purpose: str) -> Path | None:
    """Starts in the folder last used for this purpose (at first, Documents), with the name suggested."""
    names = ask_files(parent, title, start_folder(purpose) / Path(suggested).name, file_filter, save=True, many=False)
    if not names:
        return None
    remember_folder(purpose, Path(names[0]))
    return Path(names[0])


def open_file_name(parent: QWidget | None, title: str, file_filter: str, purpose: str) -> Path | None:
    names = ask_files(parent, title, start_folder(purpose), file_filter, save=False, many=False)
    if not names:
        return None
    remember_folder(purpose, Path(names[0]))
    return Path(names[0])


def open_file_names(parent: QWidget | None, title: str, file_filter: str, purpose: str) -> list[Path]:
    names = ask_files(parent, title, start_folder(purpose), file_filter, save=False, many=True)
    if names:
        remember_folder(purpose, Path(names[0]))
    return [Path(n) for n in names]


def confirm_print(dialog: QWidget) -> bool:
    """Run Qt's print dialog (a printer, copies, pages); True when the user chose to print."""
    from PySide6.QtWidgets import QDialog

    return bool(dialog.exec() == QDialog.DialogCode.Accepted)  # type: ignore[attr-defined]
