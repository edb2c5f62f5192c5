"""Merging a snapshot into the office's file by the rows' UUIDs, inside the caller's
transaction: shared rows (profiles, files, offices, officials, plenary meetings) added when
missing; each case added, taken from the other side when only that side changed since the
last exchange, or kept here with the incoming version stored whole when both changed.
Rows are copied as SQLite stores them, so nothing is reinterpreted on the way."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain.catalog import SHARED_NUMBER_KINDS as SHARED
from ..storage.audit import GENESIS, HEAD_SQL, entry_hash
from ..storage.package import PackageError
from ..storage.schema import quoted, table_columns

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
# Columns each file counts on its own calendar (storage/step_days.py): what another file
# says of them is not taken, they are counted again here after the merge.
COUNTED: dict[str, tuple[str, ...]] = {"step_records": ("working_days", "on_time")}
# Columns that point at another row by its local id, and the table they point into.
REFERENCES: dict[str, dict[str, str]] = {
    **{t: {"complaint_id": "complaints"} for t in CASE_TABLES if t != "hearing_participants"},
    "offices": {"sop_profile_id": "sop_profiles"},
    "complaints": {"sop_profile_id": "sop_profiles", "duplicate_of_id": "complaints"},
    "hearing_participants": {"hearing_id": "hearings", "party_id": "parties"},
    "minutes": {"complaint_id": "complaints", "plenary_id": "plenary_meetings", "supersedes_id": "minutes"},
    "case_links": {"complaint_id": "complaints", "linked_id": "complaints"},
}

_IDENTITY_COLUMNS = {
    "parties": frozenset({"name", "id_number", "address", "phone", "email", "occupation"}),
    "hearing_participants": frozenset({"name", "statement"}),
    "minutes": frozenset({"identities", "content_sha256"}),
}


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
    evidence_added: int = 0
    # SOP profiles this file did not hold yet, by name, with how many of the package's cases
    # run under each: such cases keep their own SOP here, which the office should hear first.
    other_profiles: dict[str, int] = field(default_factory=dict)

    def describe(self) -> str:
        if self.already_imported:
            return "Paket ini sudah pernah diimpor; tidak ada yang berubah."
        if self.created_file:
            return f"Berkas data dibuat dari paket kantor {self.source_office}."
        text = ""
        if self.other_profiles:
            named = ", ".join(f"{name} ({count} pengaduan)" for name, count in self.other_profiles.items())
            text = f"Paket ini memuat pengaduan dengan SOP lain: {named}; pengaduan itu tetap mengikuti SOP-nya. "
        text += (
            f"{self.cases_added} pengaduan baru, {self.cases_updated} pengaduan diperbarui, "
            f"{self.cases_unchanged} pengaduan tidak berubah, {len(self.conflicts)} bentrok"
        )
        if self.conflicts:
            text += " (" + ", ".join(self.conflicts[:10]) + (" …" if len(self.conflicts) > 10 else "") + ")"
        files = f" ({self.files_added} berkas baru)" if self.files_added else ""
        return text + f"; {self.evidence_added} bukti ditambahkan{files}."


def _rows(
    conn: sqlite3.Connection, table: str, where: str = "", params: tuple[Any, ...] = ()
) -> Iterator[dict[str, Any]]:
    """The rows of one of the program's tables, with the program's columns only: whatever
    else a file from elsewhere holds is never read, and no name from it reaches SQL."""
    columns = table_columns(table)
    listed = ", ".join(quoted(c) for c in columns)
    cursor = conn.execute(f"SELECT {listed} FROM {quoted(table)} {where or 'ORDER BY id'}", params)
    for values in cursor:
        yield dict(zip(columns, values, strict=True))


def _insert_sql(table: str, columns: list[str]) -> str:
    return (
        f"INSERT INTO {quoted(table)} ({', '.join(quoted(c) for c in columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})"
    )


def _update_sql(table: str, columns: list[str]) -> str:
    return f"UPDATE {quoted(table)} SET {', '.join(quoted(c) + ' = ?' for c in columns)} WHERE id = ?"


class Merger:
    """One merge of a snapshot (`source`) into the office's file (`local`), inside the
    caller's transaction."""

    def __init__(
        self,
        local: sqlite3.Connection,
        source: sqlite3.Connection,
        summary: ImportSummary,
        *,
        keep_identities: bool = False,
    ) -> None:
        self.local, self.source, self.summary = local, source, summary
        # A package made without identities never overwrites the names and numbers held here.
        self.keep_identities = keep_identities
        self.ids: dict[str, dict[int, int]] = {}  # table -> source id -> local id
        self.local_uuid: dict[str, dict[str, int]] = {}
        self.skipped_cases: set[str] = set()
        self.case_number = ""  # the agenda number of the case being merged, to name a clash by

    # helpers
    def _uuids(self, table: str) -> dict[str, int]:
        if table not in self.local_uuid:
            self.local_uuid[table] = {u: i for i, u in self.local.execute(f"SELECT id, uuid FROM {quoted(table)}")}
        return self.local_uuid[table]

    def _remap(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        out = {**row, **dict.fromkeys(COUNTED.get(table, ()))}
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

    def _number_held(self, values: dict[str, Any], local_id: int | None = None) -> bool:
        """Whether a paper in force here already holds the incoming paper's own number (two
        copies of one office's file that each issued papers): the incoming one is then kept
        as "ganda", for `check` to name, since the database holds one paper per number."""
        if values.get("status") != "berlaku" or not values.get("number") or values.get("kind") in SHARED:
            return False
        found = self.local.execute(
            "SELECT id FROM issued_documents WHERE office_code = ? AND number = ? AND status = 'berlaku' "
            f"AND kind NOT IN ({', '.join('?' * len(SHARED))}) AND id != ?",
            (values["office_code"], values["number"], *SHARED, local_id or 0),
        ).fetchone()
        return found is not None

    def _insert(self, table: str, row: dict[str, Any]) -> int:
        values = self._remap(table, row)
        if table == "issued_documents" and self._number_held(values):
            values["status"] = "ganda"
        source_id = values.pop("id")
        columns = [c for c in table_columns(table) if c != "id"]
        try:
            cursor = self.local.execute(_insert_sql(table, columns), [values[c] for c in columns])
        except sqlite3.IntegrityError:
            raise PackageError(clash_message(table, self.case_number)) from None
        local_id = int(cursor.lastrowid or 0)
        self.ids.setdefault(table, {})[source_id] = local_id
        if "uuid" in row:
            self._uuids(table)[row["uuid"]] = local_id
        self.summary.rows_added += 1
        if table == "evidence":
            self.summary.evidence_added += 1
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
            current = self.local.execute(
                "SELECT office_code, number, kind FROM issued_documents WHERE id = ?", (local_id,)
            ).fetchone()
            if current is not None:
                office_code, number, kind = current
                held = {"office_code": office_code, "number": number, "kind": kind, **values}
                if self._number_held(held, local_id):
                    values["status"] = "ganda"
        if self.keep_identities and table in _IDENTITY_COLUMNS:
            values = {k: v for k, v in values.items() if k not in _IDENTITY_COLUMNS[table]}
        if table == "minutes":
            current = self.local.execute("SELECT status FROM minutes WHERE id = ?", (local_id,)).fetchone()
            if current and current[0] != "draf":
                kept = ("status", "plenary_id", "adopted_at", "content_sha256")
                values = {k: values[k] for k in kept if k in values}
        columns = [c for c in table_columns(table) if c in values]
        self.local.execute(_update_sql(table, columns), [*(values[c] for c in columns), local_id])

    # the tables
    def shared(self) -> None:
        by_sha = {sha: i for i, sha in self.local.execute("SELECT id, sha256 FROM sop_profiles")}
        for row in _rows(self.source, "sop_profiles"):
            local_id = by_sha.get(row["sha256"])
            if local_id is None:
                row = {**row, "uuid": row["uuid"] if row["uuid"] not in self._uuids("sop_profiles") else new_uuid()}
                local_id = self._insert("sop_profiles", row)
                by_sha[row["sha256"]] = local_id
                (carried,) = self.source.execute(
                    "SELECT count(*) FROM complaints WHERE sop_profile_id = ?", (row["id"],)
                ).fetchone()
                if carried:
                    self.summary.other_profiles[row["name"]] = int(carried)
            self.ids.setdefault("sop_profiles", {})[row["id"]] = local_id
        have = {sha for (sha,) in self.local.execute("SELECT sha256 FROM blobs")}
        for (sha,) in self.source.execute("SELECT sha256 FROM blobs").fetchall():
            if sha not in have:
                size, content = self.source.execute(
                    "SELECT size, content FROM blobs WHERE sha256 = ?", (sha,)
                ).fetchone()
                if not isinstance(content, bytes) or size != len(content) or hashlib.sha256(content).hexdigest() != sha:
                    raise PackageError("Paket ditolak: sebuah berkas di dalamnya tidak sesuai SHA-256-nya.")
                self.local.execute("INSERT INTO blobs (sha256, size, content) VALUES (?, ?, ?)", (sha, size, content))
                self.summary.files_added += 1
        for row in _rows(self.source, "offices"):
            if row["uuid"] not in self._uuids("offices"):
                if self.local.execute("SELECT 1 FROM offices WHERE office_code = ?", (row["office_code"],)).fetchone():
                    continue
                self._insert("offices", {**row, "is_home": 0})  # this file's home office stays its own
        for table in ("officials", "plenary_meetings"):
            for row in _rows(self.source, table):
                self._upsert(table, row, update=False)
        for row in _rows(self.source, "days_off"):
            exists = self.local.execute(
                "SELECT 1 FROM days_off WHERE uuid = ? OR (office_code = ? AND day = ?)",
                (row["uuid"], row["office_code"], row["day"]),
            ).fetchone()
            if not exists:
                self._insert("days_off", row)

    def _children(self, source_case_id: int) -> Iterator[tuple[str, dict[str, Any]]]:
        for table in CASE_TABLES:
            if table == "hearing_participants":
                where = "WHERE hearing_id IN (SELECT id FROM hearings WHERE complaint_id = ?) ORDER BY id"
            else:
                where = "WHERE complaint_id = ? ORDER BY id"
            for row in _rows(self.source, table, where, (source_case_id,)):
                yield table, row

    def cases(self, package_sha: str, now: str) -> None:
        seen = dict(self.local.execute("SELECT complaint_uuid, revision FROM merge_state"))
        duplicates: list[tuple[str, int]] = []
        for row in _rows(self.source, "complaints"):
            uuid = row["uuid"]
            self.case_number = row["agenda_number"]
            local = next(_rows(self.local, "complaints", "WHERE uuid = ?", (uuid,)), None)
            base = seen.get(uuid)
            if row["duplicate_of_id"] is not None:
                duplicates.append((uuid, row["duplicate_of_id"]))
            if local is None:
                self._insert("complaints", row)
                for table, child in self._children(row["id"]):
                    self._insert(table, child)
                self.summary.cases_added += 1
            elif same_case(local, row):
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
        self._links()

    def _links(self) -> None:
        """Links between cases ("terkait", "duplikat"), once both of their cases are here; a
        pair this office linked itself keeps its own link, and a link this office removed
        stays removed. A package made before links existed has none to carry."""
        has_links = self.source.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'case_links'"
        ).fetchone()
        if not has_links:
            return
        cases = self.ids.get("complaints", {})
        removed: set[str] | None = None  # read once, and only when a package carries links
        for row in _rows(self.source, "case_links"):
            source, target = cases.get(row["complaint_id"]), cases.get(row["linked_id"])
            if source is None or target is None or row["uuid"] in self._uuids("case_links"):
                continue
            if removed is None:
                removed = {
                    uuid
                    for (uuid,) in self.local.execute(
                        "SELECT entity_uuid FROM audit_log WHERE action = 'tautan_dihapus' AND entity = 'case_link'"
                    )
                }
            if row["uuid"] in removed:
                continue
            pair = self.local.execute(
                "SELECT 1 FROM case_links WHERE (complaint_id = ? AND linked_id = ?) "
                "OR (complaint_id = ? AND linked_id = ?)",
                (source, target, target, source),
            ).fetchone()
            if pair is None:
                self._insert("case_links", row)

    def _map_case(self, row: dict[str, Any]) -> None:
        self.ids.setdefault("complaints", {})[row["id"]] = self._uuids("complaints")[row["uuid"]]
        for table, child in self._children(row["id"]):
            self._upsert(table, child, update=False)

    def _take(self, row: dict[str, Any], local_id: int) -> None:
        self.ids.setdefault("complaints", {})[row["id"]] = local_id
        values = self._remap("complaints", row)
        values.pop("id")
        values.pop("duplicate_of_id", None)
        columns = [c for c in table_columns("complaints") if c in values]
        self.local.execute(_update_sql("complaints", columns), [*(values[c] for c in columns), local_id])
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
            found = self.source.execute(f"SELECT {quoted(key)} FROM {quoted(target)} WHERE id = ?", (value,)).fetchone()
            refs[column] = found[0] if found else None
        return {**row, **dict.fromkeys(COUNTED.get(table, ())), "_refs": refs}

    def audit(self) -> None:
        """The other side's history, appended to this file's chain (entries of conflicting
        cases wait with the conflict)."""
        have = {u for (u,) in self.local.execute("SELECT uuid FROM audit_log")}
        last = self.local.execute(HEAD_SQL).fetchone()
        prev = last[0] if last else GENESIS
        for row in _rows(self.source, "audit_log"):
            if row["uuid"] in have or row["complaint_uuid"] in self.skipped_cases:
                continue
            entry = dict(row)
            entry["at"] = datetime.fromisoformat(row["at"])
            entry["before"] = json.loads(row["before"]) if row["before"] is not None else None
            entry["after"] = json.loads(row["after"]) if row["after"] is not None else None
            digest = entry_hash(prev, entry)
            columns = [c for c in table_columns("audit_log") if c != "id"]
            values = {**row, "prev_hash": prev, "hash": digest}
            self.local.execute(_insert_sql("audit_log", columns), [values[c] for c in columns])
            prev = digest

    def sequences(self) -> None:
        for office, name, year, value in self.source.execute("SELECT office_code, name, year, value FROM sequences"):
            self.local.execute(
                "INSERT INTO sequences (office_code, name, year, value) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (office_code, name, year) DO UPDATE SET value = max(value, excluded.value)",
                (office, name, year, value),
            )


# What a clashing row is, in the words of the office, for the one line an import refused for it says.
_RECORD_NAMES = {
    "complaints": "pengaduan",
    "parties": "pihak pengaduan",
    "evidence": "bukti pengaduan",
    "step_records": "langkah pengaduan",
    "completion_requests": "permintaan kelengkapan pengaduan",
    "dispositions": "disposisi pengaduan",
    "worksheets": "kertas kerja telaah pengaduan",
    "hearings": "klarifikasi pengaduan",
    "hearing_participants": "peserta klarifikasi pengaduan",
    "minutes": "berita acara pengaduan",
    "letters": "surat pengaduan",
    "kpu_decisions": "keputusan KPU atas pengaduan",
    "issued_documents": "dokumen terbit pengaduan",
    "sop_profiles": "profil SOP",
    "offices": "kantor",
    "officials": "pejabat",
    "plenary_meetings": "rapat pleno",
    "days_off": "hari libur",
}


def clash_message(table: str, case_number: str) -> str:
    """One line for a row of the package that the file already holds with other contents
    (two files made from one seed, a copied file edited on both sides)."""
    what = _RECORD_NAMES.get(table, "catatan")
    if case_number and (table == "complaints" or table in CASE_TABLES):
        what = f"{what} {case_number}"
    return (
        f"Paket ini memuat catatan yang sudah ada di berkas ini dengan isi lain ({what}); "
        "impor dibatalkan, tidak ada yang berubah."
    )


def clashing_table(error: sqlite3.IntegrityError) -> str:
    """The table SQLite names in "UNIQUE constraint failed: step_records.uuid" (or "")."""
    text = str(error)
    if ":" not in text:
        return ""
    return text.split(":", 1)[1].strip().split(".", 1)[0]


def same_case(local: dict[str, Any], incoming: dict[str, Any]) -> bool:
    """The same row apart from the ids that are local to each file."""
    skip = {"id", "sop_profile_id", "duplicate_of_id"}
    return all(local[k] == incoming[k] for k in incoming if k not in skip)


def new_uuid() -> str:
    from ..storage.models import new_uuid

    return new_uuid()


def open_local(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=10, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    return conn
