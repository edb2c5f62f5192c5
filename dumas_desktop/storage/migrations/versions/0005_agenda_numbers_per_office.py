"""Agenda numbers unique per office, not across the file: a province imports the books of
its regencies, whose numbering patterns need not name the office.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _rebuild(drop: str, create: tuple[str, list[str]] | None, index: bool) -> None:
    # Rebuilding the table drops its triggers, and SQLite refuses to rename a table while
    # other triggers (the search index's on parties) name it: set them all aside, then restore.
    conn = op.get_bind()
    triggers = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL "
        "AND (tbl_name = 'complaints' OR sql LIKE '%complaints%')"
    ).fetchall()
    for name, _sql in triggers:
        op.execute(f'DROP TRIGGER "{name}"')
    with op.batch_alter_table("complaints", recreate="always") as batch:
        batch.drop_constraint(drop, type_="unique")
        if create is not None:
            batch.create_unique_constraint(create[0], create[1])
        if index:
            batch.create_index("ix_complaints_agenda_number", ["agenda_number"], unique=False)
    for _name, sql in triggers:
        op.execute(sql)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":  # alters in place: no rebuild, triggers stay
        op.drop_constraint("uq_complaints_agenda_number", "complaints", type_="unique")
        op.create_unique_constraint(
            "uq_complaints_office_agenda_number", "complaints", ["office_code", "agenda_number"]
        )
        op.create_index("ix_complaints_agenda_number", "complaints", ["agenda_number"], unique=False)
        return
    _rebuild(
        "uq_complaints_agenda_number",
        ("uq_complaints_office_agenda_number", ["office_code", "agenda_number"]),
        index=True,
    )


def downgrade() -> None:
    op.drop_index("ix_complaints_agenda_number", table_name="complaints")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint("uq_complaints_office_agenda_number", "complaints", type_="unique")
        op.create_unique_constraint("uq_complaints_agenda_number", "complaints", ["agenda_number"])
        return
    with op.batch_alter_table("complaints", recreate="always") as batch:
        batch.drop_constraint("uq_complaints_office_agenda_number", type_="unique")
        batch.create_unique_constraint("uq_complaints_agenda_number", ["agenda_number"])
