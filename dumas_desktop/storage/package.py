"""The package carried on a stick: a ZIP holding a manifest and a consistent snapshot of
the data file (evidence and issued documents live inside it), optionally encrypted with
a password (scrypt, then AES-256-GCM in numbered chunks, from the `cryptography` library).

Reading never trusts the package: the magic, the sizes, the member names, the checksums,
the program and schema versions are checked before anything is used, and nothing is
extracted by the names the package gives.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..domain.errors import DataFileError

FORMAT = "dumas-desktop-paket"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SNAPSHOT = "data.dumas"
MEMBERS = {MANIFEST, SNAPSHOT}
MAX_MANIFEST_BYTES = 1 * 2**20
MAX_SNAPSHOT_BYTES = 64 * 2**30  # far above any office's data; a bigger claim is an attack
ENCRYPTED_MAGIC = b"DUMASPKG-AES1\n"
CHUNK = 4 * 2**20
SCRYPT = {"n": 2**15, "r": 8, "p": 1}  # about 0.1 s and 32 MB here: slow enough against guessing


class PackageError(DataFileError):
    """The package cannot be used; the office's data file was not touched."""


@dataclass(frozen=True)
class Manifest:
    data: dict[str, Any]

    @property
    def office_code(self) -> str:
        return str(self.data.get("office", {}).get("code", ""))

    @property
    def schema(self) -> str:
        return str(self.data.get("schema", ""))


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(2**20), b""):
            digest.update(block)
    return digest.hexdigest()


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
            aad = header + struct.pack(">IB", index, last)
            sealed = aead.encrypt(_chunk_nonce(prefix, index), block, aad)
            out.write(struct.pack(">I", len(sealed)) + sealed)


def write_package(snapshot: Path, manifest: dict[str, Any], out: Path, password: str | None = None) -> str:
    """Write the package under a temporary name beside `out`, flush it to the device, read
    it back to verify, then rename it; returns its SHA-256. A stick pulled out or full
    half-way leaves only the temporary name, which never looks like a package."""
    out = Path(out)
    manifest = {**manifest, "format": FORMAT, "format_version": FORMAT_VERSION}
    manifest["parts"] = {SNAPSHOT: {"sha256": _sha256_file(snapshot), "size": snapshot.stat().st_size}}
    partial = out.with_name(f"{out.name}.sementara")
    try:
        if password:
            inner = out.with_name(f".{out.name}.zip.sementara")
            try:
                _write_zip(snapshot, manifest, inner)
                with partial.open("wb") as handle:
                    _encrypt(inner, handle, password)
                    handle.flush()
                    os.fsync(handle.fileno())
            finally:
                inner.unlink(missing_ok=True)
        else:
            _write_zip(snapshot, manifest, partial)
        written = _sha256_file(partial)  # read back from the device
        read_package_manifest(partial, password)  # and it opens as a package
        os.replace(partial, out)
        return written
    except OSError as exc:
        with contextlib.suppress(OSError):  # a pulled stick may not take even the deletion
            partial.unlink(missing_ok=True)
        raise PackageError(
            f"Ekspor ke {out.parent} gagal ({exc.strerror or exc}); tidak ada berkas paket yang tampak lengkap. "
            "Periksa ruang kosong dan jangan mencabut flashdisk sebelum selesai, lalu ulangi."
        ) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _write_zip(snapshot: Path, manifest: dict[str, Any], target: Path) -> None:
    with target.open("wb") as raw:
        with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1, default=str))
            archive.write(snapshot, SNAPSHOT)
        raw.flush()
        os.fsync(raw.fileno())


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
            params = {"n": int(meta["n"]), "r": int(meta["r"]), "p": int(meta["p"])}
            if params["n"] > 2**20 or params["r"] > 16 or params["p"] > 4:
                raise ValueError  # a header asking for gigabytes of memory is an attack
            salt, prefix = bytes.fromhex(meta["salt"]), bytes.fromhex(meta["nonce"])
        except (struct.error, ValueError, KeyError, TypeError):
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
                for last in (False, True):
                    try:
                        aad = header + struct.pack(">IB", index, last)
                        block = aead.decrypt(_chunk_nonce(prefix, index), sealed, aad)
                        break
                    except InvalidTag:
                        block = None
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


def _zip_of(path: Path, password: str | None, work: Path) -> Path:
    with path.open("rb") as handle:
        start = handle.read(len(ENCRYPTED_MAGIC))
    if start == ENCRYPTED_MAGIC:
        plain = work / "paket.zip"
        _decrypt(path, plain, password)
        return plain
    if not start.startswith(b"PK"):
        raise PackageError(f"{path.name} bukan paket Dumas Desktop.")
    return path


def _members(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    found: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        name = info.filename
        if name not in MEMBERS or name in found:
            raise PackageError(
                f"Paket berisi berkas yang tidak dikenal atau mencurigakan (\u201c{name[:80]}\u201d); tidak dipakai."
            )
        found[name] = info
    if set(found) != MEMBERS:
        raise PackageError("Paket tidak lengkap: manifest atau data tidak ada.")
    if found[MANIFEST].file_size > MAX_MANIFEST_BYTES or found[SNAPSHOT].file_size > MAX_SNAPSHOT_BYTES:
        raise PackageError("Paket mengaku berisi data yang terlalu besar; tidak dipakai.")
    for info in found.values():
        # Stored parts are as big as they claim; a part that inflates far beyond its packed size is a bomb.
        if info.compress_type != zipfile.ZIP_STORED and info.file_size > 50 * max(1, info.compress_size):
            raise PackageError("Paket mencurigakan (isi memuai berlebihan); tidak dipakai.")
    return found


def _manifest(archive: zipfile.ZipFile) -> Manifest:
    try:
        raw = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, OSError):
        raise PackageError("Paket rusak: manifest tidak terbaca.") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise PackageError("Paket ini bukan buatan Dumas Desktop.")
    if int(raw.get("format_version", 0)) > FORMAT_VERSION:
        raise PackageError("Paket dibuat oleh versi Dumas Desktop yang lebih baru. Perbarui program ini dahulu.")
    return Manifest(raw)


def read_package_manifest(path: Path, password: str | None = None) -> Manifest:
    """Open just far enough to read the manifest (used to verify a package just written)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="dumas-paket-") as work:
        try:
            with zipfile.ZipFile(_zip_of(Path(path), password, Path(work))) as archive:
                _members(archive)
                return _manifest(archive)
        except zipfile.BadZipFile:
            raise PackageError(f"{Path(path).name} rusak atau terpotong (bukan ZIP utuh).") from None


def open_package(path: Path, password: str | None, work: Path) -> tuple[Manifest, Path]:
    """Check the whole package and unpack its snapshot into `work` (a folder of ours)."""
    path = Path(path)
    if not path.is_file():
        raise PackageError(f"Paket {path} tidak ada.")
    try:
        with zipfile.ZipFile(_zip_of(path, password, work)) as archive:
            members = _members(archive)
            manifest = _manifest(archive)
            expected = manifest.data.get("parts", {}).get(SNAPSHOT, {})
            target = work / "snapshot.dumas"
            digest = hashlib.sha256()
            written = 0
            with archive.open(members[SNAPSHOT]) as source, target.open("wb") as out:
                for block in _blocks(source):
                    written += len(block)
                    if written > members[SNAPSHOT].file_size:
                        raise PackageError("Paket mencurigakan (isi lebih besar dari yang dinyatakan).")
                    digest.update(block)
                    out.write(block)
    except zipfile.BadZipFile:
        raise PackageError(f"{path.name} rusak atau terpotong (bukan ZIP utuh). Salin ulang paketnya.") from None
    except OSError as exc:
        raise PackageError(f"Paket tidak dapat dibaca: {exc.strerror or exc}.") from None
    if digest.hexdigest() != expected.get("sha256") or written != expected.get("size"):
        raise PackageError("Paket telah diubah atau rusak: sidik SHA-256 data tidak cocok dengan manifest.")
    return manifest, target


def _blocks(source: io.BufferedIOBase | Any) -> Iterator[bytes]:
    while True:
        try:
            block = source.read(2**20)
        except zipfile.BadZipFile:
            raise PackageError("Paket rusak: isinya tidak sesuai dengan sidiknya.") from None
        if not block:
            return
        yield block
