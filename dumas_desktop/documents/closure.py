"""Papers of an early closure: the letter that forwards a complaint outside KPU's authority
to the body that can act on it, and the notice telling the reporter what became of it
(forwarded, joined with an earlier complaint, or withdrawn)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ..domain.texts import long_date
from .facts import HIDDEN, CaseFacts, Issue
from .intake import LETTER_SIGNERS, _addressee, case_rows
from .parts import EMPTY, day_date, fields, grid, letter_heading, para, signature, space


def _body(facts: CaseFacts) -> str:
    return facts.referral_body[0] or facts.referred_to or EMPTY


def referral_letter(facts: CaseFacts, issue: Issue, width: float) -> list[Flowable]:
    """Surat penerusan: the complaint's essentials and its evidence list, to the competent body."""
    name, address = facts.referral_body
    addressee = [name or facts.referred_to or EMPTY, *([address] if address else [])]
    evidence = len(facts.evidence)
    attachment = f"{evidence} berkas bukti dukung" if evidence else "-"
    story: list[Flowable] = letter_heading(
        facts.office,
        issue.number,
        issue.issued_on,
        "Penerusan pengaduan masyarakat",
        addressee,
        width,
        nature="Rahasia" if facts.reporter and facts.reporter.confidential else "Biasa",
        attachment=attachment,
    )
    story.append(
        para(
            f"Bersama ini kami sampaikan bahwa {facts.office.name} telah menerima pengaduan masyarakat pada "
            f"{day_date(facts.received_at)} dengan nomor agenda {facts.agenda_number}. Setelah ditelaah, pokok "
            "pengaduan tersebut bukan merupakan kewenangan Komisi Pemilihan Umum, sehingga kami teruskan kepada "
            "Saudara untuk ditindaklanjuti sesuai kewenangan dan ketentuan peraturan perundang-undangan. "
            "Adapun pokok pengaduan sebagai berikut:"
        )
    )
    story.append(space(2))
    rows = case_rows(facts, reveal=False)
    if facts.event_date or facts.event_place:
        when = long_date(facts.event_date) if facts.event_date else EMPTY
        rows.append(("Waktu dan tempat kejadian", f"{when}, {facts.event_place or EMPTY}"))
    description = HIDDEN if facts.whole_report_confidential else (facts.description or EMPTY)
    rows.append(("Uraian singkat", description))
    if facts.closure_note:
        rows.append(("Hasil penelaahan", facts.closure_note))
    story.append(fields(rows, width))
    story.append(space(3))
    story.append(para("Bukti dukung yang disampaikan pelapor:", "left"))
    if facts.evidence:
        items = [(str(i), name, note or EMPTY) for i, (name, note) in enumerate(facts.evidence, start=1)]
        story.append(grid(["No", "Berkas", "Keterangan"], items, [10, 75, 80]))
    else:
        story.append(para("Tidak ada bukti dukung yang disampaikan.", "left"))
    story.append(space(3))
    if facts.reporter and facts.reporter.confidential:
        story.append(
            para(
                "Pelapor meminta identitasnya dirahasiakan; identitas tersebut dapat disampaikan secara terbatas "
                "atas permintaan resmi instansi Saudara."
            )
        )
    story.append(para("Demikian disampaikan, atas perhatian dan kerja samanya kami ucapkan terima kasih."))
    signer = facts.signer(*LETTER_SIGNERS)
    story.append(signature(signer.position if signer else "Pejabat yang berwenang,", signer, width))
    return story


def reporter_notice(facts: CaseFacts, issue: Issue, width: float) -> list[Flowable]:
    """Pemberitahuan kepada pelapor: what became of the complaint closed early."""
    closed = day_date(facts.closed_at) if facts.closed_at else EMPTY
    story: list[Flowable] = letter_heading(
        facts.office,
        issue.number,
        issue.issued_on,
        "Pemberitahuan tindak lanjut pengaduan",
        _addressee(facts.reporter),
        width,
    )
    opening = (
        f"Menindaklanjuti pengaduan Saudara yang kami terima pada {day_date(facts.received_at)} dengan nomor "
        f"agenda {facts.agenda_number} perihal \u201c{facts.subject}\u201d, dengan ini kami sampaikan bahwa "
    )
    if facts.closure_kind == "bukan_kewenangan":
        referral = facts.issued.get("surat_penerusan")
        letter = f" dengan surat Nomor {referral[0]} tanggal {day_date(referral[1])}" if referral else ""
        text = (
            f"{opening}pokok pengaduan tersebut bukan merupakan kewenangan Komisi Pemilihan Umum. Pengaduan "
            f"Saudara telah kami teruskan kepada {_body(facts)}{letter} untuk ditindaklanjuti sesuai "
            "kewenangannya. Perkembangan selanjutnya dapat Saudara tanyakan langsung kepada instansi tersebut."
        )
    elif facts.closure_kind == "duplikat":
        text = (
            f"{opening}pengaduan tersebut sama dengan pengaduan yang telah kami terima sebelumnya dengan nomor "
            f"agenda {facts.duplicate_of or EMPTY}. Penanganannya digabungkan dengan pengaduan tersebut, dan "
            f"pengaduan nomor agenda {facts.agenda_number} ditutup pada {closed}."
        )
    else:
        text = (
            f"{opening}pencabutan pengaduan oleh Saudara telah kami terima dan catat. Penanganan pengaduan "
            f"tersebut dihentikan dan pengaduan ditutup pada {closed}."
        )
    story.append(para(text))
    if facts.closure_note and facts.closure_kind != "bukan_kewenangan":
        story.append(space(2))
        story.append(para(f"Keterangan: {facts.closure_note}"))
    story.append(space(2))
    story.append(para("Demikian disampaikan, atas perhatiannya kami ucapkan terima kasih."))
    signer = facts.signer(*LETTER_SIGNERS)
    story.append(signature(signer.position if signer else "Pejabat yang berwenang,", signer, width))
    return story
