"""A confidential reporter on every path a paper or a list takes, as each role of the
office: recaps and reports never name them, whoever prints them; the audit trail (service,
workbook, `audit` command) leaves out their name, evidence file names and, for a whole
confidential report, worksheet and disposition texts for roles that need not know; the
disposition sheet of a whole confidential report never prints its respondent; search finds
nothing of them for those roles. Each check greps the bytes made (PDF text, workbook
cells, stdout)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from dumas_desktop.cli import main
from dumas_desktop.domain.access import ADMIN, identity_roles, roles_of
from dumas_desktop.reports.model import Period
from dumas_desktop.services import accounts, audit_log, documents, intake, queries, review, screening
from dumas_desktop.services.intake import EvidenceInput, PartyInput
from dumas_desktop.services.recap import recap_paper, write_recap
from dumas_desktop.services.screening import DispositionInput

from .builders import acting, complaint, reporter, worksheet

WHOLE_REPORTER = "Maria Goreti Lestari"
WHOLE_RESPONDENT = "Benediktus Ajun"
WHOLE_EVIDENCE = "ktp-maria-goreti.jpg"
INSTRUCTION = "Panggil kepala desa secara tertutup"
ANALYSIS = "Kesaksian kepala desa menguatkan dugaan"
IDENTITY_REPORTER = "Stefanus Apui Rahmat"
IDENTITY_EVIDENCE = "surat-stefanus-apui.pdf"
OPEN_REPORTER = "Dewi Anggraini Putri"
SCREENED = {"skrining_kelengkapan", "skrining_validitas"}
PASSWORD = "kata-sandi-peran-1"
ROLES = ("pelaksana", "tim_verifikator", "tim_telaah", "penanggung_jawab", "pengarah", ADMIN)


def text_of(pdf: bytes) -> str:
    """The words of every page, lines joined: a name wrapped in a table cell is still found."""
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def cells_of(path: Path) -> str:
    book = load_workbook(path)
    return "\n".join(
        str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c is not None
    )


@pytest.fixture
def office(ws, clock):
    """A whole confidential report taken to its review, an identity-only one, an open one."""
    officer = acting(ws, "pelaksana")
    whole = intake.receive(
        officer,
        complaint(
            clock(),
            reporter=reporter(confidentiality="seluruh"),
            respondents=(PartyInput(name=WHOLE_RESPONDENT, position="Anggota PPS"),),
            evidence=(EvidenceInput(WHOLE_EVIDENCE, b"\xff\xd8\xff\xe0 ktp"),),
        ),
        confirmations={"buku_tamu"},
    ).case_id
    disposition = DispositionInput("Ketua", "Tim Verifikator", INSTRUCTION)
    screening.register(officer, whole, "netralitas", disposition, confirmations=SCREENED)
    review.save_review(acting(ws, "tim_verifikator"), whole, worksheet(analysis=ANALYSIS, result="lengkap"))
    intake.receive(
        officer,
        complaint(
            clock(),
            reporter=reporter(name=IDENTITY_REPORTER, confidentiality="identitas"),
            evidence=(EvidenceInput(IDENTITY_EVIDENCE, b"%PDF-1.4 surat"),),
        ),
        confirmations={"buku_tamu"},
    )
    intake.receive(officer, complaint(clock(), reporter=reporter(name=OPEN_REPORTER)), confirmations={"buku_tamu"})
    with ws.db.read() as session:
        profile = ws.home_profile(session)
    assert set(ROLES) == set(roles_of(profile))
    return whole, identity_roles(profile)


@pytest.mark.parametrize("role", ROLES)
def test_recaps_and_reports_never_name_a_confidential_reporter(ws, office, tmp_path, role):
    period = Period(2026)
    out = tmp_path / "rekap.xlsx"
    write_recap(acting(ws, role), period, out)
    pdf = text_of(recap_paper(acting(ws, role), period).pdf)
    for made in (cells_of(out), pdf):
        assert OPEN_REPORTER in made and "Dirahasiakan" in made
        for secret in (WHOLE_REPORTER, IDENTITY_REPORTER, WHOLE_RESPONDENT, "Goreti", "Stefanus"):
            assert secret not in made, (role, secret)


def _secrets_in(text: str) -> list[str]:
    return [
        s
        for s in (WHOLE_REPORTER, IDENTITY_REPORTER, WHOLE_EVIDENCE, IDENTITY_EVIDENCE, INSTRUCTION, ANALYSIS)
        if s in text
    ]


@pytest.mark.parametrize("role", ROLES)
def test_the_audit_trail_shows_each_role_what_it_may_know(ws, office, tmp_path, role):
    _whole, seeing = office
    as_role = acting(ws, role)
    rows = audit_log.entries(as_role)
    shown = "\n".join(r.details for r in rows)
    out = tmp_path / "jejak.xlsx"
    audit_log.write_xlsx(rows, out, "Jejak audit")
    workbook = cells_of(out)
    assert OPEN_REPORTER in shown and OPEN_REPORTER in workbook
    if role in seeing:
        assert (
            _secrets_in(shown)
            == _secrets_in(workbook)
            == [
                WHOLE_REPORTER,
                IDENTITY_REPORTER,
                WHOLE_EVIDENCE,
                IDENTITY_EVIDENCE,
                INSTRUCTION,
                ANALYSIS,
            ]
        )
    else:
        assert _secrets_in(shown) == _secrets_in(workbook) == [], role
        # What stands of the case is still there: the disposition's number, the review's result.
        assert "disposisi dicatat" in {r.action_label.lower() for r in rows}
        assert any("hasil telaah: lengkap" in r.details for r in rows), [r.details for r in rows]


def test_the_audit_command_shows_each_role_what_it_may_know(ws, office, data_file, tmp_path, capsys, monkeypatch):
    _whole, seeing = office
    for role in ROLES:
        accounts.add_user(ws, f"u_{role}", f"Pengguna {role}", PASSWORD, [role])
    monkeypatch.setenv("DUMAS_PASSWORD", PASSWORD)
    for role in ROLES:
        monkeypatch.setenv("DUMAS_USER", f"u_{role}")
        out = tmp_path / f"jejak-{role}.xlsx"
        assert main(["audit", "--data", str(data_file)]) == 0
        printed = capsys.readouterr().out
        assert main(["audit", "--data", str(data_file), "--out", str(out)]) == 0
        capsys.readouterr()
        assert OPEN_REPORTER in printed
        expected = 6 if role in seeing else 0
        assert len(_secrets_in(printed)) == len(_secrets_in(cells_of(out))) == expected, role


def test_the_disposition_sheet_of_a_whole_confidential_report_hides_its_respondent(ws, office):
    whole, _seeing = office
    issued = documents.issue(acting(ws, "pelaksana"), whole, "lembar_disposisi")
    again = documents.copy_of(acting(ws, "pengarah"), documents.list_issued(ws, whole)[0].id)
    for pdf in (issued.pdf, again.pdf):
        text = text_of(pdf)
        assert INSTRUCTION in text  # the sheet is the disposition itself
        assert "Dirahasiakan" in text
        assert WHOLE_RESPONDENT not in text and WHOLE_REPORTER not in text


@pytest.mark.parametrize("role", ROLES)
def test_search_finds_nothing_of_a_confidential_reporter_for_roles_that_need_not_know(ws, office, role):
    _whole, seeing = office
    as_role = acting(ws, role)
    for word in ("Goreti", "Stefanus", WHOLE_RESPONDENT):
        rows = queries.agenda_page(as_role, search=word)
        listed = " ".join(f"{r.reporter} {r.respondent} {r.subject}" for r in rows)
        if role in seeing:
            assert rows and word in listed, (role, word)
        else:
            assert word not in listed, (role, word)


@pytest.mark.parametrize("role", ROLES)
def test_an_export_carries_confidential_reporters_only_for_roles_that_need_them(ws, office, data_file, tmp_path, role):
    from dumas_desktop.services import transfer
    from dumas_desktop.storage.package import open_package

    _whole, seeing = office
    package = tmp_path / f"{role}.dumaspkg"
    transfer.export_package(data_file, package, access=acting(ws, role).access)
    _manifest, snapshot = open_package(package, None, tmp_path)
    carried = snapshot.read_bytes()
    assert OPEN_REPORTER.encode() in carried or role not in seeing
    secrets = [
        s for s in (WHOLE_REPORTER, IDENTITY_REPORTER, WHOLE_EVIDENCE, IDENTITY_EVIDENCE) if s.encode() in carried
    ]
    if role in seeing:
        assert secrets == [WHOLE_REPORTER, IDENTITY_REPORTER, WHOLE_EVIDENCE, IDENTITY_EVIDENCE]
    else:
        assert secrets == [], role


@pytest.mark.parametrize("role", ROLES)
def test_each_role_issues_and_prints_papers_without_the_confidential_reporter(ws, office, role):
    from dumas_desktop.documents.kinds import KINDS
    from dumas_desktop.domain.errors import NotAllowed

    whole, _seeing = office
    as_role = acting(ws, role)
    made = 0
    for offer in documents.offers(as_role, whole):
        # The whole case file (not among KINDS) never names a confidential reporter either.
        if not offer.ready or (offer.kind in KINDS and KINDS[offer.kind].reveals_reporter):
            continue
        try:
            paper = documents.issue(as_role, whole, offer.kind)
        except NotAllowed:
            continue
        made += 1
        text = text_of(paper.pdf)
        assert WHOLE_REPORTER not in text and "Goreti" not in text, (role, offer.kind)
        if offer.kind == "lembar_disposisi":
            assert WHOLE_RESPONDENT not in text, role
    # Whoever prints a copy of what was issued gets the same paper.
    for issued in documents.list_issued(ws, whole):
        if KINDS[issued.kind].reveals_reporter:
            continue
        text = text_of(documents.copy_of(as_role, issued.id).pdf)
        assert WHOLE_REPORTER not in text, (role, issued.kind)
        if issued.kind == "lembar_disposisi":
            assert WHOLE_RESPONDENT not in text, role
    assert made or role not in ("pelaksana", "tim_verifikator")  # the papers of the steps so far
