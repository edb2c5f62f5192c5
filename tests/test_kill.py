"""Killing the program at any moment while `demo` writes leaves a sound file holding
exactly the chunks that had committed."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from dumas_desktop.services.demo_simulation import CHUNK
from dumas_desktop.storage.database import open_database
from dumas_desktop.storage.integrity import check_file

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs POSIX signals and process groups")


def count_cases(path) -> int:
    db = open_database(path)
    with db.engine.connect() as conn:
        found = conn.exec_driver_sql("SELECT count(*) FROM complaints").scalar_one()
    db.close()
    return int(found)


@pytest.mark.parametrize("moment", [0.6, 1.5, 2.5, 4.0])
def test_sigkill_during_demo(tmp_path, moment):
    path = tmp_path / "dibunuh.dumas"
    process = subprocess.Popen(
        [sys.executable, "-m", "dumas_desktop", "demo", "--data", str(path), "--cases", "12000", "--seed", "9"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the workers die with it
    )
    time.sleep(moment + random.Random(moment).uniform(0, 0.3))
    if sys.platform != "win32":  # always true: the module is skipped off POSIX (mypy reads it too)
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    if not path.exists():
        return  # killed before the file was created: nothing to lose
    report = check_file(path)
    assert report.ok, report.problems
    if report.cases or report.audit_entries:
        assert count_cases(path) % CHUNK == 0 or count_cases(path) == 12000
