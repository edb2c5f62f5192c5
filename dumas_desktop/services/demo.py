"""A realistic demo office: complaints spread over every step and branch of its SOP.

Cases are simulated step by step on the office's working-day clock, so some were done
on time, some late, and the open ones stand where the simulation reached "now". Rows
are written in bulk, a chunk per transaction: killing the program at any moment leaves
a file that passes `check`, holding the chunks that committed.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import multiprocessing
import os
import random
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import Connection, func, select, text

from ..domain.calendar import WorkingCalendar
from ..domain.errors import NotAllowed
from ..domain.numbering import render
from ..storage import audit, models, search_index
from ..storage.database import Database, create_database, open_database
from .context import Workspace, home_office
from .demo_simulation import CHUNK, NUMBER_COLUMNS, NUMBER_MARK, ChunkJob, ChunkRows, simulate_chunk, storage_rows
from .numbering import archive_code_for, pattern_for, series_for, set_setting
from .office import OfficeInput, add_official, initialize_office, set_day

NUMBER_KINDS = (
    "lembar_disposisi",
    "surat_tugas",
    "surat_undangan",
    "berita_acara_pleno",
    "nota_dinas",
    "surat_pengantar",
    "laporan_hasil_telaah",
)
ACTOR = "demo"


@dataclass(frozen=True)
class OfficeSpec:
    input: OfficeInput
    region: str  # NIK province + regency digits
    officials: tuple[tuple[str, str, str, str], ...]  # name, position, NIP, actor


OFFICES = {
    "sanggau-2026": OfficeSpec(
        OfficeInput(
            name="Komisi Pemilihan Umum Kabupaten Sanggau",
            office_code="6103",
            sop="sanggau-2026",
            address="Jl. Jenderal Ahmad Yani No. 12, Sanggau, Kalimantan Barat 78512",
            city="Sanggau",
            phone="0564-21014",
            email="kab-sanggau@kpu.go.id",
        ),
        "6103",
        (
            ("Iis Supianto", "Ketua KPU Kabupaten Sanggau", "", "pengarah"),
            ("Andi Hasanuddin", "Sekretaris KPU Kabupaten Sanggau", "197010031998031004", "penanggung_jawab"),
            ("Franky Gilbert Nainggolan", "Kepala Subbagian Hukum dan SDM", "198503122009121002", "tim_telaah"),
            ("Rina Oktaviani", "Pelaksana Subbagian Hukum dan SDM", "199210102019032015", "pelaksana"),
        ),
    ),
    "sumbar-2022": OfficeSpec(
        OfficeInput(
            name="Komisi Pemilihan Umum Provinsi Sumatera Barat",
            office_code="13",
            sop="sumbar-2022",
            address="Jl. Pramuka V No. 1, Padang, Sumatera Barat 25119",
            city="Padang",
            phone="0751-443452",
            email="prov-sumbar@kpu.go.id",
        ),
        "13",
        (
            ("Firman", "Sekretaris KPU Provinsi Sumatera Barat", "196505041990031008", "sekretaris"),
            ("Hendra Saputra", "Kepala Bagian Hukum dan SDM", "197802142005011003", "kabag_hukum_sdm"),
            ("Yulia Rahmi", "Kepala Subbagian Hukum", "198407222010122001", "kasubag_hukum"),
            ("Rizki Pratama", "Pengelola JDIH", "199501182020121004", "pengelola_jdih"),
        ),
    ),
}


@dataclass(frozen=True)
class DemoResult:
    path: Path
    office_code: str
    profile_id: str
    added: int
    total: int


def _pdf(title: str, lines: list[str]) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(72, 770, title)
    canvas.setFont("Helvetica", 11)
    for i, line in enumerate(lines):
        canvas.drawString(72, 740 - 16 * i, line)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


EVIDENCE_KINDS = (
    ("surat-pengaduan.pdf", "Pindaian surat pengaduan bertanda tangan pelapor"),
    ("foto-kejadian.pdf", "Foto kejadian yang dicetak ke PDF"),
    ("tangkapan-layar-percakapan.pdf", "Tangkapan layar percakapan pesan elektronik"),
    ("fotokopi-ktp-pelapor.pdf", "Fotokopi KTP pelapor"),
    ("daftar-pemilih-tps.pdf", "Salinan daftar pemilih tetap TPS"),
    ("kronologi-tertulis.pdf", "Kronologi kejadian yang ditulis pelapor"),
)


def _evidence_pool() -> list[tuple[str, str, bytes]]:
    pool = []
    for index, (name, title) in enumerate(EVIDENCE_KINDS):
        for variant in range(2):
            body = [f"Contoh bukti dukung nomor {index * 2 + variant + 1}", "Data contoh untuk kantor demo."]
            pool.append((name, title, _pdf(title, body)))
    return pool


# Insert order respects foreign keys.
TABLES = (
    "complaints",
    "parties",
    "evidence",
    "step_records",
    "completion_requests",
    "dispositions",
    "worksheets",
    "hearings",
    "hearing_participants",
    "plenary_meetings",
    "minutes",
    "letters",
    "kpu_decisions",
    "audit_log",
)


def _received_times(rng: random.Random, calendar: WorkingCalendar, count: int, now: datetime) -> list[datetime]:
    """Receipt moments spread over office hours of the past months (years for big files),
    none later than now."""
    span_days = min(4 * 365, max(90, count // 25))
    start = (now - timedelta(days=span_days)).date()
    windows = []
    for offset in range(span_days + 1):
        day = start + timedelta(days=offset)
        if calendar.is_working_day(day):
            opening, closing = calendar.office_span(day)
            minutes = int((min(closing, now) - opening).total_seconds() // 60)
            if minutes > 0:
                windows.append((opening, minutes))
    times = []
    for _ in range(count):
        opening, minutes = rng.choice(windows)
        times.append(opening + timedelta(minutes=rng.randrange(minutes)))
    times.sort()
    return times


DEMO_ADMIN = "admin"
DEMO_PASSWORD = "dumas-demo"
DEMO_PASSWORD_SETTING = "demo.password"


def make_demo(
    path: Path,
    cases: int,
    sop: str | None = None,
    seed: int = 1,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DemoResult:
    """Create (or fill) a demo data file with `cases` complaints."""
    now = (now or datetime.now()).replace(microsecond=0)
    rng = random.Random(seed)
    db = open_database(path) if path.exists() else _new_demo_office(path, sop or "sanggau-2026", now)
    try:
        return _fill(db, path, cases, sop, rng, now, seed, progress)
    finally:
        db.close()


def _new_demo_office(path: Path, sop: str, now: datetime) -> Database:
    spec = OFFICES.get(sop)
    if spec is None:
        spec = OfficeSpec(
            OfficeInput(name="Komisi Pemilihan Umum Kantor Contoh", office_code="9999", sop=sop), "6103", ()
        )

    def setup(db: Database) -> None:
        ws = Workspace(db, actor=ACTOR, clock=lambda: now)
        initialize_office(ws, spec.input)
        for name, position, nip, actor in spec.officials:
            add_official(ws, name, position, nip, actor)
        set_day(ws, date(now.year, 8, 18), "libur", "Libur kantor: kegiatan peringatan HUT RI")
        _demo_accounts(ws)

    return create_database(path, setup)


def _demo_accounts(ws: Workspace) -> None:
    """One user per SOP role, and "admin" holding every role (as a one-person office
    would), all with the password DEMO_PASSWORD, which the sign-in dialog shows for a
    demo file only."""
    from ..domain.access import ADMIN, roles_of
    from .accounts import add_user

    with ws.db.read() as session:
        roles = roles_of(ws.home_profile(session))
    add_user(ws, DEMO_ADMIN, "Administrator Contoh", DEMO_PASSWORD, list(roles))
    for key, label in roles.items():
        if key != ADMIN:
            add_user(ws, key, f"Petugas Contoh ({label})", DEMO_PASSWORD, [key])
    with ws.db.transaction() as session:
        set_setting(session, DEMO_PASSWORD_SETTING, DEMO_PASSWORD)


def _fill(
    db: Database,
    path: Path,
    cases: int,
    sop: str | None,
    rng: random.Random,
    now: datetime,
    seed: int,
    progress: Callable[[int, int], None] | None,
) -> DemoResult:
    ws = Workspace(db, actor=ACTOR, clock=lambda: now)
    with db.read() as session:
        office = home_office(session)
        profile = ws.profile(session, office.sop_profile_id)
        if sop is not None and sop != profile.id:
            raise NotAllowed(
                f"Berkas {path.name} memakai profil SOP {profile.id}; demo tidak dapat menambah kasus profil {sop}."
            )
        calendar = ws.calendar(session)
        kinds = set(NUMBER_KINDS) | {"agenda"}
        patterns = {k: (pattern_for(session, k), archive_code_for(session, k)) for k in kinds}
        series = {k: series_for(session, k) for k in kinds}
        days = session.scalars(select(models.DayOff)).all()
        sequences = {
            (s.name, s.year): s.value
            for s in session.scalars(select(models.Sequence).where(models.Sequence.office_code == office.office_code))
        }
        id_bases = {
            table: session.scalar(text(f"SELECT coalesce(max(id), 0) FROM {table}")) or 0
            for table in TABLES
            if table != "audit_log"
        }
        office_code, office_name, record_id = office.office_code, office.name, office.sop_profile_id
        hours = dict(office.office_hours)
    spec = OFFICES.get(profile.id)
    pool = _evidence_pool()
    evidence = tuple((name, title, hashlib.sha256(data).hexdigest(), len(data)) for name, title, data in pool)
    times = _received_times(rng, calendar, cases, now)
    numbered = []
    for received in times:
        key = ("agenda", received.year)
        sequences[key] = sequences.get(key, 0) + 1
        numbered.append((received, sequences[key]))
    jobs = [
        ChunkJob(
            index=index,
            seed=_chunk_seed(seed, id_bases["complaints"]),
            profile_text=profile.text,
            profile_record_id=record_id,
            office_code=office_code,
            office_name=office_name,
            region=spec.region if spec else "6103",
            hours=hours,
            days_off={d.day: d.name for d in days if d.kind == "libur"},
            extra_days=tuple(d.day for d in days if d.kind == "masuk"),
            now=now,
            agenda_pattern=patterns["agenda"][0],
            cases=tuple(numbered[start : start + CHUNK]),
            id_bases=id_bases,
            evidence=evidence,
        )
        for index, start in enumerate(range(0, len(numbered), CHUNK))
    ]
    writer = _ChunkWriter(db, office_code, patterns, sequences, pool, series)
    added = 0
    for rows in _simulated(jobs):
        writer.write(rows)
        added += rows.last_case_id - rows.first_case_id + 1
        if progress:
            progress(added, len(numbered))
    with db.read() as session:
        total = session.scalar(select(func.count(models.Complaint.id))) or 0
    return DemoResult(path, office_code, profile.id, added, total)


def _chunk_seed(seed: int, cases_before: int) -> int:
    """The seed the simulation draws from: the demo's seed, and how many cases the file
    already held, so filling a file again with the same seed adds new cases (new UUIDs)
    while the same seed on the same file still gives the same result."""
    if cases_before == 0:
        return seed
    digest = hashlib.sha256(f"{seed}:{cases_before}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def pool_context() -> multiprocessing.context.BaseContext:
    """Spawn on every platform: Windows has no other start method, so Linux runs the demo's
    workers the same way and the tests here see what an office's PC does."""
    return multiprocessing.get_context("spawn")


def _simulated(jobs: list[ChunkJob]) -> Iterator[ChunkRows]:
    """Chunk results in order; with several chunks, simulated in worker processes while
    this one writes, a few chunks ahead at most."""
    if len(jobs) <= 1:
        yield from (simulate_chunk(job) for job in jobs)
        return
    workers = max(1, min(2, os.cpu_count() or 1))
    with ProcessPoolExecutor(max_workers=workers, mp_context=pool_context()) as executor:
        pending: deque[Future[ChunkRows]] = deque()
        queue = iter(jobs)
        for job in itertools.islice(queue, workers + 1):
            pending.append(executor.submit(simulate_chunk, job))
        while pending:
            result = pending.popleft().result()
            next_job = next(queue, None)
            if next_job is not None:
                pending.append(executor.submit(simulate_chunk, next_job))
            yield result


class _ChunkWriter:
    """Writes chunks in order, one transaction each: numbers and the audit chain run on."""

    def __init__(
        self,
        db: Database,
        office_code: str,
        patterns: dict[str, tuple[str, str]],
        sequences: dict[tuple[str, int], int],
        pool: list[tuple[str, str, bytes]],
        series: dict[str, str],
    ) -> None:
        self.db = db
        self.series = series
        self.office_code = office_code
        self.patterns = patterns
        self.sequences = sequences
        self.pool = pool

    def number(self, placeholder: str) -> str:
        kind, on_text = placeholder[len(NUMBER_MARK) :].split("|")
        on = date.fromisoformat(on_text)
        # One counter per series, as numbering.next_letter_number keeps it (started above
        # what a file numbered per kind already gave).
        series = self.series[kind]
        key = (f"seri.{series}", on.year)
        if key not in self.sequences:
            kinds = [k for k, s in self.series.items() if s == series]
            self.sequences[key] = max((self.sequences.get((f"surat.{k}", on.year), 0) for k in kinds), default=0)
        self.sequences[key] += 1
        pattern, code = self.patterns[kind]
        return render(pattern, self.sequences[key], on, self.office_code, code)

    def write(self, rows: ChunkRows) -> None:
        for table, column in NUMBER_COLUMNS.items():
            if table in rows.tables:
                columns, values = rows.tables[table]
                index = columns.index(column)
                for record in values:
                    if isinstance(record[index], str) and record[index].startswith(NUMBER_MARK):
                        record[index] = self.number(record[index])
        with self.db.engine.connect() as conn:
            conn = conn.execution_options(dumas_write=True)
            with conn.begin():
                # The chain's head is read inside the writing transaction, never kept from before.
                prev = conn.execute(text(audit.HEAD_SQL)).scalar() or audit.GENESIS
                linked = []
                for entry in rows.audit:
                    entry["prev_hash"] = prev
                    entry["hash"] = prev = audit.entry_hash(prev, entry)
                    linked.append(entry)
                triggers = [(row[0], row[1]) for row in conn.execute(text(search_index.TRIGGERS))]
                for name, _ in triggers:
                    conn.execute(text(f"DROP TRIGGER {name}"))
                for _name, _title, data in self.pool:
                    conn.execute(
                        text("INSERT OR IGNORE INTO blobs (sha256, size, content) VALUES (:s, :n, :c)"),
                        {"s": hashlib.sha256(data).hexdigest(), "n": len(data), "c": data},
                    )
                for table in TABLES:
                    if table == "audit_log":
                        if linked:
                            _insert(conn, table, *storage_rows(table, linked))
                    elif table in rows.tables:
                        _insert(conn, table, *rows.tables[table])
                for sql in (search_index.ROWS, search_index.OPEN_ROWS):
                    conn.execute(text(sql), {"first": rows.first_case_id, "last": rows.last_case_id})
                for _, sql in triggers:
                    conn.execute(text(sql))
                for (name, year), value in self.sequences.items():
                    conn.execute(
                        text(
                            "INSERT INTO sequences (office_code, name, year, value) VALUES (:o, :n, :y, :v) "
                            "ON CONFLICT (office_code, name, year) DO UPDATE SET value = excluded.value"
                        ),
                        {"o": self.office_code, "n": name, "y": year, "v": value},
                    )


def _insert(conn: Connection, table: str, columns: list[str], values: list[list[Any]]) -> None:
    placeholders = ", ".join("?" * len(columns))
    conn.exec_driver_sql(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", [tuple(v) for v in values]
    )
