"""The office's papers: every kind from a real case file, their text, fonts, numbers, the
archive with copies marked SALINAN, confidential reporters, and refusals."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import cast

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from sqlalchemy import select

from dumas_desktop.documents.facts import Issue
from dumas_desktop.documents.kinds import KINDS, make_pdf
from dumas_desktop.domain.errors import NotAllowed, ValidationError
from dumas_desktop.domain.texts import date_in_words
from dumas_desktop.services import documents
from dumas_desktop.services.context import Workspace
from dumas_desktop.services.demo import make_demo
from dumas_desktop.services.document_facts import case_facts
from dumas_desktop.storage.database import open_database
from dumas_desktop.storage.models import Complaint, IssuedDocument, Party

NOW = datetime(2026, 11, 20, 10, 0)
MM = 72 / 25.4


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def pages_of(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("documents")
    return {
        sop: make_demo(folder / f"{sop}.dumas", 160, sop, seed=7, now=NOW).path
        for sop in ("sanggau-2026", "sumbar-2022")
    }


def _workspace(template: Path, tmp_path: Path) -> Workspace:
    target = tmp_path / template.name
    target.write_bytes(template.read_bytes())
    return Workspace(open_database(target), actor="uji", clock=lambda: NOW)


@pytest.fixture
def sanggau(demo_template: dict[str, Path], tmp_path: Path) -> Iterator[Workspace]:
    ws = _workspace(demo_template["sanggau-2026"], tmp_path)
    yield ws
    ws.db.close()


@pytest.fixture
def sumbar(demo_template: dict[str, Path], tmp_path: Path) -> Iterator[Workspace]:
    ws = _workspace(demo_template["sumbar-2022"], tmp_path)
    yield ws
    ws.db.close()


def _ready_case(ws: Workspace, kind: str, *, confidential: bool | None = None) -> tuple[int, documents.Offer]:
    with ws.db.read() as session:
        ids = list(session.scalars(select(Complaint.id).order_by(Complaint.id)))
        hidden = set(
            session.scalars(
                select(Party.complaint_id).where(Party.role == "reporter", Party.confidentiality != "terbuka")
            )
        )
    for case_id in ids:
        if confidential is not None and (case_id in hidden) != confidential:
            continue
        for offer in documents.offers(ws, case_id):
            if offer.kind == kind and offer.ready:
                return case_id, offer
    raise AssertionError(f"no demo case can make {kind}")


def _facts(ws: Workspace, case_id: int, draft: bool = False):
    with ws.db.read() as session:
        complaint = session.get(Complaint, case_id)
        assert complaint is not None
        return case_facts(ws, session, complaint, draft_minutes=draft)


EXPECTED_SIGNERS = {
    "permintaan_kelengkapan": "Andi Hasanuddin",
    "surat_penolakan": "Andi Hasanuddin",
    "surat_tugas": "Andi Hasanuddin",
    "surat_undangan": "Andi Hasanuddin",
    "surat_penerusan": "Andi Hasanuddin",
    "pemberitahuan_pelapor": "Andi Hasanuddin",
    "berita_acara": "Iis Supianto",
    "surat_pengantar": "Iis Supianto",
    "daftar_hadir": "Franky Gilbert Nainggolan",
    "tanda_terima": "Rina Oktaviani",
    "formulir_pengaduan": "Rina Oktaviani",
}


# The e-mail print-out needs a case registered from a fetched e-mail: tests/test_mail.py.
@pytest.mark.parametrize("kind", [k for k in KINDS if k not in ("nota_dinas", "laporan_hasil_telaah", "cetakan_surel")])
def test_every_sanggau_paper_carries_the_case_its_number_and_signatory(sanggau: Workspace, kind: str) -> None:
    case_id, offer = _ready_case(sanggau, kind)
    paper = documents.issue(sanggau, case_id, kind, recipient=offer.recipient)
    facts = _facts(sanggau, case_id, draft=KINDS[kind].draft)
    text = squash(text_of(paper.pdf))
    assert "KOMISI PEMILIHAN UMUM" in text and "KABUPATEN SANGGAU" in text
    assert facts.agenda_number in text
    if paper.number:
        assert paper.number in text
    if kind in EXPECTED_SIGNERS:
        assert EXPECTED_SIGNERS[kind] in text
    assert not paper.is_copy
    if kind == "draf_berita_acara":
        assert paper.document_id is None and "DRAF" in text
    else:
        assert paper.document_id is not None
        assert documents.original_pdf(sanggau, paper.document_id) == paper.pdf


@pytest.mark.parametrize(
    "kind", ["formulir_pengaduan", "tanda_terima", "nota_dinas", "kertas_kerja_telaah", "laporan_hasil_telaah"]
)
def test_sumbar_papers(sumbar: Workspace, kind: str) -> None:
    case_id, _ = _ready_case(sumbar, kind)
    paper = documents.issue(sumbar, case_id, kind)
    text = squash(text_of(paper.pdf))
    assert "PROVINSI SUMATERA BARAT" in text
    assert paper.number in text
    if kind == "nota_dinas":
        assert "Kepala Bagian Hukum dan SDM" in text and "Hendra Saputra" in text


def test_minutes_open_with_the_date_in_words_and_list_signatories(sanggau: Workspace) -> None:
    case_id, _ = _ready_case(sanggau, "berita_acara")
    facts = _facts(sanggau, case_id)
    paper = documents.issue(sanggau, case_id, "berita_acara")
    text = squash(text_of(paper.pdf))
    held = facts.hearing.held_at if facts.hearing and facts.hearing.held_at else facts.minutes.drafted_at
    assert f"Pada {date_in_words(held.date())}" in text
    assert "tanggal" in date_in_words(held.date()) and "dua ribu" in text
    assert facts.minutes.petitum.split()[0] in text
    assert "Iis Supianto" in text


def test_fonts_are_embedded(sanggau: Workspace) -> None:
    case_id, _ = _ready_case(sanggau, "formulir_pengaduan")
    reader = PdfReader(io.BytesIO(documents.issue(sanggau, case_id, "formulir_pengaduan").pdf))
    fonts = {}
    for page in reader.pages:
        # pypdf types every entry as PdfObject; a page's resources and its fonts are dictionaries.
        resources = cast(DictionaryObject, page["/Resources"])
        for font in cast(DictionaryObject, resources["/Font"]).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descriptor
    assert fonts and all(fonts.values()), fonts
    assert any("Liberation" in name or "Dumas" in name for name in fonts)


def test_confidential_reporter_is_absent_where_it_must_be(sanggau: Workspace) -> None:
    case_id, _ = _ready_case(sanggau, "berita_acara", confidential=True)
    facts = _facts(sanggau, case_id)
    name = facts.reporter.name
    hidden_on = [
        "lembar_disposisi",
        "kertas_kerja_telaah",
        "hasil_telaah",
        "hasil_telaah_lanjutan",
        "berita_acara",
        "berita_acara_pleno",
        "surat_pengantar",
    ]
    offered = {o.kind: o for o in documents.offers(sanggau, case_id) if o.ready}
    for kind in hidden_on:
        if kind in offered:
            text = text_of(documents.issue(sanggau, case_id, kind).pdf)
            assert name not in text, kind
            assert facts.reporter.id_number not in text, kind
    for kind in ("lembar_disposisi", "berita_acara"):
        assert "Dirahasiakan" in text_of(documents.issue(sanggau, case_id, kind).pdf)
    # The papers the reporter signs or receives name them.
    for kind in ("formulir_pengaduan", "tanda_terima"):
        assert name in text_of(documents.issue(sanggau, case_id, kind).pdf)


def test_same_facts_same_bytes_and_a_reprint_is_the_original_marked_salinan(sanggau: Workspace) -> None:
    case_id, _ = _ready_case(sanggau, "berita_acara")
    facts = _facts(sanggau, case_id)
    issue = Issue("berita_acara", "9/HK.06/6103/2026", NOW.date())
    assert make_pdf(facts, issue) == make_pdf(facts, issue)

    first = documents.issue(sanggau, case_id, "berita_acara")
    again = documents.issue(sanggau, case_id, "berita_acara")
    assert again.is_copy and again.number == first.number and again.document_id == first.document_id
    original_pages, copy_pages = pages_of(first.pdf), pages_of(again.pdf)
    assert len(copy_pages) == len(original_pages)
    for original, copy in zip(original_pages, copy_pages, strict=True):
        assert "SALINAN" in copy and "SALINAN" not in original
        assert squash(copy.replace("SALINAN", "").replace("Dicetak ulang 20 November 2026", "")) == squash(original)
    with sanggau.db.read() as session:
        stored = session.get(IssuedDocument, first.document_id)
        assert stored is not None
        assert stored.copies_made == 1 and stored.status == "berlaku"


def test_reissue_replaces_the_original_and_keeps_the_number(sanggau: Workspace) -> None:
    case_id, _ = _ready_case(sanggau, "permintaan_kelengkapan")
    first = documents.issue(sanggau, case_id, "permintaan_kelengkapan")
    second = documents.issue(sanggau, case_id, "permintaan_kelengkapan", reissue=True)
    assert not second.is_copy and second.number == first.number and second.document_id != first.document_id
    statuses = {v.id: v.status for v in documents.list_issued(sanggau, case_id)}
    assert first.document_id is not None and second.document_id is not None
    assert statuses[first.document_id] == "diganti" and statuses[second.document_id] == "berlaku"
    text = squash(text_of(second.pdf))
    assert "3 (tiga) hari kerja" in text


def test_issued_documents_cannot_be_altered_in_the_file(sanggau: Workspace) -> None:
    case_id, _ = _ready_case(sanggau, "tanda_terima")
    paper = documents.issue(sanggau, case_id, "tanda_terima")
    path = sanggau.db.file
    sanggau.db.close()
    with sqlite3.connect(path) as raw, pytest.raises(sqlite3.IntegrityError, match="tidak dapat diubah"):
        raw.execute("UPDATE issued_documents SET number = 'palsu' WHERE id = ?", (paper.document_id,))


def test_a_case_that_has_not_reached_the_step_is_refused(sanggau: Workspace) -> None:
    with sanggau.db.read() as session:
        newest = session.scalar(select(Complaint).where(Complaint.status == "proses").order_by(Complaint.id.desc()))
        assert newest is not None
        case_id = newest.id
    offered = {o.kind for o in documents.offers(sanggau, case_id)}
    assert "surat_pengantar" not in offered
    with pytest.raises(NotAllowed, match="belum sampai pada langkah SOP"):
        documents.issue(sanggau, case_id, "surat_pengantar")
    with pytest.raises(ValidationError, match="Ukuran kertas"):
        documents.issue(sanggau, case_id, "formulir_pengaduan", paper="Letter")


def test_f4_paper_and_page_numbers_on_long_papers(sanggau: Workspace) -> None:
    case_id, _ = _ready_case(sanggau, "berita_acara")
    facts = _facts(sanggau, case_id)
    long = replace(facts, minutes=replace(facts.minutes, chronology="Kronologi kejadian yang panjang. " * 400))
    pdf = make_pdf(long, Issue("berita_acara", "1/X/2026", NOW.date(), paper="F4"))
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert round(float(box.width) / MM) == 215 and round(float(box.height) / MM) == 330
    pages = pages_of(pdf)
    assert len(pages) >= 3 and "- 2 -" in pages[1]
    # The signature block is whole on one page: its caption and the name sit together.
    signing = [p for p in pages if "Iis Supianto" in p]
    assert len(signing) == 1 and "Ketua KPU Kabupaten Sanggau" in signing[0]


def test_signed_scan_is_kept_beside_the_original(sanggau: Workspace) -> None:
    case_id, _ = _ready_case(sanggau, "surat_tugas")
    paper = documents.issue(sanggau, case_id, "surat_tugas")
    scan = b"%PDF-1.4 hasil pindai bertanda tangan"
    assert paper.document_id is not None
    documents.attach_signed(sanggau, paper.document_id, "surat-tugas-ttd.pdf", scan)
    assert documents.signed_scan(sanggau, paper.document_id) == ("surat-tugas-ttd.pdf", "application/pdf", scan)
    with pytest.raises(ValidationError, match="berkas kosong"):
        documents.attach_signed(sanggau, paper.document_id, "kosong.pdf", b"")


def test_batches_of_receipts_and_invitations(sanggau: Workspace) -> None:
    with sanggau.db.read() as session:
        first_received = session.scalar(select(Complaint.received_at).order_by(Complaint.id))
        assert first_received is not None
        day = first_received.date()
        that_day = session.scalars(
            select(Complaint.agenda_number).where(
                Complaint.received_at >= datetime.combine(day, datetime.min.time()),
                Complaint.received_at < datetime.combine(day, datetime.max.time()),
            )
        ).all()
    batch = documents.receipts_of_day(sanggau, day)
    text = text_of(batch.pdf)
    assert all(number in text for number in that_day)
    assert text.count("TANDA TERIMA PENGADUAN") == len(that_day)

    case_id, _ = _ready_case(sanggau, "surat_undangan")
    invited = [o for o in documents.offers(sanggau, case_id) if o.kind == "surat_undangan"]
    invitations = text_of(documents.invitations_of_hearing(sanggau, case_id).pdf)
    assert all(o.addressee in invitations and o.recipient in invitations for o in invited)


def test_a_damaged_archive_is_reported_and_never_reprinted(sanggau: Workspace) -> None:
    from dumas_desktop.domain.errors import NotFound
    from dumas_desktop.storage.integrity import check_file

    case_id, _ = _ready_case(sanggau, "tanda_terima")
    paper = documents.issue(sanggau, case_id, "tanda_terima")
    path = sanggau.db.file
    with sanggau.db.read() as session:
        stored = session.get(IssuedDocument, paper.document_id)
        assert stored is not None
        digest = stored.sha256
    sanggau.db.close()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE blobs SET content = ? WHERE sha256 = ?", (b"%PDF-rusak", digest))
    report = check_file(path)
    assert any("Tanda terima pengaduan" in p and "rusak" in p for p in report.problems), report.problems
    again = Workspace(open_database(path), actor="uji", clock=lambda: NOW)
    try:
        with pytest.raises(NotFound, match="rusak"):
            documents.issue(again, case_id, "tanda_terima")
    finally:
        again.db.close()


def test_the_logo_is_on_the_letterhead(sanggau: Workspace) -> None:
    from PIL import Image

    from dumas_desktop.services import office

    buffer = io.BytesIO()
    Image.new("RGB", (120, 120), (200, 30, 30)).save(buffer, "PNG")
    office.set_logo(sanggau, buffer.getvalue(), "image/png")
    case_id, _ = _ready_case(sanggau, "formulir_pengaduan")
    reader = PdfReader(io.BytesIO(documents.issue(sanggau, case_id, "formulir_pengaduan").pdf))
    images = reader.pages[0].images
    assert len(images) == 1 and images[0].image is not None and images[0].image.size == (120, 120)
