"""Leaving people out of a package: the accounts always, and on request (or for a user
whose role need not know them) every identity.

Without identities, parties keep their role, position and unit but not their names,
numbers, addresses or contacts; hearing participants from outside the office lose their
names and statements; the minutes' identities section is emptied; evidence files and
issued papers (which show names) stay home; and the audit trail keeps who did what and
when, without the values. Free text a person wrote (a description, a worksheet's analysis,
a chronology, a letter's addressee) keeps its substance, with the names, numbers and
addresses of the case's people, and any NIK, phone number or e-mail address, replaced.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from ..domain.privacy import CONFIDENTIAL_LABEL, redactor
from ..storage import search_index
from ..storage.audit import rechain, reset_head
from ..storage.integrity import MINUTES_CONTENT, minutes_digest


def drop_accounts(conn: sqlite3.Connection) -> None:
    """Users never travel: secure_delete overwrites their password hashes in the copy. The
    copy is a scratch file synced once when it is finished, so this commit does not sync."""
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA synchronous = OFF")
    with conn:
        conn.execute("DELETE FROM users")


def _rehash_minutes(conn: sqlite3.Connection) -> None:
    """The copy's adopted minutes, now without identities, carry the hash of what they hold."""
    columns = ", ".join(MINUTES_CONTENT)
    for row in conn.execute(f"SELECT id, {columns} FROM minutes WHERE content_sha256 != ''").fetchall():
        digest = minutes_digest(dict(zip(MINUTES_CONTENT, row[1:], strict=True)))
        conn.execute("UPDATE minutes SET content_sha256 = ? WHERE id = ?", (digest, row[0]))


# Free text that belongs to one case, by table: the column naming the case, then the text.
FREE_TEXT: dict[str, tuple[str, tuple[str, ...]]] = {
    "complaints": ("id", ("subject", "description", "closure_note", "referred_to", "void_reason")),
    "step_records": ("complaint_id", ("note",)),
    "completion_requests": ("complaint_id", ("missing_items", "note")),
    "dispositions": ("complaint_id", ("instruction",)),
    "worksheets": (
        "complaint_id",
        (
            "identity_note",
            "evidence_note",
            "time_note",
            "place_note",
            "event_note",
            "rule_note",
            "survey",
            "analysis",
            "conclusion",
            "missing_items",
        ),
    ),
    "hearings": ("complaint_id", ("agenda", "summary")),
    "minutes": ("complaint_id", ("chronology", "evidence_summary", "petitum", "recommended_sanction")),
    "letters": ("complaint_id", ("subject", "counterpart", "receipt_by", "note")),
    "kpu_decisions": ("complaint_id", ("summary",)),
}


def _people_by_case(conn: sqlite3.Connection) -> dict[int, tuple[list[str], list[str]]]:
    """Each case's people as written: names, and numbers and addresses."""
    people: dict[int, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for case, name, *details in conn.execute(
        "SELECT complaint_id, name, id_number, phone, email, address FROM parties"
    ):
        people[case][0].append(name or "")
        people[case][1].extend(value or "" for value in details)
    for case, name in conn.execute(
        "SELECT h.complaint_id, p.name FROM hearing_participants p JOIN hearings h ON h.id = p.hearing_id "
        "WHERE p.role != 'tim'"
    ):
        people[case][0].append(name or "")
    return people


def _redact_free_text(conn: sqlite3.Connection) -> None:
    people = _people_by_case(conn)
    redactors = {case: redactor(names, details) for case, (names, details) in people.items()}
    nobody = redactor(())
    for table, (case_column, columns) in FREE_TEXT.items():
        listed = ", ".join(columns)
        changes = []
        for row_id, case, *texts in conn.execute(f"SELECT id, {case_column}, {listed} FROM {table}").fetchall():
            redact = redactors.get(case, nobody)
            redacted = [redact(text) if isinstance(text, str) else text for text in texts]
            if redacted != texts:
                changes.append((*redacted, row_id))
        assignments = ", ".join(f"{column} = ?" for column in columns)
        conn.executemany(f"UPDATE {table} SET {assignments} WHERE id = ?", changes)


def strip_identities(conn: sqlite3.Connection) -> None:
    """Inside a copy whose audit triggers were set aside by the caller. The copy's own
    guards (adopted minutes and issued papers are frozen) are set aside too, then restored."""
    set_aside = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('minutes', 'issued_documents')"
    ).fetchall()
    # And the search indexes' triggers, which would refresh both indexes for every row
    # changed here: the indexes are written anew at the end instead.
    set_aside += search_index.search_triggers(conn)
    for name, _sql in set_aside:
        conn.execute(f'DROP TRIGGER "{name}"')
    _redact_free_text(conn)  # first, while the names to look for are still there
    conn.execute(
        "UPDATE parties SET name = ?, id_number = '', address = '', phone = '', email = '', occupation = ''",
        (CONFIDENTIAL_LABEL,),
    )
    conn.execute("UPDATE hearing_participants SET name = ?, statement = '' WHERE role != 'tim'", (CONFIDENTIAL_LABEL,))
    conn.execute("UPDATE minutes SET identities = ''")
    _rehash_minutes(conn)
    conn.execute("DELETE FROM issued_documents")
    conn.execute("DELETE FROM evidence")
    conn.execute("DELETE FROM blobs")
    conn.execute("DELETE FROM merge_conflicts")
    conn.execute("UPDATE audit_log SET before = NULL, after = NULL")
    rechain(conn)
    reset_head(conn)
    search_index.refill(conn)
    for _name, sql in set_aside:
        conn.execute(sql)
