"""Each finished step record keeps the working days it took and whether it was done by its
due time, so the statistics add plain integers per step instead of counting the working
days of some 200,000 records of a year one by one. Filled here for the records already
there, on the home office's calendar, as the statistics counted them until now.

Plain Alembic operations and SQLAlchemy Core only, so the same revision serves SQLite and
PostgreSQL.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

from dumas_desktop.domain.calendar import OfficeHours, WorkingCalendar
from dumas_desktop.storage.step_days import recount_step_days

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# The two tables as this revision knows them, not as the models may read later.
offices = sa.table(
    "offices",
    sa.column("office_code", sa.String),
    sa.column("is_home", sa.Boolean),
    sa.column("office_hours", sa.JSON),
)
days_off = sa.table(
    "days_off", sa.column("office_code", sa.String), sa.column("day", sa.Date), sa.column("kind", sa.String)
)


def _home_calendar(conn: sa.Connection) -> WorkingCalendar:
    home = conn.execute(
        sa.select(offices.c.office_code, offices.c.office_hours).where(offices.c.is_home.is_(True))
    ).first()
    if home is None:  # a file without its office has no finished step either
        return WorkingCalendar()
    rows = conn.execute(sa.select(days_off.c.day, days_off.c.kind).where(days_off.c.office_code == home[0])).all()
    return WorkingCalendar(
        hours=OfficeHours.from_dict(home[1] or {}),
        days_off={day: "libur" for day, kind in rows if kind == "libur"},
        extra_working_days=[day for day, kind in rows if kind == "masuk"],
    )


def upgrade() -> None:
    with op.batch_alter_table("step_records", schema=None) as batch_op:
        batch_op.add_column(sa.Column("working_days", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("on_time", sa.Integer(), nullable=True))
    conn = op.get_bind()
    recount_step_days(conn, _home_calendar(conn).working_days_between, missing_only=True)


def downgrade() -> None:
    with op.batch_alter_table("step_records", schema=None) as batch_op:
        batch_op.drop_column("on_time")
        batch_op.drop_column("working_days")
