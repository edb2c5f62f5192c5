"""A message's MIME parts found by their boundaries (RFC 2046), and its headers' encoded
words (RFC 2047) decoded, both without the `email` package's line-by-line parser.

The standard parser feeds every line of a message through Python code: a 1 MB attachment in
base64 is about 18,000 lines, and a mailbox of such messages took seconds to read. Here the
header block of each part is still parsed by the standard `BytesHeaderParser` (compat32, so
reading a header never raises), while a multipart body is cut at its delimiter lines with
one regular-expression search in C. Only a well-formed tree is split this way: a multipart
without a boundary, without its delimiters or without its closing delimiter, or a header
block with a line that is no header, gives None, and the caller reads that message with
the standard parser, which knows how to make the best of broken MIME.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
from collections.abc import Iterator
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import Compat32
from typing import Any

import pybase64


class _RawHeaders(Compat32):
    """compat32, whose headers are strings and never raise, but handing back a header's raw
    value: compat32 itself turns bytes that are no ASCII into an unknown-8bit Header whose
    text is lost, while most mailers now send UTF-8 unencoded; `header_text` decodes it."""

    def header_fetch_parse(self, name: str, value: str) -> str:
        return value


RAW_HEADERS = _RawHeaders()


class SplitPart(Message):
    """A part as the splitter found it; `encoded` keeps a leaf's body as bytes (still in its
    transfer encoding), so base64 is decoded from them in one call."""

    encoded: bytes = b""
    _text_pending = False

    def keep_body(self, body: bytes) -> None:
        """The leaf's body; its text form is made only if asked for (a base64 attachment is
        decoded from the bytes and never needs it)."""
        self.encoded = body
        self._text_pending = True

    def get_payload(self, *args: Any, **kwargs: Any) -> Any:
        if self._text_pending:
            self._text_pending = False
            super().set_payload(self.encoded.decode("ascii", "surrogateescape"))
        return super().get_payload(*args, **kwargs)

    def set_payload(self, *args: Any, **kwargs: Any) -> None:
        self._text_pending = False
        super().set_payload(*args, **kwargs)


_HEADERS = BytesHeaderParser(_class=SplitPart, policy=RAW_HEADERS)
_DELIMITER_END = re.compile(rb"(--)?[ \t]*(?:\r?\n|\Z)")  # closing dashes, transport padding, line end
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")


class _Budget:
    """How many parts may still be made: a message of 100,000 tiny parts is not split whole."""

    def __init__(self, parts: int) -> None:
        self.parts = parts


def _body_start(data: bytes, lo: int, hi: int) -> int:
    """Where the part data[lo:hi]'s body begins: after its header block's blank line."""
    if data.startswith(b"\r\n", lo, hi):  # no headers at all: a part of default type
        return lo + 2
    if data.startswith(b"\n", lo, hi):
        return lo + 1
    end = _blank_line_end(data, lo, hi)
    return hi if end < 0 else end


def _blank_line_end(data: bytes, lo: int = 0, hi: int | None = None) -> int:
    """Where the header block's closing blank line (\r?\n\r?\n) ends, or -1: found with
    two byte searches, as the regular expression would, which tried every position."""
    hi = len(data) if hi is None else hi
    crlf = data.find(b"\n\r\n", lo, hi)
    # A bare one counts only before it: searched to its end, a CRLF message's whole body
    # would be read for nothing.
    bare = data.find(b"\n\n", lo, crlf + 2 if crlf >= 0 else hi)
    if bare >= 0 and (crlf < 0 or bare < crlf):
        return bare + 2
    return crlf + 3 if crlf >= 0 else -1


def _delimiters(data: bytes, lo: int, hi: int, boundary: str) -> Iterator[tuple[int, int, bool]]:
    """Where each delimiter line of the body data[lo:hi] is (from the line break before it,
    which belongs to it by RFC 2046 5.1.1, to the end of its line) and whether it closes
    the multipart."""
    marker = b"--" + boundary.encode("ascii")
    at = data.find(marker, lo, hi)
    while at >= 0:
        after = _DELIMITER_END.match(data, at + len(marker), hi)
        if after is not None and (at == lo or data[at - 1 : at] == b"\n"):
            start = at - 1 if at > lo else lo
            if start > lo and data[start - 1 : start] == b"\r":
                start -= 1
            yield start, after.end(), bool(after.group(1))
        at = data.find(marker, at + len(marker), hi)


def _part(data: bytes, lo: int, hi: int, depth: int, max_depth: int, budget: _Budget) -> SplitPart | None:
    """The part data[lo:hi]; the parts of a message are read in place, not copied level by
    level (a 1 MB attachment was copied three times before it was decoded)."""
    body = _body_start(data, lo, hi)
    msg = _HEADERS.parsebytes(data[lo:body])
    assert isinstance(msg, SplitPart)
    leftover = msg.get_payload()
    if isinstance(leftover, str) and leftover.strip():
        return None  # a line in the header block that is no header: the standard parser's case
    if msg.get_content_maintype() != "multipart" or depth > max_depth:
        msg.keep_body(data[body:hi])
        return msg
    boundary = msg.get_boundary()
    if not boundary or len(boundary) > 200 or not boundary.isascii():
        return None
    children: list[Message | str] = []  # as Message.set_payload takes a list
    start: int | None = None
    closed = False
    for begins, ends, closing in _delimiters(data, body, hi, boundary):
        if start is not None:
            if budget.parts <= 0:
                break
            budget.parts -= 1
            child = _part(data, start, begins, depth + 1, max_depth, budget)
            if child is None:
                return None
            children.append(child)
        if closing:
            closed = True
            break
        start = ends
    if not closed and budget.parts > 0:
        return None
    msg.set_payload(children)
    return msg


def split_parts(raw: bytes, *, max_parts: int, max_depth: int) -> Message | None:
    """The message as a tree of parts (compat32 messages, leaves holding their encoded body),
    at most `max_parts` parts and `max_depth` levels deep (what lies beyond stays unsplit, for
    the caller to note); None when the tree is not well-formed."""
    try:
        return _part(raw, 0, len(raw), 0, max_depth, _Budget(max_parts + 1))
    except (RecursionError, ValueError, TypeError, LookupError):  # hostile parameters the splitter cannot follow
        return None


def decode_base64(data: bytes) -> bytes:
    """A base64 body decoded as `binascii.a2b_base64` decodes it (characters outside the
    alphabet skipped, raising binascii.Error on what it cannot decode), about seven times
    faster: pybase64 (SIMD) for a body whose padding comes only at its end, which is every
    body a mailer writes. It reads a body with padding inside differently from binascii (it
    goes on after it), so such a body goes to binascii."""
    padding = data.find(b"=")
    if padding < 0 or not data[padding:].strip(b"= \t\r\n"):
        try:
            return pybase64.b64decode(data)
        except binascii.Error:
            pass
    return binascii.a2b_base64(data)


def _charset_of(name: str) -> str:
    name = name.split("*", 1)[0].strip().lower()  # RFC 2231 adds a language: utf-8*id
    try:
        return codecs.lookup(name).name
    except LookupError:
        return ""


def _word(charset: str, encoding: str, text: str) -> str | None:
    try:
        if encoding in "bB":
            data = base64.b64decode(text + "=" * (-len(text) % 4))
        else:
            data = binascii.a2b_qp(text.encode("ascii"), header=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return None
    known = _charset_of(charset)
    if known:
        return data.decode(known, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def decode_words(value: str) -> str:
    """A header's text with its RFC 2047 encoded words decoded; blanks between two encoded
    words are dropped, as the RFC says; a word that cannot be decoded stays as it was."""
    if "=?" not in value:
        return value
    out: list[str] = []
    last = 0
    after_word = False
    for found in _ENCODED_WORD.finditer(value):
        between = value[last : found.start()]
        decoded = _word(*found.groups())
        if decoded is None:
            out.append(between + found.group(0))
            after_word = False
        else:
            if not (after_word and not between.strip()):
                out.append(between)
            out.append(decoded)
            after_word = True
        last = found.end()
    out.append(value[last:])
    return "".join(out)


def header_text(value: object) -> str:
    """A raw header value as text: bytes that were no ASCII read as UTF-8 (what mailers send
    unencoded nowadays), folding undone, encoded words decoded."""
    if value is None:
        return ""
    text = str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # the parser keeps non-ASCII bytes as surrogates
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return decode_words(text.replace("\r\n", "").replace("\n", ""))
