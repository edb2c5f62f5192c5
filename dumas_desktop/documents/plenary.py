"""Papers after the hearing: the plenary minutes, the cover letter to KPU RI, its receipt,
and the receipt of KPU RI's follow-up."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ..domain.texts import date_in_words
from .facts import HIDDEN, CaseFacts, Issue
from .intake import RECEIVERS
from .parts import (
    EMPTY,
    date_and_time,
    day_date,
    fields,
    grid,
    letter_heading,
    para,
    sentence,
    signature,
    signature_grid,
    space,
    title,
)

HEADS = ("pengarah", "sekretaris", "penanggung_jawab")
SENDERS = ("penanggung_jawab", "sekretaris", "pelaksana")


def _agenda_item(facts: CaseFacts) -> str:
    record = facts.minutes
    assert record is not None
    item = "Penetapan Berita Acara Verifikasi dan Klarifikasi"
    if record.correction is not None:
        replaced = record.correction
        named = f"Berita Acara Nomor {replaced.number}" if replaced.number else f"versi {replaced.version}"
        item += f" (Perbaikan) sebagai perbaikan atas {named} dengan alasan: {sentence(replaced.reason)};"
    return f"{item} atas pengaduan masyarakat nomor agenda {facts.agenda_number}"


def plenary_minutes(facts: CaseFacts, issue: Issue, width: float) -> list[Flowable]:
    record = facts.minutes
    assert record is not None and record.plenary is not None
    plenary = record.plenary
    story: list[Flowable] = [*title("Berita Acara", plenary.number, subtitle="Rapat Pleno")]
    story.append(
        para(
            f"Pada {date_in_words(plenary.held_at.date())}, pukul {plenary.held_at:%H.%M} waktu setempat, bertempat di "
            f"{plenary.place}, telah dilaksanakan Rapat Pleno {facts.office.name} yang dipimpin oleh "
            f"{plenary.chair or EMPTY} dan dihadiri oleh:"
        )
    )
    story.append(space(2))
    rows = [(str(i), name) for i, name in enumerate(plenary.members_present, start=1)]
    story.append(grid(["No", "Nama"], rows, [10, 155]))
    story.append(space(3))
    story.append(
        fields(
            [
                ("Acara", _agenda_item(facts)),
                ("Keputusan", plenary.decision),
            ],
            width,
            label_mm=25,
        )
    )
    if record.adopted_at:
        story.append(space(2))
        story.append(
            para(
                f"Berita Acara Verifikasi dan Klarifikasi (versi {record.version}) ditetapkan pada "
                f"{date_and_time(record.adopted_at)} dan tidak dapat diubah kecuali melalui rapat pleno."
            )
        )
    story.append(space(3))
    story.append(para("Demikian Berita Acara Rapat Pleno ini dibuat untuk dipergunakan sebagaimana mestinya."))
    signers = [
        (f"{'Ketua/pimpinan rapat' if name == plenary.chair else 'Anggota'},", name, "")
        for name in plenary.members_present
    ]
    if plenary.chair and plenary.chair not in plenary.members_present:
        signers.insert(0, ("Ketua/pimpinan rapat,", plenary.chair, ""))
    place = f"{facts.office.city or ''}, {day_date(plenary.held_at)}".lstrip(", ")
    story.append(signature_grid(signers, width, heading_text=place))
    return story


def cover_letter(facts: CaseFacts, issue: Issue, width: float) -> list[Flowable]:
    letter = facts.letter("surat_pengantar")
    assert letter is not None and facts.minutes is not None
    story = letter_heading(
        facts.office,
        letter.number,
        letter.letter_date,
        letter.subject,
        [letter.counterpart],
        width,
        attachment="1 (satu) berkas",
    )
    plenary = facts.minutes.plenary
    adopted = (
        f" yang telah ditetapkan dalam Rapat Pleno pada {day_date(plenary.held_at)}"
        + (f" (Berita Acara Rapat Pleno Nomor {plenary.number})" if plenary.number else "")
        if plenary
        else ""
    )
    hidden = facts.whole_report_confidential
    respondents = HIDDEN if hidden else ", ".join(p.name for p in facts.parties_of("respondent")) or EMPTY
    subject = HIDDEN if hidden else facts.subject
    minutes = facts.minutes
    named = f" Nomor {minutes.number}" if minutes.number else ""
    if minutes.correction is None:
        sent = f"Berita Acara Verifikasi dan Klarifikasi{named}{adopted}"
    else:
        earlier = [item for item in facts.letters if item.kind == "surat_pengantar" and item.direction == "keluar"]
        first = earlier[-2] if len(earlier) > 1 else None
        before = (
            f" yang telah kami sampaikan dengan surat Nomor {first.number} tanggal {day_date(first.letter_date)}"
            if first
            else ""
        )
        replaced = f"Berita Acara Nomor {minutes.correction.number}" if minutes.correction.number else "berita acara"
        sent = (
            f"Berita Acara Verifikasi dan Klarifikasi (Perbaikan){named}{adopted}, sebagai perbaikan atas "
            f"{replaced}{before}, dengan alasan perbaikan: {sentence(minutes.correction.reason)},"
        )
    story.append(
        para(
            f"Bersama ini kami sampaikan {sent} atas pengaduan masyarakat nomor agenda {facts.agenda_number} perihal "
            f"\u201c{subject}\u201d dengan terlapor {respondents}, untuk ditindaklanjuti sesuai dengan ketentuan "
            "peraturan perundang-undangan."
        )
    )
    story.append(space(2))
    story.append(para("Demikian disampaikan, atas perhatian dan kerja samanya kami ucapkan terima kasih."))
    signer = facts.signer(*HEADS)
    story.append(signature(signer.position if signer else "Pimpinan,", signer, width))
    return story


def cover_receipt(facts: CaseFacts, issue: Issue, width: float) -> list[Flowable]:
    letter = facts.letter("surat_pengantar")
    assert letter is not None
    story: list[Flowable] = [*title("Tanda Terima", subtitle="Surat Pengantar dan Berita Acara")]
    plenary = facts.minutes.plenary if facts.minutes else None
    rows = [
        ("1", f"Surat pengantar nomor {letter.number} tanggal {day_date(letter.letter_date)}", "1 lembar"),
        ("2", f"Salinan Berita Acara Verifikasi dan Klarifikasi nomor agenda {facts.agenda_number}", "1 berkas"),
    ]
    if plenary is not None:
        rows.append(("3", f"Salinan Berita Acara Rapat Pleno nomor {plenary.number or EMPTY}", "1 berkas"))
    story.append(grid(["No", "Uraian", "Jumlah"], rows, [10, 125, 30]))
    story.append(space(3))
    story.append(
        fields(
            [
                ("Dari", facts.office.name),
                ("Kepada", letter.counterpart),
                (
                    "Diterima pada",
                    date_and_time(letter.receipt_at) if letter.receipt_at else "...........................",
                ),
            ],
            width,
            label_mm=35,
        )
    )
    sender = facts.signer(*SENDERS)
    story.append(
        signature_grid(
            [
                ("Yang menyerahkan,", sender.name if sender else "", sender.nip if sender else ""),
                ("Yang menerima,", letter.receipt_by, ""),
            ],
            width,
        )
    )
    return story


def follow_up_receipt(facts: CaseFacts, issue: Issue, width: float) -> list[Flowable]:
    decision = facts.decision
    assert decision is not None
    story: list[Flowable] = [*title("Tanda Terima", subtitle="Hasil Tindak Lanjut KPU RI")]
    story.append(
        fields(
            [
                ("Nomor agenda", facts.agenda_number),
                ("Surat KPU RI", f"Nomor {decision.letter_number or EMPTY} tanggal {day_date(decision.decided_at)}"),
                ("Tindak lanjut", decision.kind),
                ("Kesimpulan", decision.summary),
                ("Diterima pada", date_and_time(decision.received_at)),
            ],
            width,
            label_mm=35,
        )
    )
    story.append(space(3))
    story.append(
        para(
            "Hasil tindak lanjut tersebut telah diterima dan dicatat dalam berkas pengaduan untuk diarsipkan dan "
            "disampaikan kepada pihak yang berkepentingan sesuai ketentuan."
        )
    )
    receiver = facts.signer(*RECEIVERS, *SENDERS)
    story.append(
        signature(
            "Yang menerima,",
            receiver,
            width,
            place_date=f"{facts.office.city or ''}, {day_date(decision.received_at)}".lstrip(", "),
        )
    )
    return story
