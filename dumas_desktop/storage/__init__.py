"""The data file: SQLAlchemy models, the engine and its pragmas, migrations, integrity."""
