"""Writing a file the office asked for (a PDF, a workbook) without leaving half a file:
written under a temporary name in the same folder, flushed, then moved into place."""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Callable
from pathlib import Path

from ..domain.errors import DumasError
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
