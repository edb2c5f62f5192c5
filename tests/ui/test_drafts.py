"""The draft kept while typing: one write a few seconds after the last change, never one
per keystroke, none while the form is as it opened, and trouble said once."""

from __future__ import annotations

import errno
import os
from typing import Any

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from dumas_desktop.ui.drafts import AUTOSAVE_DELAY_MS, DraftKeeper, DraftStore

PAUSE_MS = 600  # the program waits 2.5 s; the tests shorten the pause, not the behaviour


class CountingStore(DraftStore):
    """A real store on disk that also counts what it was asked to write."""

    def __init__(self, root, data_file) -> None:
        super().__init__(root, data_file)
        self.written: list[dict[str, Any]] = []

    def save(self, name: str, state: dict[str, Any]) -> None:
        super().save(name, state)
        self.written.append(state)


class Form(QWidget):
    def __init__(self) -> None:
        super().__init__()
        layout = QFormLayout(self)
        self.name = QLineEdit()
        self.text = QPlainTextEdit()
        self.kind = QComboBox()
        self.kind.addItems(["satu", "dua"])
        self.known = QCheckBox("diketahui")
        self.when = QDateEdit(QDate(2026, 3, 2))
        self.radio = QRadioButton("lengkap")
        self.table = QTableWidget(1, 2)
        for label, widget in (
            ("Nama", self.name),
            ("Uraian", self.text),
            ("Jenis", self.kind),
            ("", self.known),
            ("Tanggal", self.when),
            ("", self.radio),
            ("Tabel", self.table),
        ):
            layout.addRow(label, widget)

    def state(self) -> dict[str, Any]:
        cell = self.table.item(0, 0)
        return {
            "name": self.name.text(),
            "text": self.text.toPlainText(),
            "kind": self.kind.currentIndex(),
            "known": self.known.isChecked(),
            "when": self.when.date().toString("yyyy-MM-dd"),
            "radio": self.radio.isChecked(),
            "cell": cell.text() if cell else "",
            "rows": self.table.rowCount(),
        }


@pytest.fixture
def form(qtbot, tmp_path):
    widget = Form()
    qtbot.addWidget(widget)
    widget.show()
    store = CountingStore(tmp_path, tmp_path / "kantor.dumas")
    keeper = DraftKeeper(widget, store, "uji", widget.state, delay_ms=PAUSE_MS)
    keeper.begin()
    keeper.watch(widget)
    return widget, keeper, store


def test_one_write_after_a_burst_of_typing_none_during_it(qtbot, form):
    widget, _, store = form
    qtbot.keyClicks(widget.name, "Agustinus Ranto", delay=PAUSE_MS // 10)  # 15 keys over ~0.9 s
    assert store.written == []  # every key restarted the pause: nothing written while typing
    qtbot.wait(PAUSE_MS // 2)
    assert store.written == []
    qtbot.waitUntil(lambda: len(store.written) == 1, timeout=3_000)
    qtbot.wait(PAUSE_MS * 2)
    assert len(store.written) == 1  # one write for the whole burst, no more after it
    assert store.load("uji")["name"] == "Agustinus Ranto"
    assert not list(store.folder.glob("*.tmp"))  # the temporary file was renamed over the draft


@pytest.mark.parametrize("field", ["text", "kind", "known", "when", "radio", "cell", "rows"])
def test_every_kind_of_field_is_kept_after_a_pause(qtbot, form, field):
    widget, _, store = form
    change = {
        "text": lambda: qtbot.keyClicks(widget.text, "uraian"),
        "kind": lambda: widget.kind.setCurrentIndex(1),
        "known": lambda: widget.known.setChecked(True),
        "when": lambda: widget.when.setDate(QDate(2026, 2, 20)),
        "radio": lambda: widget.radio.setChecked(True),
        "cell": lambda: widget.table.setItem(0, 0, QTableWidgetItem("Yohanes")),
        "rows": lambda: widget.table.insertRow(1),
    }[field]
    change()
    qtbot.waitUntil(lambda: len(store.written) == 1, timeout=3_000)
    assert store.load("uji") == widget.state()


def test_no_draft_while_the_form_is_as_it_opened(qtbot, form):
    widget, keeper, store = form
    qtbot.keyClicks(widget.name, "Agus")
    qtbot.waitUntil(lambda: store.load("uji") is not None, timeout=3_000)
    for _ in "Agus":
        qtbot.keyClick(widget.name, "\b")  # typed and taken back
    qtbot.wait(PAUSE_MS * 3)
    assert widget.name.text() == ""
    assert store.load("uji") is None  # nothing left to offer
    keeper.keep()  # closing an untouched form keeps no empty draft either
    assert store.load("uji") is None and len(store.written) == 1


def test_a_finished_form_leaves_no_draft_and_writes_none_after(qtbot, form):
    widget, keeper, store = form
    qtbot.keyClicks(widget.name, "Agus")
    keeper.finish()  # the step was saved while a pause was still running
    qtbot.keyClicks(widget.name, "tinus")
    qtbot.wait(PAUSE_MS * 3)
    keeper.keep()
    assert store.written == [] and store.load("uji") is None


def test_a_full_disk_is_said_once_beside_the_form_and_tried_again(qtbot, form, monkeypatch):
    widget, keeper, store = form
    said: list[str] = []
    keeper.trouble.connect(said.append)
    real_fsync = os.fsync

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    qtbot.keyClicks(widget.name, "Agus")
    qtbot.waitUntil(lambda: len(said) == 1, timeout=3_000)
    qtbot.keyClicks(widget.name, "tinus")  # the next pause fails too: not said again
    qtbot.wait(PAUSE_MS * 3)
    assert len(said) == 1 and "ruang disk penuh" in said[0]
    monkeypatch.setattr(os, "fsync", real_fsync)  # room again
    qtbot.keyClicks(widget.name, " Ranto")
    qtbot.waitUntil(lambda: len(said) == 2, timeout=3_000)
    assert said[1] == ""  # the notice goes away
    assert store.load("uji")["name"] == "Agustinus Ranto"


@pytest.mark.both_backends
def test_a_reason_typed_in_a_case_dialog_is_kept_while_typing_and_offered_again(window_for, qtbot, dialog_log):
    from dumas_desktop.ui.case_actions import CloseDialog, RejectDialog

    from .conftest import wait_idle
    from .driving import intake
    from .person import pick, press, write

    window = window_for("sanggau-2026")
    case_id = intake(qtbot, window)
    typing = RejectDialog(window.app, case_id, window, window.drafts)
    qtbot.addWidget(typing)
    typing.show()
    write(qtbot, typing.reason, "Pelapor tidak melengkapi dalam tenggat")  # over the suggested reason
    qtbot.waitUntil(lambda: window.drafts.load(f"penolakan-{case_id}") is not None, timeout=AUTOSAVE_DELAY_MS * 3)
    # the dialog is never closed: the PC went dark with it open
    dialog_log.answer = True  # "continue from the draft?"
    again = RejectDialog(window.app, case_id, window, window.drafts)
    qtbot.addWidget(again)
    assert "draf" in dialog_log.texts("ask")[-1]
    assert again.reason.toPlainText() == "Pelapor tidak melengkapi dalam tenggat"

    closing = CloseDialog(window.app, case_id, window, window.drafts)
    qtbot.addWidget(closing)
    closing.show()
    pick(qtbot, closing, "Dilimpahkan kepada", "Bawaslu")
    write(qtbot, closing.ui.note, "Dugaan pelanggaran oleh peserta pemilu")
    qtbot.waitUntil(lambda: window.drafts.load(f"penutupan-{case_id}") is not None, timeout=AUTOSAVE_DELAY_MS * 3)
    press(qtbot, closing, "OK")
    wait_idle(qtbot, window)
    assert window.drafts.load(f"penutupan-{case_id}") is None  # the case was closed: its draft went with it


def test_a_finished_step_leaves_no_draft_behind(window_for, qtbot, dialog_log):
    from .driving import CLASSIFIED, DISPOSITION, do_step, intake

    window = window_for("sanggau-2026")
    case_id = intake(qtbot, window)
    wizard = do_step(qtbot, window, case_id, {**CLASSIFIED, **DISPOSITION})
    qtbot.wait(AUTOSAVE_DELAY_MS + 500)  # past any pause still running when the step was saved
    assert wizard.context is not None
    assert window.drafts.load(f"langkah-{case_id}-{wizard.context.step.key}") is None


def test_the_hearing_day_keeps_attendance_and_statements_in_its_draft(qtbot, ws, clock):
    from dumas_desktop.services import case_file, workflow
    from dumas_desktop.ui.step_editors import editor_for

    from ..test_hearing_guests import plan
    from ..test_lifecycle_sanggau import drive_to_hearing, receive_and_register

    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=True)
    plan(case_id, ws, ())

    def editor():
        made = editor_for(workflow.step_context(ws, case_id), case_file.case_detail(ws, case_id))
        qtbot.addWidget(made)
        return made

    typed = editor()
    changes: list[None] = []
    typed.changed.connect(lambda: changes.append(None))
    (check, statement), *_ = [pair for pair in typed.attendance.values() if not pair[0].isChecked()]
    check.setChecked(True)
    statement.setText("Membenarkan hadir di kampanye")
    assert len(changes) >= 2  # the statement tells the wizard too, not only the box
    again = editor()
    again.restore(typed.state())
    assert again.state() == typed.state()
    assert any(c.isChecked() and s.text() == "Membenarkan hadir di kampanye" for c, s in again.attendance.values())


def test_a_case_dialog_says_under_its_form_when_its_draft_cannot_be_kept(window_for, qtbot, dialog_log):
    import shutil

    from PySide6.QtWidgets import QLabel

    from dumas_desktop.ui.case_actions import RejectDialog

    from .driving import intake
    from .person import write

    window = window_for("sanggau-2026")
    case_id = intake(qtbot, window)
    folder = window.drafts.folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(folder, ignore_errors=True)
    folder.write_text("", encoding="utf-8")  # a file where the drafts folder should be
    try:
        before = len(dialog_log.shown)  # the intake's own questions
        dialog = RejectDialog(window.app, case_id, window, window.drafts)
        qtbot.addWidget(dialog)
        dialog.show()
        write(qtbot, dialog.reason, "Pelapor tidak melengkapi dalam tenggat")

        def notice() -> str:
            return " ".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())

        qtbot.waitUntil(lambda: "tidak dapat disimpan sebagai draf" in notice(), timeout=AUTOSAVE_DELAY_MS * 3)
        assert dialog_log.shown[before:] == []  # no dialog at the pause
    finally:
        folder.unlink(missing_ok=True)
