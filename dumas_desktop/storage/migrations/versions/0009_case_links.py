"""Links between cases: a complaint recorded as related to ("terkait dengan") or a
duplicate of ("duplikat dari") another one, found at intake or later.

Plain Alembic operations only, so the same revision serves SQLite and PostgreSQL.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_links",
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("linked_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("linked_at", sa.DateTime(), nullable=False),
        sa.Column("linked_by", sa.String(length=120), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("office_code", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_case_links_complaint_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["linked_id"], ["complaints.id"], name=op.f("fk_case_links_linked_id_complaints"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_links")),
        sa.UniqueConstraint("uuid", name=op.f("uq_case_links_uuid")),
        sa.UniqueConstraint("complaint_id", "linked_id", name="uq_case_links_pair"),
    )
    op.create_index("ix_case_links_linked", "case_links", ["linked_id"])


def downgrade() -> None:
    op.drop_index("ix_case_links_linked", table_name="case_links")
    op.drop_table("case_links")
