"""Alembic environment: always run in-process on a connection Dumas provides."""

from alembic import context

from dumas_desktop.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by rebuilding them
    include_object=lambda obj, name, type_, reflected, compare_to: (
        not (type_ == "table" and name is not None and name.startswith("complaint_search"))
    ),
)
context.run_migrations()
