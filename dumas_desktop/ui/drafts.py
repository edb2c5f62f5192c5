"""Drafts of what someone typed but did not finish, kept on this PC per data file and per
user.

Closing a wizard, the window or the program mid-way keeps the draft; opening the same
case's step (or a new intake) offers it back to the same user only: a draft may hold a
confidential reporter's name, and another person signing in on this PC may not know it.
Drafts never travel with the data file.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

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
    def __init__(self, root: Path, data_file: Path, access: Access = SYSTEM) -> None:
        key = hashlib.sha256(str(data_file.resolve()).encode("utf-8")).hexdigest()[:16]
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
            temporary.write_text(json.dumps(state, ensure_ascii=False, default=str), encoding="utf-8")
            from ..services.files import replace_file  # not at start-up: it brings the database layers

            replace_file(temporary, path)  # a crash mid-write keeps the previous draft whole
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
