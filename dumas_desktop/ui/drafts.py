"""Drafts of what someone typed but did not finish, kept on this PC per data file.

Closing a wizard, the window or the program mid-way keeps the draft; opening the same
case's step (or a new intake) offers it back. Drafts never travel with the data file.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any


class DraftStore:
    def __init__(self, root: Path, data_file: Path) -> None:
        key = hashlib.sha256(str(data_file.resolve()).encode("utf-8")).hexdigest()[:16]
        self.folder = root / "draf" / key

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
        try:
            data = json.loads(self._path(name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def discard(self, name: str) -> None:
        self._path(name).unlink(missing_ok=True)
