"""The PostgreSQL side of the search indexes, shared by migrations 0002 and 0006.

Once released, these statements are part of those migrations: change them only by a new
migration, never in place.
"""

from __future__ import annotations

from alembic import op

from ..domain.accents import ACCENTED, UNACCENTED


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


def search_words_function(normalize: bool) -> str:
    """The server's `dumas_search_words` from migration 0011 on: NFKC (when the database
    is UTF8), accents folded by translate() (no extension needed: `unaccent` is contrib,
    and the program's role could not install it), lowercase, cut at anything but letters
    and digits, as FTS5's unicode61 tokenizer with remove_diacritics cuts and folds. Text
    that is all ASCII, as most is, skips the folding (translate() over ~500 letters costs
    a millisecond a document)."""
    value = "normalize(value, NFKC)" if normalize else "value"
    return (
        "CREATE OR REPLACE FUNCTION dumas_search_words(value text) RETURNS tsvector LANGUAGE sql IMMUTABLE "
        "PARALLEL SAFE AS $$ SELECT to_tsvector('simple', regexp_replace(lower("
        f"CASE WHEN value ~ '[^\\x01-\\x7f]' THEN translate({value}, '{ACCENTED}', '{UNACCENTED}') ELSE value END"
        "), '[^[:alnum:]]+', ' ', 'g')) $$"
    )


def rebuild_function(index: str, *inserts: str) -> str:
    """`{index}_rebuild()`: every case's row at once (a whole file moved onto the server),
    by the INSERT statements given. Not SECURITY DEFINER: only the schema's owner may write
    the index this way."""
    return (
        f"CREATE OR REPLACE FUNCTION {index}_rebuild() RETURNS void LANGUAGE sql "
        f"SET search_path = public, pg_temp AS $$ DELETE FROM {index}; {' '.join(f'{i};' for i in inserts)} $$"
    )
