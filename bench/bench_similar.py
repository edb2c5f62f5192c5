"""The duplicate finder: how long one lookup takes on the 100,000-case file of
bench_case_file.py, and its precision and recall on a labelled set of demo cases typed in
again (tests/similar_pairs.py: words reordered, typos, shortened, the respondent misspelt
or left out).

    python bench/bench_similar.py [--data bench/out/bench-100k.dumas] [--labelled 3000]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from bench_case_file import cpu_name, p95
from sqlalchemy import select

from dumas_desktop.domain.access import Access
from dumas_desktop.services import similar
from dumas_desktop.services.context import Workspace
from dumas_desktop.services.demo import make_demo
from dumas_desktop.storage.database import open_database
from dumas_desktop.storage.models import Complaint
from tests.similar_pairs import VARIATIONS, make_pairs, measure, vary


def lookups(path: Path, count: int) -> None:
    db = open_database(path)
    try:
        ws = Workspace(db)
        with db.read() as session:
            ids = list(session.scalars(select(Complaint.id)))
        rng = random.Random(3)
        probes = [
            vary(rng, similar.probe_of_case(ws, case_id), VARIATIONS[i % len(VARIATIONS)])
            for i, case_id in enumerate(rng.sample(ids, count))
        ]
        for role, label in (("pelaksana", "boleh melihat identitas"), ("pengarah", "tidak boleh")):
            as_role = Workspace.signed_in(db, Access(role, role, frozenset({role})))
            similar.find(as_role, probes[0])  # the index's pages in the cache, as after the first keystrokes
            times = []
            for probe in probes:
                start = time.perf_counter()
                similar.find(as_role, probe)
                times.append((time.perf_counter() - start) * 1000)
            print(
                f"{role} ({label}), {len(ids)} pengaduan, {len(times)} pencarian: median "
                f"{statistics.median(times):.0f} ms, p95 {p95(times):.0f} ms, terlama {max(times):.0f} ms"
            )
    finally:
        db.close()


def labelled(cases: int, pairs: int) -> None:
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as work:
        path = Path(work) / "contoh.dumas"
        with contextlib.redirect_stdout(io.StringIO()):
            make_demo(path, cases, "sanggau-2026", seed=3)
        db = open_database(path)
        try:
            ws = Workspace(db)
            with db.read() as session:
                ids = list(session.scalars(select(Complaint.id)))
            made = make_pairs(ws, ids, pairs)
            print(f"himpunan berlabel: {len(made)} salinan dari {cases} pengaduan contoh ({', '.join(VARIATIONS)})")
            for threshold in (60, 70, 80, 90):
                f = measure(ws, made, threshold)
                print(
                    f"  skor >= {threshold}: recall {f.recall:.2f}, presisi {f.precision:.2f}, "
                    f"asli di urutan pertama {f.first_rate:.2f} ({f.found}/{f.pairs} ditemukan, {f.offered} ditawarkan)"
                )
            for variation in VARIATIONS:
                some = [p for p in made if p.variation == variation]
                f = measure(ws, some, similar.MIN_SCORE)
                g = measure(ws, some, 80)
                print(
                    f"  {variation}: skor >= {similar.MIN_SCORE:.0f} recall {f.recall:.2f}, "
                    f"pertama {f.first_rate:.2f}; "
                    f"skor >= 80 recall {g.recall:.2f}"
                )
        finally:
            db.close()


def in_the_window(path: Path, count: int) -> None:
    """The intake wizard on the 100,000-case file, typed into with QTest key clicks: from the
    last keystroke of the subject to the candidates on screen (debounce included)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench_window import settle, with_accounts
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from dumas_desktop.ui import dialogs, similar_panel
    from dumas_desktop.ui.app import Controller, application
    from dumas_desktop.ui.intake_wizard import IntakeWizard

    with_accounts(path)
    app = application()
    dialogs.ask = lambda *args: False  # type: ignore[assignment]  # no draft offered
    controller = Controller("bench")
    controller.open(path)
    window = controller.window
    assert window is not None, "the bench file did not open"
    settle(app, window)
    db = open_database(path)
    try:
        ws = Workspace(db)
        with db.read() as session:
            ids = list(session.scalars(select(Complaint.id)))
        rng = random.Random(9)
        probes = [similar.probe_of_case(ws, i) for i in rng.sample(ids, count)]
    finally:
        db.close()
    window.new_complaint()
    wizard = next(w for w in window.windows if isinstance(w, IntakeWizard))
    for _ in range(3):
        wizard.next()
    panel, subject = wizard.similar, wizard.complaint_page.subject
    shown = []
    for probe in probes:
        subject.clear()
        settle(app, window)
        time.sleep(0.5)
        app.processEvents()
        settle(app, window)
        answered = panel._asked
        QTest.keyClicks(subject, probe.subject)  # a keystroke at a time, each with its events
        typed = time.perf_counter()
        while panel._asked == answered or window.app.runner.pending:
            app.processEvents()
            time.sleep(0.0005)
        panel.table.viewport().repaint()
        shown.append((time.perf_counter() - typed) * 1000)
    print(
        f"jendela, 100.000 pengaduan, {len(shown)} pokok diketik: kandidat tampil setelah ketikan terakhir "
        f"(termasuk jeda {similar_panel.DEBOUNCE_MS} ms) median {statistics.median(shown):.0f} ms, "
        f"p95 {p95(shown):.0f} ms, terlama {max(shown):.0f} ms"
    )
    wizard.done_ = True
    wizard.close()
    controller.close_window()
    QApplication.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path("bench/out/bench-100k.dumas"))
    parser.add_argument("--lookups", type=int, default=120)
    parser.add_argument(
        "--labelled", type=int, default=3000, help="pengaduan contoh untuk himpunan berlabel (0: lewati)"
    )
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--window", type=int, default=20, metavar="N", help="pokok diketik di jendela (0: lewati)")
    args = parser.parse_args()
    print(f"mesin: {cpu_name()}, {os.cpu_count()} inti, Python {platform.python_version()}")
    if args.labelled:
        labelled(args.labelled, args.pairs)
    if not args.data.exists():
        sys.exit(f"{args.data} belum ada: jalankan bench/bench_case_file.py dahulu")
    lookups(args.data, args.lookups)
    if args.window:
        in_the_window(args.data, args.window)


if __name__ == "__main__":
    main()
