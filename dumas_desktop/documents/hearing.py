"""Papers of the verification and clarification: the assignment letter, one invitation
per invited party, the attendance list and the minutes (Berita Acara)."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from ..domain.texts import date_in_words
from .facts import HIDDEN, CaseFacts, CorrectionFacts, Issue, ParticipantFacts
from .intake import LETTER_SIGNERS
from .parts import (
    EMPTY,
    date_and_time,
    day_date,
    fields,
    grid,
    heading,
    letter_heading,
    para,
    party_rows,
    sentence,
    signature,
    signature_grid,
    space,
    title,
)

MINUTES_CHAIRS = ("pengarah", "sekretaris")
ROLE_LABELS = {
    "tim": "Tim klarifikasi",
    "pelapor": "Pelapor",
    "terlapor": "Terlapor",
    "saksi": "Saksi",
    "pihak_terkait": "Pihak terkait",
}


def shown_name(person: ParticipantFacts) -> str:
    return f"{HIDDEN} (pelapor)" if person.confidential else person.name


def _when_where(facts: CaseFacts) -> list[tuple[str, object]]:
    assert facts.hearing is not None
    at = facts.hearing.scheduled_at
    from babel.dates import format_date

    return [
        ("Hari, tanggal", f"{format_date(at.date(), 'EEEE', locale='id')}, {day_date(at)}"),
        ("Pukul", f"{at:%H.%M} waktu setempat s.d. selesai"),
        ("Tempat", facts.hearing.place),
        ("Acara", facts.hearing.agenda),
    ]


def assignment_letter(facts: CaseFacts, issue: Issue, width: float) -> list[Flowable]:
    hearing = facts.hearing
    assert hearing is not None
    story: list[Flowable] = [*title("Surat Tugas", hearing.assignment_number)]
    basis = [f"{facts.profile_name};"]
    if "telaah_lanjutan" in facts.worksheets:
        basis.append(f"Hasil telaah lanjutan atas pengaduan masyarakat nomor agenda {facts.agenda_number}.")
    else:
        basis.append(f"Hasil telaah atas pengaduan masyarakat nomor agenda {facts.agenda_number}.")
    story.append(fields([("Dasar", "\n".join(f"{i}. {b}" for i, b in enumerate(basis, 1)))], width, label_mm=25))
    story.append(space(3))
    story.append(para("MEMBERI TUGAS", "title"))
    story.append(space(2))
    rows = [(str(i), m.name, m.position or EMPTY) for i, m in enumerate(hearing.team, start=1)]
    story.append(para("Kepada:", "left"))
    story.append(grid(["No", "Nama", "Jabatan"], rows, [10, 70, 85]))
    story.append(space(3))
    story.append(
        fields(
            [
                (
                    "Untuk",
                    "1. Melaksanakan verifikasi dan klarifikasi atas pengaduan masyarakat nomor agenda "
                    f"{facts.agenda_number} perihal \u201c{_subject(facts)}\u201d pada "
                    f"{date_and_time(hearing.scheduled_at)} bertempat di {hearing.place};\n"
                    "2. Menyusun berita acara verifikasi dan klarifikasi;\n"
                    "3. Melaksanakan tugas ini dengan penuh tanggung jawab dan menjaga kerahasiaan identitas pelapor.",
                )
            ],
            width,
            label_mm=25,
        )
    )
    signer = facts.signer(*LETTER_SIGNERS)
    story.append(
        signature(
            signer.position if signer else "Pemberi tugas,",
            signer,
            width,
            place_date=f"Dikeluarkan di {facts.office.city or EMPTY}\nPada tanggal {day_date(issue.issued_on)}",
        )
    )
    return story


def _subject(facts: CaseFacts) -> str:
    return HIDDEN if facts.whole_report_confidential else facts.subject


def invitation(facts: CaseFacts, issue: Issue, width: float) -> list[Flowable]:
    hearing = facts.hearing
    assert hearing is not None
    person = next(p for p in hearing.invited if p.invitation_number == issue.recipient)
    addressee = [f"Sdr. {person.name}"] + ([person.position] if person.position else [])
    if person.address:
        addressee.append(person.address)
    story = letter_heading(
        facts.office, person.invitation_number, issue.issued_on, "Undangan verifikasi dan klarifikasi", addressee, width
    )
    role = ROLE_LABELS.get(person.role, person.role).lower()
    story.append(
        para(
            f"Dalam rangka verifikasi dan klarifikasi atas pengaduan masyarakat yang kami terima dengan nomor agenda "
            f"{facts.agenda_number}, dengan hormat kami mengundang Saudara sebagai {role} untuk hadir pada:"
        )
    )
    story.append(space(2))
    story.append(fields(_when_where(facts), width, label_mm=35))
    story.append(space(2))
    story.append(
        para(
            "Saudara dimohon membawa kartu identitas serta dokumen atau bukti yang berkaitan. Mengingat pentingnya "
            "acara tersebut, kehadiran Saudara sangat kami harapkan. Atas perhatiannya kami ucapkan terima kasih."
        )
    )
    signer = facts.signer(*LETTER_SIGNERS)
    story.append(signature(signer.position if signer else "Pengundang,", signer, width))
    return story


def attendance_list(facts: CaseFacts, issue: Issue, width: float) -> list[Flowable]:
    hearing = facts.hearing
    assert hearing is not None
    story: list[Flowable] = [*title("Daftar Hadir", subtitle="Verifikasi dan Klarifikasi Pengaduan Masyarakat")]
    story.append(fields([("Nomor agenda", facts.agenda_number), *_when_where(facts)], width, label_mm=35))
    story.append(space(4))
    rows = []
    for i, person in enumerate(hearing.participants, start=1):
        # Signature boxes alternate left and right so neighbours do not sign over each other.
        rows.append(
            (
                str(i),
                shown_name(person),
                ROLE_LABELS.get(person.role, person.role) + (f"\n{person.position}" if person.position else ""),
                f"{i}. ........" if i % 2 else "",
                "" if i % 2 else f"{i}. ........",
            )
        )
    for i in range(len(rows) + 1, len(rows) + 4):
        rows.append((str(i), "", "", f"{i}. ........" if i % 2 else "", "" if i % 2 else f"{i}. ........"))
    table = grid(["No", "Nama", "Unsur/jabatan", "Tanda tangan", ""], rows, [9, 55, 50, 25, 26])
    table.setStyle([("SPAN", (3, 0), (4, 0))])
    story.append(table)
    signer = facts.signer("tim_telaah", "tim_verifikator", "tim_penyelesaian", *LETTER_SIGNERS)
    story.append(signature("Ketua tim klarifikasi,", signer if signer else None, width, place_date=_place(facts)))
    return story


def _place(facts: CaseFacts) -> str:
    assert facts.hearing is not None
    return f"{facts.office.city or ''}, {day_date(facts.hearing.scheduled_at)}".lstrip(", ")


def correction_statement(correction: CorrectionFacts) -> str:
    """What a corrected berita acara says of the one it replaces."""
    replaced = (
        f"Berita Acara Nomor {correction.number}" if correction.number else f"berita acara versi {correction.version}"
    )
    adopted = f" yang ditetapkan pada {day_date(correction.adopted_on)}" if correction.adopted_on else ""
    return (
        f"Berita acara ini merupakan perbaikan atas {replaced}{adopted}, dengan alasan perbaikan: "
        f"{sentence(correction.reason)}. Dengan ditetapkannya berita acara ini, {replaced} dinyatakan tidak "
        "berlaku dan tetap disimpan dalam arsip sebagaimana ditetapkan."
    )


def minutes(facts: CaseFacts, issue: Issue, width: float) -> list[Flowable]:
    """Berita Acara Verifikasi dan Klarifikasi; a draft carries the DRAF mark and no number."""
    record = facts.minutes
    assert record is not None
    # Only a hearing that took place is told as one: a case on the branch without it (or a
    # plan never carried out) is drawn up from the further review.
    hearing = facts.hearing if facts.hearing and facts.hearing.held_at else None
    held = hearing.held_at if hearing and hearing.held_at else record.drafted_at
    correction = record.correction
    subtitle = "Verifikasi dan Klarifikasi" + (" (Perbaikan)" if correction else "")
    story: list[Flowable] = [*title("Berita Acara", "" if issue.draft else issue.number, subtitle=subtitle)]
    place = record.place or (hearing.place if hearing else EMPTY)
    received = f"pengaduan masyarakat yang diterima {facts.office.name} pada {day_date(facts.received_at)} dengan "
    if hearing is not None:
        opening = (
            f"Pada {date_in_words(held.date())}, bertempat di {place}, kami yang bertanda tangan di bawah ini, "
            f"berdasarkan Surat Tugas Nomor {hearing.assignment_number}, telah melaksanakan verifikasi dan "
            f"klarifikasi atas {received}nomor agenda {facts.agenda_number}, dengan hasil sebagai berikut:"
        )
    else:
        further = facts.worksheets.get("telaah_lanjutan")
        dated = f" tanggal {day_date(further.saved_at)}" if further and further.saved_at else ""
        opening = (
            f"Pada {date_in_words(held.date())}, bertempat di {place}, kami yang bertanda tangan di bawah ini "
            f"telah menyusun berita acara ini berdasarkan hasil telaah lanjutan{dated} atas {received}nomor agenda "
            f"{facts.agenda_number}. Hasil telaah lanjutan menyatakan verifikasi dan klarifikasi para pihak tidak "
            "diperlukan, sehingga berita acara ini disusun dari berkas pengaduan dan hasil telaah lanjutan, "
            "dengan hasil sebagai berikut:"
        )
    story.append(para(opening))
    if correction is not None:
        story.append(space(2))
        story.append(para(correction_statement(correction)))
    story.append(heading("I. Kronologi"))
    story.append(para(record.chronology))
    story.append(heading("II. Identitas pelapor dan terlapor"))
    for party in facts.parties:
        if party.role in ("reporter", "respondent"):
            story.append(para("Pelapor" if party.role == "reporter" else "Terlapor", "cell_bold"))
            story.append(fields(party_rows(party, reveal=False), width))
    if record.identities:
        story.append(space(2))
        story.append(para(record.identities))
    if hearing is not None:
        story.append(heading("III. Kehadiran dan keterangan para pihak"))
        rows = [
            (
                str(i),
                shown_name(p),
                ROLE_LABELS.get(p.role, p.role),
                "Hadir" if p.attended else "Tidak hadir",
                (p.statement or EMPTY) if p.attended else EMPTY,
            )
            for i, p in enumerate(hearing.invited, start=1)
        ]
        story.append(grid(["No", "Nama", "Unsur", "Kehadiran", "Keterangan"], rows, [9, 40, 22, 24, 70]))
        absent = [shown_name(p) for p in hearing.invited if not p.attended]
        if absent:
            story.append(space(2))
            story.append(para(f"Pihak yang diundang tetapi tidak hadir: {', '.join(absent)}."))
        if hearing.summary:
            story.append(space(2))
            story.append(para(hearing.summary))
    story.append(heading(f"{'IV' if hearing else 'III'}. Bukti-bukti"))
    story.append(para(record.evidence_summary))
    if facts.evidence:
        story.append(para("Bukti dukung yang diterima: " + "; ".join(name for name, _ in facts.evidence) + ".", "left"))
    story.append(heading(f"{'V' if hearing else 'IV'}. Petitum dan rekomendasi sanksi"))
    story.append(para(record.petitum))
    if record.recommended_sanction:
        story.append(space(2))
        story.append(para(f"Rekomendasi sanksi: {record.recommended_sanction}"))
    closing = para("Demikian Berita Acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.")
    signers: list[tuple[str, str, str]] = []
    chair = facts.signer(*MINUTES_CHAIRS)
    if chair is not None:
        signers.append((f"{chair.position},", chair.name, chair.nip))
    for member in hearing.team if hearing else []:
        signers.append((f"{member.position or 'Anggota tim'},", member.name, ""))
    reviewer = facts.signer("tim_telaah", "tim_verifikator", "tim_penyelesaian") if hearing is None else None
    if reviewer is not None:
        signers.append((f"{reviewer.position},", reviewer.name, reviewer.nip))
    if not signers:
        signers.append(("Penyusun,", "", ""))
    signatures = signature_grid(
        signers, width, heading_text=f"{facts.office.city or ''}, {day_date(held)}".lstrip(", ")
    )
    # The closing sentence goes with the signatures: a page of signatures alone is not signed minutes.
    story.append(KeepTogether([space(3), closing, signatures]))
    return story
