"""The demo office: every step and branch represented, sound on `check`, and its open
cases carry on through the real services."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest

from dumas_desktop.services import queries, review
from dumas_desktop.services.context import Workspace
from dumas_desktop.services.demo import make_demo
from dumas_desktop.storage.database import open_database
from dumas_desktop.storage.integrity import check_file

from .builders import worksheet

NOW = datetime(2026, 11, 20, 10, 0)


@pytest.fixture(scope="module")
def sanggau_demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "sanggau.dumas"
    result = make_demo(path, 1500, "sanggau-2026", seed=7, now=NOW)
    assert (result.added, result.total) == (1500, 1500)
    return path


def statistics(path):
    db = open_database(path)
    with db.engine.connect() as conn:
        status: Counter[str] = Counter(
            dict(conn.exec_driver_sql("SELECT status, count(*) FROM complaints GROUP BY status").all())
        )
        closures: dict[str | None, int] = dict(
            conn.exec_driver_sql("SELECT closure_kind, count(*) FROM complaints GROUP BY 1").all()
        )
        steps = {r[0] for r in conn.exec_driver_sql("SELECT DISTINCT step_key FROM step_records")}
        open_steps = {
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT DISTINCT current_step FROM complaints WHERE status IN ('proses', 'menunggu_pelapor')"
            )
        }
        outcomes = {r[0] for r in conn.exec_driver_sql("SELECT DISTINCT outcome FROM step_records")}
        late = conn.exec_driver_sql("SELECT count(*) FROM step_records WHERE completed_at > due_at").scalar()
        confidential = conn.exec_driver_sql(
            "SELECT count(*) FROM parties WHERE role = 'reporter' AND confidentiality != 'terbuka'"
        ).scalar()
    db.close()
    return status, closures, steps, open_steps, outcomes, late, confidential


def test_demo_covers_every_step_and_branch(sanggau_demo):
    assert check_file(sanggau_demo).ok
    status, closures, steps, open_steps, outcomes, late, confidential = statistics(sanggau_demo)
    assert status["proses"] > 0 and status["menunggu_pelapor"] > 0 and status["selesai"] > 0
    assert set(closures) >= {"selesai", "ditolak", "bukan_kewenangan", "duplikat", "dicabut"}
    assert len(steps) == 10
    assert len(open_steps) >= 6
    assert {"lengkap", "klarifikasi", "tanpa_klarifikasi", "ditetapkan"} <= outcomes
    assert late > 0 and confidential > 0


def test_demo_cases_continue_through_the_services(sanggau_demo, tmp_path):
    copy = tmp_path / "lanjut.dumas"
    copy.write_bytes(sanggau_demo.read_bytes())
    db = open_database(copy)
    ws = Workspace(db, actor="petugas", clock=lambda: NOW)
    waiting = queries.agenda_ids(ws, queries.Filters(step="verifikasi", status="proses"))
    assert waiting
    step = review.save_review(ws, waiting[0], worksheet(result="lengkap"), complete=True, outcome="lengkap")
    assert step is not None and step.next_step == "telaah_lanjutan"
    db.close()
    assert check_file(copy).ok


def test_sumbar_demo_and_filling_an_existing_file(tmp_path):
    path = tmp_path / "sumbar.dumas"
    make_demo(path, 300, "sumbar-2022", seed=3, now=NOW)
    result = make_demo(path, 200, None, seed=4, now=NOW)
    assert (result.added, result.total, result.profile_id) == (200, 500, "sumbar-2022")
    assert check_file(path).ok
    db = open_database(path)
    with db.engine.connect() as conn:
        numbers = [
            r[0]
            for r in conn.exec_driver_sql("SELECT agenda_seq FROM complaints WHERE year = 2026 ORDER BY agenda_seq")
        ]
    db.close()
    assert numbers == list(range(1, len(numbers) + 1))  # the second run carried on the sequence


def test_same_seed_same_cases(tmp_path):
    first = make_demo(tmp_path / "a.dumas", 100, seed=5, now=NOW).path
    second = make_demo(tmp_path / "b.dumas", 100, seed=5, now=NOW).path

    def cases(path):
        db = open_database(path)
        with db.engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT uuid, agenda_number, subject, status FROM complaints").all()
        db.close()
        return rows

    assert cases(first) == cases(second)


def test_large_demo_written_in_chunks_by_worker_processes(tmp_path):
    path = tmp_path / "besar.dumas"
    result = make_demo(path, 4500, seed=11, now=NOW)  # three chunks
    assert result.total == 4500
    report = check_file(path)
    assert report.ok, report.problems
    db = open_database(path)
    with db.engine.connect() as conn:
        per_year = conn.exec_driver_sql(
            "SELECT year, count(*), min(agenda_seq), max(agenda_seq) FROM complaints GROUP BY year"
        ).all()
        numbers = conn.exec_driver_sql("SELECT count(DISTINCT number), count(*) FROM letters").one()
    db.close()
    assert all(lowest == 1 and highest == count for _, count, lowest, highest in per_year)
    assert numbers[0] == numbers[1]  # letter numbers carried on across chunks, never repeated
