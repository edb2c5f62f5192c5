"""The audit trail: who changed what and when, with before and after, hash-chained.

Each entry's hash covers its content and the previous entry's hash, so an entry edited
or removed outside the program breaks the chain at a place `check` can name. The
database's triggers already refuse UPDATE and DELETE on the table.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, text
from sqlalchemy.orm import Session

from .models import AuditEntry, new_uuid

GENESIS = "0" * 64


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def jsonable(value: Any) -> Any:
    """Dates and the like as the strings the hash saw, so reading back gives the same."""
    return None if value is None else json.loads(canonical(value))


def entry_hash(prev_hash: str, row: dict[str, Any]) -> str:
    material = "\x1f".join(
        [
            prev_hash,
            row["uuid"],
            row["office_code"],
            row["at"].isoformat(sep=" "),
            row["actor"],
            row["action"],
            row["entity"],
            row["entity_uuid"],
            row["complaint_uuid"],
            canonical(row["before"]),
            canonical(row["after"]),
        ]
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def make_row(
    prev_hash: str,
    *,
    office_code: str,
    at: datetime,
    actor: str,
    action: str,
    entity: str,
    entity_uuid: str = "",
    complaint_uuid: str = "",
    before: Any = None,
    after: Any = None,
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "uuid": new_uuid(),
        "office_code": office_code,
        "at": at,
        "actor": actor,
        "action": action,
        "entity": entity,
        "entity_uuid": entity_uuid,
        "complaint_uuid": complaint_uuid,
        "before": jsonable(before),
        "after": jsonable(after),
        "prev_hash": prev_hash,
    }
    row["hash"] = entry_hash(prev_hash, row)
    return row


# The head of the chain, read inside the transaction that appends to it, after the chain's
# lock is taken (a file's writer holds the whole file; on a server, AUDIT_LOCK), so no other
# writer can append in between.
HEAD_SQL = "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1"
_DEFERRED = "dumas_audit_deferred"


def last_hash(session: Session) -> str:
    found = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1))
    return found or GENESIS


def lock_chain(session: Any) -> None:
    """Hold the audit chain until commit (on a server; a file's writer holds it already)."""
    from .server import AUDIT_LOCK, hold_lock

    hold_lock(session, AUDIT_LOCK)


def record(session: Session, **fields: Any) -> None:
    """Append one entry inside the caller's transaction: the one place entries are chained.
    In a server's writing transaction the entry waits for the commit (append_deferred), so
    writers hold the chain only for the moment of appending, not for all their work."""
    deferred = session.info.get(_DEFERRED)
    if deferred is not None:
        deferred.append(fields)
        return
    lock_chain(session)
    _append(session, [fields])


def defer_appends(session: Session) -> None:
    session.info[_DEFERRED] = []


def append_deferred(session: Session) -> None:
    """The transaction's entries, chained onto the committed head just before its commit."""
    pending = session.info.pop(_DEFERRED, None)
    if pending:
        session.flush()  # the transaction's own writes first: its row locks come before the chain's
        lock_chain(session)
        _append(session, pending)


def _append(session: Session, entries: list[dict[str, Any]]) -> None:
    prev = last_hash(session)
    for fields in entries:
        row = make_row(prev, **fields)
        session.add(AuditEntry(**row))
        session.flush()  # one at a time: the chain is read back by id, so ids follow its order
        prev = row["hash"]


@dataclass(frozen=True)
class ChainProblem:
    entry_id: int
    message: str


def verify_chain(conn: Connection) -> ChainProblem | None:
    """The first place where the chain breaks, or None when it holds throughout."""
    prev = GENESIS
    last_id, count = 0, 0
    # The JSON as stored, text on both backends (psycopg would decode it otherwise).
    as_text = "::text" if conn.dialect.name == "postgresql" else ""
    result = conn.execute(
        text(
            "SELECT id, uuid, office_code, at, actor, action, entity, entity_uuid, "
            f"complaint_uuid, before{as_text} AS before, after{as_text} AS after, prev_hash, hash "
            "FROM audit_log ORDER BY id"
        )
    ).mappings()
    for raw in result:
        row = dict(raw)
        if not isinstance(row["at"], datetime):
            row["at"] = datetime.fromisoformat(row["at"])
        row["before"] = json.loads(row["before"]) if row["before"] is not None else None
        row["after"] = json.loads(row["after"]) if row["after"] is not None else None
        if row["prev_hash"] != prev:
            return ChainProblem(
                row["id"],
                f"jejak audit terputus sebelum entri #{row['id']}: entri sebelumnya diubah atau dihapus",
            )
        if entry_hash(prev, row) != row["hash"]:
            return ChainProblem(row["id"], f"isi entri jejak audit #{row['id']} telah diubah")
        prev = row["hash"]
        last_id, count = row["id"], count + 1
    return _head_problem(conn, count, prev, last_id)


def _head_problem(conn: Connection, count: int, last: str, last_id: int) -> ChainProblem | None:
    """The chain holds; does its end match the head the trigger kept?"""
    if conn.dialect.name == "postgresql":
        exists = conn.execute(text("SELECT to_regclass('public.audit_head')")).scalar()
    else:
        exists = conn.execute(text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_head'")).first()
    if exists is None:
        return None
    head = conn.execute(text("SELECT entries, hash FROM audit_head WHERE id = 1")).first()
    if head is None:
        return ChainProblem(last_id, "catatan ujung jejak audit hilang")
    entries, head_hash = int(head[0]), str(head[1])
    if entries > count:
        return ChainProblem(
            last_id + 1,
            f"jejak audit kehilangan {entries - count} entri terakhir (tercatat {entries}, tersisa {count})",
        )
    if entries != count or (count and head_hash != last):
        return ChainProblem(
            last_id, "ujung jejak audit tidak cocok dengan entri terakhir: jejak diubah di luar program"
        )
    return None


def reset_head(conn: Any) -> None:
    """Set the head from the table, after a copy's trail was cut to a year and re-chained."""
    conn.execute(
        "UPDATE audit_head SET entries = (SELECT count(*) FROM audit_log), "
        "hash = coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') WHERE id = 1"
    )


def rechain(conn: Any) -> None:
    """Chain a copy's remaining entries anew (after a year export cut the others out)."""
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
