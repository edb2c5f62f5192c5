"""A power cut in the middle of a form: the program is killed (SIGKILL, nothing runs at
exit) while a form holds typed text, started again on the same file and drafts folder,
and the same form, opened as a person does, offers the draft with that text."""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from dumas_desktop.services import intake
from dumas_desktop.services.context import Workspace
from dumas_desktop.storage.database import open_database

from ..builders import complaint
from .typing_driver import TYPED

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs POSIX signals and process groups")
ROOT = Path(__file__).resolve().parents[2]
STARTS_WITHIN = 90  # seconds: start-up, sign-in and typing on a busy two-core machine


class Program:
    """The real program with the person driver inside (typing_driver.py), read line by line."""

    def __init__(self, data: Path, home: Path, *args: str) -> None:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_DATA_HOME": str(home / "data"),  # where the drafts folder is: the same for both starts
            "XDG_CONFIG_HOME": str(home / "config"),
            "PYTHONPATH": str(ROOT),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.ui.typing_driver", str(data), *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            start_new_session=True,  # its own process group: its threads die with it
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.said: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        with self.process.stdout:
            for line in self.process.stdout:
                self.lines.put(line.rstrip("\n"))

    def wait_for(self, word: str) -> str:
        while True:
            try:
                line = self.lines.get(timeout=STARTS_WITHIN)
            except queue.Empty:
                self.kill()
                raise AssertionError(f"no {word} from the program; it said: {self.said}") from None
            self.said.append(line)
            if line.startswith("FAILED"):
                self.kill()
                raise AssertionError("\n".join(self.said))
            if line.startswith(word):
                return line.removeprefix(word).strip()

    def kill(self) -> None:
        if sys.platform != "win32":  # always true: the module is skipped off POSIX (mypy reads it too)
            os.killpg(self.process.pid, signal.SIGKILL)  # as a power cut: no close, no clean-up
        self.process.wait()

    def exit_code(self) -> int | None:
        """How the program ended by itself; None when it did not end (killed then)."""
        try:
            code: int | None = self.process.wait(timeout=STARTS_WITHIN)
        except subprocess.TimeoutExpired:
            self.kill()
            code = None
        while True:  # what it said after the last line waited for
            try:
                self.said.append(self.lines.get(timeout=5))
            except queue.Empty:
                return code


def killed_while_typing(data: Path, home: Path, form: str, number: str = "") -> None:
    typing = Program(data, home, form, "type", number)
    typing.wait_for("READY")
    assert typing.process.poll() is None, "the program ended by itself"
    typing.kill()
    if sys.platform != "win32":
        assert typing.process.returncode == -signal.SIGKILL


def started_again(data: Path, home: Path, form: str, number: str = "") -> dict:
    again = Program(data, home, form, "check", number)
    found = json.loads(again.wait_for("FOUND"))
    assert again.exit_code() == 0, "\n".join(again.said)
    return found


@pytest.fixture
def office(templates, tmp_path) -> Path:
    path = tmp_path / "kantor.dumas"
    shutil.copyfile(templates["sanggau-2026"], path)
    return path


def test_what_was_typed_in_a_new_complaint_survives_a_power_cut(office, tmp_path):
    killed_while_typing(office, tmp_path, "intake")
    found = started_again(office, tmp_path, "intake")
    assert len(found["offer"]) == 1 and "draf" in found["offer"][0]
    assert found["fields"] == {key: TYPED[key] for key in ("Nama lengkap", "Alamat", "Pokok pengaduan", "Uraian")}


def test_what_was_typed_in_a_step_survives_a_power_cut(office, tmp_path):
    db = open_database(office)
    try:
        ws = Workspace(db, actor="petugas")
        received = datetime.now().replace(second=0, microsecond=0) - timedelta(hours=1)
        number = intake.receive(ws, complaint(received), confirmations={"buku_tamu"}).agenda_number
    finally:
        db.close()
    killed_while_typing(office, tmp_path, "step", number)
    found = started_again(office, tmp_path, "step", number)
    assert len(found["offer"]) == 1 and "draf" in found["offer"][0]
    assert found["fields"] == {key: TYPED[key] for key in ("Klasifikasi", "Pemberi disposisi", "Isi disposisi")} | {
        "Skrining": True
    }
