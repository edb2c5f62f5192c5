"""Leaving people out of a package: the accounts always, and on request (or for a user
whose role need not know them) every identity.

Without identities, parties keep their role, position and unit but not their names,
numbers, addresses or contacts; hearing participants from outside the office lose their
names and statements; the minutes' identities section is emptied; evidence files and
issued papers (which show names) stay home; and the audit trail keeps who did what and
when, without the values. Free text a person wrote (a description, a chronology) is
carried as written.
"""

from __future__ import annotations

import sqlite3

from ..domain.privacy import CONFIDENTIAL_LABEL
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


def strip_identities(conn: sqlite3.Connection) -> None:
    """Inside a copy whose audit triggers were set aside by the caller. The copy's own
    guards (adopted minutes and issued papers are frozen) are set aside too, then restored."""
    frozen = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('minutes', 'issued_documents')"
    ).fetchall()
    for name, _sql in frozen:
        conn.execute(f'DROP TRIGGER "{name}"')
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
    # The search index kept the old words in its segments: build it anew from what is left.
    for index in ("complaint_search", "complaint_search_open"):
        conn.execute(f"INSERT INTO {index} ({index}) VALUES ('rebuild')")
        conn.execute(f"INSERT INTO {index} ({index}) VALUES ('optimize')")
    for _name, sql in frozen:
        conn.execute(sql)
