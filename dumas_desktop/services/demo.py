"""A realistic demo office: complaints spread over every step and branch of its SOP.

Cases are simulated step by step on the office's working-day clock, so some were done
on time, some late, and the open ones stand where the simulation reached "now". Rows
are written in bulk, a chunk per transaction: killing the program at any moment leaves
a file that passes `check`, holding the chunks that committed.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from operator import itemgetter
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import JSON, Boolean, Connection, Date, DateTime, func, select, text

from ..domain.calendar import WorkingCalendar
from ..domain.errors import NotAllowed
from ..domain.sop import Profile
from ..storage import audit, models
from ..storage.database import Database, create_database, open_database
from .context import Workspace, home_office
from .demo_simulation import CaseSimulation
from .numbering import archive_code_for, pattern_for
from .office import OfficeInput, add_official, initialize_office, set_day

CHUNK = 2000
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


def _fts_triggers(conn: Connection) -> list[tuple[str, str]]:
    rows = conn.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'complaint_search_%'")
    )
    return [(row[0], row[1]) for row in rows]


_FTS_ROWS = """
INSERT INTO complaint_search (rowid, agenda_number, reporter, respondent, subject, description)
SELECT c.id, c.agenda_number,
    coalesce((SELECT group_concat(p.name, ' ') FROM parties p WHERE p.complaint_id = c.id AND p.role = 'reporter'), ''),
    coalesce((SELECT group_concat(p.name || ' ' || p.position || ' ' || p.unit, ' ') FROM parties p
              WHERE p.complaint_id = c.id AND p.role = 'respondent'), ''),
    c.subject, c.description
FROM complaints c WHERE c.id BETWEEN :first AND :last
"""

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


def _timestamp(value: datetime | None) -> str | None:
    # SQLAlchemy's SQLite dialect always writes microseconds; SQL comparisons between
    # stored and bound timestamps are string comparisons, so the forms must match.
    if value is None:
        return None
    text_ = value.isoformat(" ")
    return text_ if value.microsecond else text_ + ".000000"


def _storage_form(column_type: Any) -> Callable[[Any], Any] | None:
    """How SQLAlchemy's SQLite dialect stores a value (None: as it is)."""
    if isinstance(column_type, DateTime):
        return _timestamp
    if isinstance(column_type, Date):
        return lambda v: None if v is None else v.isoformat()
    if isinstance(column_type, JSON):
        return json.dumps
    if isinstance(column_type, Boolean):
        return lambda v: None if v is None else int(v)
    return None


def _bulk_insert(conn: Connection, table_name: str, rows: list[dict[str, Any]]) -> None:
    table = models.Base.metadata.tables[table_name]
    columns = [c for c in table.columns if c.name in rows[0]]
    pick = itemgetter(*(c.name for c in columns))
    converted = [(i, form) for i, c in enumerate(columns) if (form := _storage_form(c.type)) is not None]
    values = []
    for row in rows:
        record = list(pick(row))
        for i, form in converted:
            record[i] = form(record[i])
        values.append(tuple(record))
    sql = f"INSERT INTO {table_name} ({', '.join(c.name for c in columns)}) VALUES ({', '.join('?' * len(columns))})"
    conn.exec_driver_sql(sql, values)


def _received_times(rng: random.Random, calendar: WorkingCalendar, count: int, now: datetime) -> list[datetime]:
    """Receipt moments spread over working hours of the past months (years for big files)."""
    span_days = min(4 * 365, max(90, count // 25))
    start = (now - timedelta(days=span_days)).date()
    days = [start + timedelta(days=i) for i in range(span_days + 1)]
    working = [d for d in days if calendar.is_working_day(d)]
    times = []
    for _ in range(count):
        day = rng.choice(working)
        opening, closing = calendar.opening_time(day), calendar.closing_time(day)
        minutes = int((closing - opening).total_seconds() // 60)
        times.append(opening + timedelta(minutes=rng.randrange(0, max(1, minutes - 30))))
    times.sort()
    return [t for t in times if t <= now]


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
        return _fill(db, path, cases, sop, rng, now, progress)
    finally:
        db.close()


def _new_demo_office(path: Path, sop: str, now: datetime) -> Database:
    spec = OFFICES.get(sop)
    if spec is None:
        spec = OfficeSpec(
            OfficeInput(name="Komisi Pemilihan Umum Kantor Contoh", office_code="9999", sop=sop), "6103", ()
        )
    db = create_database(path)
    try:
        ws = Workspace(db, actor=ACTOR, clock=lambda: now)
        initialize_office(ws, spec.input)
        for name, position, nip, actor in spec.officials:
            add_official(ws, name, position, nip, actor)
        set_day(ws, date(now.year, 8, 18), "libur", "Libur kantor: kegiatan peringatan HUT RI")
    except BaseException:
        db.close()
        raise
    return db


def _fill(
    db: Database,
    path: Path,
    cases: int,
    sop: str | None,
    rng: random.Random,
    now: datetime,
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
        kinds = {
            "agenda",
            "lembar_disposisi",
            "surat_tugas",
            "surat_undangan",
            "berita_acara_pleno",
            "nota_dinas",
            "surat_pengantar",
            "laporan_hasil_telaah",
        }
        patterns = {k: (pattern_for(session, k), archive_code_for(session, k)) for k in kinds}
        office_code, office_name, record_id = office.office_code, office.name, office.sop_profile_id
    spec = OFFICES.get(profile.id)
    times = _received_times(rng, calendar, cases, now)
    pool = _evidence_pool()
    evidence = [(name, title, hashlib.sha256(data).hexdigest(), len(data)) for name, title, data in pool]
    added = 0
    for first in range(0, len(times), CHUNK):
        chunk = times[first : first + CHUNK]
        with db.engine.connect() as conn:
            conn = conn.execution_options(dumas_write=True)
            with conn.begin():
                _write_chunk(
                    conn,
                    chunk,
                    profile,
                    record_id,
                    office_code,
                    office_name,
                    spec.region if spec else "6103",
                    calendar,
                    rng,
                    now,
                    patterns,
                    evidence,
                    pool,
                )
        added += len(chunk)
        if progress:
            progress(added, len(times))
    with db.read() as session:
        total = session.scalar(select(func.count(models.Complaint.id))) or 0
    return DemoResult(path, office_code, profile.id, added, total)


def _write_chunk(
    conn: Connection,
    chunk: list[datetime],
    profile: Profile,
    record_id: int,
    office_code: str,
    office_name: str,
    region: str,
    calendar: WorkingCalendar,
    rng: random.Random,
    now: datetime,
    patterns: dict[str, tuple[str, str]],
    evidence: list[tuple[str, str, str, int]],
    pool: list[tuple[str, str, bytes]],
) -> None:
    sim = CaseSimulation(profile, record_id, office_code, office_name, region, calendar, rng, now, patterns, evidence)
    for table in TABLES:
        if table != "audit_log":
            sim.ids[table] = conn.execute(text(f"SELECT coalesce(max(id), 0) FROM {table}")).scalar_one()
    sim.audit_prev = conn.execute(text("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")).scalar() or audit.GENESIS
    sequences = {
        (row.name, row.year): row.value
        for row in conn.execute(select(models.Sequence).where(models.Sequence.office_code == office_code))
    }
    sim.letter_seq = {
        (name[len("surat.") :], year): value for (name, year), value in sequences.items() if name.startswith("surat.")
    }
    for received in chunk:
        key = ("agenda", received.year)
        sequences[key] = sequences.get(key, 0) + 1
        sim.case(received, sequences[key])
    for (name, year), value in sim.letter_seq.items():
        sequences[(f"surat.{name}", year)] = value

    for name, _ in (triggers := _fts_triggers(conn)):
        conn.execute(text(f"DROP TRIGGER {name}"))
    for blob_name, _title, data in pool:
        digest = hashlib.sha256(data).hexdigest()
        conn.execute(
            text("INSERT OR IGNORE INTO blobs (sha256, size, content) VALUES (:s, :n, :c)"),
            {"s": digest, "n": len(data), "c": data},
        )
        del blob_name
    for table in TABLES:
        rows = sim.rows.get(table)
        if rows:
            _bulk_insert(conn, table, rows)
    first_id = sim.rows["complaints"][0]["id"]
    conn.execute(text(_FTS_ROWS), {"first": first_id, "last": sim.ids["complaints"]})
    for _, sql in triggers:
        conn.execute(text(sql))
    for (name, year), value in sequences.items():
        conn.execute(
            text(
                "INSERT INTO sequences (office_code, name, year, value) VALUES (:o, :n, :y, :v) "
                "ON CONFLICT (office_code, name, year) DO UPDATE SET value = excluded.value"
            ),
            {"o": office_code, "n": name, "y": year, "v": value},
        )
