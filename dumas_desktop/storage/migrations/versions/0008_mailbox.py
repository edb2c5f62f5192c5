"""Complaints that arrive by e-mail: the messages fetched from the office mailbox, kept
once each (Message-ID and the SHA-256 of the raw message), and the e-mail print-out as a
paper of the case.

The print-out carries the complaint's agenda number, as the complaint form does, so it
joins the kinds that may share a number in the index of revision 0007 (plain SQL that
SQLite and PostgreSQL both read: a partial unique index).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# The kinds whose papers carry the complaint's number or another paper's (catalog.SHARED_NUMBER_KINDS
# when this revision was made; a test keeps them equal).
_SHARED = (
    "'formulir_pengaduan', 'tanda_terima', 'lembar_disposisi', 'kertas_kerja_telaah', 'hasil_telaah', "
    "'hasil_telaah_lanjutan', 'daftar_hadir', 'draf_berita_acara', 'tanda_terima_pengantar', "
    "'tanda_terima_tindak_lanjut', 'cetakan_surel'"
)
_BEFORE = _SHARED.removesuffix(", 'cetakan_surel'")


def _number_index(shared: str) -> None:
    op.execute("DROP INDEX IF EXISTS uq_issued_documents_number")
    op.execute(
        "CREATE UNIQUE INDEX uq_issued_documents_number ON issued_documents (office_code, number) WHERE "
        f"status = 'berlaku' AND number != '' AND kind NOT IN ({shared})"
    )


def upgrade() -> None:
    op.create_table(
        "mail_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("message_id", sa.String(400), nullable=False),
        sa.Column("raw_sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("folder", sa.String(200), nullable=False),
        sa.Column("uid_validity", sa.BigInteger(), nullable=False),
        sa.Column("uid", sa.BigInteger(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("sender_name", sa.Text(), nullable=False),
        sa.Column("sender_address", sa.String(320), nullable=False),
        sa.Column("recipients", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("attachments", sa.JSON(), nullable=False),
        sa.Column("notes", sa.JSON(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=True),
        sa.Column("handled_at", sa.DateTime(), nullable=True),
        sa.Column("handled_by", sa.String(120), nullable=False),
        sa.Column("printed_at", sa.DateTime(), nullable=True),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name="fk_mail_messages_complaint_id_complaints",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(["raw_sha256"], ["blobs.sha256"], name="fk_mail_messages_raw_sha256_blobs"),
        sa.PrimaryKeyConstraint("id", name="pk_mail_messages"),
        sa.UniqueConstraint("uuid", name="uq_mail_messages_uuid"),
        sa.UniqueConstraint("message_id", "raw_sha256", name="uq_mail_messages_identity"),
    )
    op.create_index("ix_mail_messages_state", "mail_messages", ["state", "received_at"])
    op.create_index("ix_mail_messages_uid", "mail_messages", ["folder", "uid_validity", "uid"])
    _number_index(_SHARED)


def downgrade() -> None:
    _number_index(_BEFORE)
    op.drop_index("ix_mail_messages_uid", table_name="mail_messages")
    op.drop_index("ix_mail_messages_state", table_name="mail_messages")
    op.drop_table("mail_messages")
