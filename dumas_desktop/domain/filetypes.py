"""The kind of a file a person attaches (a scan, a photo, a PDF), the same on every PC.

Python's module-level `mimetypes` reads the Windows registry, where installed programs
rewrite the entries (".jpg" as image/pjpeg, ".csv" as an Excel type, ".pdf" missing), so
the same scan would be stored as different kinds on different PCs. The program's own
table, with the first bytes of the file where they tell, decides instead."""

from __future__ import annotations

import mimetypes

# Built from Python's own table only; a new MimeTypes never reads the registry.
_TABLE = mimetypes.MimeTypes()
_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)
UNKNOWN = "application/octet-stream"


def mime_of(name: str, head: bytes = b"") -> str:
    """The MIME type of a file called `name` whose content starts with `head`."""
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    guessed, _encoding = _TABLE.guess_type(name, strict=False)
    return guessed or UNKNOWN


def megabytes(size: int) -> str:
    """`50 MB`, `73,4 MB`: how the limit and a file's size are named to the office."""
    value = size / 2**20
    text = f"{value:.0f}" if value == int(value) else f"{value:.1f}".replace(".", ",")
    return f"{text} MB"


def size_text(size: int) -> str:
    """A file's size as people read it: "280 B", "42 KB", "1,4 MB" (a small file is not "0 KB")."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return megabytes(size)
