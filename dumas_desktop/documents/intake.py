"""Papers of receiving and screening: the complaint form, the receipt, the disposition
sheet, the request to complete, the rejection letter and the internal memo."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ..domain.texts import number_words
from ..domain.validation import format_phone
from .facts import HIDDEN, CaseFacts, Issue
from .parts import (
    EMPTY,
    date_and_time,
    day_date,
    fields,
    grid,
    heading,
    letter_heading,
    para,
    party_name,
    party_rows,
    signature,
    signature_grid,
    space,
    title,
)

LETTER_SIGNERS = ("penanggung_jawab", "sekretaris", "pengarah")
RECEIVERS = ("pelaksana", "pengelola_jdih")
MEMO_SENDERS = ("kabag_hukum_sdm", "penanggung_jawab", "sekretaris")


def case_rows(facts: CaseFacts, reveal: bool, *, hide_respondents: bool = False) -> list[tuple[str, object]]:
    """The lines that name a case on internal papers; `hide_respondents` for a paper that
    passes through hands that need not know who a whole-confidential report is about."""
    respondents = ", ".join(p.name for p in facts.parties_of("respondent")) or EMPTY
    if hide_respondents and facts.whole_report_confidential and not reveal:
        respondents = HIDDEN
    return [
        ("Nomor agenda", facts.agenda_number),
        ("Diterima", date_and_time(facts.received_at)),
        ("Pelapor", party_name(facts.reporter, reveal)),
        ("Terlapor", respondents),
        ("Perihal", HIDDEN if facts.whole_report_confidential and not reveal else facts.subject),
        ("Klasifikasi", facts.classification or EMPTY),
    ]


def complaint_form(facts: CaseFacts, issue: Issue, width: float) -> list[Flowable]:
    story: list[Flowable] = [*title("Formulir Pengaduan Masyarakat", facts.agenda_number)]
    story.append(heading("A. Data penerimaan"))
    story.append(
        fields(
            [
                ("Nomor agenda", facts.agenda_number),
                ("Diterima", date_and_time(facts.received_at)),
                ("Melalui", facts.channel),
                ("Klasifikasi", facts.classification or "Belum diklasifikasi"),
            ],
            width,
        )
    )
    reporter = facts.reporter
    story.append(heading("B. Identitas pelapor"))
    if reporter is None:
        story.append(para("Pelapor belum dicatat."))
    else:
        story.append(fields(party_rows(reporter, reveal=True), width))
        if reporter.confidential:
            story.append(
                para("Pelapor meminta identitasnya dirahasiakan. Formulir ini tidak untuk diedarkan.", "small")
            )
    story.append(heading("C. Identitas terlapor"))
    respondents = facts.parties_of("respondent")
    if not respondents:
        story.append(para("Terlapor belum dicatat."))
    for number, party in enumerate(respondents, start=1):
        if len(respondents) > 1:
            story.append(para(f"Terlapor {number}", "left"))
        story.append(fields(party_rows(party, reveal=True), width))
    story.append(heading("D. Pokok pengaduan"))
    story.append(
        fields(
            [
                ("Perihal", facts.subject),
                ("Waktu kejadian", day_date(facts.event_date)),
                ("Tempat kejadian", facts.event_place),
                ("Lokasi kasus", facts.location),
            ],
            width,
        )
    )
    story.append(space(2))
    story.append(para("Uraian pengaduan:", "left"))
    story.append(para(facts.description))
    story.append(heading("E. Bukti dukung"))
    story.extend(_evidence(facts, width))
    receiver = facts.signer(*RECEIVERS)
    story.append(
        signature_grid(
            [
                ("Pelapor,", reporter.name if reporter else "", ""),
                ("Petugas penerima,", facts.received_by or (receiver.name if receiver else ""), ""),
            ],
            width,
            heading_text=f"{facts.office.city or ''}, {day_date(facts.received_at)}".lstrip(", "),
        )
    )
    return story


def _evidence(facts: CaseFacts, width: float) -> list[Flowable]:
    if not facts.evidence:
        return [para("Tidak ada bukti dukung yang diserahkan.")]
    rows = [(str(i), name, description or EMPTY) for i, (name, description) in enumerate(facts.evidence, 1)]
    return [grid(["No", "Berkas", "Keterangan"], rows, [10, 80, width / 2.835 - 90])]


def receipt(facts: CaseFacts, issue: Issue, width: float) -> list[Flowable]:
    reporter = facts.reporter
    story: list[Flowable] = [*title("Tanda Terima Pengaduan", facts.agenda_number)]
    story.append(para("Telah diterima pengaduan masyarakat dari:"))
    story.append(space(2))
    rows: list[tuple[str, object]] = [("Nama", reporter.name if reporter else EMPTY)]
    if reporter is not None:
        rows += [("Alamat", reporter.address), ("Telepon", format_phone(reporter.phone) or EMPTY)]
    rows += [
        ("Diterima pada", date_and_time(facts.received_at)),
        ("Melalui", facts.channel),
        ("Perihal", facts.subject),
        ("Bukti dukung", f"{len(facts.evidence)} berkas" if facts.evidence else "Tidak ada"),
    ]
    story.append(fields(rows, width))
    story.append(space(3))
    story.append(
        para(
            f"Pengaduan ini dicatat dalam buku agenda dengan nomor {facts.agenda_number} dan akan "
            f"ditindaklanjuti sesuai {facts.profile_name}. Simpan tanda terima ini dan sebutkan nomor "
            "agenda tersebut bila menanyakan perkembangan pengaduan."
        )
    )
    if reporter is not None and reporter.confidential:
        story.append(space(2))
        story.append(para("Atas permintaan pelapor, identitas pelapor dirahasiakan oleh KPU."))
    receiver = facts.signer(*RECEIVERS)
    story.append(
        signature_grid(
            [
                ("Yang menyerahkan,", reporter.name if reporter else "", ""),
                ("Yang menerima,", facts.received_by or (receiver.name if receiver else ""), ""),
            ],
            width,
            heading_text=f"{facts.office.city or ''}, {day_date(facts.received_at)}".lstrip(", "),
        )
    )
    return story


def disposition_sheet(facts: CaseFacts, issue: Issue, width: float) -> list[Flowable]:
    reporter = facts.reporter
    confidential = reporter is not None and reporter.confidential
    story: list[Flowable] = [*title("Lembar Disposisi", issue.number)]
    # The sheet goes up and down the chain of superiors, none of whom need know the people
    # of a whole-confidential report: its respondent is hidden like its subject.
    rows = case_rows(facts, reveal=False, hide_respondents=True)
    story.append(fields([*rows, ("Sifat", "Rahasia" if confidential else "Biasa")], width))
    story.append(space(4))
    lines = [
        (
            str(i),
            date_and_time(d.given_at),
            f"{d.from_name}\n{d.from_position}".strip(),
            d.to_name,
            d.instruction,
            "",
        )
        for i, d in enumerate(facts.dispositions, start=1)
    ]
    story.append(grid(["No", "Tanggal", "Dari", "Kepada", "Isi disposisi", "Paraf"], lines, [9, 30, 38, 30, 43, 15]))
    return story


def completion_request(facts: CaseFacts, issue: Issue, width: float) -> list[Flowable]:
    assert facts.completion is not None
    reporter = facts.reporter
    days = facts.completion_days
    story = letter_heading(
        facts.office,
        issue.number,
        issue.issued_on,
        "Permintaan kelengkapan pengaduan",
        _addressee(reporter),
        width,
    )
    story.append(
        para(
            f"Menindaklanjuti pengaduan Saudara yang kami terima pada {date_and_time(facts.received_at)} "
            f"dengan nomor agenda {facts.agenda_number} perihal \u201c{facts.subject}\u201d, setelah dilakukan "
            "kajian/telaah, pengaduan tersebut belum lengkap atau belum jelas, yaitu:"
        )
    )
    story.append(space(2))
    story.append(para(facts.completion.missing_items, "left"))
    story.append(space(2))
    story.append(
        para(
            f"Sehubungan dengan hal tersebut, kami meminta Saudara melengkapi kekurangan tersebut paling lambat "
            f"{days} ({number_words(days)}) hari kerja, yaitu sampai dengan {date_and_time(facts.completion.due_at)} "
            "waktu setempat. Kelengkapan dapat disampaikan langsung ke kantor kami atau melalui saluran pengaduan "
            "yang tersedia. Apabila sampai batas waktu tersebut kekurangan belum dilengkapi, pengaduan Saudara "
            "dapat ditolak dan tidak dapat ditindaklanjuti."
        )
    )
    story.append(space(2))
    story.append(para("Demikian disampaikan, atas perhatian dan kerja samanya kami ucapkan terima kasih."))
    signer = facts.signer(*LETTER_SIGNERS)
    story.append(signature(signer.position if signer else "Pejabat yang berwenang,", signer, width))
    return story


def rejection_letter(facts: CaseFacts, issue: Issue, width: float) -> list[Flowable]:
    reporter = facts.reporter
    story = letter_heading(
        facts.office, issue.number, issue.issued_on, "Penolakan pengaduan", _addressee(reporter), width
    )
    request = facts.issued.get("permintaan_kelengkapan")
    asked = (
        f"dengan surat kami nomor {request[0]} tanggal {day_date(request[1])}"
        if request
        else "sebagaimana telah kami sampaikan"
    )
    due = date_and_time(facts.completion.due_at) if facts.completion else EMPTY
    story.append(
        para(
            f"Menindaklanjuti pengaduan Saudara yang kami terima pada {day_date(facts.received_at)} dengan nomor "
            f"agenda {facts.agenda_number} perihal \u201c{facts.subject}\u201d, kekurangan pengaduan telah kami "
            f"mintakan untuk dilengkapi {asked}, paling lambat {due}."
        )
    )
    story.append(space(2))
    story.append(
        para(
            "Sampai dengan batas waktu tersebut kekurangan pengaduan belum kami terima, sehingga pengaduan Saudara "
            "dinyatakan ditolak dan tidak dapat ditindaklanjuti."
        )
    )
    if facts.closure_note:
        story.append(space(2))
        story.append(para(f"Keterangan: {facts.closure_note}"))
    story.append(space(2))
    story.append(
        para(
            "Saudara tetap dapat menyampaikan kembali pengaduan dengan identitas, uraian, dan bukti dukung yang "
            "lengkap. Demikian disampaikan, atas perhatiannya kami ucapkan terima kasih."
        )
    )
    signer = facts.signer(*LETTER_SIGNERS)
    story.append(signature(signer.position if signer else "Pejabat yang berwenang,", signer, width))
    return story


def _addressee(reporter: object) -> list[str]:
    from .facts import PartyFacts

    if not isinstance(reporter, PartyFacts):
        return ["Pelapor"]
    lines = [f"Sdr. {reporter.name}"]
    if reporter.address:
        lines.append(reporter.address)
    return lines


def internal_memo(facts: CaseFacts, issue: Issue, width: float) -> list[Flowable]:
    sender = facts.signer(*MEMO_SENDERS)
    receiver = facts.signer("kasubag_hukum", "tim_telaah", "tim_verifikator")
    memo = facts.letter("nota_dinas")
    # The subject typed when the memo was recorded at its step.
    subject = f"Penanganan pengaduan masyarakat nomor agenda {facts.agenda_number}"
    if memo and memo.subject:
        subject = memo.subject
    story: list[Flowable] = [*title("Nota Dinas", issue.number)]
    story.append(
        fields(
            [
                ("Yth.", receiver.position if receiver else (memo.counterpart if memo else "Kepala Subbagian Hukum")),
                ("Dari", sender.position if sender else "Kepala Bagian Hukum dan SDM"),
                ("Tanggal", day_date(issue.issued_on)),
                ("Sifat", "Rahasia" if facts.reporter and facts.reporter.confidential else "Biasa"),
                ("Lampiran", "1 (satu) berkas pengaduan"),
                ("Hal", subject),
            ],
            width,
            label_mm=25,
        )
    )
    story.append(space(4))
    story.append(
        para(
            "Bersama ini kami sampaikan pengaduan masyarakat dengan data sebagai berikut untuk ditelaah dan "
            "ditindaklanjuti sesuai ketentuan:"
        )
    )
    story.append(space(2))
    story.append(fields(case_rows(facts, reveal=False), width))
    # The direction the memo passes on: the last one given before the memo was recorded at
    # its step, not one given at a later step.
    instructions = [
        d
        for d in facts.dispositions
        if d.instruction and (memo is None or memo.recorded_at is None or d.given_at <= memo.recorded_at)
    ]
    if instructions:
        story.append(space(3))
        story.append(para(f"Arahan: {instructions[-1].instruction}"))
    story.append(space(3))
    story.append(para("Demikian disampaikan untuk dilaksanakan."))
    story.append(signature(sender.position if sender else "Pengirim,", sender, width))
    return story
