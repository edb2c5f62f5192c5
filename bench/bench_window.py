"""Benchmarks of the window (outside the test run), measured side by side in one run.

    QT_QPA_PLATFORM=offscreen python bench/bench_window.py [--small FILE] [--large FILE]

1. Cold start on a 10,000-case file, against a bare PySide6 window with four empty tabs,
   both timed from launching a fresh Python process: for the bare window, to the first
   event-loop turn after it is shown; for Dumas, to its window frame shown and answering
   events (tabs, moving, resizing) while the data file opens, and to the agenda book's
   first rows. Median of 5 launches each, alternating, from compiled bytecode as an
   installed program runs (a warm-up launch writes the caches first).
2. On a 100,000-case file: search results shown after the last keystroke (minus the
   debounce), scrolling the agenda book from top to bottom (the longest single step of
   the UI thread), and the process's peak memory.
3. On a copy of the 10,000-case file: the longest stall of the UI thread (the longest gap
   between the ticks of a 10 ms timer on it) while signing in through the dialog (Argon2),
   attaching a 50 MB signed scan, and quitting with Ctrl+Q, which makes the backup; beside
   them, the same Argon2 check and backup run straight on the UI thread, as before.
4. On the 100,000-case file again, signed in as the demo administrator: the agenda book sorted by
   subject and scrolled to the open case nearest row 50,000, that case's step finished
   as the step wizard finishes it (the service on the database worker, then the change
   news): the time from the commit to the row's new state painted, with scroll and
   selection compared before and after; beside it, what reading the whole list again
   (the reset the window did before) takes on the same file.

Both files get accounts first; the window signs in as a receiving officer (Pelaksana).
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

BARE = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget
from PySide6.QtCore import QTimer
app = QApplication(sys.argv)
window = QMainWindow(); tabs = QTabWidget()
for name in ("A", "B", "C", "D"):
    tabs.addTab(QWidget(), name)
window.setCentralWidget(tabs); window.show()
QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))
app.exec()
"""

DUMAS = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from dumas_desktop.ui.app import Controller, application
app = application()
controller = Controller("bench")
controller.on_frame = lambda: print("frame", flush=True)
controller.open(Path(sys.argv[1]))
window = controller.window
def check():
    if window.agenda.model.rowCount() and window.app.runner.pending == 0:
        window.agenda.model.data(window.agenda.model.index(0, 0))
        print("ready", flush=True)
        controller.close_window()
        app.quit()
    else:
        QTimer.singleShot(1, check)
QTimer.singleShot(0, check)
app.exec()
"""


def launch(code: str, *args: str) -> tuple[float, float]:
    """Milliseconds to the window frame on screen (when the program says so) and to ready."""
    # An installed program runs from compiled bytecode; this machine sets
    # PYTHONDONTWRITEBYTECODE, so allow the caches (a warm-up launch writes them).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    frame = None
    while True:
        line = process.stdout.readline().strip()
        elapsed = (time.perf_counter() - start) * 1000
        if line == "frame":
            frame = elapsed
        else:
            break
    process.wait()
    assert line == "ready", line
    return (frame if frame is not None else elapsed), elapsed


def cold_start(small: Path) -> None:
    launch(BARE), launch(DUMAS, str(small))  # warm-up: writes the bytecode caches
    bare, frames, ready = [], [], []
    for _ in range(5):  # alternate, so both see the same machine
        bare.append(launch(BARE)[1])
        frame, done = launch(DUMAS, str(small))
        frames.append(frame)
        ready.append(done)
    base = statistics.median(bare)
    print(
        f"mulai dingin: jendela kosong 4 tab median {base:.0f} ms; Dumas Desktop ({small.name}): bingkai jendela "
        f"tampil dan menanggapi median {statistics.median(frames):.0f} ms (rasio "
        f"{statistics.median(frames) / base:.2f}×), baris pertama buku agenda median "
        f"{statistics.median(ready):.0f} ms (rasio {statistics.median(ready) / base:.2f}×)"
    )


def settle(app, window) -> None:  # type: ignore[no-untyped-def]
    """Until the window's database worker has nothing left, then one more turn of events."""
    while window.app.runner.pending:
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()


def large_file(large: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from dumas_desktop.ui import agenda_tab
    from dumas_desktop.ui.app import Controller, application

    app = application()
    controller = Controller("bench")
    controller.open(large)
    window = controller.window
    assert window is not None, "the bench file did not open"
    window.resize(1400, 860)

    def idle() -> None:
        settle(app, window)

    idle()
    model, table = window.agenda.model, window.agenda.table
    latencies = []
    for word in ("maria", "pps sungai", "netralitas", "dumas", "kampanye", "yoh", "daftar pemilih", "2026"):
        window.agenda.search.setText(word)
        window.agenda._debounce.stop()  # the debounce is a fixed wait; time what follows it
        shown: list[float] = []
        model.modelReset.connect(lambda shown=shown: shown.append(time.perf_counter()))
        start = time.perf_counter()
        window.agenda.reload()
        while not shown:  # the first block of matches replaces the list
            app.processEvents()
            time.sleep(0.0002)
        model.modelReset.disconnect()
        for row in range(min(40, model.rowCount())):  # the first screenful, read and drawn
            model.data(model.index(row, 0))
        while not all(model.loaded(r) for r in range(min(40, model.rowCount()))):
            app.processEvents()
            time.sleep(0.0002)
        table.viewport().repaint()
        latencies.append((time.perf_counter() - start) * 1000)
        settle_until = time.perf_counter() + 0.4  # the full list of matches follows, as after a real keystroke
        while time.perf_counter() < settle_until:
            app.processEvents()
            time.sleep(0.002)
        idle()
    print(
        f"pencarian pada 100.000 pengaduan: hasil tampil {agenda_tab.SEARCH_DEBOUNCE_MS} ms "
        f"(jeda ketik) + median {statistics.median(latencies):.1f} ms, terlama {max(latencies):.1f} ms"
    )

    window.agenda.search.clear()
    idle()
    time.sleep(0.3)
    idle()
    bar = table.verticalScrollBar()
    steps = []
    position = 0
    while position < bar.maximum():
        position = min(bar.maximum(), position + bar.pageStep())
        start = time.perf_counter()
        bar.setValue(position)
        table.viewport().repaint()
        steps.append((time.perf_counter() - start) * 1000)  # the UI thread's own work for this page
        idle()  # the rows arrive from the database worker; their repaint is timed as well
        start = time.perf_counter()
        table.viewport().repaint()
        steps.append((time.perf_counter() - start) * 1000)
    print(
        f"gulir buku agenda {model.rowCount()} baris dari atas ke bawah ({len(steps) // 2} halaman): "
        f"langkah UI median {statistics.median(steps):.2f} ms, terlama {max(steps):.1f} ms"
    )
    bare_steps = bare_table_scroll(table.size(), model.rowCount())
    print(
        f"pembanding: QTableView polos dengan model teks statis {model.rowCount()} baris, ukuran sama: "
        f"median {statistics.median(bare_steps):.2f} ms, terlama {max(bare_steps):.1f} ms per halaman"
    )
    if sys.platform != "win32":  # Windows has no getrusage; Task Manager shows the peak there
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"memori puncak proses: {peak:.0f} MB")
    controller.close_window()
    QApplication.processEvents()


def finish_deep_in_the_list(large: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from dumas_desktop.services import forwarding, queries, workflow
    from dumas_desktop.services.demo import DEMO_ADMIN
    from dumas_desktop.ui.agenda_model import COLUMNS
    from dumas_desktop.ui.app import Controller, application

    saved_user = os.environ["DUMAS_USER"]
    os.environ["DUMAS_USER"] = DEMO_ADMIN  # every role: KPU RI's decision is recorded by the secretariat
    app = application()
    controller = Controller("bench")
    controller.open(large)
    window = controller.window
    os.environ["DUMAS_USER"] = saved_user
    if window is None:
        raise SystemExit(f"{large} tidak dapat dibuka")
    window.resize(1400, 860)

    def idle() -> None:
        settle(app, window)

    idle()
    agenda, ws = window.agenda, window.app.ws
    subject = [key for key, _ in COLUMNS].index("subject")
    agenda.table.horizontalHeader().sectionClicked.emit(subject)  # as a click on "Pokok pengaduan"
    model, table = agenda.model, agenda.table
    everything = len(queries.agenda_ids(ws))
    while model.rowCount() < everything or window.app.runner.pending:  # the first block, then the rest
        app.processEvents()
        time.sleep(0.001)
    ids = [model.case_id(r) for r in range(model.rowCount())]
    rows = {row.id: row for row in queries.rows_by_id(ws, ids)}
    candidates = [
        r
        for r, case_id in enumerate(ids)
        if rows[case_id].status == "proses" and rows[case_id].step_label.startswith("10.")
    ]
    if not candidates:
        print("tidak ada pengaduan terbuka pada langkah 10 di berkas ini: pengukuran 3 dilewati")
        controller.close_window()
        return
    position = min(candidates, key=lambda r: abs(r - 50_000))
    case_id = ids[position]
    table.scrollTo(model.index(position, 0), table.ScrollHint.PositionAtCenter)
    table.selectRow(position)
    while not model.loaded(position) or window.app.runner.pending:
        app.processEvents()
        time.sleep(0.001)
    table.viewport().repaint()
    scroll, before_state = table.verticalScrollBar().value(), model.data(model.index(position, len(COLUMNS) - 1))
    step = workflow.step_context(ws, case_id).step
    confirmations = frozenset(r.key for r in step.requirements if r.kind == "confirm")
    data = forwarding.DecisionInput(ws.now().date(), "dkpp", "Diteruskan ke DKPP", received_at=ws.now())
    committed: list[float] = []

    def finish() -> object:
        result = forwarding.record_kpu_decision(ws, case_id, data, confirmations=confirmations)
        committed.append(time.perf_counter())  # the transaction has committed when the service returns
        return result

    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    refused: list[str] = []
    window.app.runner.run(
        finish, lambda result: window.app.events.tell(result, case_id), on_message=lambda e: refused.append(e.message)
    )
    state = lambda: model.data(model.index(position, len(COLUMNS) - 1))  # noqa: E731
    while not refused and (not committed or state() == before_state):
        app.processEvents()
        time.sleep(0.0002)
    if refused:
        controller.close_window()
        raise SystemExit(f"langkah tidak dapat diselesaikan: {refused[0]}")
    table.viewport().repaint()
    visible_ms = (time.perf_counter() - committed[0]) * 1000
    idle()
    kept = table.verticalScrollBar().value() == scroll and table.currentIndex().row() == position
    print(
        f"langkah selesai pada baris {position:,} dari {len(ids):,} (urut pokok pengaduan): keadaan baru tampil "
        f"{visible_ms:.1f} ms setelah commit ({before_state} → {state()}); gulir dan pilihan "
        f"{'tetap' if kept and model.case_id(position) == case_id else 'BERUBAH'}; reset model: {len(resets)}".replace(
            ",", "."
        )
    )
    start = time.perf_counter()
    agenda.reload()  # what every saved step did before: the whole list read again, scroll and selection lost
    while agenda.model.rowCount() < everything or window.app.runner.pending:
        app.processEvents()
        time.sleep(0.0002)
    print(
        f"pembanding: buku agenda dibaca ulang seluruhnya (cara lama) {(time.perf_counter() - start) * 1000:.0f} ms, "
        f"lalu tampil dari baris {table.verticalScrollBar().value()} tanpa pilihan"
    )
    controller.close_window()
    QApplication.processEvents()


def bare_table_scroll(size, rows: int) -> list[float]:  # type: ignore[no-untyped-def]
    """The same scroll over a plain table whose cells cost nothing to produce: what
    painting alone costs on this machine."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QApplication, QTableView

    class Static(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):  # type: ignore[no-untyped-def]  # noqa: B008
            return rows

        def columnCount(self, parent=QModelIndex()):  # type: ignore[no-untyped-def]  # noqa: B008
            return 10

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{index.row():06d}/DUMAS/6103/2026 kolom {index.column()} teks contoh"
            return None

    view = QTableView()
    model = Static()
    view.setModel(model)
    view.resize(size)
    view.show()
    QApplication.processEvents()
    bar = view.verticalScrollBar()
    steps, position = [], 0
    while position < bar.maximum():
        position = min(bar.maximum(), position + bar.pageStep())
        start = time.perf_counter()
        bar.setValue(position)
        view.viewport().repaint()
        steps.append((time.perf_counter() - start) * 1000)
        QApplication.processEvents()
    view.close()
    return steps


class Ticks:
    """A 10 ms timer on the UI thread; the longest gap between its ticks is the longest stall."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(lambda: self.times.append(time.perf_counter()))

    def start(self) -> Ticks:
        self.times = [time.perf_counter()]
        self.timer.start()
        return self

    def stop(self) -> float:
        self.timer.stop()
        self.times.append(time.perf_counter())
        return self.longest()

    def longest(self, until: float | None = None) -> float:
        """The longest gap in ms, up to `until` (when the work itself ended) or the end."""
        times = self.times if until is None else [t for t in self.times if t < until] + [until]
        return max(b - a for a, b in itertools.pairwise(times)) * 1000


def ui_thread_stalls(small: Path, runs: int = 3) -> None:
    from dumas_desktop.services import accounts, audit_events
    from dumas_desktop.storage.database import open_database
    from dumas_desktop.ui import dialogs
    from dumas_desktop.ui.app import application

    app = application()
    said: list[str] = []
    dialogs.warn = dialogs.inform = lambda parent, title, text: said.append(text)  # type: ignore[assignment]

    def refuse(parent: object, title: str, text: str) -> bool:
        said.append(text)
        return False

    dialogs.ask = refuse  # type: ignore[assignment]
    user, password = os.environ["DUMAS_USER"], os.environ["DUMAS_PASSWORD"]
    measured, before = [], []
    for _ in range(runs):
        folder = Path(tempfile.mkdtemp(prefix="bench-stall-"))
        try:
            path = folder / small.name
            shutil.copyfile(small, path)
            scan = folder / "surat-tugas-ttd.pdf"
            scan.write_bytes(b"%PDF-1.4\n" + os.urandom(50 * 10**6 - 9))  # a 50 MB scan
            del os.environ["DUMAS_USER"], os.environ["DUMAS_PASSWORD"]  # the sign-in dialog, typed in
            try:
                measured.append(_stalls(app, path, scan, user, password, said))
            finally:
                os.environ["DUMAS_USER"], os.environ["DUMAS_PASSWORD"] = user, password
            # Before: the same Argon2 check and the same backup straight on the UI thread.
            db = open_database(path)
            try:
                start = time.perf_counter()
                accounts.verify(db, user, password, datetime.now())
                argon2 = (time.perf_counter() - start) * 1000
            finally:
                db.close()
            start = time.perf_counter()
            audit_events.back_up(path, folder / "pembanding.dumas", actor="bench", automatic=True)
            before.append((argon2, (time.perf_counter() - start) * 1000))
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def figure(values: list[float]) -> str:
        return f"median {statistics.median(values):.1f} ms, terlama {max(values):.1f} ms"

    sign_in, stored, refreshed, closing = (list(column) for column in zip(*measured, strict=True))
    print(
        f"utas UI paling lama berhenti (celah terpanjang pewaktu 10 ms, {runs} kali), berdampingan: "
        f"masuk lewat dialog (Argon2) {figure(sign_in)}; melampirkan pindaian 50 MB sampai tersimpan "
        f"{figure(stored)} (sampai penyegaran tab sesudahnya selesai: {figure(refreshed)}); keluar dengan "
        f"Ctrl+Q dan cadangan {figure(closing)}"
    )
    print(
        f"pembanding, pekerjaan yang sama langsung di utas UI seperti dulu: Argon2 "
        f"{figure([a for a, _ in before])}; cadangan {figure([b for _, b in before])}"
    )


def _stalls(app, path: Path, scan: Path, user: str, password: str, said: list[str]) -> tuple[float, ...]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from dumas_desktop.services import documents, queries
    from dumas_desktop.ui import dialogs
    from dumas_desktop.ui.app import Controller
    from dumas_desktop.ui.documents_panel import DocumentsDialog
    from dumas_desktop.ui.sign_in import SignInDialog

    found: dict[str, float] = {}

    def type_in() -> None:
        dialog = next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, SignInDialog) and w.isVisible()), None
        )
        if dialog is None:
            QTimer.singleShot(20, type_in)
            return
        QTest.keyClicks(dialog.username, user)
        QTest.keyClicks(dialog.password, password)
        ticks = Ticks().start()
        dialog.finished.connect(lambda _: found.setdefault("sign_in", ticks.stop()))
        QTest.keyClick(dialog.password, Qt.Key.Key_Return)

    QTimer.singleShot(20, type_in)
    controller = Controller("bench")
    if not controller.open(path):
        raise SystemExit(f"masuk ke {path} gagal: {said}")
    window = controller.window
    assert window is not None

    def idle() -> None:
        settle(app, window)

    idle()
    ws = window.app.ws
    # A paper to attach the signed scan to: the newest case's first paper that can be made, issued
    # beforehand (not timed), as the office prints it before it is signed and scanned.
    case_id, kind = next(
        (row.id, offer.kind)
        for row in queries.agenda_page(ws, limit=200)
        for offer in documents.offers(ws, row.id)
        if offer.ready and not offer.draft
    )
    documents.issue(ws, case_id, kind)
    dialog = DocumentsDialog(window.app, case_id, window)
    dialog.show()
    idle()
    panel = dialog.panel
    panel.select(kind)
    dialogs.open_file_name = lambda *args: scan  # type: ignore[assignment]
    stored: list[float] = []
    window.app.runner.busy_changed.connect(lambda busy: stored.append(time.perf_counter()) if not busy else None)
    ticks = Ticks().start()
    QTest.mouseClick(panel.attach_button, Qt.MouseButton.LeftButton)
    while not stored:
        app.processEvents()
        time.sleep(0.0005)
    settle = time.perf_counter() + 1.0  # the tabs refresh after every save, as after any step
    while time.perf_counter() < settle:
        app.processEvents()
        time.sleep(0.0005)
    idle()
    refreshed = ticks.stop()
    attach = ticks.longest(until=stored[0])
    if said:
        raise SystemExit(f"melampirkan pindaian gagal: {said}")
    dialog.close()
    app.processEvents()
    window.activateWindow()
    app.processEvents()
    ticks = Ticks().start()
    QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)  # quits, making the backup
    closing = ticks.stop()
    if controller.window is not None:
        raise SystemExit("Ctrl+Q tidak menutup jendela")
    return found["sign_in"], attach, refreshed, closing


BENCH_USER, BENCH_PASSWORD = "pelaksana", "bench-pelaksana"


def with_accounts(path: Path) -> None:
    """The window is used signed in: an administrator and a receiving officer, whom the
    window signs in (as an unattended installation check does) through DUMAS_USER and
    DUMAS_PASSWORD. The officer's idle lock then watches every input event."""
    from dumas_desktop.services import accounts
    from dumas_desktop.services.context import Workspace
    from dumas_desktop.services.demo import DEMO_PASSWORD_SETTING
    from dumas_desktop.services.numbering import get_setting
    from dumas_desktop.storage.database import open_database

    db = open_database(path)
    try:
        password = BENCH_PASSWORD
        if not accounts.has_users(db):
            admin = accounts.create_first_admin(db, "admin", "Administrator", "bench-admin")
            accounts.add_user(Workspace.signed_in(db, admin), BENCH_USER, "Petugas", BENCH_PASSWORD, [BENCH_USER])
        else:
            # A file made by `demo` has its own accounts, one per role, with the demo password;
            # signing in with any other would leave the window waiting at its sign-in dialog.
            with db.read() as session:
                password = get_setting(session, DEMO_PASSWORD_SETTING, None) or ""
            if not password:
                raise SystemExit(f"{path} memiliki akun yang bukan buatan bench ini; hapus berkasnya lalu ulangi.")
        accounts.verify(db, BENCH_USER, password, datetime.now())  # fails loudly here, not as a silent hang
    finally:
        db.close()
    os.environ["DUMAS_USER"], os.environ["DUMAS_PASSWORD"] = BENCH_USER, password


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=Path, default=Path("bench/out/bench-10k.dumas"))
    parser.add_argument("--large", type=Path, default=Path("bench/out/bench-100k.dumas"))
    args = parser.parse_args()
    for path, cases in ((args.small, 10_000), (args.large, 100_000)):
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                [sys.executable, "-m", "dumas_desktop", "demo", "--data", str(path), "--cases", str(cases)], check=True
            )
    print(f"platform Qt: {os.environ['QT_QPA_PLATFORM']}")
    for path in (args.small, args.large):
        with_accounts(path)
    cold_start(args.small)
    large_file(args.large)
    finish_deep_in_the_list(args.large)
    ui_thread_stalls(args.small)


if __name__ == "__main__":
    main()
