"""Reading one e-mail as it came from outside: hostile until proven otherwise.

Headers in any encoding (RFC 2047 words, wrong or unknown charsets), broken and deeply
nested MIME, huge parts and file names with folder parts or Windows device names are each
read as far as they safely can be, and what was refused or changed is said in `notes`
(Indonesian). Nothing here raises for a bad message; `parse_message` only refuses, with
MailRefused, a message it cannot read at all. Archives attached are kept as files, never
unpacked; HTML becomes plain text without fetching anything.
"""

from __future__ import annotations

import binascii
import codecs
import email
import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.message import Message
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

from ..domain.errors import DumasError
from ..domain.filetypes import mime_of
from ..domain.safe_names import safe_file_name
from .mail_html import html_to_text
from .mail_mime import RAW_HEADERS, SplitPart, decode_base64, header_text, split_parts

MAX_MESSAGE_BYTES = 50 * 2**20
MAX_ATTACHMENT_BYTES = 40 * 2**20
MAX_PARTS = 300
MAX_DEPTH = 12
MAX_BODY_CHARS = 200_000
MAX_HEADER_CHARS = 2_000


class MailRefused(DumasError):
    """A message the program will not keep (too large, or not a message at all)."""


@dataclass(frozen=True)
class Attachment:
    name: str
    mime_type: str
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class ParsedMail:
    message_id: str
    date: datetime | None
    sender_name: str
    sender_address: str
    recipients: str
    subject: str
    body: str
    attachments: tuple[Attachment, ...] = ()
    notes: tuple[str, ...] = ()


def attachment_list(mail: ParsedMail) -> list[dict[str, object]]:
    """The attachments as a message row keeps them (the files stay inside the raw message)."""
    return [{"name": a.name, "mime_type": a.mime_type, "size": a.size, "sha256": a.sha256} for a in mail.attachments]


def megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB".replace(".", ",")


def clean(text: str, limit: int = MAX_HEADER_CHARS, *, lines: bool = False) -> str:
    """Printable text only (a header may carry control characters or a terminal's escapes)."""
    if (text.replace("\n", "").replace("\t", "") if lines else text).isprintable():
        kept = text  # the usual case, checked at C speed
    else:
        kept = "".join(c if c.isprintable() or (lines and c in "\n\t") else " " for c in text)
    if not lines:
        kept = " ".join(kept.split())
    return kept[:limit].strip()


def _decode(data: bytes, charset: str | None, notes: list[str]) -> str:
    name = (charset or "").strip().strip('"').lower()
    if name:
        try:
            codecs.lookup(name)
        except LookupError:
            notes.append(f"Kode karakter \u201c{clean(name, 40)}\u201d tidak dikenal; teks dibaca sebagai UTF-8.")
            name = ""
    if name:
        try:
            return data.decode(name)
        except (UnicodeDecodeError, ValueError):
            notes.append(
                f"Sebagian teks tidak sesuai kode karakter {clean(name, 40)}; huruf yang rusak diganti tanda \ufffd."
            )
            return data.decode(name, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def header(msg: Message, name: str) -> str:
    """One header as printable text. The messages are parsed with compat32, whose headers are
    the raw strings (reading one never raises); the few the program shows are decoded here."""
    try:
        return clean(header_text(msg.get(name)))
    except Exception:  # a hostile header value the decoder cannot follow is no header
        return ""


def _date(msg: Message, notes: list[str]) -> datetime | None:
    text = header(msg, "Date")
    if not text:
        return None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        notes.append("Tanggal surel tidak terbaca; dipakai waktu surel diterima server.")
        return None
    if when.tzinfo is not None:
        try:
            when = when.astimezone().replace(tzinfo=None)
        except (OverflowError, ValueError, OSError):
            return None
    return when.replace(microsecond=0)


def _raw(msg: Message, name: str) -> str:
    """A header unfolded but not decoded: addresses are parsed before their names' encoded
    words are decoded (RFC 2047 section 5), so an encoded comma cannot split an address."""
    value = msg.get(name)
    return "" if value is None else str(value).replace("\r\n", "").replace("\n", "")


def _sender(msg: Message) -> tuple[str, str]:
    raw_name, address = parseaddr(_raw(msg, "From"))
    name = header_text(raw_name)
    address = header_text(address).strip()
    if not re.fullmatch(r"[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+", address) or len(address) > 254:
        return clean(name or address, 200), ""
    return clean(name, 200), address.lower()


def _recipients(msg: Message) -> str:
    found = []
    for raw_name, raw_address in getaddresses([_raw(msg, "To"), _raw(msg, "Cc")]):
        name, address = clean(header_text(raw_name), 200), clean(header_text(raw_address), 320)
        if address or name:
            found.append(f"{name} <{address}>" if name and address else address or name)
    return clean(", ".join(found), MAX_HEADER_CHARS)


@dataclass
class _Walk:
    notes: list[str]
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    parts: int = 0
    cut: bool = False


def _filename(part: Message) -> str:
    try:
        name = part.get_filename()
        return header_text(name) if name else ""  # many mailers encode the name as RFC 2047 words
    except Exception:  # an unreadable name is no name
        return ""


def _payload(part: Message) -> bytes:
    """A leaf part's content, its transfer encoding undone as far as it can be."""
    if isinstance(part, SplitPart) and str(part.get("Content-Transfer-Encoding", "")).strip().lower() == "base64":
        try:  # in one call, line breaks skipped: the email package splits and joins the lines first
            return decode_base64(part.encoded)
        except (binascii.Error, ValueError):
            pass  # bad padding and such: the email package's repairs below
    try:
        data = part.get_payload(decode=True)
    except Exception:  # a transfer encoding that cannot be undone
        data = None
    if isinstance(data, bytes):
        return data
    try:  # the text as it is; reading it may use a hostile charset parameter
        raw = part.get_payload()
    except Exception:
        return b""
    return raw.encode("utf-8", "replace") if isinstance(raw, str) else b""


def _attach(walk: _Walk, name: str, ctype: str, content: bytes) -> None:
    index = len(walk.attachments) + 1
    safe = safe_file_name(name, f"lampiran-{index}")
    if safe != clean(name, 500) and name:
        walk.notes.append(f"Nama lampiran \u201c{clean(name, 80)}\u201d diubah menjadi \u201c{safe}\u201d.")
    if len(content) > MAX_ATTACHMENT_BYTES:
        walk.notes.append(
            f"Lampiran {safe} ({megabytes(len(content))}) melewati batas {megabytes(MAX_ATTACHMENT_BYTES)}; tidak "
            "disimpan terpisah (tetap ada dalam surel asli .eml)."
        )
        return
    if not content:
        walk.notes.append(f"Lampiran {safe} kosong; dilewati.")
        return
    mime = ctype if ctype != "application/octet-stream" else mime_of(safe, content[:16])
    walk.attachments.append(Attachment(safe, mime, content))


def _walk(part: Message, depth: int, walk: _Walk) -> None:
    if walk.parts >= MAX_PARTS or depth > MAX_DEPTH:
        if not walk.cut:
            walk.notes.append(
                f"Susunan MIME terlalu banyak atau terlalu dalam (lebih dari {MAX_PARTS} bagian atau {MAX_DEPTH} "
                "tingkat); sisanya tidak dibaca (tetap ada dalam surel asli .eml)."
            )
            walk.cut = True
        return
    walk.parts += 1
    try:
        ctype = part.get_content_type()
    except Exception:
        ctype = "application/octet-stream"
    if not (ctype.isascii() and ctype.isprintable()) or len(ctype) > 100:  # the raw header's bytes
        ctype = "application/octet-stream"
    if ctype == "message/rfc822":  # a forwarded message: kept whole as a file, not opened
        try:
            inner = part.get_payload()
        except Exception:  # a hostile charset parameter: the content is still taken as bytes below
            inner = None
        first = inner[0] if isinstance(inner, list) and inner else None
        try:
            content = first.as_bytes() if isinstance(first, Message) else _payload(part)
        except Exception:  # the inner message cannot be written back
            content = _payload(part)
        name = _filename(part) or f"surel-terlampir-{len(walk.attachments) + 1}.eml"
        _attach(walk, name if name.lower().endswith(".eml") else f"{name}.eml", "message/rfc822", content)
        return
    if part.is_multipart():
        children = part.get_payload()
        if isinstance(children, list):
            for child in children:
                if isinstance(child, Message):
                    _walk(child, depth + 1, walk)
        return
    try:
        disposition = part.get_content_disposition()
    except Exception:
        disposition = None
    name = _filename(part)
    if ctype in ("text/plain", "text/html") and disposition != "attachment" and not name:
        try:
            charset = part.get_content_charset()
        except Exception:
            charset = None
        text = _decode(_payload(part), charset, walk.notes)
        (walk.plain if ctype == "text/plain" else walk.html).append(text)
        return
    _attach(walk, name, ctype, _payload(part))


def _body(walk: _Walk) -> str:
    if walk.plain:
        text = "\n\n".join(t.strip() for t in walk.plain)
    elif walk.html:
        text = "\n\n".join(html_to_text(t) for t in walk.html)
    else:
        text = ""
    text = clean(text.replace("\r\n", "\n").replace("\r", "\n"), MAX_BODY_CHARS + 1, lines=True)
    if len(text) > MAX_BODY_CHARS:
        walk.notes.append(
            f"Isi surel lebih dari {MAX_BODY_CHARS:,} huruf; dipotong (lengkapnya dalam surel asli .eml)."
        )
        text = text[:MAX_BODY_CHARS]
    return text


def _check_size(raw: bytes) -> None:
    if len(raw) > MAX_MESSAGE_BYTES:
        raise MailRefused(
            f"Surel berukuran {megabytes(len(raw))} melewati batas {megabytes(MAX_MESSAGE_BYTES)}; tidak diambil."
        )
    if not raw or raw.isspace():  # isspace: no copy of a large message, as strip would make
        raise MailRefused("Surel kosong; tidak diambil.")


def _header_block(raw: bytes) -> bytes:
    ends = [found for found in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if found >= 0]
    return raw[: min(ends) + 2] if ends else raw


def _headers_read(msg: Message, body: str = "", walk: _Walk | None = None) -> ParsedMail:
    notes = walk.notes if walk is not None else []
    name, address = _sender(msg)
    return ParsedMail(
        message_id=clean(header(msg, "Message-ID"), 400),
        date=_date(msg, notes),
        sender_name=name,
        sender_address=address,
        recipients=_recipients(msg),
        subject=clean(header(msg, "Subject"), 1000),
        body=body,
        attachments=tuple(walk.attachments) if walk is not None else (),
        notes=tuple(dict.fromkeys(notes)),
    )


def parse_headers(raw: bytes) -> ParsedMail:
    """Who sent it, to whom, when, about what: the headers alone (fast, whatever the size)."""
    _check_size(raw)
    # The header block only: the parser would walk a 1 MB attachment line by line to skip it.
    try:
        msg = BytesHeaderParser(policy=RAW_HEADERS).parsebytes(_header_block(raw))
    except Exception:  # the standard parser is meant never to raise; a bug there is a refusal here
        raise MailRefused("Kepala surel tidak dapat dibaca; tidak diambil.") from None
    return _headers_read(msg)


def parse_message(raw: bytes) -> ParsedMail:
    """The whole message: headers, text, attachments, and notes on what was changed or cut.
    A well-formed message is split at its MIME boundaries (mail_mime); any other is read by
    the standard parser, which knows broken MIME."""
    _check_size(raw)
    msg = split_parts(raw, max_parts=MAX_PARTS, max_depth=MAX_DEPTH)
    if msg is None:
        try:
            msg = email.message_from_bytes(raw, policy=RAW_HEADERS)
        except Exception:  # the standard parser is meant never to raise; a bug there is a refusal here
            raise MailRefused("Surel tidak dapat dibaca sebagai surel (susunannya rusak); tidak diambil.") from None
    walk = _Walk([])
    try:
        _walk(msg, 0, walk)
    except RecursionError:
        walk.notes.append("Susunan MIME terlalu dalam; sebagian tidak dibaca (tetap ada dalam surel asli .eml).")
    return _headers_read(msg, _body(walk), walk)
