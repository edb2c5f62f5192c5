"""A person at the real program, for the power-cut test (test_power_cut.py): started as

    python -m tests.ui.typing_driver DATA_FILE FORM PHASE [AGENDA_NUMBER]

it starts the program the normal way (the command line's entry, `--data DATA_FILE`) and,
once the main window is loaded, works it through the person layer (person.py, officer.py):

- PHASE "type": opens FORM ("intake": Ctrl+N; "step": the case's step from its queue),
  types into its fields, waits past the autosave pause and prints READY; then it stays
  in the form until it is killed.
- PHASE "check": opens the same form as a person does, answers "Ya" in the box that
  offers the draft, prints FOUND and a JSON line of what the offer said and what the
  fields hold, closes the form (keeping its draft) and quits the program (Berkas > Keluar).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import cast

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from dumas_desktop.ui.drafts import AUTOSAVE_DELAY_MS

from .officer import next_page, open_step_from_queue
from .person import button, field, fill, keys, menu, newest, pick, press, shown, tick, wait_for

TYPED = {
    "Nama lengkap": "Agustinus Ranto",
    "Alamat": "Jl. Kapuas 7, Sanggau",
    "Pokok pengaduan": "TPS 04 dibuka terlambat",
    "Uraian": "TPS 04 Desa Beringin dibuka pukul 09.30.\nPemilih pulang sebelum sempat memilih.",
    "Klasifikasi": "Netralitas penyelenggara",
    "Pemberi disposisi": "Ketua KPU Kabupaten Sanggau",
    "Isi disposisi": "Segera telaah kelengkapannya.\nLaporkan hasilnya Jumat.",
    "Skrining": "Skrining awal kelengkapan pengaduan telah dilakukan",
}


def person_bot() -> QtBot:
    """pytest-qt's qtbot without a pytest run: its waiting, keys and clicks do not use the
    test request it is given."""
    from pytestqt.qt_compat import qt_api

    qt_api.set_qt_api("pyside6")  # what the pytest plugin does when a test run starts
    return QtBot(cast(pytest.FixtureRequest, None))  # never read, as said above


def loaded(window: QMainWindow) -> bool:
    app = getattr(window, "app", None)
    return app is not None and app.runner.pending == 0


def answer_offer(qtbot: QtBot, said: list[str]) -> None:
    """Watch for the box that offers the draft and answer it "Ya", as a person clicks."""

    def look() -> None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        if not boxes:
            QTimer.singleShot(50, look)
            return
        said.append(boxes[0].text())
        press(qtbot, boxes[0], "Ya")

    QTimer.singleShot(50, look)


def type_intake(qtbot: QtBot, window: QMainWindow) -> None:
    keys(qtbot, window, "Ctrl+N")
    wizard = wait_for(qtbot, QWizard, "Pengaduan baru")
    next_page(qtbot, wizard, "Pelapor")
    fill(qtbot, wizard.currentPage(), "Nama lengkap", TYPED["Nama lengkap"])
    fill(qtbot, wizard.currentPage(), "Alamat", TYPED["Alamat"])
    next_page(qtbot, wizard, "Terlapor")
    next_page(qtbot, wizard, "Pengaduan")
    fill(qtbot, wizard.currentPage(), "Pokok pengaduan", TYPED["Pokok pengaduan"])
    fill(qtbot, wizard.currentPage(), "Uraian", TYPED["Uraian"])


def read_intake(qtbot: QtBot, window: QMainWindow) -> tuple[dict[str, str | bool], QWidget]:
    keys(qtbot, window, "Ctrl+N")
    wizard = wait_for(qtbot, QWizard, "Pengaduan baru")
    next_page(qtbot, wizard, "Pelapor")
    found: dict[str, str | bool] = {
        label: field(wizard.currentPage(), label, QLineEdit).text() for label in ("Nama lengkap", "Alamat")
    }
    next_page(qtbot, wizard, "Terlapor")
    next_page(qtbot, wizard, "Pengaduan")
    found["Pokok pengaduan"] = field(wizard.currentPage(), "Pokok pengaduan", QLineEdit).text()
    found["Uraian"] = field(wizard.currentPage(), "Uraian", QPlainTextEdit).toPlainText()
    return found, wizard


def type_step(qtbot: QtBot, window: QMainWindow, number: str) -> None:
    wizard = open_step_from_queue(qtbot, window, "Skrining", number)
    pick(qtbot, wizard, "Klasifikasi", TYPED["Klasifikasi"])
    fill(qtbot, wizard, "Pemberi disposisi", TYPED["Pemberi disposisi"])
    fill(qtbot, wizard, "Isi disposisi", TYPED["Isi disposisi"])
    tick(qtbot, wizard, TYPED["Skrining"])


def read_step(qtbot: QtBot, window: QMainWindow, number: str) -> tuple[dict[str, str | bool], QWidget]:
    wizard = open_step_from_queue(qtbot, window, "Skrining", number)
    found: dict[str, str | bool] = {
        "Klasifikasi": field(wizard, "Klasifikasi", QComboBox).currentText(),
        "Pemberi disposisi": field(wizard, "Pemberi disposisi", QLineEdit).text(),
        "Isi disposisi": field(wizard, "Isi disposisi", QPlainTextEdit).toPlainText(),
        "Skrining": button(wizard, TYPED["Skrining"], QCheckBox).isChecked(),
    }
    return found, wizard


def drive(qtbot: QtBot, form: str, phase: str, number: str) -> None:
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and shown(w)]
    if not windows or not loaded(windows[0]):
        QTimer.singleShot(100, lambda: drive(qtbot, form, phase, number))  # still starting
        return
    window = newest(QMainWindow)
    qtbot.waitUntil(lambda: loaded(window), timeout=30_000)
    try:
        if phase == "type":
            if form == "intake":
                type_intake(qtbot, window)
            else:
                type_step(qtbot, window, number)
            qtbot.wait(AUTOSAVE_DELAY_MS + 1_500)  # past the pause after the last key
            print("READY", flush=True)
            return
        said: list[str] = []
        answer_offer(qtbot, said)
        found, form_window = read_intake(qtbot, window) if form == "intake" else read_step(qtbot, window, number)
        print("FOUND " + json.dumps({"offer": said, "fields": found}, ensure_ascii=False), flush=True)
        press(qtbot, form_window, "Tutup (simpan draf)" if form == "intake" else "Simpan draf dan tutup")
        qtbot.waitUntil(lambda: not form_window.isVisible(), timeout=10_000)
        menu(qtbot, window, "Berkas", "Keluar")
    except Exception as exc:  # said on the output, where the test shows it
        print(f"FAILED {type(exc).__name__}: {exc}", flush=True)
        QApplication.exit(3)


def main() -> int:
    data, form, phase = sys.argv[1:4]
    number = sys.argv[4] if len(sys.argv) > 4 else ""
    from dumas_desktop import cli
    from dumas_desktop.ui.app import application

    application()  # the program's own set-up, made first so the driver's timer has a loop
    qtbot = person_bot()
    QTimer.singleShot(100, lambda: drive(qtbot, form, phase, number))
    return cli.main(["--data", str(Path(data))])


if __name__ == "__main__":
    sys.exit(main())
