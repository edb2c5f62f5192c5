"""The whole case file on paper (berkas_lengkap): one unnumbered print of the record of a
case taken through every step, through the services and the command line."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from dumas_desktop.cli import main
from dumas_desktop.documents.case_file_facts import KIND, TITLE
from dumas_desktop.domain import deadlines
from dumas_desktop.services import case_file, documents, minutes
from dumas_desktop.services.case_file_print import timeliness
from dumas_desktop.services.context import Workspace
from dumas_desktop.services.demo import make_demo
from dumas_desktop.storage.database import open_database
from dumas_desktop.storage.models import AuditEntry, Complaint, Evidence, Hearing, IssuedDocument, Minutes, Party

from .test_numbering import issue_everything

NOW = datetime(2026, 11, 20, 10, 0)
HEADINGS = (
    "A. Data pengaduan",
    "B. Para pihak",
    "C. Riwayat langkah",
    "D. Disposisi dan nota dinas",
    "E. Kertas kerja telaah",
    "F. Verifikasi dan klarifikasi",
    "G. Berita acara",
    "H. Bukti dukung",
    "I. Dokumen terbit",
)
REASON = "Salah ketik nama terlapor pada halaman dua"


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory.mktemp("berkas") / "kantor.dumas", 160, "sanggau-2026", seed=7, now=NOW).path


@pytest.fixture
def sanggau(template: Path, tmp_path: Path) -> Iterator[Workspace]:
    target = tmp_path / template.name
    target.write_bytes(template.read_bytes())
    ws = Workspace(open_database(target), actor="uji", clock=lambda: NOW)
    yield ws
    ws.db.close()


def _case(ws: Workspace, *, open_case: bool, confidential: bool) -> int:
    """A case taken through a hearing to adopted minutes, with evidence."""
    with ws.db.read() as session:
        status = set(
            session.scalars(select(Complaint.id).where(Complaint.status == ("proses" if open_case else "selesai")))
        )
        hidden = set(
            session.scalars(
                select(Party.complaint_id).where(Party.role == "reporter", Party.confidentiality == "identitas")
            )
        )
        with_evidence = set(session.scalars(select(Evidence.complaint_id)))
        heard = set(session.scalars(select(Hearing.complaint_id)))
        adopted = set(session.scalars(select(Minutes.complaint_id).where(Minutes.status == "ditetapkan")))
    found = status & with_evidence & heard & adopted
    candidates = sorted(found & hidden if confidential else found - hidden)
    assert candidates, "the demo has no such case"
    return candidates[0]


def test_the_case_file_holds_the_whole_record_and_never_the_confidential_reporter(
    sanggau: Workspace, tmp_path: Path
) -> None:
    case_id = _case(sanggau, open_case=False, confidential=True)
    issue_everything(sanggau, case_id)
    issued = documents.list_issued(sanggau, case_id)
    assert len(issued) >= 8
    detail = case_file.case_detail(sanggau, case_id)
    with sanggau.db.read() as session:
        reporter = session.scalars(select(Party).where(Party.complaint_id == case_id, Party.role == "reporter")).one()
        hashes = list(session.scalars(select(Evidence.sha256).where(Evidence.complaint_id == case_id)))
        before = session.scalar(select(func.count()).select_from(IssuedDocument))

    offer = next(o for o in documents.offers(sanggau, case_id) if o.kind == KIND)
    assert offer.ready and offer.record and offer.title == TITLE
    paper = documents.issue(sanggau, case_id, KIND)
    assert paper.title == TITLE and paper.number == "" and paper.document_id is None and not paper.is_copy
    text = text_of(paper.pdf)
    bare = re.sub(r"\s+", "", text)

    assert detail.agenda_number in text
    for heading in HEADINGS:
        assert heading in text, heading
    for step in detail.steps:
        assert step.name in text, step.name
    assert hashes and all(digest in bare for digest in hashes)
    for document in issued:
        assert document.number in text, document.title
        assert document.sha256 in bare, document.title
    assert re.search(r"(Tepat waktu|Terlambat)", text)
    assert reporter.name not in text and reporter.id_number not in text
    assert "Dirahasiakan" in text
    pages = len(PdfReader(io.BytesIO(paper.pdf)).pages)
    assert f"Halaman 1 dari {pages}" in text and f"Halaman {pages} dari {pages}" in text

    # A print of the record: no number taken, nothing archived, the print in the audit trail.
    with sanggau.db.read() as session:
        assert session.scalar(select(func.count()).select_from(IssuedDocument)) == before
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "berkas_lengkap_dicetak").order_by(AuditEntry.id.desc())
        ).first()
    assert entry is not None
    recorded = entry.after if isinstance(entry.after, dict) else json.loads(entry.after)
    assert recorded["sha256"] == hashlib.sha256(paper.pdf).hexdigest()
    assert [d.number for d in documents.list_issued(sanggau, case_id)] == [d.number for d in issued]
    history = [e for e in case_file.case_history(sanggau, case_id) if e.action == "berkas_lengkap_dicetak"]
    assert history and "jenis: Berkas lengkap pengaduan" in history[-1].details

    if shutil.which("qpdf"):
        path = tmp_path / "berkas.pdf"
        path.write_bytes(paper.pdf)
        assert subprocess.run(["qpdf", "--check", str(path)], capture_output=True).returncode == 0


def test_every_version_of_the_minutes_is_listed_with_its_correction(sanggau: Workspace) -> None:
    case_id = _case(sanggau, open_case=True, confidential=False)
    corrected = minutes.MinutesInput("Kronologi diperbaiki", "Identitas", "Bukti", "Petitum dikoreksi")
    minutes.correct_minutes(sanggau, case_id, corrected, REASON)
    minutes.hold_plenary(sanggau, case_id, minutes.PlenaryInput(NOW, "Ruang pleno", "Ketua", ("Ketua",), "Koreksi"))
    text = text_of(documents.issue(sanggau, case_id, KIND).pdf)
    section = text[text.index("G. Berita acara") : text.index("H. Bukti dukung")]
    assert "1 Diganti (diperbaiki)" in section and "2 Ditetapkan" in section
    assert "Versi 1" in section and REASON in section


def test_the_case_file_comes_on_f4_too(sanggau: Workspace) -> None:
    with sanggau.db.read() as session:
        case_id = session.scalars(select(Complaint.id).order_by(Complaint.id)).first()
    assert case_id is not None
    paper = documents.issue(sanggau, case_id, KIND, paper="F4")
    box = PdfReader(io.BytesIO(paper.pdf)).pages[0].mediabox
    assert round(float(box.width) * 25.4 / 72) == 215 and round(float(box.height) * 25.4 / 72) == 330
    assert "Halaman 1 dari" in text_of(paper.pdf)


def test_lateness_is_counted_in_working_days(sanggau: Workspace) -> None:
    with sanggau.db.read() as session:
        calendar = sanggau.calendar(session)
    due = datetime(2026, 11, 13, 16, 0)  # a Friday
    assert timeliness(calendar, None, None, deadlines.NO_LIMIT) == "Tanpa batas waktu baku"
    assert timeliness(calendar, due, datetime(2026, 11, 13, 15, 0), deadlines.DONE_ON_TIME) == "Tepat waktu"
    assert timeliness(calendar, due, datetime(2026, 11, 13, 16, 30), deadlines.DONE_LATE) == (
        "Terlambat (kurang dari 1 hari kerja)"
    )
    assert timeliness(calendar, due, datetime(2026, 11, 17, 10, 0), deadlines.DONE_LATE) == "Terlambat 2 hari kerja"
    assert timeliness(calendar, due, None, deadlines.OVERDUE) == "Berjalan, lewat batas waktu"
    assert timeliness(calendar, due, None, deadlines.PAUSED).startswith("Berjalan, menunggu pelapor")


def run(capsys, *args):  # type: ignore[no-untyped-def]
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_document_command_prints_the_case_file(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "kantor.dumas"
    assert run(capsys, "demo", "--data", path, "--cases", 40)[0] == 0
    code, out, _ = run(capsys, "document", "--list-kinds")
    assert code == 0 and f"{KIND}\t{TITLE}" in out
    code, out, _ = run(capsys, "cases", "--data", path, "--limit", 1000)
    agenda = sorted(line.split("\t")[0] for line in out.splitlines())[0]
    code, out, _ = run(capsys, "document", "--data", path, "--case", agenda, "--list")
    assert code == 0 and f"{KIND}\t{TITLE}\tsiap dibuat" in out

    target = tmp_path / "berkas.pdf"
    code, out, _ = run(capsys, "document", "--data", path, "--case", agenda, "--kind", KIND, "--out", target)
    assert code == 0 and out.strip() == f"{TITLE} disimpan ke {target}."
    text = text_of(target.read_bytes())
    assert agenda in text and "BERKAS LENGKAP PENGADUAN" in text
    # Printed again: a fresh print of the record, never a SALINAN of an archived paper.
    again = tmp_path / "lagi.pdf"
    code, out, _ = run(capsys, "document", "--data", path, "--case", agenda, "--kind", KIND, "--out", again)
    assert code == 0 and "SALINAN" not in out

    missing = tmp_path / "tidak.pdf"
    code, _, err = run(capsys, "document", "--data", path, "--case", "999/TIDAK/ADA", "--kind", KIND, "--out", missing)
    assert code == 2 and "tidak ada dalam berkas data" in err and not missing.exists()
