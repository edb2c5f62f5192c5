"""Papers of the review: the worksheet, the review result, the further review result and
the report of the review (Sumatera Barat)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from .facts import CaseFacts, Issue, Signatory, WorksheetFacts
from .intake import case_rows
from .parts import EMPTY, day_date, fields, grid, heading, para, signature, space, title

REVIEWERS = ("tim_verifikator", "tim_telaah", "kasubag_hukum", "tim_penyelesaian")
REPORT_SENDERS = ("kasubag_hukum", "kabag_hukum_sdm", "tim_penyelesaian")
RESULTS = {"lengkap": "Lengkap", "tidak_lengkap": "Tidak lengkap / tidak jelas"}


def _met(value: bool | None) -> str:
    return {True: "Memenuhi", False: "Tidak memenuhi", None: "Belum dinilai"}[value]


def _reviewer(facts: CaseFacts, sheet: WorksheetFacts) -> tuple[str, Signatory | None]:
    official = facts.signer(*REVIEWERS)
    if sheet.reviewer:
        nip = official.nip if official is not None and official.name == sheet.reviewer else ""
        return "Penelaah,", Signatory(position="Penelaah", name=sheet.reviewer, nip=nip)
    return "Penelaah,", official


def worksheet(facts: CaseFacts, issue: Issue, width: float) -> list[Flowable]:
    sheet = facts.worksheets["telaah"]
    story: list[Flowable] = [*title("Kertas Kerja Telaah Pengaduan Masyarakat", facts.agenda_number)]
    story.append(fields(case_rows(facts, reveal=False), width))
    story.append(heading("A. Syarat formil dan materiil"))
    rows = [(str(i), label, _met(ok), note or EMPTY) for i, (label, ok, note) in enumerate(sheet.rows, start=1)]
    story.append(grid(["No", "Unsur yang ditelaah", "Penilaian", "Keterangan"], rows, [9, 55, 28, 73]))
    story.extend(_analysis(sheet))
    caption, official = _reviewer(facts, sheet)
    story.append(signature(caption, official, width, place_date=_place_date(facts, sheet)))
    return story


def _analysis(sheet: WorksheetFacts) -> list[Flowable]:
    story: list[Flowable] = []
    for label, value in (
        ("B. Ketentuan yang dirujuk", sheet.rules_cited),
        ("C. Hasil penelusuran", sheet.survey),
        ("D. Analisis", sheet.analysis),
        ("E. Kesimpulan", sheet.conclusion),
    ):
        if value or label.startswith(("B.", "D.", "E.")):
            story.append(heading(label))
            story.append(para(value))
    if sheet.result:
        story.append(space(2))
        story.append(para(f"Hasil telaah: {RESULTS.get(sheet.result, sheet.result)}.", "left"))
    if sheet.missing_items:
        story.append(para(f"Kekurangan yang harus dilengkapi pelapor: {sheet.missing_items}", "left"))
    if sheet.hearing_needed is not None:
        story.append(
            para(
                "Perlu verifikasi dan klarifikasi."
                if sheet.hearing_needed
                else "Tidak perlu verifikasi dan klarifikasi.",
                "left",
            )
        )
    return story


def _place_date(facts: CaseFacts, sheet: WorksheetFacts) -> str:
    return f"{facts.office.city or ''}, {day_date(sheet.saved_at)}".lstrip(", ")


def _result(facts: CaseFacts, issue: Issue, width: float, kind: str, heading_text: str) -> list[Flowable]:
    sheet = facts.worksheets[kind]
    story: list[Flowable] = [*title(heading_text, facts.agenda_number)]
    story.append(fields(case_rows(facts, reveal=False), width))
    story.append(space(4))
    story.append(
        para(
            f"Berdasarkan kertas kerja telaah yang disusun pada {day_date(sheet.saved_at)} atas pengaduan "
            f"masyarakat nomor agenda {facts.agenda_number}, dengan memperhatikan syarat formil dan materiil "
            "serta ketentuan yang berlaku, disampaikan hasil telaah sebagai berikut:"
        )
    )
    story.extend(_analysis(sheet))
    story.append(space(3))
    story.append(para("Demikian hasil telaah ini disampaikan untuk dipergunakan sebagaimana mestinya."))
    caption, official = _reviewer(facts, sheet)
    story.append(signature(caption, official, width, place_date=_place_date(facts, sheet)))
    return story


def review_result(facts: CaseFacts, issue: Issue, width: float) -> list[Flowable]:
    return _result(facts, issue, width, "telaah", "Hasil Telaah Pengaduan Masyarakat")


def further_review_result(facts: CaseFacts, issue: Issue, width: float) -> list[Flowable]:
    return _result(facts, issue, width, "telaah_lanjutan", "Hasil Telaah Lanjutan Pengaduan Masyarakat")


def review_report(facts: CaseFacts, issue: Issue, width: float) -> list[Flowable]:
    """Sumatera Barat step 5: the settlement team's result, reported to the Secretary."""
    sheet = facts.worksheets.get("penyelesaian") or facts.worksheets["telaah"]
    sender = facts.signer(*REPORT_SENDERS)
    head = facts.signer("sekretaris", "penanggung_jawab", "pengarah")
    story: list[Flowable] = [*title("Laporan Hasil Telaah Pengaduan Masyarakat", issue.number)]
    story.append(
        fields(
            [
                ("Yth.", head.position if head else "Sekretaris"),
                ("Dari", sender.position if sender else "Kepala Subbagian Hukum"),
                ("Tanggal", day_date(issue.issued_on)),
                ("Hal", f"Laporan hasil telaah pengaduan nomor agenda {facts.agenda_number}"),
            ],
            width,
            label_mm=25,
        )
    )
    story.append(space(4))
    story.append(fields(case_rows(facts, reveal=False), width))
    story.extend(_analysis(sheet))
    story.append(space(3))
    story.append(para("Demikian laporan ini disampaikan, mohon arahan lebih lanjut."))
    story.append(signature(sender.position if sender else "Pelapor hasil telaah,", sender, width))
    return story
