"""Settling what an import found changed on both sides: keep this office's version, or
take the incoming one (kept whole since the import)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text

from ..domain import catalog
from ..domain.errors import NotAllowed, NotFound
from ..storage.step_days import recount_step_days
from . import conflict_fields
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
BOOKKEEPING = {"Revisi", "Terakhir diubah"}
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
    from ..storage.schema import quoted

    column = "sha256" if table == "sop_profiles" else "uuid"
    found = conn.execute(text(f"SELECT id FROM {quoted(table)} WHERE {column} = :k"), {"k": key}).first()
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
            bundle = json.loads(incoming)
            theirs = bundle["complaints"][0]
            found_row = conn.execute(text("SELECT * FROM complaints WHERE uuid = :u"), {"u": uuid}).mappings().first()
            mine: dict[str, Any] = dict(found_row) if found_row else {}
            case_fields = [
                (label, _case_value(key, mine.get(key)), _case_value(key, theirs.get(key)))
                for key, label in COMPARED.items()
                if str(mine.get(key)) != str(theirs.get(key))
            ]
            # What was recorded with the case comes before its revision and time stamps.
            bookkeeping = [d for d in case_fields if d[0] in BOOKKEEPING]
            records = _record_differences(conn, mine.get("id"), bundle) if mine else []
            differences = [d for d in case_fields if d[0] not in BOOKKEEPING] + records + bookkeeping
            views.append(
                ConflictView(cid, agenda, datetime.fromisoformat(str(found)), local_rev, incoming_rev, differences)
            )
        return views


def _case_value(key: str, value: Any) -> str:
    if key == "status" and value:
        return catalog.STATUSES.get(str(value), str(value))
    return str(value or "-")


def _record_differences(conn: Any, case_id: int | None, bundle: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The records kept with the case, here and in the package, matched by their UUIDs."""
    from ..storage.schema import quoted

    found: list[tuple[str, str, str]] = []
    for table in conflict_fields.TABLES:
        if table == "hearing_participants":
            where = "hearing_id IN (SELECT id FROM hearings WHERE complaint_id = :c)"
        else:
            where = "complaint_id = :c"
        here = {
            str(row["uuid"]): dict(row)
            for row in conn.execute(text(f"SELECT * FROM {quoted(table)} WHERE {where}"), {"c": case_id}).mappings()
        }
        incoming = {str(row.get("uuid")): row for row in bundle.get(table, []) if isinstance(row, dict)}
        for key, theirs in incoming.items():
            mine = here.get(key)
            if mine is None:
                found.append((conflict_fields.row_name(table, theirs), "-", "hanya ada di kiriman"))
            else:
                found.extend(conflict_fields.differences(table, mine, theirs))
        for key, mine in here.items():
            if key not in incoming:
                found.append((conflict_fields.row_name(table, mine), "hanya ada di kantor ini", "-"))
    return found


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
            recount_step_days(conn, ws.calendar(session).working_days_between, missing_only=True)
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
    """Bring the incoming version kept with a conflict into this file. The bundle is data:
    only the program's own tables and columns are read from it, by name, and bound."""
    from ..storage.schema import quoted, table_columns
    from .merge import CASE_TABLES, COUNTED, REFERENCES

    for table in ("complaints", *CASE_TABLES):
        columns = [c for c in table_columns(table) if c != "id"]
        counted = COUNTED.get(table, ())  # counted here afterwards; a conflict kept before they existed lacks them
        for raw in bundle.get(table, []):
            if not isinstance(raw, dict) or not all(c in raw for c in columns if c not in counted):
                raise NotAllowed(f"Versi kiriman bentrok ini tidak utuh ({table}); tidak ada yang diubah.")
            row = {c: None if c in counted else raw[c] for c in columns}
            refs = raw.get("_refs", {})
            for column, target in REFERENCES.get(table, {}).items():
                if row.get(column) is not None:
                    row[column] = _local_id(conn, target, refs.get(column) if isinstance(refs, dict) else None)
            existing = _local_id(conn, table, row["uuid"])
            if existing is None:
                conn.execute(
                    text(
                        f"INSERT INTO {quoted(table)} ({', '.join(quoted(c) for c in columns)}) "
                        f"VALUES ({', '.join(f':p{i}' for i in range(len(columns)))})"
                    ),
                    {f"p{i}": row[c] for i, c in enumerate(columns)},
                )
                continue
            chosen = [c for c in FROZEN.get(table, columns) if c in row]
            if table == "minutes":
                status = conn.execute(text("SELECT status FROM minutes WHERE id = :i"), {"i": existing}).scalar()
                if status != "draf":
                    chosen = ["status", "plenary_id", "adopted_at", "content_sha256"]
            assignments = ", ".join(f"{quoted(c)} = :p{i}" for i, c in enumerate(chosen))
            conn.execute(
                text(f"UPDATE {quoted(table)} SET {assignments} WHERE id = :row_id"),
                {**{f"p{i}": row[c] for i, c in enumerate(chosen)}, "row_id": existing},
            )
