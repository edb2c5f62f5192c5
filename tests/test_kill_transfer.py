"""Killing the program at random moments while it exports or imports: the office's file
stays sound with the import either whole or absent, and a package name only ever holds a
complete package."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from dumas_desktop.services import transfer
from dumas_desktop.services.demo import make_demo
from dumas_desktop.storage.integrity import check_file
from dumas_desktop.storage.package import read_manifest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs POSIX signals")
NOW = datetime(2026, 11, 20, 10, 0)
# Each for import and for export: 8 fit CI's time; DUMAS_KILL_MOMENTS=100 for the full run.
MOMENTS = int(os.environ.get("DUMAS_KILL_MOMENTS", "8"))


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bunuh")
    home = make_demo(folder / "kantor.dumas", 300, "sanggau-2026", seed=3, now=NOW).path
    other = make_demo(folder / "lain.dumas", 300, "sumbar-2022", seed=4, now=NOW).path
    package = folder / "lain.dumaspkg"
    transfer.export_package(other, package)
    return {"home": home, "other": other, "package": package}


def _cases(path: Path) -> tuple[int, int]:
    with closing(sqlite3.connect(path)) as conn, conn:
        return (
            conn.execute("SELECT count(*) FROM complaints").fetchone()[0],
            conn.execute("SELECT count(*) FROM imports").fetchone()[0],
        )


def _run_and_kill(args: list[str], after: float | None) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "dumas_desktop", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    if after is None:
        assert process.wait() == 0
    else:
        time.sleep(after)
        if sys.platform != "win32":  # always true: the module is skipped off POSIX (mypy reads it too)
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    return time.perf_counter() - started


def test_sigkill_during_import(files: dict[str, Path], tmp_path: Path) -> None:
    target = tmp_path / "kantor.dumas"
    shutil.copyfile(files["home"], target)
    base, _ = _cases(target)
    whole = _run_and_kill(["import", "--data", str(target), "--in", str(files["package"])], None)
    assert _cases(target) == (base + 300, 1)
    rng = random.Random(11)
    for moment in sorted(rng.uniform(0.05, whole) for _ in range(MOMENTS)):
        shutil.copyfile(files["home"], target)
        for leftover in target.parent.glob("kantor.dumas*"):
            if leftover != target:
                leftover.unlink() if leftover.is_file() else shutil.rmtree(leftover)
        _run_and_kill(["import", "--data", str(target), "--in", str(files["package"])], moment)
        report = check_file(target)
        assert report.ok, (moment, report.problems)
        assert _cases(target) in ((base, 0), (base + 300, 1)), moment  # whole or not at all


def test_sigkill_during_export(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "stick" / "kantor.dumaspkg"
    out.parent.mkdir()
    whole = _run_and_kill(["export", "--data", str(files["home"]), "--out", str(out)], None)
    complete = read_manifest(out).data["counts"]["complaints"]
    rng = random.Random(12)
    for moment in sorted(rng.uniform(0.05, whole) for _ in range(MOMENTS)):
        shutil.rmtree(out.parent)
        out.parent.mkdir()
        _run_and_kill(["export", "--data", str(files["home"]), "--out", str(out)], moment)
        if out.exists():  # the final name appears only for a package written and read back whole
            assert read_manifest(out).data["counts"]["complaints"] == complete, moment
        assert check_file(files["home"]).ok
        lock = files["home"].with_name(files["home"].name + ".kunci")
        lock.unlink(missing_ok=True)  # left by the killed process; the next run would clear it too
