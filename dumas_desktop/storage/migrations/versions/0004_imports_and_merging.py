"""Imported packages, the revision of each exchanged case, and merge conflicts.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("package_sha256", sa.String(length=64), nullable=False),
        sa.Column("office_code", sa.String(length=20), nullable=False),
        sa.Column("made_at", sa.String(length=40), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=120), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imports")),
        sa.UniqueConstraint("package_sha256", name=op.f("uq_imports_package_sha256")),
    )
    op.create_table(
        "merge_state",
        sa.Column("complaint_uuid", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("complaint_uuid", name=op.f("pk_merge_state")),
    )
    op.create_table(
        "merge_conflicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_uuid", sa.String(length=36), nullable=False),
        sa.Column("agenda_number", sa.String(length=80), nullable=False),
        sa.Column("package_sha256", sa.String(length=64), nullable=False),
        sa.Column("found_at", sa.DateTime(), nullable=False),
        sa.Column("local_revision", sa.Integer(), nullable=False),
        sa.Column("incoming_revision", sa.Integer(), nullable=False),
        sa.Column("incoming", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merge_conflicts")),
    )
    op.create_index("ix_merge_conflicts_complaint_uuid", "merge_conflicts", ["complaint_uuid"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_merge_conflicts_complaint_uuid", table_name="merge_conflicts")
    op.drop_table("merge_conflicts")
    op.drop_table("merge_state")
    op.drop_table("imports")
