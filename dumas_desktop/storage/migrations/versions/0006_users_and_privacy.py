"""Users with SOP roles; the audit trail's head kept by a trigger (so a removed last entry
is noticed); and a second search index that leaves out what confidential reporters asked
to hide.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from dumas_desktop.storage.server_sql import drop_postgresql_index, postgresql_index

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# A second search index for users whose roles need not know confidential reporters: one row
# per complaint without a confidential reporter's name, nor, when the whole report is
# confidential, its subject, text or respondent (searching them would betray the reporter).
# The first index (0002) keeps everything, for those who may see it.
_OPEN_REPORT = (
    "NOT EXISTS (SELECT 1 FROM parties q WHERE q.complaint_id = c.id AND q.role = 'reporter' "
    "AND q.confidentiality = 'seluruh')"
)
_ROW = f"""
    SELECT c.id, c.agenda_number,
        coalesce((SELECT group_concat(p.name, ' ') FROM parties p
                  WHERE p.complaint_id = c.id AND p.role = 'reporter' AND p.confidentiality = 'terbuka'), ''),
        CASE WHEN {_OPEN_REPORT} THEN
            coalesce((SELECT group_concat(p.name || ' ' || p.position || ' ' || p.unit, ' ')
                      FROM parties p WHERE p.complaint_id = c.id AND p.role = 'respondent'), '')
        ELSE '' END,
        CASE WHEN {_OPEN_REPORT} THEN c.subject ELSE '' END,
        CASE WHEN {_OPEN_REPORT} THEN c.description ELSE '' END
    FROM complaints c
"""
_PG_OPEN_DOCUMENT = f"""
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
_COLUMNS = "rowid, agenda_number, reporter, respondent, subject, description"
_TRIGGERS = ("ai", "au", "ad", "pi", "pu", "pd")


def _refresh(id_expr: str) -> str:
    return (
        f"DELETE FROM complaint_search_open WHERE rowid = {id_expr}; "
        f"INSERT INTO complaint_search_open ({_COLUMNS}) {_ROW} WHERE c.id = {id_expr};"
    )


def _search_open() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE complaint_search_open USING fts5("
        "agenda_number, reporter, respondent, subject, description, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )
    op.execute(f"INSERT INTO complaint_search_open ({_COLUMNS}) {_ROW}")
    op.execute(
        "CREATE TRIGGER complaint_search_open_ai AFTER INSERT ON complaints BEGIN " + _refresh("new.id") + " END"
    )
    op.execute(
        "CREATE TRIGGER complaint_search_open_au AFTER UPDATE OF agenda_number, subject, description "
        "ON complaints BEGIN " + _refresh("new.id") + " END"
    )
    op.execute(
        "CREATE TRIGGER complaint_search_open_ad AFTER DELETE ON complaints BEGIN "
        "DELETE FROM complaint_search_open WHERE rowid = old.id; END"
    )
    op.execute(
        "CREATE TRIGGER complaint_search_open_pi AFTER INSERT ON parties BEGIN " + _refresh("new.complaint_id") + " END"
    )
    op.execute(
        "CREATE TRIGGER complaint_search_open_pu AFTER UPDATE OF name, position, unit, role, confidentiality "
        "ON parties BEGIN " + _refresh("old.complaint_id") + " END"
    )
    op.execute(
        "CREATE TRIGGER complaint_search_open_pd AFTER DELETE ON parties BEGIN " + _refresh("old.complaint_id") + " END"
    )


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("full_name", sa.Text(), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("retry_after", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.execute(
        "INSERT INTO audit_head (id, entries, hash) SELECT 1, count(*), "
        "coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') FROM audit_log"
    )
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_upgrade()
        return
    op.execute(
        "CREATE TRIGGER audit_log_head AFTER INSERT ON audit_log BEGIN "
        "UPDATE audit_head SET entries = entries + 1, hash = new.hash WHERE id = 1; END"
    )
    _search_open()


def _postgresql_upgrade() -> None:
    # The head is moved by the trigger alone, running as the schema's owner: the program's
    # role may only read audit_head.
    op.execute(
        "CREATE FUNCTION audit_log_head() RETURNS trigger LANGUAGE plpgsql "
        "SECURITY DEFINER SET search_path = public, pg_temp AS $$ BEGIN "
        "UPDATE audit_head SET entries = entries + 1, hash = NEW.hash WHERE id = 1; RETURN NULL; END $$"
    )
    op.execute("CREATE TRIGGER audit_log_head AFTER INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_head()")
    postgresql_index("complaint_search_open", _PG_OPEN_DOCUMENT, "name, position, unit, role, confidentiality")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        drop_postgresql_index("complaint_search_open")
        op.execute("DROP TRIGGER IF EXISTS audit_log_head ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_head()")
        op.drop_table("audit_head")
        op.drop_table("users")
        return
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS complaint_search_open_{name}")
    op.execute("DROP TABLE IF EXISTS complaint_search_open")
    op.execute("DROP TRIGGER IF EXISTS audit_log_head")
    op.drop_table("audit_head")
    op.drop_table("users")
