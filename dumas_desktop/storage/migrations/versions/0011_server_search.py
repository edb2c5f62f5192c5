"""Numbers found fast, and a server's search that folds accents as a file's does.

Both backends: an index on (office, number) for every table a new letter number is checked
against ("one number, one paper", numbering.number_taken), so the check is a lookup rather
than a scan of every disposition and invitation while the office's numbers are held.

PostgreSQL only: the words of the search documents are folded as FTS5's unicode61 tokenizer
with remove_diacritics folds them in a file ("Désa" is found by "desa" and the other way
round), and both indexes are rebuilt with them; each index gets a `_rebuild()` function
that remakes every row at once (a whole file moved onto the server): the open index's after
the full one's, from which it copies the cases without a confidential reporter.

Revision ID: 0011
Revises: 0010
"""

from alembic import op

from dumas_desktop.storage.server_sql import rebuild_function, search_words_function

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_NUMBER_INDEXES = (
    ("ix_dispositions_number", "dispositions", ["office_code", "number"]),
    ("ix_hearings_assignment_number", "hearings", ["office_code", "assignment_number"]),
    ("ix_hearing_participants_invitation_number", "hearing_participants", ["office_code", "invitation_number"]),
    ("ix_issued_documents_number", "issued_documents", ["office_code", "number"]),
    ("ix_letters_number", "letters", ["office_code", "number"]),
    ("ix_plenary_meetings_number", "plenary_meetings", ["office_code", "number"]),
)

# The documents as migrations 0002 and 0006 made them (their words now folded by the new
# dumas_search_words).
_DOCUMENT = """
    SELECT c.id, dumas_search_words(concat_ws(' ', c.agenda_number,
        (SELECT string_agg(p.name, ' ') FROM parties p WHERE p.complaint_id = c.id AND p.role = 'reporter'),
        (SELECT string_agg(concat_ws(' ', p.name, p.position, p.unit), ' ')
           FROM parties p WHERE p.complaint_id = c.id AND p.role = 'respondent'),
        c.subject, c.description))
    FROM complaints c
"""
_OPEN_REPORT = (
    "NOT EXISTS (SELECT 1 FROM parties q WHERE q.complaint_id = c.id AND q.role = 'reporter' "
    "AND q.confidentiality = 'seluruh')"
)
_OPEN_DOCUMENT = f"""
    SELECT c.id, dumas_search_words(concat_ws(' ', c.agenda_number,
        (SELECT string_agg(p.name, ' ') FROM parties p
          WHERE p.complaint_id = c.id AND p.role = 'reporter' AND p.confidentiality = 'terbuka'),
        CASE WHEN {_OPEN_REPORT} THEN
            (SELECT string_agg(concat_ws(' ', p.name, p.position, p.unit), ' ')
               FROM parties p WHERE p.complaint_id = c.id AND p.role = 'respondent') END,
        CASE WHEN {_OPEN_REPORT} THEN c.subject END,
        CASE WHEN {_OPEN_REPORT} THEN c.description END))
    FROM complaints c
"""
_ALL_OPEN = (
    "NOT EXISTS (SELECT 1 FROM parties r WHERE r.complaint_id = c.id AND r.role = 'reporter' "
    "AND r.confidentiality <> 'terbuka')"
)
_UNFOLDED_WORDS = (
    "CREATE OR REPLACE FUNCTION dumas_search_words(value text) RETURNS tsvector LANGUAGE sql IMMUTABLE "
    "PARALLEL SAFE AS $$ SELECT to_tsvector('simple', regexp_replace(lower(value), '[^[:alnum:]]+', ' ', 'g')) $$"
)


def upgrade() -> None:
    for name, table, columns in _NUMBER_INDEXES:
        op.create_index(name, table, columns)
    if op.get_bind().dialect.name != "postgresql":
        return
    utf8 = op.get_bind().exec_driver_sql("SHOW server_encoding").scalar() == "UTF8"
    op.execute(search_words_function(normalize=utf8))
    op.execute(rebuild_function("complaint_search", f"INSERT INTO complaint_search (rowid, document) {_DOCUMENT}"))
    # A case whose every reporter is open has the same words in both indexes: copied, not
    # made again (most cases; the folding of their words is most of a rebuild's time).
    op.execute(
        rebuild_function(
            "complaint_search_open",
            "INSERT INTO complaint_search_open (rowid, document) SELECT s.rowid, s.document FROM complaint_search s "
            f"JOIN complaints c ON c.id = s.rowid WHERE {_ALL_OPEN}",
            f"INSERT INTO complaint_search_open (rowid, document) {_OPEN_DOCUMENT} WHERE NOT {_ALL_OPEN}",
        )
    )
    op.execute("SELECT complaint_search_rebuild()")
    op.execute("SELECT complaint_search_open_rebuild()")  # after the first: it copies from it


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS complaint_search_rebuild(), complaint_search_open_rebuild()")
        op.execute(_UNFOLDED_WORDS)
        op.execute(
            "DELETE FROM complaint_search; DELETE FROM complaint_search_open; "
            "SELECT count(complaint_search_refresh(id)), count(complaint_search_open_refresh(id)) FROM complaints"
        )
    for name, table, _columns in reversed(_NUMBER_INDEXES):
        op.drop_index(name, table_name=table)
