"""The PostgreSQL side of the search indexes, shared by migrations 0002 and 0006.

Once released, these statements are part of those migrations: change them only by a new
migration, never in place.
"""

from __future__ import annotations

from alembic import op


def postgresql_index(index: str, document: str, party_columns: str) -> None:
    """One search index on a server: its table, GIN index, refresh function and triggers.
    The functions run as the schema's owner (SECURITY DEFINER): the program's role only
    reads the index, and the triggers alone write it."""
    op.execute(f"CREATE TABLE {index} (rowid integer PRIMARY KEY, document tsvector NOT NULL)")
    op.execute(f"CREATE INDEX ix_{index}_document ON {index} USING gin (document)")
    op.execute(f"INSERT INTO {index} (rowid, document) {document}")
    op.execute(
        f"CREATE FUNCTION {index}_refresh(case_id integer) RETURNS void LANGUAGE sql "
        "SECURITY DEFINER SET search_path = public, pg_temp AS $$ "
        f"DELETE FROM {index} WHERE rowid = case_id; "
        f"INSERT INTO {index} (rowid, document) {document} WHERE c.id = case_id; $$"
    )
    op.execute(
        f"CREATE FUNCTION {index}_by_case() RETURNS trigger LANGUAGE plpgsql "
        "SECURITY DEFINER SET search_path = public, pg_temp AS $$ BEGIN "
        f"IF TG_OP = 'DELETE' THEN DELETE FROM {index} WHERE rowid = OLD.id; "
        f"ELSE PERFORM {index}_refresh(NEW.id); END IF; RETURN NULL; END $$"
    )
    op.execute(
        f"CREATE FUNCTION {index}_by_party() RETURNS trigger LANGUAGE plpgsql "
        "SECURITY DEFINER SET search_path = public, pg_temp AS $$ BEGIN "
        f"IF TG_OP <> 'INSERT' THEN PERFORM {index}_refresh(OLD.complaint_id); END IF; "
        f"IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.complaint_id <> OLD.complaint_id) THEN "
        f"PERFORM {index}_refresh(NEW.complaint_id); END IF; RETURN NULL; END $$"
    )
    op.execute(
        f"CREATE TRIGGER {index}_c AFTER INSERT OR DELETE OR UPDATE OF agenda_number, subject, description "
        f"ON complaints FOR EACH ROW EXECUTE FUNCTION {index}_by_case()"
    )
    op.execute(
        f"CREATE TRIGGER {index}_p AFTER INSERT OR DELETE OR UPDATE OF complaint_id, {party_columns} "
        f"ON parties FOR EACH ROW EXECUTE FUNCTION {index}_by_party()"
    )


def drop_postgresql_index(index: str) -> None:
    op.execute(f"DROP TRIGGER IF EXISTS {index}_c ON complaints")
    op.execute(f"DROP TRIGGER IF EXISTS {index}_p ON parties")
    op.execute(f"DROP FUNCTION IF EXISTS {index}_by_case(), {index}_by_party(), {index}_refresh(integer)")
    op.execute(f"DROP TABLE IF EXISTS {index}")
