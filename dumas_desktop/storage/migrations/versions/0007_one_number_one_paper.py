"""One paper, one number: a paper in force that carries a number of its own (not the
complaint's agenda number, nor the number of the letter it acknowledges) may not share it
with another paper of the office.

Files numbered before this revision may already hold such pairs (each kind had its own
counter with the same pattern). The archived PDFs are never changed: of each pair the
first issued keeps its standing, the later ones are marked "ganda" so the index can hold;
`check` names them, and issuing such a paper again gives it a new number of its own.

Revision ID: 0007
Revises: 0006
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The kinds whose papers carry the complaint's number or another paper's (the same list as
# catalog.SHARED_NUMBER_KINDS when this revision was made; a test keeps them equal).
_SHARED = (
    "'formulir_pengaduan', 'tanda_terima', 'lembar_disposisi', 'kertas_kerja_telaah', 'hasil_telaah', "
    "'hasil_telaah_lanjutan', 'daftar_hadir', 'draf_berita_acara', 'tanda_terima_pengantar', "
    "'tanda_terima_tindak_lanjut'"
)
_OWN_NUMBER = f"status = 'berlaku' AND number != '' AND kind NOT IN ({_SHARED})"


def upgrade() -> None:
    op.execute(
        "UPDATE issued_documents SET status = 'ganda' WHERE "
        + _OWN_NUMBER
        + " AND EXISTS (SELECT 1 FROM issued_documents e WHERE e.office_code = issued_documents.office_code "
        "AND e.number = issued_documents.number AND e.id < issued_documents.id AND e.status = 'berlaku' "
        f"AND e.kind NOT IN ({_SHARED}))"
    )
    op.execute(
        "CREATE UNIQUE INDEX uq_issued_documents_number ON issued_documents (office_code, number) WHERE " + _OWN_NUMBER
    )


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS uq_issued_documents_number")
    op.execute("UPDATE issued_documents SET status = 'berlaku' WHERE status = 'ganda'")
