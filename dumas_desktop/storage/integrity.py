"""`check`: is the data file whole, are its references sound, does the record hold?

Each problem is one line in Indonesian naming where it is. The checks only read.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text

from ..domain import catalog
from ..domain.errors import DamagedFile, DataFileError, ProfileError
from ..domain.sop import parse_profile
from .audit import canonical, verify_chain
from .database import head_revision, inspect_file, open_database
from .schema import file_schema_differences, server_schema_differences

if TYPE_CHECKING:
    from .server import PasswordAsker, ServerAddress

MINUTES_CONTENT = ("place", "chronology", "identities", "evidence_summary", "petitum", "recommended_sanction")


def minutes_digest(content: dict[str, object]) -> str:
    """The SHA-256 an adopted version of the minutes carries over its content fields."""
    return hashlib.sha256(canonical(content).encode()).hexdigest()


@dataclass(frozen=True)
class CheckReport:
    problems: list[str]
    cases: int
    audit_entries: int

    @property
    def ok(self) -> bool:
        return not self.problems


def check_file(path: Path) -> CheckReport:
    """Run every check; a file that cannot be opened is one problem, not an exception."""
    try:
        revision = inspect_file(path)
    except DataFileError as exc:
        return CheckReport([exc.message, *_raw_damage(path)], 0, 0)
    if revision != head_revision():
        return CheckReport(
            [f"skema berkas {revision} belum diperbarui ke {head_revision()}; buka berkas dengan program ini"], 0, 0
        )
    try:
        schema = [f"susunan berkas: {line}" for line in file_schema_differences(path)]
        db = open_database(path, check_schema=False)  # only read here, to report everything
    except DataFileError as exc:
        return CheckReport([exc.message, *_raw_damage(path)], 0, 0)
    try:
        with db.engine.connect() as conn:
            problems = schema + _storage_problems(conn)
            if any(p.startswith("struktur berkas rusak") for p in problems):
                return CheckReport(problems, 0, 0)
            problems += _record_problems(conn)
            chain = verify_chain(conn)
            if chain is not None:
                problems.append(chain.message)
            cases = conn.execute(text("SELECT count(*) FROM complaints")).scalar_one()
            entries = conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
            return CheckReport(problems, cases, entries)
    except Exception as exc:  # a damaged file can fail any query; report it, never crash
        return CheckReport([f"berkas tidak dapat diperiksa sampai selesai: {exc}"], 0, 0)
    finally:
        db.close()


def check_server(address: ServerAddress, ask_password: PasswordAsker | None = None) -> CheckReport:
    """`check` on the office's server: its schema (tables, columns, the guarding triggers,
    the program role's privileges), both search indexes, the records, the numbers and the
    audit chain. Only reads; a server that cannot be reached is one problem."""
    try:
        db = open_database(address, ask_password=ask_password)
    except DataFileError as exc:
        return CheckReport([exc.message], 0, 0)
    try:
        with db.engine.connect() as conn:
            problems = [f"susunan server: {line}" for line in server_schema_differences(conn)]
            for index in ("complaint_search", "complaint_search_open"):
                problems += _index_count_problems(conn, index)
            problems += _record_problems(conn)
            chain = verify_chain(conn)
            if chain is not None:
                problems.append(chain.message)
            cases = conn.execute(text("SELECT count(*) FROM complaints")).scalar_one()
            entries = conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
            return CheckReport(problems, cases, entries)
    except DataFileError as exc:
        return CheckReport([exc.message], 0, 0)
    except Exception as exc:  # a query the server refuses: report it, never crash
        return CheckReport([f"server tidak dapat diperiksa sampai selesai: {db.explain(exc) or exc}"], 0, 0)
    finally:
        db.close()


def _raw_damage(path: Path) -> list[str]:
    """What SQLite itself says is broken, read without the program's own layers, so that a
    file too damaged to open is still described precisely."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            return [
                f"struktur berkas rusak: {line}"
                for (line,) in conn.execute("PRAGMA integrity_check(20)")
                if line != "ok"
            ]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [f"SQLite: {exc}"]


def _storage_problems(conn: Connection) -> list[str]:
    problems = []
    for (line,) in conn.execute(text("PRAGMA integrity_check")):
        if line != "ok":
            problems.append(f"struktur berkas rusak: {line}")
    for table, rowid, parent, _fk in conn.execute(text("PRAGMA foreign_key_check")):
        problems.append(f"rujukan rusak: tabel {table} baris {rowid} merujuk {parent} yang tidak ada")
    indexes = [
        name
        for (name,) in conn.execute(
            text("SELECT name FROM sqlite_master WHERE name IN ('complaint_search', 'complaint_search_open')")
        )
    ]
    for index in indexes:
        problems += _search_index_problems(conn, index)
    return problems


def _search_index_problems(conn: Connection, index: str) -> list[str]:
    problems = []
    try:
        conn.execute(text(f"INSERT INTO {index} ({index}) VALUES ('integrity-check')"))
    except Exception as exc:
        problems.append(f"indeks pencarian {index} rusak: {exc}")
    finally:
        conn.rollback()
    return problems + _index_count_problems(conn, index)


def _index_count_problems(conn: Connection, index: str) -> list[str]:
    problems = []
    missing = conn.execute(
        text(f"SELECT count(*) FROM complaints WHERE id NOT IN (SELECT rowid FROM {index})")
    ).scalar_one()
    extra = conn.execute(
        text(f"SELECT count(*) FROM {index} WHERE rowid NOT IN (SELECT id FROM complaints)")
    ).scalar_one()
    if missing or extra:
        problems.append(
            f"indeks pencarian {index} tidak sesuai: {missing} pengaduan tidak terindeks, {extra} entri yatim"
        )
    return problems


def _record_problems(conn: Connection) -> list[str]:
    problems = []
    for row in conn.execute(
        text(
            "SELECT c.agenda_number, c.status, c.current_step, "
            "(SELECT count(*) FROM step_records s WHERE s.complaint_id = c.id AND s.completed_at IS NULL), "
            "(SELECT s.step_key FROM step_records s WHERE s.complaint_id = c.id AND s.completed_at IS NULL "
            " ORDER BY s.id DESC LIMIT 1), "
            "(SELECT count(*) FROM completion_requests r WHERE r.complaint_id = c.id AND r.resolved_at IS NULL) "
            "FROM complaints c"
        )
    ):
        agenda, status, current, open_steps, open_key, open_requests = row
        if status in ("proses", "menunggu_pelapor"):
            if open_steps != 1 or open_key != current:
                problems.append(
                    f"pengaduan {agenda}: berstatus {status} pada langkah {current}, "
                    f"tetapi riwayat langkahnya memuat {open_steps} langkah berjalan"
                )
            if (status == "menunggu_pelapor") != (open_requests == 1):
                problems.append(f"pengaduan {agenda}: status {status} tidak sesuai dengan permintaan kelengkapan")
        elif open_steps or open_requests:
            problems.append(f"pengaduan {agenda}: sudah {status} tetapi masih memiliki langkah atau permintaan terbuka")
    for office, year, top, value in conn.execute(
        text(
            "SELECT c.office_code, c.year, max(c.agenda_seq), s.value FROM complaints c "
            "LEFT JOIN sequences s ON s.office_code = c.office_code AND s.name = 'agenda' AND s.year = c.year "
            "GROUP BY c.office_code, c.year, s.value"
        )
    ):
        if value is None or value < top:
            problems.append(f"urutan nomor agenda {office}/{year} ({value}) di bawah nomor terpakai ({top})")
    for digest, content in conn.execute(text("SELECT sha256, content FROM blobs")):
        if hashlib.sha256(content).hexdigest() != digest:
            problems.append(f"isi berkas {digest[:12]}… (bukti atau dokumen) tidak sesuai dengan sidik SHA-256-nya")
    if conn.dialect.name == "postgresql":
        has_archive = conn.execute(text("SELECT to_regclass('public.issued_documents') IS NOT NULL")).scalar()
    else:
        has_archive = conn.execute(
            text("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'issued_documents'")
        ).scalar()
    if has_archive:
        for agenda, title, number, digest, content in conn.execute(
            text(
                "SELECT c.agenda_number, d.title, d.number, d.sha256, b.content FROM issued_documents d "
                "JOIN complaints c ON c.id = d.complaint_id LEFT JOIN blobs b ON b.sha256 = d.sha256"
            )
        ):
            if content is None or hashlib.sha256(content).hexdigest() != digest:
                problems.append(f"dokumen terbit {title} nomor {number} ({agenda}): PDF di arsip hilang atau rusak")
    problems += _duplicate_numbers(conn)
    for row in conn.execute(
        text(
            "SELECT c.agenda_number, m.version, m.content_sha256, "
            + ", ".join(f"m.{f}" for f in MINUTES_CONTENT)
            + " FROM minutes m JOIN complaints c ON c.id = m.complaint_id WHERE m.status != 'draf'"
        )
    ):
        if minutes_digest(dict(zip(MINUTES_CONTENT, row[3:], strict=True))) != row[2]:
            problems.append(f"berita acara {row[0]} versi {row[1]} berubah setelah ditetapkan")
    for profile_id, version, body in conn.execute(text("SELECT profile_id, version, text FROM sop_profiles")):
        try:
            parse_profile(body, f"{profile_id} v{version}")
        except ProfileError as exc:
            problems.append(exc.message)
    return problems


_SHARED = ", ".join(f"'{kind}'" for kind in catalog.SHARED_NUMBER_KINDS)
# Every number the office gave when a step was recorded, with what it was given to.
_RECORDED_NUMBERS = """
    SELECT l.office_code AS office, l.number AS number,
           'surat ' || l.kind || coalesce(' (' || c.agenda_number || ')', '') AS what
      FROM letters l LEFT JOIN complaints c ON c.id = l.complaint_id
     WHERE l.direction = 'keluar' AND l.number != ''
    UNION ALL
    SELECT h.office_code, h.assignment_number, 'surat tugas (' || c.agenda_number || ')'
      FROM hearings h JOIN complaints c ON c.id = h.complaint_id WHERE h.assignment_number != ''
    UNION ALL
    SELECT p.office_code, p.invitation_number, 'undangan kepada ' || p.name || ' (' || c.agenda_number || ')'
      FROM hearing_participants p JOIN hearings h ON h.id = p.hearing_id JOIN complaints c ON c.id = h.complaint_id
     WHERE p.invitation_number != ''
    UNION ALL
    SELECT m.office_code, m.number, 'rapat pleno ' || m.held_at FROM plenary_meetings m WHERE m.number != ''
    UNION ALL
    SELECT d.office_code, d.number, 'disposisi (' || c.agenda_number || ')'
      FROM dispositions d JOIN complaints c ON c.id = d.complaint_id WHERE d.number != ''
"""


def _duplicate_numbers(conn: Connection) -> list[str]:
    """Numbers that identify more than one paper, or were given more than once."""
    problems = []
    joined = "string_agg" if conn.dialect.name == "postgresql" else "group_concat"
    for office, number, count, what in conn.execute(
        text(
            f"SELECT d.office_code, d.number, count(*), {joined}(d.title || ' (' || c.agenda_number || ')', '; ') "
            "FROM issued_documents d JOIN complaints c ON c.id = d.complaint_id "
            f"WHERE d.status != 'diganti' AND d.number != '' AND d.kind NOT IN ({_SHARED}) "
            "GROUP BY d.office_code, d.number HAVING count(*) > 1 ORDER BY d.office_code, d.number"
        )
    ):
        problems.append(f"nomor {number} ({office}) tercetak pada {count} dokumen terbit: {what}")
    for office, number, count, what in conn.execute(
        text(
            f"SELECT office, number, count(*), {joined}(what, '; ') FROM ({_RECORDED_NUMBERS}) AS given "
            "GROUP BY office, number HAVING count(*) > 1 ORDER BY office, number"
        )
    ):
        problems.append(f"nomor {number} ({office}) diberikan {count} kali: {what}")
    return problems


def quick_check(path: Path, started: Callable[[sqlite3.Connection], None] | None = None) -> None:
    """SQLite's quick check of the whole file; raises DamagedFile naming what is wrong.
    `started` receives the connection, so that a caller may interrupt a long check."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        try:
            if started is not None:
                started(conn)
            rows = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc):
            return  # stopped because the file is being closed: no finding
        raise DamagedFile(f"Berkas data {Path(path).name} rusak: {exc}.") from None
    except sqlite3.DatabaseError as exc:
        raise DamagedFile(f"Berkas data {Path(path).name} rusak: {exc}.") from None
    if rows != ["ok"]:
        raise DamagedFile(f"Berkas data {Path(path).name} rusak: {'; '.join(rows)}.")
