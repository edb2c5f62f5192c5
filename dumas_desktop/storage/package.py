"""The package carried on a stick: a consistent snapshot of the data file (evidence and
issued documents live inside it) followed by a manifest and a fixed trailer; optionally
encrypted with a password (scrypt, then AES-256-GCM in numbered chunks, from the
`cryptography` library).

    [snapshot: an SQLite file][manifest: JSON][manifest length][snapshot length][MAGIC]

The snapshot is written once, straight to the package's temporary name on the stick, by
SQLite's backup API (or VACUUM INTO); reading it back for its SHA-256 is also the check
that the stick holds what was written. So an export costs little more than copying the
bytes. Reading never trusts the package: trailer, lengths, manifest, checksum and
versions are checked before anything is used, and nothing inside is named by the package.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import struct
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..domain.errors import DataFileError
from . import fileops

FORMAT = "dumas-desktop-paket"
FORMAT_VERSION = 1
MAGIC = b"DUMAS-PAKET-v1\r\n"  # 16 bytes, at the very end
TRAILER = struct.Struct(">QQ16s")  # manifest length, snapshot length, magic
MAX_MANIFEST_BYTES = 1 * 2**20
MAX_SNAPSHOT_BYTES = 64 * 2**30  # far above any office's data; a bigger claim is an attack
SQLITE_HEADER = b"SQLite format 3\x00"
ENCRYPTED_MAGIC = b"DUMASPKG-AES1\n"
CHUNK = 4 * 2**20
BLOCK = 2**20
SCRYPT = {"n": 2**15, "r": 8, "p": 1}  # about 0.1 s and 32 MB here: slow enough against guessing


class PackageError(DataFileError):
    """The package cannot be used; the office's data file was not touched."""


@dataclass(frozen=True)
class Manifest:
    data: dict[str, Any]

    @property
    def office_code(self) -> str:
        return str(self.data.get("office", {}).get("code", ""))


def _hash_file(path: Path, limit: int | None = None) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while limit is None or size < limit:
            block = handle.read(BLOCK if limit is None else min(BLOCK, limit - size))
            if not block:
                break
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def sha256_file(path: Path) -> str:
    return _hash_file(path)[0]


# --- writing -------------------------------------------------------------------------------------


def _key(password: str, salt: bytes, params: dict[str, int]) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=params["n"], r=params["r"], p=params["p"]).derive(password.encode("utf-8"))


def _chunk_nonce(prefix: bytes, index: int) -> bytes:
    return prefix + struct.pack(">I", index)


def _encrypt(plain: Path, out: BinaryIO, password: str) -> None:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, prefix = os.urandom(16), os.urandom(8)
    header = json.dumps(
        {"kdf": "scrypt", **SCRYPT, "salt": salt.hex(), "nonce": prefix.hex(), "chunk": CHUNK, "cipher": "aes-256-gcm"}
    ).encode("ascii")
    out.write(ENCRYPTED_MAGIC + struct.pack(">I", len(header)) + header)
    aead = AESGCM(_key(password, salt, SCRYPT))
    size = plain.stat().st_size
    count = max(1, -(-size // CHUNK))
    with plain.open("rb") as source:
        for index in range(count):
            block = source.read(CHUNK)
            last = index == count - 1
            # The header, the chunk's place and whether it is the last are all authenticated:
            # chunks cannot be reordered, dropped, or the package cut short unnoticed.
            sealed = aead.encrypt(_chunk_nonce(prefix, index), block, header + struct.pack(">IB", index, last))
            out.write(struct.pack(">I", len(sealed)) + sealed)


def _seal(path: Path, manifest: dict[str, Any]) -> None:
    """Hash the snapshot just written at `path` (reading it back), then append the manifest
    and the trailer, and flush it all to the device.

    The snapshot's flush to the device waits on the disk and the hash on the processor, so
    they run side by side (both release the GIL); the manifest is appended only after both."""
    with path.open("ab") as handle, ThreadPoolExecutor(max_workers=1) as pool:
        flushed = pool.submit(os.fsync, handle.fileno())
        digest, size = _hash_file(path)
        flushed.result()  # a failed flush (stick pulled, disk full) raises its OSError here
        manifest = {**manifest, "format": FORMAT, "format_version": FORMAT_VERSION}
        manifest["parts"] = {"data": {"sha256": digest, "size": size}}
        body = json.dumps(manifest, ensure_ascii=False, indent=1, default=str).encode("utf-8")
        handle.write(body + TRAILER.pack(len(body), size, MAGIC))
        handle.flush()
        os.fsync(handle.fileno())


def write_package(
    make_snapshot: Callable[[Path], None],
    describe: Callable[[Path], dict[str, Any]],
    out: Path,
    password: str | None = None,
) -> Manifest:
    """Write a package to `out`: `make_snapshot(path)` writes the SQLite snapshot to a path
    it is given, `describe(path)` gives the manifest's facts about it. Written under a
    temporary name, flushed, read back, and only then renamed: a stick pulled out or full
    half-way leaves only the temporary name, which never looks like a package."""
    out = Path(out)
    partial = out.with_name(f"{out.name}.sementara")
    plain = partial if not password else out.with_name(f".{out.name}.polos.sementara")
    try:
        make_snapshot(plain)
        facts = describe(plain)
        _seal(plain, facts)
        if password:
            with partial.open("wb") as handle:
                _encrypt(plain, handle, password)
                handle.flush()
                os.fsync(handle.fileno())
            fileops.unlink(plain)
        manifest = read_manifest(partial, password)  # what is on the device opens as a package
        fileops.replace(partial, out)
        return manifest
    except OSError as exc:
        for leftover in (partial, plain):
            with contextlib.suppress(OSError):  # a pulled stick may not take even the deletion
                fileops.unlink(leftover)
        raise PackageError(
            f"Ekspor ke {out.parent} gagal ({fileops.explain(exc, out)}); tidak ada berkas paket yang tampak lengkap. "
            "Periksa ruang kosong dan jangan mencabut flashdisk sebelum selesai, lalu ulangi."
        ) from None
    except BaseException:
        for leftover in (partial, plain):
            with contextlib.suppress(OSError):
                fileops.unlink(leftover)
        raise


# --- reading -------------------------------------------------------------------------------------


def _decrypt(source: Path, target: Path, password: str | None) -> None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not password:
        raise PackageError("Paket ini dilindungi kata sandi. Sebutkan kata sandinya.")
    with source.open("rb") as handle:
        handle.read(len(ENCRYPTED_MAGIC))
        try:
            (length,) = struct.unpack(">I", handle.read(4))
            if length > 4096:
                raise ValueError
            header = handle.read(length)
            meta = json.loads(header)
            params = {key: _whole(meta[key]) for key in ("n", "r", "p")}
            n, r, p = params["n"], params["r"], params["p"]
            # Only what scrypt accepts, and never a header asking for gigabytes of memory.
            if not (2 <= n <= 2**20 and n & (n - 1) == 0 and 1 <= r <= 16 and 1 <= p <= 4):
                raise ValueError
            salt, prefix = bytes.fromhex(meta["salt"]), bytes.fromhex(meta["nonce"])
            if not 16 <= len(salt) <= 64 or len(prefix) != 8:
                raise ValueError
        except (struct.error, ValueError, KeyError, TypeError, AttributeError):
            raise PackageError("Paket rusak: kepala paket terenkripsi tidak terbaca.") from None
        aead = AESGCM(_key(password, salt, params))
        index = 0
        with target.open("wb") as out:
            while True:
                size_bytes = handle.read(4)
                if len(size_bytes) < 4:
                    raise PackageError("Paket terpotong: bagian akhirnya tidak ada. Salin ulang paketnya.")
                (size,) = struct.unpack(">I", size_bytes)
                if size > CHUNK + 16:
                    raise PackageError("Paket rusak: ukuran potongan tidak wajar.")
                sealed = handle.read(size)
                if len(sealed) < size:
                    raise PackageError("Paket terpotong: bagian akhirnya tidak ada. Salin ulang paketnya.")
                block = None
                for last in (False, True):
                    try:
                        aad = header + struct.pack(">IB", index, last)
                        block = aead.decrypt(_chunk_nonce(prefix, index), sealed, aad)
                        break
                    except InvalidTag:
                        continue
                if block is None:
                    if index == 0:
                        raise PackageError("Kata sandi salah, atau paket telah diubah.")
                    raise PackageError(f"Paket telah diubah atau rusak (potongan ke-{index + 1} tidak sah).")
                out.write(block)
                index += 1
                if last:
                    if handle.read(1):
                        raise PackageError("Paket telah diubah: ada data setelah akhir paket.")
                    return


def _plain_of(path: Path, password: str | None, work: Path) -> Path:
    with path.open("rb") as handle:
        start = handle.read(len(ENCRYPTED_MAGIC))
    if start == ENCRYPTED_MAGIC:
        plain = work / "paket-polos"
        _decrypt(path, plain, password)
        return plain
    return path


def _layout(path: Path) -> tuple[Manifest, int]:
    """The manifest and the snapshot's length, from the trailer; every claim checked."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        start = handle.read(len(SQLITE_HEADER))
        if size < TRAILER.size + len(SQLITE_HEADER):
            raise PackageError(f"{path.name} bukan paket Dumas Desktop, atau terpotong.")
        handle.seek(size - TRAILER.size)
        manifest_size, snapshot_size, magic = TRAILER.unpack(handle.read(TRAILER.size))
        if magic != MAGIC:
            if start == SQLITE_HEADER:
                raise PackageError(f"{path.name} terpotong: akhir paket tidak ada. Salin ulang paketnya.")
            raise PackageError(f"{path.name} bukan paket Dumas Desktop.")
        if manifest_size > MAX_MANIFEST_BYTES or snapshot_size > MAX_SNAPSHOT_BYTES:
            raise PackageError("Paket mengaku berisi data yang terlalu besar; tidak dipakai.")
        if manifest_size + snapshot_size + TRAILER.size != size or start != SQLITE_HEADER:
            raise PackageError(f"{path.name} rusak: ukuran bagian-bagiannya tidak cocok.")
        handle.seek(snapshot_size)
        try:
            raw = json.loads(handle.read(manifest_size).decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise PackageError("Paket rusak: manifest tidak terbaca.") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise PackageError("Paket ini bukan buatan Dumas Desktop.")
    version = raw.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise PackageError("Paket rusak: versi formatnya tidak sah.")
    if version > FORMAT_VERSION:
        raise PackageError("Paket dibuat oleh versi Dumas Desktop yang lebih baru. Perbarui program ini dahulu.")
    _check_manifest_shape(raw)
    return Manifest(raw), snapshot_size


def _whole(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError
    return value


def _check_manifest_shape(raw: dict[str, Any]) -> None:
    """The manifest's fields have the kinds the program reads them as; anything else is a
    damaged or made-up package, refused in one line."""
    parts, office = raw.get("parts"), raw.get("office", {})
    data = parts.get("data") if isinstance(parts, dict) else None
    problems = []
    if not isinstance(data, dict) or not isinstance(data.get("sha256"), str):
        problems.append("bagian data")
    elif not isinstance(data.get("size"), int) or isinstance(data.get("size"), bool):
        problems.append("ukuran data")
    if not isinstance(office, dict) or not isinstance(office.get("code", ""), str):
        problems.append("kantor")
    for flag in ("identities", "accounts"):
        if flag in raw and not isinstance(raw[flag], bool):
            problems.append(flag)
    if "made_at" in raw and not isinstance(raw["made_at"], str):
        problems.append("waktu pembuatan")
    if problems:
        raise PackageError(f"Paket rusak: isian manifest tidak sah ({', '.join(problems)}).")


def read_manifest(path: Path, password: str | None = None) -> Manifest:
    """Just the manifest (a package just written, or one to describe before importing)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="dumas-paket-", ignore_cleanup_errors=True) as work:
        return _layout(_plain_of(Path(path), password, Path(work)))[0]


def _copy_hashing(source: Path, target: Path, size: int) -> tuple[str, int]:
    """Copy the first `size` bytes of `source` to `target`, hashing them on the way. Each
    block is hashed by a helper thread while it is written (both release the GIL), so the
    copy costs about the longer of the two rather than their sum."""
    digest, copied = hashlib.sha256(), 0
    with source.open("rb") as reader, target.open("wb") as out, ThreadPoolExecutor(max_workers=1) as pool:
        hashing: Future[None] | None = None
        while copied < size:
            block = reader.read(min(BLOCK, size - copied))
            if not block:
                break
            if hashing is not None:
                hashing.result()  # blocks reach the digest in order
            hashing = pool.submit(digest.update, block)
            out.write(block)
            copied += len(block)
        if hashing is not None:
            hashing.result()
    return digest.hexdigest(), copied


def open_package(path: Path, password: str | None, work: Path) -> tuple[Manifest, Path]:
    """Check the whole package and copy its snapshot into `work` (a folder of ours)."""
    path = Path(path)
    if not path.is_file():
        raise PackageError(f"Paket {path} tidak ada.")
    try:
        plain = _plain_of(path, password, work)
        manifest, snapshot_size = _layout(plain)
        expected = manifest.data.get("parts", {}).get("data", {})
        target = work / "snapshot.dumas"
        digest, copied = _copy_hashing(plain, target, snapshot_size)
    except OSError as exc:
        raise PackageError(f"Paket tidak dapat dibaca: {exc.strerror or exc}.") from None
    if digest != expected.get("sha256") or copied != expected.get("size"):
        raise PackageError("Paket telah diubah atau rusak: sidik SHA-256 data tidak cocok dengan manifest.")
    return manifest, target
