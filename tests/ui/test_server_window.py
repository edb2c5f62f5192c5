"""Two PCs' windows on one office server (a real PostgreSQL server, tests/postgres.py),
driven as people do: each records a complaint and gets the next number, and when both
finish the same step the second is told who finished it, with what they typed still there."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLineEdit, QPlainTextEdit

from dumas_desktop.services import queries
from dumas_desktop.storage.integrity import check_server
from dumas_desktop.ui.app import Controller

from .conftest import wait_idle
from .driving import CLASSIFIED, DISPOSITION, intake_case, open_step
from .officer import TIMEOUT
from .person import button, click, enter, field, fill, shown, tick_all


@pytest.fixture
def office_server(qt_app, qtbot, dialog_log, pg_database) -> Iterator:
    address = pg_database()
    controllers: list[Controller] = []

    def pc():
        controller = Controller("petugas")
        assert controller.open(address), dialog_log.shown
        controllers.append(controller)
        wait_idle(qtbot, controller.window)
        return controller.window

    yield address, pc
    for controller in controllers:
        if controller.window is not None:
            wait_idle(qtbot, controller.window)
            controller.close_window()


def _fill_step(qtbot, wizard, fields):
    for label, value in fields.items():
        enter(qtbot, wizard, label, value)
    for box in wizard.findChildren(QGroupBox):
        if shown(box) and box.title() == "Konfirmasi petugas":
            tick_all(qtbot, box)


def test_two_pcs_take_the_next_numbers_and_the_second_to_finish_a_step_is_told(office_server, qtbot, dialog_log):
    address, pc = office_server
    front_desk, office = pc(), pc()
    assert front_desk.statusBar().currentMessage() == str(address)  # which data the PC works on

    case_id, first = intake_case(qtbot, front_desk)
    _, second = intake_case(qtbot, office)
    assert first.startswith("001/") and second.startswith("002/")

    mine, theirs = open_step(qtbot, front_desk, case_id), open_step(qtbot, office, case_id)
    fields = {**CLASSIFIED, **DISPOSITION}
    _fill_step(qtbot, mine, fields)
    _fill_step(qtbot, theirs, {**fields, "Isi disposisi": "Segera telaah dan laporkan"})
    click(qtbot, button(mine, "Selesaikan langkah"))
    qtbot.waitUntil(lambda: not mine.isVisible(), timeout=TIMEOUT)
    wait_idle(qtbot, front_desk)

    warned = len(dialog_log.texts("warn"))
    click(qtbot, button(theirs, "Selesaikan langkah"))
    qtbot.waitUntil(lambda: len(dialog_log.texts("warn")) > warned, timeout=TIMEOUT)
    assert "sudah diselesaikan oleh Administrator Uji" in dialog_log.texts("warn")[-1]
    assert theirs.isVisible()  # the form stays, with what was typed
    assert field(theirs, "Isi disposisi", QPlainTextEdit).toPlainText() == "Segera telaah dan laporkan"
    theirs.close()
    wait_idle(qtbot, office)
    assert check_server(address).ok


def test_what_one_pc_records_shows_on_the_other_within_two_seconds(office_server, qtbot):
    import time

    _, pc = office_server
    front_desk, office = pc(), pc()
    qtbot.waitUntil(lambda: office.agenda.model.rowCount() == 0, timeout=TIMEOUT)
    qtbot.wait(300)  # the other PC's listener is connected
    intake_case(qtbot, front_desk)
    recorded = time.monotonic()
    qtbot.waitUntil(lambda: office.agenda.model.rowCount() == 1, timeout=2_000)  # no reload on that PC
    assert time.monotonic() - recorded < 2


def test_a_pc_working_on_a_file_connects_to_the_office_server_from_the_menu(window_for, qtbot, dialog_log, pg_database):
    from dumas_desktop.ui.server_dialog import ServerDialog

    from .person import menu, newest, plain, press, wait_for

    address = pg_database()
    window = window_for("sanggau-2026")
    menu(qtbot, window, "Berkas", "Sambung ke server kantor…")
    dialog = wait_for(qtbot, ServerDialog)
    fill(qtbot, dialog, "Host", address.host)
    fill(qtbot, dialog, "Port", str(address.port))
    fill(qtbot, dialog, "Basis data", address.database)
    fill(qtbot, dialog, "Pengguna", address.user)
    press(qtbot, dialog, "Uji sambungan")
    qtbot.waitUntil(lambda: "Tersambung ke PostgreSQL" in dialog.outcome.text(), timeout=TIMEOUT)
    assert "berisi data Dumas Desktop" in plain(dialog.outcome.text())
    press(qtbot, dialog, "Sambung")
    on_server = newest(type(window))
    qtbot.waitUntil(lambda: on_server.statusBar().currentMessage() == str(address), timeout=TIMEOUT)
    assert not dialog_log.texts("warn")
    wait_idle(qtbot, on_server)
    on_server.close()  # the PC is done with the server before the test's database goes
    qtbot.waitUntil(lambda: not on_server.isVisible(), timeout=TIMEOUT)


def test_a_step_saved_while_the_server_is_down_is_a_message_and_goes_through_once_it_is_back(
    office_server, pg_server, qtbot, dialog_log
):
    if pg_server.control is None:
        pytest.skip("the server given by DUMAS_TEST_POSTGRES_URL is not stopped by the tests")
    address, pc = office_server
    window = pc()
    case_id, _ = intake_case(qtbot, window)
    wizard = open_step(qtbot, window, case_id)
    _fill_step(qtbot, wizard, {**CLASSIFIED, **DISPOSITION, "Isi disposisi": "Telaah sebelum Jumat"})
    finish = button(wizard, "Selesaikan langkah")
    assert finish.isEnabled()
    pg_server.stop()
    try:
        click(qtbot, finish)
        qtbot.waitUntil(lambda: bool(dialog_log.texts("warn")), timeout=TIMEOUT)
        assert "Server kantor tidak dapat dihubungi" in dialog_log.texts("warn")[-1], dialog_log.shown
        assert wizard.isVisible()  # nothing typed is lost
        assert field(wizard, "Isi disposisi", QPlainTextEdit).toPlainText() == "Telaah sebelum Jumat"
    finally:
        pg_server.start()
    # Once the server answers again, the same press saves the step.
    qtbot.waitUntil(finish.isEnabled, timeout=TIMEOUT)
    click(qtbot, finish)
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=TIMEOUT)
    wait_idle(qtbot, window)
    (row,) = queries.rows_by_id(window.app.ws, [case_id])
    assert row.current_step != "registrasi"
    # Which server the PC works on comes back to the status bar after the passing messages.
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == str(address), timeout=15_000)


def test_the_server_dialog_offers_the_server_used_last_filled_in(office_server, qtbot, dialog_log):
    from dumas_desktop.ui.server_dialog import ServerDialog

    from .person import menu, wait_for

    address, pc = office_server
    window = pc()  # opened on the server, as `--data postgresql://…` does
    menu(qtbot, window, "Berkas", "Sambung ke server kantor…")
    dialog = wait_for(qtbot, ServerDialog)
    assert dialog.recent.currentText() == str(address)
    assert field(dialog, "Host", QLineEdit).text() == address.host
    assert field(dialog, "Basis data", QLineEdit).text() == address.database
    assert field(dialog, "Pengguna", QLineEdit).text() == address.user
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # the person leaves it
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
