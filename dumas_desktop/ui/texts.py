"""Every string the window shows goes through Qt's translation functions."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

CONTEXT = "DumasDesktop"
INDONESIAN_LOCALE = "id_ID.UTF-8"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def install_qt_words(app: QCoreApplication) -> None:
    """Qt's own words (standard buttons, wizards, the file, print and input dialogs, the
    text fields' and scroll bars' menus, key names) in Indonesian: Qt ships no Indonesian
    translation, so resources/i18n/qt_id.ts gives them."""
    from .. import paths

    if app.findChild(QTranslator, "qt-id") is not None:
        return  # installed once per application
    translator = QTranslator(app)
    translator.setObjectName("qt-id")
    if translator.load(str(paths.resources_dir() / "i18n" / "qt_id.qm")):
        app.installTranslator(translator)


def use_indonesian_locale() -> None:
    """Dates, sizes and kinds of file in Qt's own dialogs in Indonesian, whatever the
    system's language. The kinds of file come from the MIME database in QLocale's default
    language. The dates and sizes of the file dialog follow Qt's *system* locale: on Windows
    the user's Windows setting (Indonesian in the offices), elsewhere read from LC_TIME and
    LC_MESSAGES when Qt first asks for it, so this runs before the QApplication is made.
    LC_ALL, where a person set it, overrides every LC_ variable and is left as it is."""
    if sys.platform != "win32" and not os.environ.get("LC_ALL"):
        os.environ["LC_TIME"] = INDONESIAN_LOCALE
        os.environ["LC_MESSAGES"] = INDONESIAN_LOCALE
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
