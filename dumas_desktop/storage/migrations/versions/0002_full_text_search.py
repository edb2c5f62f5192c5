"""Full-text search over complaints (SQLite FTS5), kept in step by triggers. On
PostgreSQL the same index is a table of tsvector documents with a GIN index, kept by
PL/pgSQL triggers; its `rowid` column is the complaint's id, as in the FTS5 table.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

from dumas_desktop.storage.server_sql import drop_postgresql_index, postgresql_index

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# One row per complaint, rowid = complaints.id; parties' names are gathered by role.
_ROW = """
    SELECT c.id, c.agenda_number,
        coalesce((SELECT group_concat(p.name, ' ') FROM parties p
                  WHERE p.complaint_id = c.id AND p.role = 'reporter'), ''),
        coalesce((SELECT group_concat(p.name || ' ' || p.position || ' ' || p.unit, ' ')
                  FROM parties p WHERE p.complaint_id = c.id AND p.role = 'respondent'), ''),
        c.subject, c.description
    FROM complaints c
"""
_COLUMNS = "rowid, agenda_number, reporter, respondent, subject, description"


def _refresh(id_expr: str) -> str:
    return (
        f"DELETE FROM complaint_search WHERE rowid = {id_expr}; "
        f"INSERT INTO complaint_search ({_COLUMNS}) {_ROW} WHERE c.id = {id_expr};"
    )


# Words as FTS5's unicode61 tokenizer cuts them: any run of letters and digits, lowercased
# (the parser of 'simple' would keep "001/PM.05/6103" whole as a path). Stable, so that a
# document is the same whichever PC wrote it.
_PG_WORDS = (
    "CREATE FUNCTION dumas_search_words(value text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ "
    "SELECT to_tsvector('simple', regexp_replace(lower(value), '[^[:alnum:]]+', ' ', 'g')) $$"
)
_PG_DOCUMENT = """
    SELECT c.id, dumas_search_words(concat_ws(' ', c.agenda_number,
        (SELECT string_agg(p.name, ' ') FROM parties p WHERE p.complaint_id = c.id AND p.role = 'reporter'),
        (SELECT string_agg(concat_ws(' ', p.name, p.position, p.unit), ' ')
           FROM parties p WHERE p.complaint_id = c.id AND p.role = 'respondent'),
        c.subject, c.description))
    FROM complaints c
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_WORDS)
        postgresql_index("complaint_search", _PG_DOCUMENT, "name, position, unit, role")
        return
    op.execute(
        "CREATE VIRTUAL TABLE complaint_search USING fts5("
        "agenda_number, reporter, respondent, subject, description, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )
    op.execute(f"INSERT INTO complaint_search ({_COLUMNS}) {_ROW}")
    op.execute("CREATE TRIGGER complaint_search_ai AFTER INSERT ON complaints BEGIN " + _refresh("new.id") + " END")
    op.execute(
        "CREATE TRIGGER complaint_search_au AFTER UPDATE OF agenda_number, subject, description "
        "ON complaints BEGIN " + _refresh("new.id") + " END"
    )
    op.execute(
        "CREATE TRIGGER complaint_search_ad AFTER DELETE ON complaints BEGIN "
        "DELETE FROM complaint_search WHERE rowid = old.id; END"
    )
    op.execute(
        "CREATE TRIGGER complaint_search_pi AFTER INSERT ON parties BEGIN " + _refresh("new.complaint_id") + " END"
    )
    op.execute(
        "CREATE TRIGGER complaint_search_pu AFTER UPDATE OF name, position, unit, role "
        "ON parties BEGIN " + _refresh("old.complaint_id") + " END"
    )
    op.execute(
        "CREATE TRIGGER complaint_search_pd AFTER DELETE ON parties BEGIN " + _refresh("old.complaint_id") + " END"
    )
    op.execute("PRAGMA user_version = 2")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        drop_postgresql_index("complaint_search")
        op.execute("DROP FUNCTION IF EXISTS dumas_search_words(text)")
        return
    for name in ("ai", "au", "ad", "pi", "pu", "pd"):
        op.execute(f"DROP TRIGGER IF EXISTS complaint_search_{name}")
    op.execute("DROP TABLE IF EXISTS complaint_search")
    op.execute("PRAGMA user_version = 1")
