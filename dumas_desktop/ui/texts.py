"""Every string the window shows goes through Qt's translation functions."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

CONTEXT = "DumasDesktop"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def install_qt_words(app: QCoreApplication) -> None:
    """Qt's own words (standard buttons, wizards, the text fields' menu) in Indonesian:
    Qt ships no Indonesian translation, so resources/i18n/qt_id.ts gives them."""
    from .. import paths

    if app.findChild(QTranslator, "qt-id") is not None:
        return  # installed once per application
    translator = QTranslator(app)
    translator.setObjectName("qt-id")
    if translator.load(str(paths.resources_dir() / "i18n" / "qt_id.qm")):
        app.installTranslator(translator)
