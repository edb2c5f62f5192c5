"""Carrying data between PCs and offices: export a package (a consistent snapshot, made
with SQLite's backup API), check one, preview what importing it would do, and merge it by
the rows' UUIDs in one transaction.

Merging a case: new cases are added; a case changed only on one side since the last
exchange takes that side; a case changed on both sides keeps the local version and keeps
the incoming one whole in `merge_conflicts` for a person to settle. Rows are copied as
SQLite stores them, so nothing is reinterpreted on the way.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import __version__
from ..domain.errors import DataFileError
from ..storage.audit import GENESIS, entry_hash
from ..storage.database import (
    APPLICATION_ID,
    copy_database,
    head_revision,
    inspect_file,
    known_revisions,
    open_database,
)
from ..storage.package import Manifest, PackageError, open_package, write_package

# Children of a case, in an order that satisfies their references.
CASE_TABLES = (
    "parties",
    "evidence",
    "step_records",
    "completion_requests",
    "dispositions",
    "worksheets",
    "hearings",
    "hearing_participants",
    "minutes",
    "letters",
    "kpu_decisions",
    "issued_documents",
)
# Columns that point at another row by its local id, and the table they point into.
REFERENCES: dict[str, dict[str, str]] = {
    "offices": {"sop_profile_id": "sop_profiles"},
    "complaints": {"sop_profile_id": "sop_profiles", "duplicate_of_id": "complaints"},
    "hearing_participants": {"hearing_id": "hearings", "party_id": "parties"},
    "minutes": {"plenary_id": "plenary_meetings", "supersedes_id": "minutes"},
    **{t: {"complaint_id": "complaints"} for t in CASE_TABLES if t != "hearing_participants"},
}
REFERENCES["minutes"] = {"complaint_id": "complaints", "plenary_id": "plenary_meetings", "supersedes_id": "minutes"}


@dataclass
class ImportSummary:
    package_sha256: str = ""
    source_office: str = ""
    created_file: bool = False
    already_imported: bool = False
    cases_added: int = 0
    cases_updated: int = 0
    cases_unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)  # agenda numbers
    rows_added: int = 0
    files_added: int = 0

    def describe(self) -> str:
        if self.already_imported:
            return "Paket ini sudah pernah diimpor; tidak ada yang berubah."
        if self.created_file:
            return f"Berkas data dibuat dari paket kantor {self.source_office}."
        text = (
            f"{self.cases_added} pengaduan baru, {self.cases_updated} diperbarui, {self.cases_unchanged} sama, "
            f"{len(self.conflicts)} bentrok"
        )
        if self.conflicts:
            text += " (" + ", ".join(self.conflicts[:10]) + (" …" if len(self.conflicts) > 10 else "") + ")"
        return text + f"; {self.rows_added} baris dan {self.files_added} berkas ditambahkan."


# --- export --------------------------------------------------------------------------------------


def _audit_triggers(conn: sqlite3.Connection) -> list[str]:
    return [
        sql
        for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log' AND sql IS NOT NULL"
        )
    ]


def _keep_year(snapshot: Path, year: int) -> None:
    """Reduce a snapshot to the cases received in `year`: the other cases, their audit
    entries and their files go, and the audit trail is chained anew over what remains."""
    conn = sqlite3.connect(snapshot)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        triggers = _audit_triggers(conn)
        with conn:
            for name in [
                r[0]
                for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_log'")
            ]:
                conn.execute(f'DROP TRIGGER "{name}"')
            conn.execute(
                "DELETE FROM issued_documents WHERE complaint_id IN (SELECT id FROM complaints WHERE year != ?)",
                (year,),
            )
            conn.execute(
                "UPDATE complaints SET duplicate_of_id = NULL "
                "WHERE duplicate_of_id IN (SELECT id FROM complaints WHERE year != ?)",
                (year,),
            )
            conn.execute("DELETE FROM complaints WHERE year != ?", (year,))
            conn.execute(
                "DELETE FROM audit_log WHERE complaint_uuid != '' "
                "AND complaint_uuid NOT IN (SELECT uuid FROM complaints)"
            )
            conn.execute(
                "DELETE FROM blobs WHERE sha256 NOT IN (SELECT sha256 FROM evidence) "
                "AND sha256 NOT IN (SELECT sha256 FROM issued_documents) "
                "AND sha256 NOT IN (SELECT signed_sha256 FROM issued_documents WHERE signed_sha256 IS NOT NULL)"
            )
            _rechain(conn)
            for sql in triggers:
                conn.execute(sql)
    finally:
        conn.close()


def _rechain(conn: sqlite3.Connection) -> None:
    prev = GENESIS
    rows = conn.execute(
        "SELECT id, uuid, office_code, at, actor, action, entity, entity_uuid, complaint_uuid, before, after "
        "FROM audit_log ORDER BY id"
    ).fetchall()
    for row in rows:
        entry = dict(
            zip(
                ("id", "uuid", "office_code", "at", "actor", "action", "entity", "entity_uuid", "complaint_uuid"),
                row[:9],
                strict=True,
            )
        )
        entry["at"] = datetime.fromisoformat(entry["at"])
        entry["before"] = json.loads(row[9]) if row[9] is not None else None
        entry["after"] = json.loads(row[10]) if row[10] is not None else None
        digest = entry_hash(prev, entry)
        conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", (prev, digest, entry["id"]))
        prev = digest


def _counts(snapshot: Path) -> dict[str, Any]:
    conn = sqlite3.connect(f"{snapshot.resolve().as_uri()}?mode=ro", uri=True)
    try:
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        office = conn.execute("SELECT office_code, name FROM offices WHERE is_home = 1").fetchone()
        profile = conn.execute(
            "SELECT p.profile_id, p.version FROM offices o JOIN sop_profiles p ON p.id = o.sop_profile_id "
            "WHERE o.is_home = 1"
        ).fetchone()
        years = [r[0] for r in conn.execute("SELECT DISTINCT year FROM complaints ORDER BY year")]
        return {
            "office": {"code": office[0] if office else "", "name": office[1] if office else ""},
            "sop_profile": {"id": profile[0], "version": profile[1]} if profile else {},
            "counts": {
                "complaints": one("SELECT count(*) FROM complaints"),
                "evidence": one("SELECT count(*) FROM evidence"),
                "issued_documents": one("SELECT count(*) FROM issued_documents"),
                "files_bytes": one("SELECT coalesce(sum(size), 0) FROM blobs"),
                "audit_entries": one("SELECT count(*) FROM audit_log"),
            },
            "years": years,
            "schema": one("SELECT version_num FROM alembic_version"),
        }
    finally:
        conn.close()


def export_package(
    data: Path, out: Path, *, year: int | None = None, password: str | None = None, now: datetime | None = None
) -> Manifest:
    """Write a package of the data file (all of it, or the cases of one year) to `out`."""
    data, out = Path(data), Path(out)
    open_database(data).close()  # an older file is brought to this schema first (after its own backup)
    if not out.parent.is_dir():
        raise PackageError(f"Folder tujuan {out.parent} tidak ada (flashdisk belum terpasang?).")
    carried: list[tuple[str, int]] = []
    with tempfile.TemporaryDirectory(prefix="dumas-ekspor-") as work:

        def make_snapshot(target: Path) -> None:
            try:
                if year is None:
                    copy_database(data, target, scratch=True)  # SQLite's backup API, straight onto the stick
                    return
                reduced = Path(work) / "tahun.dumas"
                copy_database(data, reduced, scratch=True)
                _keep_year(reduced, year)
                conn = sqlite3.connect(reduced)
                try:
                    # VACUUM INTO writes a compact copy: what was deleted does not linger in free pages.
                    conn.execute("VACUUM INTO ?", (str(target),))
                finally:
                    conn.close()
            except sqlite3.Error as exc:
                raise PackageError(f"Salinan data untuk ekspor tidak dapat dibuat: {exc}.") from None

        def describe(snapshot: Path) -> dict[str, Any]:
            source = sqlite3.connect(f"{snapshot.resolve().as_uri()}?mode=ro", uri=True)
            try:
                carried.extend(source.execute("SELECT uuid, revision FROM complaints").fetchall())
            finally:
                source.close()
            return {
                "program": {"name": "Dumas Desktop", "version": __version__},
                "made_at": (now or datetime.now()).replace(microsecond=0).isoformat(),
                "period": {"year": year} if year is not None else {"all": True},
                **_counts(snapshot),
            }

        manifest = write_package(make_snapshot, describe, out, password)
    _remember_exchanged(data, carried)
    return manifest


def _remember_exchanged(data: Path, revisions: list[tuple[str, int]]) -> None:
    """The revision of each case carried away: when the package comes back, a case still at
    it was changed only over there (taken), and one past it here only here (kept)."""
    local = _open_local(data)
    try:
        local.execute("BEGIN IMMEDIATE")
        local.executemany(
            "INSERT INTO merge_state (complaint_uuid, revision) VALUES (?, ?) "
            "ON CONFLICT (complaint_uuid) DO UPDATE SET revision = excluded.revision",
            revisions,
        )
        local.execute("COMMIT")
    except sqlite3.Error as exc:
        raise DataFileError(f"Paket dibuat, tetapi catatan pertukarannya tidak tersimpan: {exc}.") from None
    finally:
        local.close()


# --- import --------------------------------------------------------------------------------------


def _check_snapshot(snapshot: Path) -> None:
    conn = sqlite3.connect(f"{snapshot.resolve().as_uri()}?mode=ro", uri=True)
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise PackageError("Data di dalam paket bukan berkas data Dumas Desktop.")
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise PackageError("Data di dalam paket rusak.")
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise PackageError(f"Data di dalam paket tidak terbaca: {exc}.") from None
    finally:
        conn.close()
    if revision not in known_revisions():
        raise PackageError(
            f"Paket dibuat oleh versi Dumas Desktop yang lebih baru (skema {revision}). Perbarui program ini dahulu."
        )


def _rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> Iterator[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    columns = [d[0] for d in cursor.description]
    for values in cursor:
        yield dict(zip(columns, values, strict=True))


class _Merger:
    """One merge of a snapshot (`source`) into the office's file (`local`), inside the
    caller's transaction."""

    def __init__(self, local: sqlite3.Connection, source: sqlite3.Connection, summary: ImportSummary) -> None:
        self.local, self.source, self.summary = local, source, summary
        self.ids: dict[str, dict[int, int]] = {}  # table -> source id -> local id
        self.local_uuid: dict[str, dict[str, int]] = {}
        self.skipped_cases: set[str] = set()

    # helpers
    def _uuids(self, table: str) -> dict[str, int]:
        if table not in self.local_uuid:
            self.local_uuid[table] = {u: i for i, u in self.local.execute(f"SELECT id, uuid FROM {table}")}
        return self.local_uuid[table]

    def _remap(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        out = dict(row)
        for column, target in REFERENCES.get(table, {}).items():
            value = out.get(column)
            if value is not None:
                mapped = self.ids.get(target, {}).get(value)
                if mapped is None and target == table == "complaints":
                    out[column] = None  # a duplicate of a case not carried: fixed in a later pass
                    continue
                if mapped is None:
                    raise PackageError(f"Paket tidak utuh: {table}.{column} menunjuk baris yang tidak ada.")
                out[column] = mapped
        return out

    def _insert(self, table: str, row: dict[str, Any]) -> int:
        values = self._remap(table, row)
        source_id = values.pop("id")
        columns = list(values)
        cursor = self.local.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
            [values[c] for c in columns],
        )
        local_id = int(cursor.lastrowid or 0)
        self.ids.setdefault(table, {})[source_id] = local_id
        if "uuid" in row:
            self._uuids(table)[row["uuid"]] = local_id
        self.summary.rows_added += 1
        return local_id

    def _upsert(self, table: str, row: dict[str, Any], *, update: bool) -> None:
        """Insert a row missing here; with `update`, bring an existing one to the incoming values."""
        local_id = self._uuids(table).get(row["uuid"])
        if local_id is None:
            self._insert(table, row)
            return
        self.ids.setdefault(table, {})[row["id"]] = local_id
        if not update:
            return
        values = self._remap(table, row)
        values.pop("id")
        if table == "issued_documents":  # what was issued is frozen; only its later state travels
            values = {
                k: values[k]
                for k in (
                    "status",
                    "copies_made",
                    "signed_sha256",
                    "signed_name",
                    "signed_mime",
                    "signed_at",
                    "signed_by",
                )
            }
        if table == "minutes":
            current = self.local.execute("SELECT status FROM minutes WHERE id = ?", (local_id,)).fetchone()
            if current and current[0] != "draf":
                values = {k: values[k] for k in ("status", "plenary_id", "adopted_at", "content_sha256")}
        assignments = ", ".join(f"{c} = ?" for c in values)
        self.local.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*values.values(), local_id])

    # the tables
    def shared(self) -> None:
        by_sha = {sha: i for i, sha in self.local.execute("SELECT id, sha256 FROM sop_profiles")}
        for row in _rows(self.source, "SELECT * FROM sop_profiles ORDER BY id"):
            local_id = by_sha.get(row["sha256"])
            if local_id is None:
                row = {**row, "uuid": row["uuid"] if row["uuid"] not in self._uuids("sop_profiles") else _new_uuid()}
                local_id = self._insert("sop_profiles", row)
                by_sha[row["sha256"]] = local_id
            self.ids.setdefault("sop_profiles", {})[row["id"]] = local_id
        have = {sha for (sha,) in self.local.execute("SELECT sha256 FROM blobs")}
        for (sha,) in self.source.execute("SELECT sha256 FROM blobs").fetchall():
            if sha not in have:
                size, content = self.source.execute(
                    "SELECT size, content FROM blobs WHERE sha256 = ?", (sha,)
                ).fetchone()
                self.local.execute("INSERT INTO blobs (sha256, size, content) VALUES (?, ?, ?)", (sha, size, content))
                self.summary.files_added += 1
        for row in _rows(self.source, "SELECT * FROM offices ORDER BY id"):
            if row["uuid"] not in self._uuids("offices"):
                if self.local.execute("SELECT 1 FROM offices WHERE office_code = ?", (row["office_code"],)).fetchone():
                    continue
                self._insert("offices", {**row, "is_home": 0})  # this file's home office stays its own
        for table in ("officials", "plenary_meetings"):
            for row in _rows(self.source, f"SELECT * FROM {table} ORDER BY id"):
                self._upsert(table, row, update=False)
        for row in _rows(self.source, "SELECT * FROM days_off ORDER BY id"):
            exists = self.local.execute(
                "SELECT 1 FROM days_off WHERE uuid = ? OR (office_code = ? AND day = ?)",
                (row["uuid"], row["office_code"], row["day"]),
            ).fetchone()
            if not exists:
                self._insert("days_off", row)

    def _children(self, source_case_id: int) -> Iterator[tuple[str, dict[str, Any]]]:
        for table in CASE_TABLES:
            if table == "hearing_participants":
                sql = (
                    "SELECT * FROM hearing_participants WHERE hearing_id IN "
                    "(SELECT id FROM hearings WHERE complaint_id = ?) ORDER BY id"
                )
            else:
                sql = f"SELECT * FROM {table} WHERE complaint_id = ? ORDER BY id"
            for row in _rows(self.source, sql, (source_case_id,)):
                yield table, row

    def cases(self, package_sha: str, now: str) -> None:
        seen = dict(self.local.execute("SELECT complaint_uuid, revision FROM merge_state"))
        duplicates: list[tuple[str, int]] = []
        for row in _rows(self.source, "SELECT * FROM complaints ORDER BY id"):
            uuid = row["uuid"]
            local = next(_rows(self.local, "SELECT * FROM complaints WHERE uuid = ?", (uuid,)), None)
            base = seen.get(uuid)
            if row["duplicate_of_id"] is not None:
                duplicates.append((uuid, row["duplicate_of_id"]))
            if local is None:
                self._insert("complaints", row)
                for table, child in self._children(row["id"]):
                    self._insert(table, child)
                self.summary.cases_added += 1
            elif _same_case(local, row):
                self._map_case(row)
                self.summary.cases_unchanged += 1
            elif base is not None and local["revision"] == base and row["revision"] > base:
                self._take(row, local["id"])
                self.summary.cases_updated += 1
            elif base is not None and row["revision"] == base:
                self._map_case(row)  # only this office changed it since the last exchange
                self.summary.cases_unchanged += 1
                continue
            else:
                self._conflict(row, local, package_sha, now)
                continue
            self.local.execute(
                "INSERT INTO merge_state (complaint_uuid, revision) VALUES (?, ?) "
                "ON CONFLICT (complaint_uuid) DO UPDATE SET revision = excluded.revision",
                (uuid, row["revision"]),
            )
        for uuid, source_target in duplicates:
            target = self.ids.get("complaints", {}).get(source_target)
            if target is not None and uuid not in self.skipped_cases:
                self.local.execute("UPDATE complaints SET duplicate_of_id = ? WHERE uuid = ?", (target, uuid))

    def _map_case(self, row: dict[str, Any]) -> None:
        self.ids.setdefault("complaints", {})[row["id"]] = self._uuids("complaints")[row["uuid"]]
        for table, child in self._children(row["id"]):
            self._upsert(table, child, update=False)

    def _take(self, row: dict[str, Any], local_id: int) -> None:
        self.ids.setdefault("complaints", {})[row["id"]] = local_id
        values = self._remap("complaints", row)
        values.pop("id")
        values.pop("duplicate_of_id", None)
        assignments = ", ".join(f"{c} = ?" for c in values)
        self.local.execute(f"UPDATE complaints SET {assignments} WHERE id = ?", [*values.values(), local_id])
        for table, child in self._children(row["id"]):
            self._upsert(table, child, update=True)

    def _conflict(self, row: dict[str, Any], local: dict[str, Any], package_sha: str, now: str) -> None:
        self.skipped_cases.add(row["uuid"])
        self.summary.conflicts.append(row["agenda_number"])
        self.ids.setdefault("complaints", {})[row["id"]] = local["id"]
        already = self.local.execute(
            "SELECT 1 FROM merge_conflicts WHERE complaint_uuid = ? AND package_sha256 = ?", (row["uuid"], package_sha)
        ).fetchone()
        if already:
            return
        bundle = {"complaints": [self._portable("complaints", row)]}
        for table, child in self._children(row["id"]):
            bundle.setdefault(table, []).append(self._portable(table, child))
        self.local.execute(
            "INSERT INTO merge_conflicts (complaint_uuid, agenda_number, package_sha256, found_at, local_revision, "
            "incoming_revision, incoming, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'terbuka')",
            (
                row["uuid"],
                row["agenda_number"],
                package_sha,
                now,
                local["revision"],
                row["revision"],
                json.dumps(bundle, default=lambda v: v.hex() if isinstance(v, bytes) else str(v)),
            ),
        )

    def _portable(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        """A row whose references name their targets by UUID (profiles by SHA-256), so it can
        be applied here later, when a person settles the conflict."""
        refs = {}
        for column, target in REFERENCES.get(table, {}).items():
            value = row.get(column)
            if value is None:
                continue
            key = "sha256" if target == "sop_profiles" else "uuid"
            found = self.source.execute(f"SELECT {key} FROM {target} WHERE id = ?", (value,)).fetchone()
            refs[column] = found[0] if found else None
        return {**row, "_refs": refs}

    def audit(self) -> None:
        """The other side's history, appended to this file's chain (entries of conflicting
        cases wait with the conflict)."""
        have = {u for (u,) in self.local.execute("SELECT uuid FROM audit_log")}
        last = self.local.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        prev = last[0] if last else GENESIS
        for row in _rows(self.source, "SELECT * FROM audit_log ORDER BY id"):
            if row["uuid"] in have or row["complaint_uuid"] in self.skipped_cases:
                continue
            entry = dict(row)
            entry["at"] = datetime.fromisoformat(row["at"])
            entry["before"] = json.loads(row["before"]) if row["before"] is not None else None
            entry["after"] = json.loads(row["after"]) if row["after"] is not None else None
            digest = entry_hash(prev, entry)
            columns = [c for c in row if c != "id"]
            values = {**row, "prev_hash": prev, "hash": digest}
            self.local.execute(
                f"INSERT INTO audit_log ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                [values[c] for c in columns],
            )
            prev = digest

    def sequences(self) -> None:
        for office, name, year, value in self.source.execute("SELECT office_code, name, year, value FROM sequences"):
            self.local.execute(
                "INSERT INTO sequences (office_code, name, year, value) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (office_code, name, year) DO UPDATE SET value = max(value, excluded.value)",
                (office, name, year, value),
            )


def _same_case(local: dict[str, Any], incoming: dict[str, Any]) -> bool:
    """The same row apart from the ids that are local to each file."""
    skip = {"id", "sop_profile_id", "duplicate_of_id"}
    return all(local[k] == incoming[k] for k in incoming if k not in skip)


def _new_uuid() -> str:
    from ..storage.models import new_uuid

    return new_uuid()


def _open_local(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=10, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def _audit_import(local: sqlite3.Connection, summary: ImportSummary, user: str, now: datetime) -> None:
    home = local.execute("SELECT office_code FROM offices WHERE is_home = 1").fetchone()
    last = local.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    from ..storage.audit import make_row

    row = make_row(
        last[0] if last else GENESIS,
        office_code=home[0] if home else "",
        at=now,
        actor=user,
        action="paket_diimpor",
        entity="package",
        after={
            "package_sha256": summary.package_sha256,
            "office": summary.source_office,
            "added": summary.cases_added,
            "updated": summary.cases_updated,
            "conflicts": summary.conflicts,
        },
    )
    row["at"] = now.isoformat(sep=" ")
    row["before"] = None
    row["after"] = json.dumps(row["after"], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    columns = list(row)
    local.execute(
        f"INSERT INTO audit_log ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
        [row[c] for c in columns],
    )


def import_package(
    data: Path,
    package: Path,
    *,
    password: str | None = None,
    user: str = "sistem",
    dry_run: bool = False,
    now: datetime | None = None,
    progress: Callable[[str], None] | None = None,
) -> ImportSummary:
    """Check the package, then merge it into `data` in one transaction (or, with
    `dry_run`, report what it would do and change nothing). A data file that does not
    exist yet is created from the package: that is how an office moves to a new PC."""
    data, package = Path(data), Path(package)
    now = (now or datetime.now()).replace(microsecond=0)
    summary = ImportSummary()
    if not data.parent.is_dir():
        raise DataFileError(f"Folder {data.parent} tidak ada.")
    # Unpacked beside the data file: a new file is then the checked snapshot, renamed into place.
    with tempfile.TemporaryDirectory(prefix=".dumas-impor-", dir=data.parent) as work:
        manifest, snapshot = open_package(package, password, Path(work))
        # A package is known by its manifest, which holds its data's SHA-256 and when it was made.
        summary.package_sha256 = hashlib.sha256(
            json.dumps(manifest.data, sort_keys=True, default=str).encode("utf-8")
        ).hexdigest()
        summary.source_office = manifest.office_code
        _check_snapshot(snapshot)
        if progress:
            progress("Paket utuh; menggabungkan data…")
        if inspect_file_or_none(snapshot) != head_revision():
            open_database(snapshot).close()  # bring the carried data to this program's schema
        if not data.exists():
            summary.created_file = True
            if not dry_run:
                _create_from(snapshot, data, summary, user, now)
            return summary
        open_database(data).close()  # an older file is brought to this schema first (after its own backup)
        local = _open_local(data)
        source = sqlite3.connect(f"{snapshot.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if local.execute("SELECT 1 FROM imports WHERE package_sha256 = ?", (summary.package_sha256,)).fetchone():
                summary.already_imported = True
                return summary
            local.execute("BEGIN IMMEDIATE")
            try:
                merger = _Merger(local, source, summary)
                merger.shared()
                merger.cases(summary.package_sha256, now.isoformat(sep=" "))
                merger.audit()
                merger.sequences()
                _record_import(local, summary, manifest, user, now)
                _audit_import(local, summary, user, now)
                problems = local.execute("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise PackageError(f"Penggabungan dibatalkan: {len(problems)} rujukan antartabel tidak utuh.")
            except BaseException:
                local.execute("ROLLBACK")
                raise
            local.execute("ROLLBACK" if dry_run else "COMMIT")
        except sqlite3.Error as exc:
            from ..storage.database import explain_sqlite_error

            raise DataFileError(
                (explain_sqlite_error(exc) or f"Impor gagal: {exc}.") + " Berkas data tidak diubah."
            ) from None
        finally:
            source.close()
            local.close()
    return summary


def inspect_file_or_none(path: Path) -> str | None:
    try:
        return inspect_file(path)
    except DataFileError:
        return None


def _record_import(
    local: sqlite3.Connection, summary: ImportSummary, manifest: Manifest, user: str, now: datetime
) -> None:
    local.execute(
        "INSERT INTO imports (package_sha256, office_code, made_at, imported_at, imported_by, summary) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            summary.package_sha256,
            manifest.office_code,
            str(manifest.data.get("made_at", "")),
            now.isoformat(sep=" "),
            user,
            json.dumps(
                {"added": summary.cases_added, "updated": summary.cases_updated, "conflicts": summary.conflicts}
            ),
        ),
    )


def _create_from(snapshot: Path, data: Path, summary: ImportSummary, user: str, now: datetime) -> None:
    try:
        conn = _open_local(snapshot)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT OR REPLACE INTO merge_state SELECT uuid, revision FROM complaints")
            _record_import(conn, summary, Manifest({"office": {"code": summary.source_office}}), user, now)
            conn.execute("COMMIT")
        finally:
            conn.close()  # the last connection checkpoints and removes the WAL
        with snapshot.open("rb+") as handle:
            os.fsync(handle.fileno())
        if data.exists():
            raise DataFileError(f"Berkas {data} sudah ada.")
        os.replace(snapshot, data)
    except OSError as exc:
        raise DataFileError(f"Berkas data tidak dapat dibuat dari paket: {exc.strerror or exc}.") from None
    except sqlite3.Error as exc:
        raise DataFileError(f"Berkas data tidak dapat dibuat dari paket: {exc}.") from None
