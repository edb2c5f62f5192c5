"""Users with SOP roles; the audit trail's head kept by a trigger (so a removed last entry
is noticed); and a search index that leaves out what confidential reporters asked to hide.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# One row per complaint. A confidential reporter's name is not indexed (searching it would
# betray them), nor, when the whole report is confidential, its subject, text or respondent;
# those who may see them search those rows by another way (services.queries).
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
_COLUMNS = "rowid, agenda_number, reporter, respondent, subject, description"


def _refresh(id_expr: str) -> str:
    return (
        f"DELETE FROM complaint_search WHERE rowid = {id_expr}; "
        f"INSERT INTO complaint_search ({_COLUMNS}) {_ROW} WHERE c.id = {id_expr};"
    )


def _search_triggers() -> None:
    row_refresh = _refresh
    op.execute("CREATE TRIGGER complaint_search_ai AFTER INSERT ON complaints BEGIN " + row_refresh("new.id") + " END")
    op.execute(
        "CREATE TRIGGER complaint_search_au AFTER UPDATE OF agenda_number, subject, description "
        "ON complaints BEGIN " + row_refresh("new.id") + " END"
    )
    op.execute(
        "CREATE TRIGGER complaint_search_pi AFTER INSERT ON parties BEGIN " + row_refresh("new.complaint_id") + " END"
    )
    op.execute(
        "CREATE TRIGGER complaint_search_pu AFTER UPDATE OF name, position, unit, role, confidentiality "
        "ON parties BEGIN " + row_refresh("old.complaint_id") + " END"
    )
    op.execute(
        "CREATE TRIGGER complaint_search_pd AFTER DELETE ON parties BEGIN " + row_refresh("old.complaint_id") + " END"
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
    op.execute(
        "CREATE TRIGGER audit_log_head AFTER INSERT ON audit_log BEGIN "
        "UPDATE audit_head SET entries = entries + 1, hash = new.hash WHERE id = 1; END"
    )
    for name in ("ai", "au", "pi", "pu", "pd"):
        op.execute(f"DROP TRIGGER IF EXISTS complaint_search_{name}")
    _search_triggers()
    op.execute("DELETE FROM complaint_search")
    op.execute(f"INSERT INTO complaint_search ({_COLUMNS}) {_ROW}")


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS audit_log_head")
    op.drop_table("audit_head")
    op.drop_table("users")
