"""The e-mail as paper (the SOP's "print-out, if the complaint came by e-mail"): its
headers, its text, and its attachments with their sizes and SHA-256, on the letterhead."""

from __future__ import annotations

import re

from reportlab.platypus import Flowable

from .facts import CaseFacts, Issue, MailFacts
from .parts import EMPTY, date_and_time, fields, grid, heading, para, space, title

TITLE = "Cetakan surel pengaduan"
MAX_PRINTED_CHARS = 60_000


def _breakable(text: str) -> str:
    """Long runs without a space (a pasted link, base64) broken so they wrap on the page."""
    return re.sub(r"\S{70}", lambda m: m.group(0) + " ", text)


def _size(size: int) -> str:
    """Exact bytes beside the SHA-256 (a print that attests a file states its size exactly)."""
    exact = f"{size:,} bita".replace(",", ".")
    if size >= 2**20:
        return f"{size / 2**20:.1f} MB ({exact})".replace(".", ",", 1)
    if size >= 1024:
        return f"{round(size / 1024)} KB ({exact})"
    return exact


def mail_story(mail: MailFacts, number: str, width: float, *, agenda_number: str = "") -> list[Flowable]:
    story: list[Flowable] = title(TITLE, number)
    rows = [
        ("Dari", mail.sender or EMPTY),
        ("Kepada", mail.recipients or EMPTY),
        ("Tanggal", date_and_time(mail.received_at)),
        ("Perihal", mail.subject or EMPTY),
        ("ID pesan (Message-ID)", mail.message_id or EMPTY),
        ("Surel asli (.eml)", f"{_size(mail.size)}, SHA-256 {mail.sha256}"),
    ]
    if agenda_number and agenda_number != number:  # the print's own number is the agenda number once registered
        rows.insert(0, ("Nomor agenda", agenda_number))
    story.append(fields(rows, width, label_mm=36))
    story.append(space(3))
    story.append(heading("Isi surel"))
    body = mail.body or "(surel tanpa teks)"
    cut = len(body) > MAX_PRINTED_CHARS
    for block in re.split(r"\n\s*\n", body[:MAX_PRINTED_CHARS]):
        if block.strip():
            story.append(para(_breakable(block.strip()), "left"))
            story.append(space(1.5))
    if cut:
        story.append(
            para(f"(Isi surel dipotong setelah {MAX_PRINTED_CHARS:,} huruf; lengkapnya dalam surel asli.)", "small")
        )
    story.append(heading("Lampiran"))
    if mail.attachments:
        items = [
            (str(i), _breakable(name), _size(size), para(_breakable(sha), "tiny"))
            for i, (name, size, sha) in enumerate(mail.attachments, start=1)
        ]
        story.append(grid(["No", "Berkas", "Ukuran", "SHA-256"], items, [9, 62, 18, 76]))
    else:
        story.append(para("Tidak ada lampiran.", "left"))
    if mail.notes:
        story.append(heading("Catatan pembacaan surel"))
        for note in mail.notes:
            story.append(para(f"- {note}", "small"))
    return story


def mail_printout(facts: CaseFacts, issue: Issue, width: float) -> list[Flowable]:
    if facts.mail is None:  # `ready` refuses first; a layout never fails on missing facts
        return [para("Pengaduan ini tidak diterima melalui surel yang diambil program.")]
    return mail_story(facts.mail, issue.number, width, agenda_number=facts.agenda_number)
