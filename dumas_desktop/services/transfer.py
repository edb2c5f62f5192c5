"""Carrying data between PCs and offices: export a package (a consistent snapshot, made
with SQLite's backup API), check one, preview what importing it would do, and import it in
one transaction (the merging itself is in `merge`), or create a new file from it."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import __version__
from ..domain.access import SYSTEM, Access
from ..domain.errors import DataFileError
from ..storage import search_index
from ..storage.audit import GENESIS, HEAD_SQL, rechain, reset_head
from ..storage.database import (
    APPLICATION_ID,
    Database,
    copy_database,
    create_database,
    head_revision,
    inspect_file,
    known_revisions,
    open_database,
)
from ..storage.package import Manifest, PackageError, open_package, write_package
from ..storage.schema import bad_values, carried_tables, quoted, read_schema, schema_differences, table_columns
from ..storage.step_days import recount_step_days
from . import audit_events
from .accounts import has_users
from .anonymize import drop_accounts, strip_identities
from .context import Workspace
from .merge import ImportSummary, Merger, clash_message, clashing_table, open_local

# Children of a case, in an order that satisfies their references.
# --- export --------------------------------------------------------------------------------------


def _audit_triggers(conn: sqlite3.Connection) -> list[str]:
    return [
        sql
        for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log' AND sql IS NOT NULL"
        )
    ]


def _reduce(snapshot: Path, year: int | None, without_identities: bool) -> None:
    """Reduce a snapshot to the cases received in `year` (the other cases, their audit
    entries and their files go) and/or leave every identity out; the audit trail is then
    chained anew over what remains."""
    conn = sqlite3.connect(snapshot)
    try:
        # A scratch copy, compacted into the package by VACUUM INTO or thrown away: without a
        # journal, freeing the pages of evidence that stays home takes a tenth of the time.
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA foreign_keys = ON")
        triggers = _audit_triggers(conn)
        with conn:
            for name in [
                r[0]
                for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_log'")
            ]:
                conn.execute(f'DROP TRIGGER "{name}"')
            if without_identities:
                strip_identities(conn)
            if year is None:
                for sql in triggers:
                    conn.execute(sql)
                return
            conn.execute(
                "DELETE FROM issued_documents WHERE complaint_id IN (SELECT id FROM complaints WHERE year != ?)",
                (year,),
            )
            conn.execute(
                "UPDATE complaints SET duplicate_of_id = NULL "
                "WHERE duplicate_of_id IN (SELECT id FROM complaints WHERE year != ?)",
                (year,),
            )
            conn.execute("DELETE FROM complaints WHERE year != ?", (year,))
            conn.execute(
                "DELETE FROM audit_log WHERE complaint_uuid != '' "
                "AND complaint_uuid NOT IN (SELECT uuid FROM complaints)"
            )
            conn.execute(
                "DELETE FROM blobs WHERE sha256 NOT IN (SELECT sha256 FROM evidence) "
                "AND sha256 NOT IN (SELECT sha256 FROM issued_documents) "
                "AND sha256 NOT IN (SELECT signed_sha256 FROM issued_documents WHERE signed_sha256 IS NOT NULL)"
            )
            rechain(conn)
            reset_head(conn)
            for sql in triggers:
                conn.execute(sql)
    finally:
        conn.close()


def _drop_accounts(snapshot: Path) -> None:
    conn = sqlite3.connect(snapshot)
    try:
        drop_accounts(conn)
    finally:
        conn.close()


def _counts(snapshot: Path) -> dict[str, Any]:
    conn = sqlite3.connect(f"{snapshot.resolve().as_uri()}?mode=ro", uri=True)
    try:
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        office = conn.execute("SELECT office_code, name FROM offices WHERE is_home = 1").fetchone()
        profile = conn.execute(
            "SELECT p.profile_id, p.version FROM offices o JOIN sop_profiles p ON p.id = o.sop_profile_id "
            "WHERE o.is_home = 1"
        ).fetchone()
        years = [r[0] for r in conn.execute("SELECT DISTINCT year FROM complaints ORDER BY year")]
        return {
            "office": {"code": office[0] if office else "", "name": office[1] if office else ""},
            "sop_profile": {"id": profile[0], "version": profile[1]} if profile else {},
            "counts": {
                "complaints": one("SELECT count(*) FROM complaints"),
                "evidence": one("SELECT count(*) FROM evidence"),
                "issued_documents": one("SELECT count(*) FROM issued_documents"),
                "files_bytes": one("SELECT coalesce(sum(size), 0) FROM blobs"),
                "audit_entries": one("SELECT count(*) FROM audit_log"),
            },
            "years": years,
            "schema": one("SELECT version_num FROM alembic_version"),
        }
    finally:
        conn.close()


def export_package(
    data: Path,
    out: Path,
    *,
    year: int | None = None,
    password: str | None = None,
    now: datetime | None = None,
    without_identities: bool = False,
    access: Access = SYSTEM,
) -> Manifest:
    """Write a package of the data file (all of it, or the cases of one year) to `out`.
    User accounts never travel; identities are left out on request, and always when the
    user exporting may not see confidential reporters."""
    data, out = Path(data), Path(out)
    db = open_database(data)  # an older file is brought to this schema first (after its own backup)
    try:
        with db.read() as session:
            if not access.sees_identity(Workspace(db).home_profile(session)):
                without_identities = True
        uses_accounts = has_users(db)
    finally:
        db.close()
    if not out.parent.is_dir():
        raise PackageError(f"Folder tujuan {out.parent} tidak ada (flashdisk belum terpasang?).")
    carried: list[tuple[str, int]] = []
    # A scanner holding a scratch file must not turn a finished export into a failure.
    with tempfile.TemporaryDirectory(prefix="dumas-ekspor-", ignore_cleanup_errors=True) as work:

        def make_snapshot(target: Path) -> None:
            try:
                if year is None and not without_identities:
                    copy_database(data, target, scratch=True, map_if_local=True)  # backup API, straight onto the stick
                    _drop_accounts(target)
                    return
                reduced = Path(work) / "sebagian.dumas"
                copy_database(data, reduced, scratch=True, map_if_local=True)
                _drop_accounts(reduced)
                _reduce(reduced, year, without_identities)
                conn = sqlite3.connect(reduced)
                try:
                    # VACUUM INTO writes a compact copy: what was deleted does not linger in free pages.
                    conn.execute("VACUUM INTO ?", (str(target),))
                finally:
                    conn.close()
            except sqlite3.Error as exc:
                raise PackageError(f"Salinan data untuk ekspor tidak dapat dibuat: {exc}.") from None

        def describe(snapshot: Path) -> dict[str, Any]:
            source = sqlite3.connect(f"{snapshot.resolve().as_uri()}?mode=ro", uri=True)
            try:
                carried.extend(source.execute("SELECT uuid, revision FROM complaints").fetchall())
            finally:
                source.close()
            return {
                "program": {"name": "Dumas Desktop", "version": __version__},
                "made_at": (now or datetime.now()).replace(microsecond=0).isoformat(),
                "period": {"year": year} if year is not None else {"all": True},
                "identities": not without_identities,
                # Accounts stay home; a file made from this package must get its own administrator.
                "accounts": uses_accounts,
                **_counts(snapshot),
            }

        manifest = write_package(make_snapshot, describe, out, password)
    _remember_exchanged(data, carried)
    audit_events.exported(data, out, manifest, actor=access.label, password=bool(password), now=now)
    return manifest


def _remember_exchanged(data: Path, revisions: list[tuple[str, int]]) -> None:
    """The revision of each case carried away: when the package comes back, a case still at
    it was changed only over there (taken), and one past it here only here (kept)."""
    local = open_local(data)
    try:
        local.execute("BEGIN IMMEDIATE")
        local.executemany(
            "INSERT INTO merge_state (complaint_uuid, revision) VALUES (?, ?) "
            "ON CONFLICT (complaint_uuid) DO UPDATE SET revision = excluded.revision",
            revisions,
        )
        local.execute("COMMIT")
    except sqlite3.Error as exc:
        raise DataFileError(f"Paket dibuat, tetapi catatan pertukarannya tidak tersimpan: {exc}.") from None
    finally:
        local.close()


# --- import --------------------------------------------------------------------------------------


def _check_snapshot(snapshot: Path) -> None:
    conn = sqlite3.connect(f"{snapshot.resolve().as_uri()}?mode=ro", uri=True)
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise PackageError("Data di dalam paket bukan berkas data Dumas Desktop.")
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise PackageError("Data di dalam paket rusak.")
        versions = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError as exc:
        raise PackageError(f"Data di dalam paket tidak terbaca: {exc}.") from None
    finally:
        conn.close()
    if len(versions) != 1 or not isinstance(versions[0][0], str):
        raise PackageError("Data di dalam paket tidak menyebut versi skemanya dengan benar.")
    revision = versions[0][0]
    if revision not in known_revisions():
        raise PackageError(
            f"Paket dibuat oleh versi Dumas Desktop yang lebih baru (skema {revision}). Perbarui program ini dahulu."
        )


def _audit_import(local: sqlite3.Connection, summary: ImportSummary, user: str, now: datetime) -> None:
    home = local.execute("SELECT office_code FROM offices WHERE is_home = 1").fetchone()
    last = local.execute(HEAD_SQL).fetchone()
    from ..storage.audit import make_row

    row = make_row(
        last[0] if last else GENESIS,
        office_code=home[0] if home else "",
        at=now,
        actor=user,
        action="paket_diimpor",
        entity="package",
        after={
            "package_sha256": summary.package_sha256,
            "office": summary.source_office,
            "added": summary.cases_added,
            "updated": summary.cases_updated,
            "conflicts": summary.conflicts,
        },
    )
    row["at"] = now.isoformat(sep=" ")
    row["before"] = None
    row["after"] = json.dumps(row["after"], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    columns = list(row)
    local.execute(
        f"INSERT INTO audit_log ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
        [row[c] for c in columns],
    )


def import_package(
    data: Path,
    package: Path,
    *,
    password: str | None = None,
    user: str = "sistem",
    dry_run: bool = False,
    now: datetime | None = None,
    progress: Callable[[str], None] | None = None,
    admin: FirstAdmin | None = None,
    access: Access = SYSTEM,
) -> ImportSummary:
    """Check the package, then merge it into `data` in one transaction (or, with
    `dry_run`, report what it would do and change nothing). A data file that does not
    exist yet is created from the package: that is how an office moves to a new PC. Such a
    file is built by the program's own migrations and filled with the checked rows; a
    package from an office that uses accounts needs `admin`, its first administrator."""
    data, package = Path(data), Path(package)
    if data.exists():
        # Merging another office's data is an administrator's act (a new file has none yet).
        access.require_admin("Mengimpor paket")
    now = (now or datetime.now()).replace(microsecond=0)
    summary = ImportSummary()
    if not data.parent.is_dir():
        raise DataFileError(f"Folder {data.parent} tidak ada.")
    # Unpacked beside the data file: a new file is then the checked snapshot, renamed into place.
    with tempfile.TemporaryDirectory(prefix=".dumas-impor-", dir=data.parent, ignore_cleanup_errors=True) as work:
        manifest, snapshot = open_package(package, password, Path(work))
        # A package is known by its manifest, which holds its data's SHA-256 and when it was made.
        summary.package_sha256 = hashlib.sha256(
            json.dumps(manifest.data, sort_keys=True, default=str).encode("utf-8")
        ).hexdigest()
        summary.source_office = manifest.office_code
        _check_snapshot(snapshot)
        if progress:
            progress("Paket utuh; menggabungkan data…")
        if inspect_file_or_none(snapshot) != head_revision():
            open_database(snapshot, check_schema=False).close()  # to this schema; checked just below
        _check_snapshot_schema(snapshot)
        if not data.exists():
            summary.created_file = True
            if manifest.data.get("accounts") is not False and admin is None:
                raise PackageError(
                    "Paket ini dari kantor yang memakai akun pengguna, dan akun tidak pernah ikut dalam paket: "
                    "sebutkan administrator pertama berkas baru (--admin NAMA_PENGGUNA --admin-password-file BERKAS)."
                )
            if not dry_run:
                _create_from(snapshot, data, summary, user, now, admin)
                _count_step_days(data)  # the package's own counts are not taken
            return summary
        open_database(data).close()  # an older file is brought to this schema first (after its own backup)
        local = open_local(data)
        source = sqlite3.connect(f"{snapshot.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if local.execute("SELECT 1 FROM imports WHERE package_sha256 = ?", (summary.package_sha256,)).fetchone():
                summary.already_imported = True
                return summary
            local.execute("BEGIN IMMEDIATE")
            try:
                merger = Merger(local, source, summary, keep_identities=manifest.data.get("identities") is False)
                merger.shared()
                merger.cases(summary.package_sha256, now.isoformat(sep=" "))
                merger.audit()
                merger.sequences()
                _record_import(local, summary, manifest, user, now)
                _audit_import(local, summary, user, now)
                problems = local.execute("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise PackageError(f"Penggabungan dibatalkan: {len(problems)} rujukan antartabel tidak utuh.")
            except BaseException:
                local.execute("ROLLBACK")
                raise
            local.execute("ROLLBACK" if dry_run else "COMMIT")
        except sqlite3.IntegrityError as exc:
            # A clash the merge did not name row by row (an update, the import's own record).
            raise PackageError(clash_message(clashing_table(exc), "")) from None
        except sqlite3.Error as exc:
            from ..storage.database import explain_sqlite_error

            raise DataFileError(
                (explain_sqlite_error(exc) or f"Impor gagal: {exc}.") + " Berkas data tidak diubah."
            ) from None
        finally:
            source.close()
            local.close()
    if not dry_run:
        _count_step_days(data, missing_only=True)  # the merge left the incoming steps uncounted
    return summary


def _count_step_days(data: Path, missing_only: bool = False) -> None:
    """The working days of the finished steps, on this file's calendar (storage/step_days.py)."""
    db = open_database(data)
    try:
        ws = Workspace(db)
        with db.transaction() as session:
            recount_step_days(
                session.connection(), ws.calendar(session).working_days_between, missing_only=missing_only
            )
    finally:
        db.close()


def check_package(package: Path, password: str | None = None) -> Manifest:
    """The checks an import begins with (form, names, sizes, SHA-256, version, password,
    the data's schema and values), alone: for a target where merging is costly to begin
    (a server, copied first), a package to refuse is refused before that."""
    with tempfile.TemporaryDirectory(prefix="dumas-periksa-", ignore_cleanup_errors=True) as work:
        manifest, snapshot = open_package(Path(package), password, Path(work))
        _check_snapshot(snapshot)
        if inspect_file_or_none(snapshot) != head_revision():
            open_database(snapshot, check_schema=False).close()  # to this schema; checked just below
        _check_snapshot_schema(snapshot)
    return manifest


def inspect_file_or_none(path: Path) -> str | None:
    try:
        return inspect_file(path)
    except DataFileError:
        return None


def _record_import(
    local: sqlite3.Connection, summary: ImportSummary, manifest: Manifest, user: str, now: datetime
) -> None:
    local.execute(
        "INSERT INTO imports (package_sha256, office_code, made_at, imported_at, imported_by, summary) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            summary.package_sha256,
            manifest.office_code,
            str(manifest.data.get("made_at", "")),
            now.isoformat(sep=" "),
            user,
            json.dumps(
                {"added": summary.cases_added, "updated": summary.cases_updated, "conflicts": summary.conflicts}
            ),
        ),
    )


@dataclass(frozen=True)
class FirstAdmin:
    username: str
    full_name: str
    password: str


def _check_snapshot_schema(snapshot: Path) -> None:
    """The snapshot holds exactly what this program makes, with values of the right kinds;
    anything else (a foreign trigger, an extra column, text in a number) refuses the package."""
    conn = sqlite3.connect(f"{snapshot.resolve().as_uri()}?mode=ro", uri=True)
    try:
        problems = schema_differences(read_schema(conn))
        if not problems:
            problems = bad_values(conn)
    except sqlite3.DatabaseError as exc:
        raise PackageError(f"Data di dalam paket tidak terbaca: {exc}.") from None
    finally:
        conn.close()
    if problems:
        shown = "; ".join(problems[:5]) + (f"; dan {len(problems) - 5} lagi" if len(problems) > 5 else "")
        raise PackageError(f"Paket ditolak: susunan datanya tidak seperti yang dibuat Dumas Desktop ({shown}).")


def _blob_problems(snapshot: Path) -> int:
    """How many carried files do not hash to the SHA-256 they are stored under."""
    conn = sqlite3.connect(f"{snapshot.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return sum(
            1
            for digest, size, content in conn.execute("SELECT sha256, size, content FROM blobs")
            if not isinstance(content, bytes) or size != len(content) or hashlib.sha256(content).hexdigest() != digest
        )
    finally:
        conn.close()


def _fill(target: sqlite3.Connection, snapshot: Path) -> None:
    """Copy the carried rows, with the program's own columns, into a file the migrations
    just made; ids stay as they were, so every reference holds without remapping."""
    target.execute("PRAGMA foreign_keys = OFF")
    # The file is still under its building name and only renamed once whole, so a journal
    # would protect nothing: without one every page is written once, not twice.
    target.execute("PRAGMA journal_mode = OFF")
    target.execute("PRAGMA synchronous = OFF")
    target.execute("PRAGMA cache_size = -262144")
    target.execute("ATTACH DATABASE ? AS carried", (f"{snapshot.resolve().as_uri()}?mode=ro",))
    try:
        triggers = search_index.search_triggers(target)
        target.execute("BEGIN IMMEDIATE")
        for name, _sql in triggers:
            target.execute(f"DROP TRIGGER {quoted(name)}")
        target.execute("DELETE FROM audit_head")  # rebuilt entry by entry as the chain is copied
        target.execute(f"INSERT INTO audit_head (id, entries, hash) VALUES (1, 0, '{GENESIS}')")
        for table in carried_tables():
            if table == "audit_head":
                continue
            columns = table_columns(table)
            listed = ", ".join(quoted(c) for c in columns)
            order = "ORDER BY id" if "id" in columns else ""  # the audit chain's head follows its last entry
            target.execute(
                f"INSERT INTO main.{quoted(table)} ({listed}) SELECT {listed} FROM carried.{quoted(table)} {order}"
            )
        search_index.refill(target)
        for _name, sql in triggers:
            target.execute(sql)
        cover_agenda_numbers(target)
        problems = target.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise PackageError(f"Paket ditolak: {len(problems)} rujukan antartabel tidak utuh.")
        target.execute("COMMIT")
    except BaseException:
        if target.in_transaction:
            target.execute("ROLLBACK")
        raise
    finally:
        target.execute("DETACH DATABASE carried")
        target.execute("PRAGMA foreign_keys = ON")
        target.execute("PRAGMA journal_mode = WAL")


def cover_agenda_numbers(conn: sqlite3.Connection) -> None:
    """Each office's agenda sequence reaches at least the highest number in use, so the
    next complaint never takes a number a carried case already has."""
    conn.execute(
        "INSERT INTO sequences (office_code, name, year, value) "
        "SELECT office_code, 'agenda', year, max(agenda_seq) FROM complaints WHERE true GROUP BY office_code, year "
        "ON CONFLICT (office_code, name, year) DO UPDATE SET value = max(value, excluded.value)"
    )


def _create_from(
    snapshot: Path, data: Path, summary: ImportSummary, user: str, now: datetime, admin: FirstAdmin | None
) -> None:
    from .accounts import create_first_admin

    def setup(db: Database) -> None:
        with ThreadPoolExecutor(max_workers=1) as pool:
            hashing = pool.submit(_blob_problems, snapshot)  # beside the copy: both release the GIL
            conn = open_local(db.file)
            try:
                _fill(conn, snapshot)
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(
                    "INSERT OR REPLACE INTO merge_state (complaint_uuid, revision) "
                    "SELECT uuid, revision FROM complaints"
                )
                _record_import(conn, summary, Manifest({"office": {"code": summary.source_office}}), user, now)
                conn.execute("COMMIT")
            finally:
                conn.close()
            wrong = hashing.result()
        if wrong:
            raise PackageError(f"Paket ditolak: {wrong} berkas di dalamnya tidak sesuai SHA-256-nya.")
        if admin is not None:
            create_first_admin(db, admin.username, admin.full_name, admin.password)

    try:
        create_database(data, setup).close()
    except sqlite3.Error as exc:
        raise DataFileError(f"Berkas data tidak dapat dibuat dari paket: {exc}.") from None
