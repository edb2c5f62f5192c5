"""Every case document the program makes: its layout, where its number comes from,
whether it names a confidential reporter, and what the case must hold before it can be made."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable

from ..domain import catalog
from . import closure, hearing, intake, mail, plenary, review
from .facts import CaseFacts, Issue
from .intake import LETTER_SIGNERS
from .page import body_width, render

Build = Callable[[CaseFacts, Issue, float], list[Flowable]]

# Where a document's number comes from:
#   agenda      the agenda number; the paper belongs to the complaint itself
#   new         a letter number taken from the office's pattern when first issued
#   assignment  the assignment letter's number, given when the hearing was planned
#   invitation  each invitation's own number, given when the hearing was planned
#   plenary     the plenary meeting's number
#   letter      the number recorded with the letter (of kind `letter`) in the case file
#   none        no number (a draft)


@dataclass(frozen=True)
class Kind:
    key: str
    build: Build
    number: str
    ready: Callable[[CaseFacts], str | None]  # why it cannot be made yet, or None
    reveals_reporter: bool = False  # the paper goes to, or is signed by, the reporter
    per_recipient: bool = False  # one paper per invited party
    draft: bool = False  # shown and printed, never archived as issued
    # The date the paper bears when it records an event of the case (else the day it is made).
    dated: Callable[[CaseFacts], date | None] = lambda _facts: None
    letter: str = ""  # for number "letter": the kind of the letter recorded in the case file
    # The SOP actors, in order, whose official signs the paper; an office that has named none
    # of those its profile has is told so before the paper is issued.
    signers: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return catalog.DOCUMENT_KINDS[self.key]


def _has_reporter(facts: CaseFacts) -> str | None:
    return None if facts.reporter is not None else "Pelapor belum dicatat."


def _has_dispositions(facts: CaseFacts) -> str | None:
    return None if facts.dispositions else "Belum ada disposisi yang dicatat."


def _has_completion_request(facts: CaseFacts) -> str | None:
    if facts.completion is None:
        return "Pengaduan ini belum dimintakan kelengkapan kepada pelapor."
    return _has_reporter(facts)


def _rejected(facts: CaseFacts) -> str | None:
    return None if facts.closure_kind == "ditolak" else "Pengaduan ini tidak ditolak."


def _worksheet(kind: str, label: str) -> Callable[[CaseFacts], str | None]:
    def ready(facts: CaseFacts) -> str | None:
        return None if kind in facts.worksheets else f"{label} belum disimpan."

    return ready


def _any_worksheet(facts: CaseFacts) -> str | None:
    return None if facts.worksheets else "Kertas kerja telaah belum disimpan."


def _hearing_planned(facts: CaseFacts) -> str | None:
    return None if facts.hearing is not None else "Verifikasi dan klarifikasi belum direncanakan."


def _planned(facts: CaseFacts) -> date | None:
    """The assignment and the invitations bear the day the hearing was planned, when their
    numbers were given."""
    planned = facts.hearing.planned_at if facts.hearing else None
    return planned.date() if planned else None


def _minutes_draft(facts: CaseFacts) -> str | None:
    return None if facts.minutes is not None else "Draf berita acara belum disusun."


def _minutes_adopted(facts: CaseFacts) -> str | None:
    if facts.minutes is None or facts.minutes.status != "ditetapkan":
        return "Berita acara belum ditetapkan dalam rapat pleno."
    return None


def _plenary(facts: CaseFacts) -> str | None:
    if facts.minutes is None or facts.minutes.plenary is None:
        return "Rapat pleno belum dicatat."
    return None


def _cover_letter(facts: CaseFacts) -> str | None:
    if facts.letter("surat_pengantar") is None:
        return "Surat pengantar kepada KPU RI belum dicatat (nomor dan tanggal)."
    return _minutes_adopted(facts)


def _memo(facts: CaseFacts) -> str | None:
    if facts.letter("nota_dinas") is None:
        return "Nota dinas belum dicatat pada langkahnya (nomor, tanggal, dan perihal)."
    return None


def _letter_date(kind: str) -> Callable[[CaseFacts], date | None]:
    def dated(facts: CaseFacts) -> date | None:
        letter = facts.letter(kind)
        return letter.letter_date if letter else None

    return dated


def _referred(facts: CaseFacts) -> str | None:
    if facts.closure_kind != "bukan_kewenangan":
        return "Pengaduan ini tidak ditutup sebagai bukan kewenangan KPU."
    return None if facts.referred_to else "Instansi tujuan pelimpahan belum dicatat."


def _closed_early(facts: CaseFacts) -> str | None:
    if facts.closure_kind not in ("bukan_kewenangan", "duplikat", "dicabut"):
        return "Pengaduan ini tidak ditutup lebih awal."
    return _has_reporter(facts)


def _closed_on(facts: CaseFacts) -> date | None:
    return facts.closed_at.date() if facts.closed_at else None


def _decision(facts: CaseFacts) -> str | None:
    return None if facts.decision is not None else "Hasil tindak lanjut KPU RI belum dicatat."


def _from_mail(facts: CaseFacts) -> str | None:
    return None if facts.mail is not None else "Pengaduan ini tidak dicatat dari surel yang diambil program."


def _always(_facts: CaseFacts) -> str | None:
    return None


KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        Kind("formulir_pengaduan", intake.complaint_form, "agenda", _always, reveals_reporter=True),
        Kind("tanda_terima", intake.receipt, "agenda", _has_reporter, reveals_reporter=True),
        # The sender's own words and address: shown as the complaint form shows the reporter.
        Kind("cetakan_surel", mail.mail_printout, "agenda", _from_mail, reveals_reporter=True),
        Kind("lembar_disposisi", intake.disposition_sheet, "agenda", _has_dispositions),
        Kind(
            "permintaan_kelengkapan",
            intake.completion_request,
            "new",
            _has_completion_request,
            reveals_reporter=True,
            dated=lambda f: f.completion.requested_at.date() if f.completion else None,
            signers=LETTER_SIGNERS,
        ),
        Kind(
            "surat_penolakan",
            intake.rejection_letter,
            "new",
            _rejected,
            reveals_reporter=True,
            dated=lambda f: f.closed_at.date() if f.closed_at else None,
            signers=LETTER_SIGNERS,
        ),
        Kind(
            "nota_dinas",
            intake.internal_memo,
            "letter",
            _memo,
            dated=_letter_date("nota_dinas"),
            letter="nota_dinas",
            signers=intake.MEMO_SENDERS,
        ),
        Kind("kertas_kerja_telaah", review.worksheet, "agenda", _worksheet("telaah", "Kertas kerja telaah")),
        Kind("hasil_telaah", review.review_result, "agenda", _worksheet("telaah", "Kertas kerja telaah")),
        Kind(
            "hasil_telaah_lanjutan",
            review.further_review_result,
            "agenda",
            _worksheet("telaah_lanjutan", "Hasil telaah lanjutan"),
        ),
        Kind("laporan_hasil_telaah", review.review_report, "new", _any_worksheet, signers=review.REPORT_SENDERS),
        Kind(
            "surat_tugas",
            hearing.assignment_letter,
            "assignment",
            _hearing_planned,
            dated=_planned,
            signers=LETTER_SIGNERS,
        ),
        Kind(
            "surat_undangan",
            hearing.invitation,
            "invitation",
            _hearing_planned,
            per_recipient=True,
            dated=_planned,
            signers=LETTER_SIGNERS,
        ),
        Kind("daftar_hadir", hearing.attendance_list, "agenda", _hearing_planned),
        Kind("draf_berita_acara", hearing.minutes, "none", _minutes_draft, draft=True),
        Kind(
            "berita_acara",
            hearing.minutes,
            "new",
            _minutes_adopted,
            dated=lambda f: f.minutes.adopted_at.date() if f.minutes and f.minutes.adopted_at else None,
            signers=hearing.MINUTES_CHAIRS,
        ),
        Kind(
            "berita_acara_pleno",
            plenary.plenary_minutes,
            "plenary",
            _plenary,
            dated=lambda f: f.minutes.plenary.held_at.date() if f.minutes and f.minutes.plenary else None,
        ),
        Kind(
            "surat_pengantar",
            plenary.cover_letter,
            "letter",
            _cover_letter,
            dated=_letter_date("surat_pengantar"),
            letter="surat_pengantar",
            signers=plenary.HEADS,
        ),
        Kind("tanda_terima_pengantar", plenary.cover_receipt, "letter", _cover_letter, letter="surat_pengantar"),
        Kind("tanda_terima_tindak_lanjut", plenary.follow_up_receipt, "agenda", _decision),
        Kind(
            "surat_penerusan",
            closure.referral_letter,
            "new",
            _referred,
            dated=_closed_on,
            signers=LETTER_SIGNERS,
        ),
        Kind(
            "pemberitahuan_pelapor",
            closure.reporter_notice,
            "new",
            _closed_early,
            reveals_reporter=True,
            dated=_closed_on,
            signers=LETTER_SIGNERS,
        ),
    )
}

# The Excel workbooks of Sumatera Barat's steps 7 and 8 are made by `recap`, not per case.
WORKBOOK_KINDS = ("rekapitulasi_pengaduan", "laporan_pengaduan")


def recipients(facts: CaseFacts) -> list[tuple[str, str]]:
    """(invitation number, addressee) of every invited party, in the plan's order."""
    if facts.hearing is None:
        return []
    return [(p.invitation_number, p.name) for p in facts.hearing.invited if p.invitation_number]


def make_pdf(facts: CaseFacts, issue: Issue) -> bytes:
    kind = KINDS[issue.kind]
    width = body_width(issue.paper)
    story = kind.build(facts, issue, width)
    subject = f"{kind.title} {facts.agenda_number}"
    return render(story, facts.office, title=kind.title, subject=subject, paper=issue.paper, draft=issue.draft)
