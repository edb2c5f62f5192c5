"""Drafts of what someone typed but did not finish, kept on this PC per data file and per
user.

Closing a wizard, the window or the program mid-way keeps the draft; opening the same
case's step (or a new intake) offers it back to the same user only: a draft may hold a
confidential reporter's name, and another person signing in on this PC may not know it.
Drafts never travel with the data file.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from ..domain.access import ADMIN, SYSTEM, Access


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
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(name)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(state, ensure_ascii=False, default=str), encoding="utf-8")
        os.replace(temporary, path)  # a crash mid-write keeps the previous draft whole

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
            path.unlink(missing_ok=True)

    def _places(self, name: str) -> list[Path]:
        own = self._path(name)
        return [own] if self.earlier is None else [own, self.earlier / own.name]
