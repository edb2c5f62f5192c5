"""Hostile mail is input: whatever a sender puts in a message is stored safely or refused
with a clear message, never a program error."""

from __future__ import annotations

import base64
import email
from datetime import datetime
from email.message import Message

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dumas_desktop.domain.safe_names import safe_file_name
from dumas_desktop.services.mail_html import html_to_text
from dumas_desktop.services.mail_mime import split_parts
from dumas_desktop.services.mail_parse import MAX_PARTS, MailRefused, parse_message
from tests.mail_samples import complaint_mail


def test_encoded_words_and_a_wrong_charset_are_read():
    raw = (
        b"From: =?utf-8?b?QnVkaSBTYW50b3Nv?= <Budi@Contoh.id>\r\n"
        b"Subject: =?iso-8859-1?q?Pengaduan_caf=E9?= =?utf-8?q?_=E2=80=94_PPS?=\r\n"
        b"Content-Type: text/plain; charset=x-tidak-ada\r\n\r\nHalo \xe9\xff KPU\r\n"
    )
    mail = parse_message(raw)
    assert (mail.sender_name, mail.sender_address) == ("Budi Santoso", "budi@contoh.id")
    assert mail.subject == "Pengaduan café — PPS"
    assert mail.body.startswith("Halo") and "KPU" in mail.body
    assert any("tidak dikenal" in note for note in mail.notes)


def test_html_becomes_text_without_scripts_styles_or_remote_images():
    html = (
        "<html><head><style>p{color:red}</style><script>alert('x')</script></head><body>"
        "<p>Yth. KPU</p><img src='https://pelacak.example/t.gif' width=1><img src='cid:x' alt='stempel'>"
        "<p>Lihat <a href='https://bukti.example/v'>video</a> dan <a href='javascript:evil()'>ini</a></p>"
        "<iframe src='https://x'></iframe><ul><li>satu</li><li>dua</li></ul></body></html>"
    )
    text = html_to_text(html)
    assert "alert" not in text and "color" not in text and "pelacak" not in text and "javascript" not in text
    assert "Yth. KPU" in text and "[gambar: stempel]" in text and "video <https://bukti.example/v>" in text
    assert "- satu" in text


def test_an_html_only_mail_is_read_as_text():
    raw = b"Content-Type: text/html; charset=utf-8\r\n\r\n<p>Isi <b>pengaduan</b></p><script>x()</script>"
    assert parse_message(raw).body == "Isi pengaduan"


@pytest.mark.parametrize(
    ("given_name", "kept"),
    [
        ("..\\..\\Windows\\system32\\evil.exe", "evil.exe"),
        ("/etc/passwd", "passwd"),
        ("CON.txt", "_CON.txt"),
        ("lpt1", "_lpt1"),
        ("aux.tar.gz", "_aux.tar.gz"),
        ('bukti:"1"?.pdf', "bukti__1__.pdf"),
        ("nama. ", "nama"),
        ("\u202egpj.exe", "gpj.exe"),
        ("", "lampiran"),
    ],
)
def test_attachment_names_are_made_safe_for_windows(given_name, kept):
    assert safe_file_name(given_name) == kept


def test_archives_are_kept_as_files_never_unpacked():
    zipped = base64.b64encode(b"PK\x03\x04" + b"\x00" * 30).decode()
    raw = (
        "Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nisi\r\n"
        '--B\r\nContent-Type: application/zip\r\nContent-Disposition: attachment; filename="../bukti.zip"\r\n'
        f"Content-Transfer-Encoding: base64\r\n\r\n{zipped}\r\n--B--\r\n"
    ).encode()
    mail = parse_message(raw)
    assert [(a.name, a.mime_type) for a in mail.attachments] == [("bukti.zip", "application/zip")]
    assert mail.attachments[0].content.startswith(b"PK")


def test_a_forwarded_message_is_kept_whole_as_an_eml_file():
    inner = b"From: a@b.id\r\nSubject: asli\r\n\r\nteks asli\r\n"
    raw = (
        b"Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nteruskan\r\n"
        b"--B\r\nContent-Type: message/rfc822\r\n\r\n" + inner + b"\r\n--B--\r\n"
    )
    mail = parse_message(raw)
    assert mail.body == "teruskan"
    assert mail.attachments[0].name.endswith(".eml") and b"teks asli" in mail.attachments[0].content


def test_deeply_nested_and_very_wide_mime_is_cut_with_a_note():
    deep = b"Content-Type: text/plain\r\n\r\nakhir\r\n"
    for level in range(60):
        deep = f"Content-Type: multipart/mixed; boundary=L{level}\r\n\r\n--L{level}\r\n".encode() + deep
        deep += f"\r\n--L{level}--\r\n".encode()
    assert any("terlalu" in note for note in parse_message(deep).notes)
    wide = b"Content-Type: multipart/mixed; boundary=W\r\n\r\n" + b"".join(
        b"--W\r\nContent-Type: application/octet-stream\r\n"
        b"Content-Disposition: attachment; filename=f%d.bin\r\n\r\nx\r\n" % i
        for i in range(MAX_PARTS + 50)
    )
    mail = parse_message(wide + b"--W--\r\n")
    assert len(mail.attachments) < MAX_PARTS and any("terlalu banyak" in note for note in mail.notes)


def test_a_huge_message_is_refused_with_its_size_and_an_empty_one_too():
    with pytest.raises(MailRefused, match="melewati batas 50,0 MB"):
        parse_message(b"Subject: besar\r\n\r\n" + b"x" * (50 * 2**20 + 1))
    with pytest.raises(MailRefused, match="kosong"):
        parse_message(b"  \r\n")


def test_broken_headers_and_base64_do_not_stop_the_reading():
    raw = (
        b"From: <<<@@@>>> =?utf-8?b?!!!?=\r\nDate: kemarin sore\r\nMessage-ID: \x1b[31m<x@y>\r\n"
        b"Subject: =?unknown-8bit?q?=FF=FE?=\r\nContent-Type: multipart/mixed; boundary=\r\n\r\n"
        b"--\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@not base64@@@\r\n"
    )
    mail = parse_message(raw)
    assert mail.sender_address == "" and mail.date is None
    assert "\x1b" not in mail.message_id


_header_names = st.sampled_from(["From", "To", "Subject", "Date", "Message-ID", "Content-Type", "Cc", "X-Any"])
_values = st.one_of(
    st.text(max_size=80),
    st.binary(max_size=40).map(lambda b: b.decode("ascii", "surrogateescape")),  # bytes that are no UTF-8
    st.sampled_from(
        [
            "=?utf-8?b?QnVkaQ==?=",
            "=?bogus?q?x?=",
            "multipart/mixed; boundary=Z",
            "text/html; charset=utf-16",
            "message/rfc822",
            "a@b.c, <<>>, =?utf-8?q?=FF?=",
            "Mon, 99 Foo 2026 25:61:00 +9999",
        ]
    ),
)
_bodies = st.one_of(
    st.binary(max_size=400),
    st.sampled_from(
        [
            b"--Z\r\nContent-Type: text/plain\r\n\r\nhalo\r\n"
            b"--Z\r\nContent-Disposition: attachment; filename=CON\r\n\r\nx\r\n--Z--",
            b"<script>alert(1)</script><img src=http://x>",
            b"--Z\r\n--Z\r\n--Z--\r\n--Z",
        ]
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(headers=st.lists(st.tuples(_header_names, _values), max_size=8), body=_bodies)
def test_generated_hostile_messages_are_read_or_refused_never_a_program_error(headers, body):
    lines = []
    for name, value in headers:
        lines.append(f"{name}: {value}".replace("\r", " ").replace("\n", " ").encode("utf-8", "surrogatepass"))
    raw = b"\r\n".join(lines) + b"\r\n\r\n" + body
    try:
        mail = parse_message(raw)
    except MailRefused as refused:
        assert refused.message
        return
    for text in (mail.subject, mail.sender_name, mail.sender_address, mail.message_id, mail.recipients):
        assert all(c.isprintable() for c in text)
        text.encode("utf-8")  # storable: no byte of the raw header is left as a lone surrogate
    assert all(c.isprintable() or c in "\n\t" for c in mail.body)
    for item in mail.attachments:
        assert item.name == safe_file_name(item.name) and item.content
        assert item.mime_type.isascii() and item.mime_type.isprintable()


def _leaves(msg: Message) -> list[tuple[str, bytes]]:
    """Each leaf part's type and decoded content; a forwarded message is one leaf (the program
    keeps it whole as an .eml file, so how it is parsed inside does not matter)."""
    if msg.get_content_type() == "message/rfc822":
        return [("message/rfc822", b"")]
    if msg.is_multipart():
        return [leaf for part in msg.get_payload() if isinstance(part, Message) for leaf in _leaves(part)]
    content = msg.get_payload(decode=True)
    return [(msg.get_content_type(), content if isinstance(content, bytes) else b"")]


def _samples() -> list[bytes]:
    when = datetime(2026, 2, 20, 9, 0)
    big = (
        ("pindaian.pdf", bytes(range(256)) * 4096, "application/pdf"),
        ("foto.jpg", b"\xff\xd8\xff\xe0 x", "image/jpeg"),
    )
    forwarded = (
        b"Content-Type: multipart/mixed; boundary=B\r\n\r\npembuka\r\n"
        b"--B  \r\nContent-Type: text/plain\r\n\r\nteruskan\r\n"
        b"--B\r\nContent-Type: message/rfc822\r\n\r\nFrom: a@b.id\r\n\r\nteks asli\r\n--B--\r\npenutup\r\n"
    )
    nested = (
        b"Content-Type: multipart/mixed; boundary=outer\r\n\r\n--outer\r\n"
        b"Content-Type: multipart/alternative; boundary=outer-2\r\n\r\n--outer-2\r\nContent-Type: text/plain\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\ncaf=C3=A9 =\r\nsore\r\n--outer-2\r\n"
        b"Content-Type: text/html\r\n\r\n<p>caf\xc3\xa9</p>\r\n--outer-2--\r\n--outer\r\n\r\ntanpa kepala\r\n--outer--"
    )
    return [
        complaint_mail(when),
        complaint_mail(when, attachments=big, html="<p>Yth. <b>KPU</b></p>"),
        complaint_mail(when, attachments=()),
        forwarded,
        nested,
    ]


def test_a_well_formed_message_is_split_at_its_boundaries_as_the_standard_parser_reads_it():
    for raw in _samples():
        split = split_parts(raw, max_parts=MAX_PARTS, max_depth=12)
        assert split is not None
        assert _leaves(split) == _leaves(email.message_from_bytes(raw))
    forwarded = parse_message(_samples()[3])
    assert forwarded.body == "teruskan" and forwarded.attachments[0].content == b"From: a@b.id\r\n\r\nteks asli"


def test_broken_mime_is_left_to_the_standard_parser_and_still_read():
    unclosed = (
        b"Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nisi tanpa akhir\r\n"
    )
    no_header = b"Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nbukan kepala\r\n\r\nisi\r\n--B--\r\n"
    for raw in (unclosed, no_header):
        assert split_parts(raw, max_parts=MAX_PARTS, max_depth=12) is None
    assert parse_message(unclosed).body == "isi tanpa akhir"
    assert "isi" in parse_message(no_header).body


def test_encoded_attachment_names_and_raw_utf8_headers_are_read():
    raw = (
        "From: Siti Aminah <siti@contoh.id>\r\nSubject: Laporan dugaan politik uang — TPS 03\r\n"
        "Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nisi\r\n"
        "--B\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
        'Content-Disposition: attachment; filename="=?utf-8?b?YnVrdGkg4oCUIDEucGRm?="\r\n\r\nJVBERi0x\r\n--B--\r\n'
    ).encode()
    mail = parse_message(raw)
    assert mail.subject == "Laporan dugaan politik uang — TPS 03" and mail.sender_name == "Siti Aminah"
    assert [(a.name, a.content) for a in mail.attachments] == [("bukti — 1.pdf", b"%PDF-1")]


def test_a_charset_parameter_that_is_no_text_does_not_stop_the_reading():
    broken = b"Content-Type: multipart/mixed; boundary=B\r\n--B\r\nContent-Type: text/html; charset=\xff\r\n\x80"
    split = (
        b"Content-Type: multipart/mixed; boundary=B\r\n\r\n"
        b"--B\r\nContent-Type: text/plain; charset=\xff\r\n\r\n\x80\r\n--B--"
    )
    for raw in (broken, split):
        mail = parse_message(raw)
        mail.body.encode("utf-8")
        assert all(note.isprintable() for note in mail.notes)


_BASE64_NOISE = st.sampled_from([b"=", b"\r\n", b" ", b"\t", b"-", b"_", b".", b"!", b"\x00", b"\xff", b"A", b"/"])


@settings(max_examples=500, deadline=None)
@given(
    content=st.binary(max_size=120),
    noise=st.lists(st.tuples(st.integers(min_value=0), _BASE64_NOISE), max_size=4),
    garbage=st.binary(max_size=40),
)
def test_fast_base64_reads_every_body_as_binascii_does(content, noise, garbage):
    # The attachment's bytes (and its SHA-256 in the list) must not depend on which decoder
    # ran: well-formed, disturbed and arbitrary bodies decode alike or are refused alike.
    import binascii

    from dumas_desktop.services.mail_mime import decode_base64

    encoded = bytearray(base64.encodebytes(content).replace(b"\n", b"\r\n"))
    for at, piece in noise:
        encoded[at % (len(encoded) + 1) : at % (len(encoded) + 1)] = piece
    for data in (bytes(encoded), garbage):
        try:
            expected: bytes | str = binascii.a2b_base64(data)
        except binascii.Error:
            expected = "refused"
        try:
            got: bytes | str = decode_base64(data)
        except binascii.Error:
            got = "refused"
        assert got == expected


@settings(max_examples=500, deadline=None)
@given(data=st.lists(st.sampled_from([b"a", b":", b" ", b"\r", b"\n", b"\r\n"]), max_size=30).map(b"".join))
def test_the_header_block_ends_where_the_rfc_s_blank_line_does(data):
    import re

    from dumas_desktop.services.mail_mime import _blank_line_end

    found = re.search(rb"\r?\n\r?\n", data)
    assert _blank_line_end(data) == (found.end() if found else -1)
