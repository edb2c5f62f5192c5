"""E-mails as senders write them, for the mailbox tests."""

from __future__ import annotations

from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

BODY = "Yth. KPU Kabupaten Sanggau,\n\nAnggota PPS Desa Sungai Mawang menghadiri kampanye.\n\nHormat saya,\nMaria"


def complaint_mail(
    when: datetime,
    *,
    subject: str = "Pengaduan: petugas PPS berkampanye",
    sender: str = "Maria Lestari <maria.lestari@contoh.id>",
    body: str = BODY,
    attachments: tuple[tuple[str, bytes, str], ...] = (("foto-kampanye.jpg", b"\xff\xd8\xff\xe0 foto", "image/jpeg"),),
    html: str | None = None,
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "dumas@kpu-sanggau.go.id"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when.astimezone())
    msg["Message-ID"] = make_msgid(domain="contoh.id")
    msg.set_content(body)
    if html is not None:
        msg.add_alternative(html, subtype="html")
    for name, content, mime in attachments:
        main, sub = mime.split("/")
        msg.add_attachment(content, maintype=main, subtype=sub, filename=name)
    return msg.as_bytes(policy=policy.SMTP)  # CRLF, as a server keeps and serves it
