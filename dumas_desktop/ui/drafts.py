"""Drafts of what someone typed but did not finish, kept on this PC per data file and per
user.

A draft is written a few seconds after the typing pauses (DraftKeeper) and when the form
closes, each time whole (a temporary file, synced, then renamed over the old draft), so a
power cut or a crash loses at most the last few seconds. Opening the same
case's step (or a new intake) offers it back to the same user only: a draft may hold a
confidential reporter's name, and another person signing in on this PC may not know it.
Drafts never travel with the data file.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QDateTime, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from ..domain.access import ADMIN, SYSTEM, Access
from ..domain.errors import DumasError
from . import dialogs
from .texts import tr


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "ruang disk penuh"
    if isinstance(error, PermissionError):
        return f"folder {error.filename or 'draf'} tidak mengizinkan penulisan"
    return f"{error.strerror or error}"


def _sync_folder(folder: Path) -> None:
    """The rename itself reaches the disk (POSIX; Windows' NTFS journals it and cannot
    open a folder for syncing)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):  # the draft is written either way; this only hurries it
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


class DraftNotSaved(DumasError):
    """The disk is full or the folder cannot be written: the form should stay open."""


def closing_keeps(parent: QWidget, save: Callable[[], None]) -> bool:
    """Keep a draft before a form closes. When it cannot be kept, the person chooses:
    close anyway (what was typed is lost) or stay in the form. True when it may close."""
    try:
        save()
        return True
    except DraftNotSaved as exc:
        return dialogs.ask(
            parent,
            tr("Draf tidak tersimpan"),
            exc.message
            + tr(
                " Tutup juga dan buang isian ini? Pilih Tidak untuk tetap di formulir, lalu selesaikan "
                "isiannya atau kosongkan ruang disk."
            ),
        )


class DraftStore:
    def __init__(self, root: Path, data_file: object, access: Access = SYSTEM) -> None:
        # Drafts stay on this PC, per data file or per server address, and per user.
        where = str(data_file.resolve()) if isinstance(data_file, Path) else str(data_file)
        key = hashlib.sha256(where.encode("utf-8")).hexdigest()[:16]
        shared = root / "draf" / key  # where drafts were kept before there were accounts
        self.folder = shared
        self.earlier: Path | None = None
        if access is not SYSTEM:
            # Each account has a folder of its own, named so that the user name is not on disk.
            self.folder = shared / hashlib.sha256(f"pengguna:{access.username}".encode()).hexdigest()[:16]
            if ADMIN in access.roles:
                # Drafts typed before the file had accounts go to an administrator, who may
                # see everything they can hold, rather than being lost.
                self.earlier = shared

    def _path(self, name: str) -> Path:
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name)
        return self.folder / f"{safe}.json"

    def save(self, name: str, state: dict[str, Any]) -> None:
        path = self._path(name)
        temporary = path.with_suffix(".tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with temporary.open("w", encoding="utf-8") as out:
                out.write(json.dumps(state, ensure_ascii=False, default=str))
                out.flush()
                os.fsync(out.fileno())  # on the disk before the rename: a power cut keeps one whole draft
            from ..services.files import replace_file  # not at start-up: it brings the database layers

            replace_file(temporary, path)  # a crash mid-write keeps the previous draft whole
            _sync_folder(self.folder)
        except OSError as exc:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
            raise DraftNotSaved(
                f"Isian yang belum selesai tidak dapat disimpan sebagai draf di komputer ini ({_reason(exc)})."
            ) from None

    def load(self, name: str) -> dict[str, Any] | None:
        for path in self._places(name):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(data, dict):
                return data
        return None

    def discard(self, name: str) -> None:
        for path in self._places(name):
            with contextlib.suppress(OSError):  # a draft left behind is offered again, never lost
                path.unlink(missing_ok=True)

    def _places(self, name: str) -> list[Path]:
        own = self._path(name)
        return [own] if self.earlier is None else [own, self.earlier / own.name]


class DraftNotice(QLabel):
    """Where a form says, without a dialog, that its draft cannot be kept while typing;
    hidden while drafts are kept."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setStyleSheet("color: #6c4a00;")
        self.hide()

    def say(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))


AUTOSAVE_DELAY_MS = 2500  # after the last change: a pause in typing, never every keystroke


class DraftKeeper(QObject):
    """Keeps one form's draft while the person types, so that a power cut, a frozen PC or a
    crash loses at most the last few seconds: every change restarts one single-shot timer,
    and the draft is written when the typing pauses. A draft is kept only while the form
    differs from what it opened with; the close-time keep goes through here too."""

    trouble = Signal(str)  # why drafts cannot be written now; "" once they can again

    def __init__(
        self,
        parent: QObject,
        store: DraftStore,
        name: str,
        state: Callable[[], dict[str, Any]],
        delay_ms: int = AUTOSAVE_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.name = name
        self.state = state
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.keep_quietly)
        self.opened: dict[str, Any] | None = None
        self.failing = False
        self.finished = False

    def begin(self) -> None:
        """What the form holds now is what it opened with: kept as no draft."""
        self.opened = self._normal(self.state())

    def watch(self, root: QWidget) -> None:
        """Every field under `root` restarts the pause when it changes: text, lists,
        check boxes and radio buttons, dates, tables (their cells and rows)."""
        for widget in [root, *root.findChildren(QWidget)]:
            if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
                widget.textChanged.connect(self.touch)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self.touch)
            elif isinstance(widget, QDateTimeEdit):
                widget.dateTimeChanged.connect(self.touch)
            elif isinstance(widget, QAbstractSpinBox) and hasattr(widget, "valueChanged"):
                widget.valueChanged.connect(self.touch)
            elif isinstance(widget, QAbstractButton) and widget.isCheckable():
                widget.toggled.connect(self.touch)
            elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
                model = widget.model()
                for signal in (model.dataChanged, model.rowsInserted, model.rowsRemoved):
                    signal.connect(self.touch)

    def touch(self, *_: object) -> None:
        if not self.finished:
            self.timer.start()  # restarted: the draft waits for a pause

    def keep_quietly(self) -> None:
        """The pause came: keep the draft; when it cannot be kept, say so once (no dialog
        at every pause) and try again at the next pause."""
        try:
            self.keep()
        except DraftNotSaved as exc:
            if not self.failing:
                self.failing = True
                self.trouble.emit(
                    exc.message + tr(" Isian tetap ada di formulir ini; draf dicoba lagi saat Anda mengetik.")
                )
            return
        if self.failing:
            self.failing = False
            self.trouble.emit("")

    def keep(self) -> None:
        """Keep the draft now (a form closing); DraftNotSaved when it cannot be."""
        self.timer.stop()
        if self.finished:
            return
        state = self._normal(self.state())
        if state == self.opened:
            self.store.discard(self.name)  # typed and taken back: nothing left to offer
            return
        self.store.save(self.name, state)

    def finish(self) -> None:
        """The form's work is saved: its draft goes, and nothing is written after."""
        self.finished = True
        self.timer.stop()
        self.store.discard(self.name)

    def stop(self) -> None:
        """The form is replaced (rebuilt) without being finished."""
        self.finished = True
        self.timer.stop()

    @staticmethod
    def _normal(state: dict[str, Any]) -> Any:
        # As the draft file will hold it: tuples as lists, dates as text.
        return json.loads(json.dumps(state, ensure_ascii=False, default=str))


def field_value(widget: QWidget) -> Any:
    """A field's value as a draft keeps it (plain JSON)."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentData() if widget.currentData() is not None else widget.currentIndex()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    if isinstance(widget, QDateTimeEdit):
        value = cast(datetime, widget.dateTime().toPython())  # the stubs say object
        return value.isoformat()
    raise TypeError(type(widget).__name__)


def restore_field(widget: QWidget, value: Any) -> None:
    """Put a kept value back; one that no longer fits the field (a draft from an older
    version, a hand-edited file) leaves the field as it is."""
    if isinstance(widget, QLineEdit) and isinstance(value, str):
        widget.setText(value)
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)) and isinstance(value, str):
        widget.setPlainText(value)
    elif isinstance(widget, QComboBox):
        index = widget.findData(value)
        if index < 0 and isinstance(value, int) and 0 <= value < widget.count():
            index = value
        if index >= 0:
            widget.setCurrentIndex(index)
    elif isinstance(widget, QAbstractButton) and isinstance(value, bool):
        widget.setChecked(value)
    elif isinstance(widget, QDateTimeEdit) and isinstance(value, str):
        with contextlib.suppress(ValueError):
            widget.setDateTime(QDateTime(datetime.fromisoformat(value)))
