"""Several PCs working one server at once, as the office does: each process takes
complaints in, finishes their steps, issues their papers and searches, and all of them
race to finish the same step of a few shared cases. Used by the concurrency test and by
bench/bench_server.py; `verify` says what a run lost, doubled or broke."""

from __future__ import annotations

import collections
import random
import time
import traceback
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from dumas_desktop.services import documents, intake, queries, review, screening, workflow
from dumas_desktop.services.context import Workspace
from dumas_desktop.services.screening import DispositionInput
from dumas_desktop.storage.database import open_database
from dumas_desktop.storage.integrity import check_server
from dumas_desktop.storage.models import AuditEntry, Complaint, IssuedDocument, StepRecord
from dumas_desktop.storage.server import ServerAddress

from .builders import complaint, worksheet

SCREENED = frozenset({"skrining_kelengkapan", "skrining_validitas"})
SEARCHES = ("pps", "kampanye sungai", "yohanes", "netral", "desa mawang", "001")
CONTESTED_STEP = "penatausahaan"  # where intake leaves a Sanggau case


def _disposition() -> DispositionInput:
    return DispositionInput("Ketua KPU Kabupaten Sanggau", "Tim Verifikator", "Telaah sesuai ketentuan")


def _register(ws: Workspace, case_id: int) -> object:
    return screening.register(ws, case_id, "netralitas", _disposition(), confirmations=SCREENED)


@dataclass
class Done:
    """What one PC wrote, as it was told, and how long each operation took."""

    worker: int
    times: list[tuple[str, float]] = field(default_factory=list)
    agenda_numbers: list[str] = field(default_factory=list)
    steps: list[tuple[int, str]] = field(default_factory=list)  # (case, step finished)
    papers: list[tuple[int, str]] = field(default_factory=list)  # (document id, number)
    won: list[int] = field(default_factory=list)  # contested cases this PC finished
    told: list[tuple[int, str]] = field(default_factory=list)  # contested cases it was refused, and why
    failure: str = ""


def received_at() -> datetime:
    return datetime.now().replace(microsecond=0)


def prepare_contested(address: ServerAddress, count: int) -> list[int]:
    """Cases every PC will try to finish the first step of."""
    db = open_database(address)
    try:
        ws = Workspace(db, actor="penerima")
        return [intake.receive(ws, complaint(received_at()), confirmations={"buku_tamu"}).case_id for _ in range(count)]
    finally:
        db.close()


def work(
    address: ServerAddress,
    worker: int,
    ops: int,
    contested: list[int],
    barrier: Any,
    out: Any,
    pace: tuple[float, float] | None = None,
) -> None:
    """One PC's session of `ops` operations; `pace` (seconds): a person's pause between them."""
    done = Done(worker)
    rng = random.Random(worker)
    db = open_database(address)
    ws = Workspace(db, actor=f"petugas-{worker}")
    todo: collections.deque[tuple[str, int]] = collections.deque()
    contest_every = max(1, ops // (len(contested) + 1)) if contested else 0
    waiting = list(contested)
    try:
        _warm_up(ws)
        for index in range(ops):
            if pace is not None:
                time.sleep(rng.uniform(*pace))
            if waiting and index % contest_every == contest_every - 1:
                _contest(ws, done, waiting.pop(0), barrier)
            elif index % 5 == 4:
                _timed(done, "pencarian", lambda: queries.agenda_page(ws, search=rng.choice(SEARCHES), limit=200))
            elif len(todo) < 2:
                case_id = _timed(done, "penerimaan", lambda: _receive(ws, done))
                todo.extend([("tanda_terima", case_id), ("registrasi", case_id)])
            else:
                action, case_id = todo.popleft()
                todo.extend((follow, case_id) for follow in _act(ws, done, action, case_id))
        for case_id in waiting:  # a short run still takes its turn at every contested case
            _contest(ws, done, case_id, barrier)
    except Exception:
        done.failure = traceback.format_exc()
        barrier.abort()  # nobody waits for a PC that stopped
    finally:
        db.close()
    out.put(done)


def _warm_up(ws: Workspace) -> None:
    """What a window that has been open a while has done already (the SOP profile read,
    the calendar and its holidays built, the agenda book searched): not timed."""
    with ws.db.read() as session:
        ws.calendar(session).add_working_days(received_at(), 60)
    queries.agenda_page(ws, search="pps", limit=200)


def _timed(done: Done, kind: str, action: Any) -> Any:
    start = time.perf_counter()
    result = action()
    done.times.append((kind, (time.perf_counter() - start) * 1000))
    return result


def _receive(ws: Workspace, done: Done) -> int:
    received = intake.receive(ws, complaint(received_at()), confirmations={"buku_tamu"})
    done.agenda_numbers.append(received.agenda_number)
    return received.case_id


def _act(ws: Workspace, done: Done, action: str, case_id: int) -> list[str]:
    """One step or paper of a case this PC took in; returns what comes next for it."""
    if action == "registrasi":  # numbers the disposition from the office's letter series
        _timed(done, "langkah", lambda: _register(ws, case_id))
        done.steps.append((case_id, CONTESTED_STEP))
        return ["lembar_disposisi", "telaah"]
    if action == "telaah":
        _timed(
            done,
            "langkah",
            lambda: review.save_review(ws, case_id, worksheet(result="lengkap"), complete=True, outcome="lengkap"),
        )
        done.steps.append((case_id, "verifikasi"))
        return ["hasil_telaah"]
    paper = _timed(done, "dokumen", lambda: documents.issue(ws, case_id, action))
    done.papers.append((paper.document_id, paper.number))
    return []


def _contest(ws: Workspace, done: Done, case_id: int, barrier: Any) -> None:
    barrier.wait(timeout=120)  # every PC presses "Selesaikan langkah" at once
    start = time.perf_counter()
    try:
        workflow.completing(
            case_id,
            CONTESTED_STEP,
            lambda: _register(ws, case_id),
        )
        done.won.append(case_id)
    except workflow.StepTaken as told:
        done.told.append((case_id, str(told)))
    done.times.append(("rebutan", (time.perf_counter() - start) * 1000))


def verify(address: ServerAddress, runs: list[Done], contested: list[int]) -> list[str]:
    """Everything the PCs were told was written, written once; one chain; `check` clean.
    The run's cases are those from the first contested one on (a server may hold others)."""
    problems = [f"PC {r.worker} berhenti:\n{r.failure}" for r in runs if r.failure]
    numbers = [n for r in runs for n in r.agenda_numbers]
    papers = [p for r in runs for p in r.papers]
    db = open_database(address)
    try:
        with db.read() as session:
            before = int(
                session.scalar(select(func.count()).select_from(Complaint).where(Complaint.id < min(contested))) or 0
            )
            made = session.execute(
                select(Complaint.agenda_number, Complaint.agenda_seq).where(Complaint.id >= min(contested))
            ).all()
            stored = {number for number, _seq in made}
            lost = [n for n in numbers if n not in stored]
            if lost:
                problems.append(f"{len(lost)} penerimaan hilang: {lost[:3]}")
            seqs = sorted(seq for _number, seq in made)
            if len(made) != len(numbers) + len(contested) or seqs != list(range(seqs[0], seqs[0] + len(seqs))):
                problems.append("nomor agenda terlompati atau ganda")
            issued = {doc: number for doc, number in session.execute(select(IssuedDocument.id, IssuedDocument.number))}
            if any(issued.get(doc) != number for doc, number in papers):
                problems.append("dokumen terbit hilang atau nomornya berubah")
            taken_in = set(numbers)
            own = [number for _doc, number in papers if number not in taken_in]  # not an agenda number
            if len(set(own)) != len(own):
                problems.append("nomor surat ganda")
            finished = {
                (case, step)
                for case, step in session.execute(
                    select(StepRecord.complaint_id, StepRecord.step_key).where(StepRecord.completed_at.is_not(None))
                )
            }
            missing = [s for r in runs for s in r.steps if s not in finished]
            if missing:
                problems.append(f"{len(missing)} langkah selesai hilang: {missing[:3]}")
            problems += _contest_problems(session, runs, contested)
            expected_papers = session.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .join(Complaint, Complaint.uuid == AuditEntry.complaint_uuid)
                .where(AuditEntry.action == "dokumen_diterbitkan", Complaint.id >= min(contested))
            )
            if expected_papers != len(papers):
                problems.append(f"jejak audit mencatat {expected_papers} dokumen terbit, PC menerbitkan {len(papers)}")
    finally:
        db.close()
    report = check_server(address)
    if not report.ok:
        problems.append(f"check: {report.problems[:3]}")
    if report.cases != before + len(numbers) + len(contested):
        problems.append(f"check menghitung {report.cases} pengaduan, PC mencatat {len(numbers) + len(contested)}")
    return problems


def _contest_problems(session: Any, runs: list[Done], contested: list[int]) -> list[str]:
    problems = []
    for case_id in contested:
        winners = [r.worker for r in runs if case_id in r.won]
        refused = [message for r in runs for case, message in r.told if case == case_id]
        if len(winners) != 1:
            problems.append(f"pengaduan #{case_id}: {len(winners)} PC menyelesaikan langkah yang sama")
            continue
        told_right = f"sudah diselesaikan oleh petugas-{winners[0]} pada"
        if len(refused) != len(runs) - 1 or not all(told_right in m for m in refused):
            problems.append(
                f"pengaduan #{case_id}: yang kalah tidak diberi tahu siapa yang menyelesaikan: {refused[:1]}"
            )
        finished = session.scalar(
            select(func.count())
            .select_from(StepRecord)
            .where(
                StepRecord.complaint_id == case_id,
                StepRecord.step_key == CONTESTED_STEP,
                StepRecord.completed_at.is_not(None),
            )
        )
        if finished != 1:
            problems.append(f"pengaduan #{case_id}: langkah tercatat selesai {finished} kali")
    return problems
