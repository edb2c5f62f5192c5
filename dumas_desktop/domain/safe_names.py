"""File names that come from outside (an e-mail's attachment) made safe to keep and to save
on Windows: no folder parts, no reserved device names, no characters Windows refuses."""

from __future__ import annotations

import re
import unicodedata

_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {f"{d}{n}" for d in ("COM", "LPT") for n in "123456789"}
_BAD = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
MAX_NAME = 120


def safe_file_name(name: str, fallback: str = "lampiran") -> str:
    """The last part of `name` with what Windows refuses replaced; `fallback` when nothing is left."""
    name = unicodedata.normalize("NFKC", name or "")
    # A sender may write "..\\..\\Windows\\x.exe" or "/etc/passwd": only the last part counts.
    name = re.split(r"[\\/]", name)[-1]
    name = _BAD.sub("_", name)
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cf", "Cc", "Cs", "Co"))
    name = name.strip(" .")
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    if stem.split(".")[0].upper().rstrip() in _RESERVED or name.upper() in _RESERVED:
        name = f"_{name}"
    if len(name) > MAX_NAME:
        keep = ext[:16]
        name = f"{stem[: MAX_NAME - len(keep) - 1]}.{keep}" if keep and dot else name[:MAX_NAME]
    return name or fallback
