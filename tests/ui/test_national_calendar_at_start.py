"""A newer national calendar moves running deadlines when the program starts, and the
window says so once."""

from __future__ import annotations

import shutil
from datetime import date, datetime

from dumas_desktop.services import case_file, deadline_updates
from dumas_desktop.services.context import Workspace
from dumas_desktop.storage.database import open_database

from ..conftest import FakeClock
from ..test_deadline_updates import window_from_tuesday_17_march
from .conftest import wait_idle


def test_opening_the_file_with_a_newer_national_calendar_moves_the_window(
    window_for, qtbot, dialog_log, templates, tmp_path, monkeypatch
):
    from dumas_desktop.domain import calendar as calendar_module

    path = tmp_path / "kantor.dumas"
    shutil.copyfile(templates["sanggau-2026"], path)
    database = open_database(path)
    ws = Workspace(database, actor="petugas", clock=FakeClock(datetime(2026, 3, 2, 9, 0)))
    case_id = window_from_tuesday_17_march(ws, ws.clock)
    assert deadline_updates.refresh_national_calendar(ws) == []  # the calendar the file was worked on
    database.close()

    real = calendar_module._national_calendar()

    class Newer:
        """A later `holidays` release adding a cuti bersama on Wednesday 25 March 2026."""

        def get(self, day):
            return "Cuti bersama (baru)" if day == date(2026, 3, 25) else real.get(day)

    monkeypatch.setattr(calendar_module, "_national_calendar", lambda: Newer())
    window = window_for(path=path)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: "Kalender libur nasional diperbarui" in window.statusBar().currentMessage(), timeout=10_000)
    assert "batas waktu 1 pengaduan" in window.statusBar().currentMessage()
    assert case_file.case_detail(window.app.ws, case_id).completion_due_at == datetime(2026, 3, 30, 16, 0)
