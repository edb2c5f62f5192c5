"""A package fuzzer: real packages mutated every way a person with a hex editor and the
SQLite shell could (manifest fields, sizes, bytes, the encryption header, the inner file's
schema objects, column names, kinds and values). Every outcome is either an import that
leaves the office's file passing `check`, or a one-line refusal with the file byte for
byte as it was. DUMAS_FUZZ_EXAMPLES sets how many packages are tried (a bench run uses
thousands; the suite a few dozen)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dumas_desktop.domain.errors import DumasError
from dumas_desktop.services import transfer
from dumas_desktop.services.demo import make_demo
from dumas_desktop.storage import package as package_module
from dumas_desktop.storage.integrity import check_file
from dumas_desktop.storage.schema import reference_schema

NOW = datetime(2026, 11, 20, 10, 0)
EXAMPLES = int(os.environ.get("DUMAS_FUZZ_EXAMPLES", "40"))
ADMIN = transfer.FirstAdmin("kepala", "Kepala", "rahasia-baru-123")
TABLES = sorted(t for t in reference_schema().columns if not t.startswith("complaint_search"))


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("fuzz")
    office = make_demo(folder / "kantor.dumas", 12, "sanggau-2026", seed=21, now=NOW).path
    plain, secret = folder / "baik.dumaspkg", folder / "rahasia.dumaspkg"
    transfer.export_package(office, plain, now=NOW)
    transfer.export_package(office, secret, password="sandi-kantor", now=NOW)
    # The office that receives: it exchanged with this one before, so updates are merged too.
    home = folder / "rumah.dumas"
    shutil.copyfile(office, home)
    transfer.export_package(home, folder / "awal.dumaspkg", now=NOW)
    return {"office": office, "plain": plain, "secret": secret, "home": home, "folder": folder}


def _parts(raw: bytes) -> tuple[bytes, dict]:
    manifest_size, snapshot_size, _magic = package_module.TRAILER.unpack(raw[-package_module.TRAILER.size :])
    return raw[:snapshot_size], json.loads(raw[snapshot_size : snapshot_size + manifest_size])


def _join(snapshot: bytes, manifest: dict, *, vouch: bool) -> bytes:
    if vouch:
        manifest = {
            **manifest,
            "parts": {"data": {"sha256": hashlib.sha256(snapshot).hexdigest(), "size": len(snapshot)}},
        }
    body = json.dumps(manifest).encode()
    return snapshot + body + package_module.TRAILER.pack(len(body), len(snapshot), package_module.MAGIC)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
SQL_VALUES = (
    st.none()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.binary(max_size=30)
)
NAMES = st.text(min_size=1, max_size=40).filter(lambda n: "\x00" not in n)


@st.composite
def sql_mutation(draw) -> list[tuple[str, tuple]]:
    table = draw(st.sampled_from(TABLES))
    columns = [c[0] for c in reference_schema().columns[table]]
    column = draw(st.sampled_from(columns))
    q = lambda name: '"' + name.replace('"', '""') + '"'  # noqa: E731
    kind = draw(st.sampled_from(["value", "column", "trigger", "view", "delete", "table", "drop_index", "insert"]))
    if kind == "value":
        return [(f"UPDATE {q(table)} SET {q(column)} = ? WHERE rowid IN (SELECT rowid FROM {q(table)} LIMIT 1)",
                 (draw(SQL_VALUES),))]  # fmt: skip
    if kind == "column":
        return [(f"ALTER TABLE {q(table)} ADD COLUMN {q(draw(NAMES))}", ()),
                ("UPDATE complaints SET revision = revision + 3 WHERE rowid = 1", ())]  # fmt: skip
    if kind == "trigger":
        return [(f"CREATE TRIGGER {q(draw(NAMES))} AFTER INSERT ON {q(table)} BEGIN SELECT 1; END", ())]
    if kind == "view":
        return [(f"CREATE VIEW {q(draw(NAMES))} AS SELECT * FROM {q(table)}", ())]
    if kind == "delete":
        return [(f"DELETE FROM {q(table)} WHERE rowid IN (SELECT rowid FROM {q(table)} LIMIT ?)",
                 (draw(st.integers(1, 5)),))]  # fmt: skip
    if kind == "table":
        return [(f"CREATE TABLE {q(draw(NAMES))} (x)", ())]
    if kind == "drop_index":
        return [("DROP INDEX IF EXISTS ix_complaints_year_seq", ())]
    return [(f"INSERT INTO {q(table)} ({q(column)}) VALUES (?)", (draw(SQL_VALUES),))]


@st.composite
def hostile_package(draw, plain: bytes, secret: bytes) -> tuple[bytes, str | None]:
    snapshot, manifest = _parts(plain)
    how = draw(st.sampled_from(["manifest", "bytes", "truncate", "sql", "encrypted", "sizes"]))
    if how == "manifest":
        key = draw(st.sampled_from(["format", "format_version", "parts", "office", "identities", "accounts",
                                    "made_at", "counts", "program"]))  # fmt: skip
        return _join(snapshot, {**manifest, key: draw(JSON_VALUES)}, vouch=key != "parts"), None
    if how == "bytes":
        raw = bytearray(plain)
        for _ in range(draw(st.integers(1, 4))):
            raw[draw(st.integers(0, len(raw) - 1))] ^= draw(st.integers(1, 255))
        return bytes(raw), None
    if how == "truncate":
        return plain[: draw(st.integers(0, len(plain) - 1))], None
    if how == "sizes":
        return plain[: -package_module.TRAILER.size] + package_module.TRAILER.pack(
            draw(st.integers(0, 2**64 - 1)), draw(st.integers(0, 2**64 - 1)), package_module.MAGIC
        ), None
    if how == "encrypted":
        raw = bytearray(secret)
        start = len(package_module.ENCRYPTED_MAGIC)
        if draw(st.booleans()):  # the JSON header of the encryption, rewritten
            length = int.from_bytes(raw[start : start + 4], "big")
            header = json.loads(raw[start + 4 : start + 4 + length])
            header[draw(st.sampled_from(["n", "r", "p", "salt", "nonce"]))] = draw(JSON_VALUES)
            body = json.dumps(header).encode()
            raw = raw[:start] + len(body).to_bytes(4, "big") + body + raw[start + 4 + length :]
        else:
            raw[draw(st.integers(start, len(raw) - 1))] ^= draw(st.integers(1, 255))
        return bytes(raw), "sandi-kantor"
    statements = draw(st.lists(sql_mutation(), min_size=1, max_size=3))
    return _mutated(snapshot, manifest, [s for group in statements for s in group]), None


def _mutated(snapshot: bytes, manifest: dict, statements: list[tuple[str, tuple]]) -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as work:
        path = Path(work) / "s.sqlite"
        path.write_bytes(snapshot)
        with closing(sqlite3.connect(path)) as conn:
            conn.execute("PRAGMA journal_mode = DELETE")
            for sql, params in statements:
                # A change SQLite itself refuses: the package goes without it.
                with contextlib.suppress(sqlite3.Error):
                    conn.execute(sql, params)
            conn.commit()
        return _join(path.read_bytes(), manifest, vouch=True)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=not os.environ.get("DUMAS_FUZZ_RANDOM"),  # the suite always tries the same packages
)
@given(data=st.data())
def test_every_hostile_package_is_a_clean_import_or_a_one_line_refusal(made, data, tmp_path_factory) -> None:
    content, password = data.draw(hostile_package(made["plain"].read_bytes(), made["secret"].read_bytes()))
    work = tmp_path_factory.mktemp("kasus")
    package = work / "paket.dumaspkg"
    package.write_bytes(content)
    home = work / "rumah.dumas"
    shutil.copyfile(made["home"], home)
    before = home.read_bytes()
    into_new = data.draw(st.booleans())
    target = work / "baru.dumas" if into_new else home
    try:
        transfer.import_package(target, package, password=password, now=NOW, admin=ADMIN if into_new else None)
    except DumasError as exc:
        message = exc.message
        assert message and "\n" not in message and "Traceback" not in message
        assert home.read_bytes() == before
        if into_new:
            assert not target.exists()
        return
    report = check_file(target)
    assert report.ok, report.problems
