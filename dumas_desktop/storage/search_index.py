"""The rows of the two search indexes, written for many cases at once.

The 0002 and 0006 migrations' triggers keep both indexes in step one row at a time; a
writer that sets those triggers aside for speed (the demo's bulk writer, a copy made
without identities) writes the same rows with these statements instead, for the cases
with ids from :first to :last.
"""

from __future__ import annotations

import sqlite3

INDEXES = ("complaint_search", "complaint_search_open")

_OPEN_REPORT = (
    "NOT EXISTS (SELECT 1 FROM parties q WHERE q.complaint_id = c.id AND q.role = 'reporter' "
    "AND q.confidentiality = 'seluruh')"
)
OPEN_ROWS = f"""
INSERT INTO complaint_search_open (rowid, agenda_number, reporter, respondent, subject, description)
SELECT c.id, c.agenda_number,
    coalesce((SELECT group_concat(p.name, ' ') FROM parties p
              WHERE p.complaint_id = c.id AND p.role = 'reporter' AND p.confidentiality = 'terbuka'), ''),
    CASE WHEN {_OPEN_REPORT} THEN
        coalesce((SELECT group_concat(p.name || ' ' || p.position || ' ' || p.unit, ' ') FROM parties p
                  WHERE p.complaint_id = c.id AND p.role = 'respondent'), '')
    ELSE '' END,
    CASE WHEN {_OPEN_REPORT} THEN c.subject ELSE '' END,
    CASE WHEN {_OPEN_REPORT} THEN c.description ELSE '' END
FROM complaints c WHERE c.id BETWEEN :first AND :last
"""
ROWS = """
INSERT INTO complaint_search (rowid, agenda_number, reporter, respondent, subject, description)
SELECT c.id, c.agenda_number,
    coalesce((SELECT group_concat(p.name, ' ') FROM parties p WHERE p.complaint_id = c.id AND p.role = 'reporter'), ''),
    coalesce((SELECT group_concat(p.name || ' ' || p.position || ' ' || p.unit, ' ') FROM parties p
              WHERE p.complaint_id = c.id AND p.role = 'respondent'), ''),
    c.subject, c.description
FROM complaints c WHERE c.id BETWEEN :first AND :last
"""


# The triggers that keep the indexes in step, as (name, sql) to put back later.
TRIGGERS = (
    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'complaint\\_search\\_%' ESCAPE '\\'"
)


def search_triggers(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return conn.execute(TRIGGERS).fetchall()


def refill(conn: sqlite3.Connection) -> None:
    """Both indexes written anew from the cases as they are now, then merged into one
    segment each, so that no word they held before lingers in them."""
    for index in INDEXES:
        conn.execute(f"DELETE FROM {index}")
    span = {"first": -(2**62), "last": 2**62}
    for sql in (ROWS, OPEN_ROWS):
        conn.execute(sql, span)
    for index in INDEXES:
        conn.execute(f"INSERT INTO {index} ({index}) VALUES ('optimize')")
