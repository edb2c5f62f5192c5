"""Settling what an import found changed on both sides: keep this office's version, or
take the incoming one (kept whole since the import)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text

from ..domain.errors import NotAllowed, NotFound
from .context import Workspace, home_office

# The fields a person compares; the rest travel with them.
COMPARED = {
    "subject": "Perihal",
    "description": "Uraian",
    "classification": "Klasifikasi",
    "status": "Status",
    "current_step": "Langkah",
    "location": "Lokasi",
    "event_place": "Tempat kejadian",
    "closure_kind": "Penutupan",
    "closure_note": "Keterangan penutupan",
    "revision": "Revisi",
    "updated_at": "Terakhir diubah",
}
FROZEN = {
    "issued_documents": (
        "status",
        "copies_made",
        "signed_sha256",
        "signed_name",
        "signed_mime",
        "signed_at",
        "signed_by",
    ),
}


@dataclass(frozen=True)
class ConflictView:
    id: int
    agenda_number: str
    found_at: datetime
    local_revision: int
    incoming_revision: int
    differences: list[tuple[str, str, str]]  # label, here, incoming


def _local_id(conn: Any, table: str, key: str | None) -> int | None:
    if key is None:
        return None
    column = "sha256" if table == "sop_profiles" else "uuid"
    found = conn.execute(text(f"SELECT id FROM {table} WHERE {column} = :k"), {"k": key}).first()
    return int(found[0]) if found else None


def open_conflicts(ws: Workspace) -> list[ConflictView]:
    with ws.db.read() as session:
        conn = session.connection()
        rows = conn.execute(
            text(
                "SELECT id, complaint_uuid, agenda_number, found_at, local_revision, incoming_revision, incoming "
                "FROM merge_conflicts WHERE status = 'terbuka' ORDER BY id"
            )
        ).all()
        views = []
        for cid, uuid, agenda, found, local_rev, incoming_rev, incoming in rows:
            theirs = json.loads(incoming)["complaints"][0]
            found_row = conn.execute(text("SELECT * FROM complaints WHERE uuid = :u"), {"u": uuid}).mappings().first()
            mine: dict[str, Any] = dict(found_row) if found_row else {}
            differences = [
                (label, str(mine.get(key) or "-"), str(theirs.get(key) or "-"))
                for key, label in COMPARED.items()
                if str(mine.get(key)) != str(theirs.get(key))
            ]
            views.append(
                ConflictView(cid, agenda, datetime.fromisoformat(str(found)), local_rev, incoming_rev, differences)
            )
        return views


def settle(ws: Workspace, conflict_id: int, take_incoming: bool) -> None:
    """Settle one conflict; recorded in the audit trail with what was chosen."""
    ws.access.require_admin("Menyelesaikan bentrok impor")
    with ws.db.transaction() as session:
        conn = session.connection()
        row = conn.execute(
            text(
                "SELECT complaint_uuid, agenda_number, incoming, incoming_revision, status "
                "FROM merge_conflicts WHERE id = :i"
            ),
            {"i": conflict_id},
        ).first()
        if row is None:
            raise NotFound(f"Bentrok #{conflict_id} tidak ada.")
        uuid, agenda, incoming, incoming_revision, status = row
        if status != "terbuka":
            raise NotAllowed(f"Bentrok pengaduan {agenda} sudah diselesaikan.")
        if take_incoming:
            _apply(conn, json.loads(incoming))
        # Either way the incoming revision is now known here: when that version comes again it
        # is not a new conflict.
        conn.execute(
            text(
                "INSERT INTO merge_state (complaint_uuid, revision) VALUES (:u, :r) "
                "ON CONFLICT (complaint_uuid) DO UPDATE SET revision = excluded.revision"
            ),
            {"u": uuid, "r": incoming_revision},
        )
        conn.execute(text("UPDATE merge_conflicts SET status = 'diselesaikan' WHERE id = :i"), {"i": conflict_id})
        ws.audit(
            session,
            home_office(session).office_code,
            "bentrok_diselesaikan",
            "complaint",
            entity_uuid=uuid,
            complaint_uuid=uuid,
            after={"agenda_number": agenda, "dipakai": "kiriman" if take_incoming else "setempat"},
        )


def _apply(conn: Any, bundle: dict[str, list[dict[str, Any]]]) -> None:
    from .merge import CASE_TABLES, REFERENCES

    for table in ("complaints", *CASE_TABLES):
        for raw in bundle.get(table, []):
            row = dict(raw)
            refs = row.pop("_refs", {})
            row.pop("id", None)
            for column, target in REFERENCES.get(table, {}).items():
                if column in row and row[column] is not None:
                    row[column] = _local_id(conn, target, refs.get(column))
            existing = _local_id(conn, table, row["uuid"])
            if existing is None:
                columns = list(row)
                conn.execute(
                    text(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"),
                    row,
                )
                continue
            values = {k: row[k] for k in FROZEN.get(table, row)}
            if table == "minutes":
                status = conn.execute(text("SELECT status FROM minutes WHERE id = :i"), {"i": existing}).scalar()
                if status != "draf":
                    values = {k: row[k] for k in ("status", "plenary_id", "adopted_at", "content_sha256")}
            assignments = ", ".join(f"{c} = :{c}" for c in values)
            conn.execute(text(f"UPDATE {table} SET {assignments} WHERE id = :row_id"), {**values, "row_id": existing})
