"""Windows' rules for files, given to the code here: a file another program holds (an
antivirus scan, SQLite without FILE_SHARE_DELETE) cannot be renamed or removed for a
while (WinError 32), and a scratch folder may not be removable at once."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from dumas_desktop.domain.errors import DataFileError
from dumas_desktop.services import transfer
from dumas_desktop.storage import backups, fileops

NOW = datetime(2026, 11, 20, 10, 0)


class Held:
    """os.replace and unlink fail with WinError 32 the first `times` tries on each path
    (or always, with times=None), as on Windows while another program has the file open."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, times: int | None, match: str = "") -> None:
        self.times, self.match = times, match
        self.tries: dict[str, int] = {}
        real_replace, real_unlink = os.replace, Path.unlink
        monkeypatch.setattr(fileops, "RETRY_DELAYS", (0.0,) * 6)

        def replace(source, target, *args, **kwargs):
            self._maybe(source)
            return real_replace(source, target, *args, **kwargs)

        def unlink(path, missing_ok=False):
            self._maybe(path)
            return real_unlink(path, missing_ok=missing_ok)

        monkeypatch.setattr(os, "replace", replace)
        monkeypatch.setattr(Path, "unlink", unlink)

    def _maybe(self, path) -> None:
        key = str(path)
        if self.match not in key:
            return
        self.tries[key] = self.tries.get(key, 0) + 1
        if self.times is None or self.tries[key] <= self.times:
            error = PermissionError(13, "The process cannot access the file because it is being used")
            error.winerror = 32  # type: ignore[attr-defined]
            raise error


def test_a_moment_of_sharing_violations_is_waited_out(data_file: Path, monkeypatch) -> None:
    held = Held(monkeypatch, times=3)
    info = backups.make_backup(data_file)
    assert info.path.exists() and info.cases is not None
    assert max(held.tries.values()) == 4  # three refusals, then it went through
    aside = backups.restore(data_file, info.path)
    assert aside is not None and aside.exists()


def test_a_file_held_for_good_is_one_indonesian_line(data_file: Path, monkeypatch) -> None:
    Held(monkeypatch, times=None, match=".sebagian")
    with pytest.raises(DataFileError, match="sedang dipakai program lain"):
        backups.make_backup(data_file)


def test_a_damaged_file_is_never_set_aside_without_its_wal(data_file: Path, monkeypatch) -> None:
    with closing(sqlite3.connect(data_file)) as conn:  # a committed change still in the WAL
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA wal_autocheckpoint=0")
        conn.execute("UPDATE offices SET name = name || ' ' WHERE id = 1")
        conn.commit()
        wal = data_file.with_name(data_file.name + "-wal")
        wal_bytes = wal.read_bytes()
        assert wal_bytes
        data_bytes = data_file.read_bytes()
        Held(monkeypatch, times=None, match="-wal")
        with pytest.raises(DataFileError, match="tidak dapat dipindahkan"):
            backups.set_aside_damaged(data_file)
        # The database went back beside its WAL: nothing was separated.
        assert data_file.read_bytes() == data_bytes and wal.read_bytes() == wal_bytes
        assert not list(backups.backups_dir(data_file).glob("*.rusak-*"))


def test_a_scratch_folder_that_cannot_be_removed_does_not_fail_an_export(data_file: Path, tmp_path, monkeypatch):
    real_unlink = os.unlink

    def unlink(path, *args, **kwargs):
        if str(path).endswith("sebagian.dumas"):  # a scanner still has the scratch copy open
            error = PermissionError(13, "being used by another process")
            error.winerror = 32  # type: ignore[attr-defined]
            raise error
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)
    out = tmp_path / "tahunan.dumaspkg"
    manifest = transfer.export_package(data_file, out, year=NOW.year, now=NOW)
    assert out.exists() and manifest.data["period"] == {"year": NOW.year}
