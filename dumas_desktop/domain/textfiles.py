"""Reading a text file a person hands the program (a password file, a TOML profile):
whatever Windows tool saved it.

Notepad saves "UTF-8 with BOM", PowerShell 5.1's `>` writes UTF-16 with a BOM, and
others plain UTF-8. One helper reads them all, so every such file is read the same way.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from .errors import DumasError

_BOMS = (
    # UTF-32 before UTF-16: the UTF-32 LE mark begins with the UTF-16 LE one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(raw: bytes) -> str:
    """Text from bytes: UTF-16/32 when they begin with their byte-order mark, else UTF-8
    with or without its mark. Raises UnicodeDecodeError for anything else."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return raw.decode(codec)  # the codec reads (and drops) the mark itself
    if b"\x00" in raw and len(raw) % 2 == 0:
        # UTF-16 without a mark (some Windows tools): text never holds NUL bytes, UTF-16
        # holds one beside every ASCII letter, after it (little-endian) or before it.
        codec = "utf-16-le" if raw[1::2].count(0) >= raw[0::2].count(0) else "utf-16-be"
        return raw.decode(codec)
    return raw.decode("utf-8-sig")


def read_user_text(path: Path, what: str, error: type[DumasError] = DumasError) -> str:
    """The text of a file a person gave; what goes wrong reading it is one Indonesian line,
    raised as `error` and naming the file as `what` (e.g. "Berkas kata sandi")."""
    try:
        return decode_text(Path(path).read_bytes())
    except FileNotFoundError:
        raise error(f"{what} {path} tidak ada.") from None
    except IsADirectoryError:
        raise error(f"{what} {path} adalah folder, bukan berkas.") from None
    except PermissionError:
        raise error(f"{what} {path} tidak boleh dibaca (hak akses).") from None
    except OSError as exc:
        raise error(f"{what} {path} tidak dapat dibaca: {exc.strerror or exc}.") from None
    except UnicodeDecodeError:
        raise error(f"{what} {path} bukan teks (UTF-8 atau UTF-16).") from None


def first_line(text: str) -> str:
    """The first line, without its line end or trailing blanks (`echo sandi > f.txt` on
    Windows' cmd leaves a space before the line end)."""
    lines = text.splitlines()
    return lines[0].rstrip(" \t\r\n\f\v") if lines else ""
