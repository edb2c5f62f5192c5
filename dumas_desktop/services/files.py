"""Writing a file the office asked for (a PDF, a workbook) without leaving half a file:
written under a temporary name in the same folder, flushed, then moved into place; and
reading a file a person chose (evidence, a signed scan, a logo) within its size limit."""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Callable
from pathlib import Path

from ..domain.errors import DumasError
from ..domain.filetypes import megabytes
from ..storage import fileops
from ..storage.database import sync_file


class FileWriteError(DumasError):
    pass


def explain_os_error(error: OSError, path: Path) -> str:
    if isinstance(error, PermissionError):
        return (
            f"Berkas {path} tidak dapat ditulis: sedang dibuka program lain (misalnya Excel atau pembaca PDF) "
            "atau folder tidak mengizinkan penulisan. Tutup berkas itu atau pilih folder lain, lalu coba lagi."
        )
    if error.errno == errno.EFBIG:
        return fileops.explain(error, path)
    if error.errno == errno.ENOSPC:
        return f"Ruang penyimpanan di {path.parent} penuh. Kosongkan sebagian ruang atau pilih tempat lain."
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return f"Folder {path.parent} tidak ada. Pilih folder yang ada."
    if error.errno == errno.EROFS:
        return f"Tempat penyimpanan {path.parent} hanya dapat dibaca. Pilih tempat lain."
    return f"Berkas {path} tidak dapat ditulis: {error.strerror or error}."


def read_chosen_file(path: Path, limit: int, what: str = "Berkas") -> bytes:
    """The bytes of a file a person chose, refused in one Indonesian line naming the file
    and the limit when it is larger: the size comes from `stat` first, so a 4 GB video
    picked by mistake is never read into memory. Read on the operation runner's worker."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise DumasError(f"{what} {path.name} terlalu besar ({megabytes(size)}); paling besar {megabytes(limit)}.")
        # Unbuffered, and exactly the size stat gave: one allocation, filled by the OS with
        # Python's lock released (a larger read would be shrunk afterwards, a copy under it).
        with path.open("rb", buffering=0) as handle:
            content = handle.readall() if size == 0 else handle.read(size)
            grew = bool(handle.read(1))
    except FileNotFoundError:
        raise DumasError(f"{what} {path.name} tidak ditemukan lagi di {path.parent}.") from None
    except IsADirectoryError:
        raise DumasError(f"{what} {path.name} adalah folder, bukan berkas.") from None
    except PermissionError:
        raise DumasError(f"{what} {path.name} tidak boleh dibaca (hak akses).") from None
    except OSError as error:
        raise DumasError(f"{what} {path.name} tidak dapat dibaca: {error.strerror or error}.") from None
    if grew:  # still being written (a scanner saving it): what was read is not the whole file
        raise DumasError(f"{what} {path.name} sedang berubah; tunggu sampai selesai disimpan, lalu coba lagi.")
    return bytes(content or b"")


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Run `write` on a temporary path beside `path`, then replace `path` with it.

    An existing file at `path` is untouched until the new one is complete."""
    path = Path(path)
    if not path.parent.is_dir():
        raise FileWriteError(explain_os_error(FileNotFoundError(errno.ENOENT, "missing"), path))
    temporary = path.with_name(f".{path.name}.sementara")
    try:
        write(temporary)
        sync_file(temporary)
        fileops.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            fileops.unlink(temporary)
        raise FileWriteError(explain_os_error(error, path)) from error
    except BaseException:
        with contextlib.suppress(OSError):
            fileops.unlink(temporary)
        raise


def write_bytes(path: Path, content: bytes) -> None:
    def write(temporary: Path) -> None:
        temporary.write_bytes(content)

    write_atomically(path, write)


def replace_file(source: Path, target: Path) -> None:
    """`os.replace` that waits out a moment's hold by another program (Windows)."""
    fileops.replace(source, target)
