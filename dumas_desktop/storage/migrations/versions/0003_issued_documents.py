"""The archive of issued documents: number, date, SHA-256 and the PDF itself.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "issued_documents",
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=60), nullable=False),
        sa.Column("recipient", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("number", sa.String(length=120), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by", sa.String(length=120), nullable=False),
        sa.Column("paper", sa.String(length=10), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("copies_made", sa.Integer(), nullable=False),
        sa.Column("signed_sha256", sa.String(length=64), nullable=True),
        sa.Column("signed_name", sa.Text(), nullable=False),
        sa.Column("signed_mime", sa.String(length=100), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=True),
        sa.Column("signed_by", sa.String(length=120), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("office_code", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_issued_documents_complaint_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["sha256"], ["blobs.sha256"], name=op.f("fk_issued_documents_sha256_blobs")),
        sa.ForeignKeyConstraint(
            ["signed_sha256"], ["blobs.sha256"], name=op.f("fk_issued_documents_signed_sha256_blobs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issued_documents")),
        sa.UniqueConstraint("uuid", name=op.f("uq_issued_documents_uuid")),
    )
    op.create_index("ix_issued_documents_complaint", "issued_documents", ["complaint_id", "kind"], unique=False)
    # What was issued stays as it was issued: only its status, copy count and the signed
    # scan may change afterwards.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TRIGGER issued_documents_frozen BEFORE UPDATE OF complaint_id, kind, recipient, title, "
            "number, issued_on, issued_at, issued_by, paper, pages, sha256, size ON issued_documents "
            "FOR EACH ROW EXECUTE FUNCTION dumas_refuse('dokumen yang telah diterbitkan tidak dapat diubah')"
        )
        return
    op.execute(
        "CREATE TRIGGER issued_documents_frozen BEFORE UPDATE OF complaint_id, kind, recipient, title, "
        "number, issued_on, issued_at, issued_by, paper, pages, sha256, size ON issued_documents "
        "BEGIN SELECT RAISE(ABORT, 'dokumen yang telah diterbitkan tidak dapat diubah'); END"
    )


def downgrade() -> None:
    on = " ON issued_documents" if op.get_bind().dialect.name == "postgresql" else ""
    op.execute("DROP TRIGGER IF EXISTS issued_documents_frozen" + on)
    op.drop_index("ix_issued_documents_complaint", table_name="issued_documents")
    op.drop_table("issued_documents")
