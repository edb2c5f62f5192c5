"""Python's cycle collector runs on the UI thread, never on the database worker, where a
closed window's Qt objects in a reference cycle would be destroyed off the UI thread."""

from __future__ import annotations

import gc
import threading

from dumas_desktop.ui.app import application


def test_garbage_cycles_are_collected_on_the_ui_thread_only(qtbot):
    application()
    assert not gc.isenabled()  # no collection on whichever thread allocates
    where: list[str] = []

    class Cycle:
        def __del__(self) -> None:
            where.append(threading.current_thread().name)

    def make_garbage() -> None:  # on another thread, as the database worker allocates
        for _ in range(3000):
            first, second = Cycle(), Cycle()
            first.other, second.other = second, first  # type: ignore[attr-defined]

    worker = threading.Thread(target=make_garbage, name="worker")
    worker.start()
    worker.join()
    assert where == []  # the worker's allocations collected nothing
    qtbot.waitUntil(lambda: len(where) > 1000, timeout=5_000)  # the UI thread's timer did
    assert set(where) == {threading.main_thread().name}
