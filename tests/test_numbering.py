"""One paper, one number: the series of outgoing letters, berita acara, nota dinas and surat
tugas; the database refusing a number already issued; `check` naming numbers given twice;
and the number and date recorded at a step being the ones its paper prints."""

from __future__ import annotations

import io
import re
import sqlite3
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from dumas_desktop.cli import main
from dumas_desktop.documents.kinds import KINDS
from dumas_desktop.domain import catalog
from dumas_desktop.services import documents, forwarding, intake, office, review, screening, workflow
from dumas_desktop.services.context import Workspace
from dumas_desktop.services.forwarding import LetterInput
from dumas_desktop.services.screening import DispositionInput
from dumas_desktop.storage.database import open_database
from dumas_desktop.storage.integrity import check_file

from .builders import INDEXES_OF_0011, complaint, worksheet
from .test_lifecycle_sanggau import adopt_and_forward, drive_to_hearing, hold_hearing, receive_and_register

SIGNATORIES = {
    "sanggau-2026": (
        ("Iis Supianto", "Ketua KPU Kabupaten Sanggau", "pengarah"),
        ("Andi Hasanuddin", "Sekretaris KPU Kabupaten Sanggau", "penanggung_jawab"),
        ("Franky Nainggolan", "Kepala Subbagian Hukum dan SDM", "tim_telaah"),
    ),
    "sumbar-2022": (
        ("Firman", "Sekretaris KPU Provinsi Sumatera Barat", "sekretaris"),
        ("Hendra Saputra", "Kepala Bagian Hukum dan SDM", "kabag_hukum_sdm"),
        ("Yulia Rahmi", "Kepala Subbagian Hukum", "kasubag_hukum"),
    ),
}


def name_signatories(ws: Workspace) -> None:
    """The officials who sign the office's papers, as an office sets them up in Pengaturan."""
    with ws.db.read() as session:
        profile = ws.home_profile(session).id
    for name, position, actor in SIGNATORIES[profile]:
        office.add_official(ws, name, position, actor=actor)


@pytest.fixture(autouse=True)
def signatories(request):
    for name in ("ws", "sumbar_ws"):
        if name in request.fixturenames:
            name_signatories(request.getfixturevalue(name))


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def issue_everything(ws: Workspace, case_id: int) -> dict[str, list[str]]:
    """Every paper the case offers, issued once (one per invited party); kind -> numbers."""
    for offer in documents.offers(ws, case_id):
        if offer.ready and not offer.draft:
            documents.issue(ws, case_id, offer.kind, recipient=offer.recipient)
    numbers: dict[str, list[str]] = {}
    for paper in documents.list_issued(ws, case_id):
        numbers.setdefault(paper.kind, []).append(paper.number)
    return numbers


def own_numbers(numbers: dict[str, list[str]]) -> list[str]:
    return [n for kind, found in numbers.items() if kind not in catalog.SHARED_NUMBER_KINDS for n in found]


def assert_one_number_per_paper(*cases: dict[str, list[str]]) -> None:
    issued = [n for numbers in cases for n in own_numbers(numbers)]
    assert issued and all(issued)
    shared = [n for n, count in Counter(issued).items() if count > 1]
    assert shared == []


def test_the_shared_number_kinds_are_those_that_print_another_papers_number():
    carried = {k for k, kind in KINDS.items() if kind.number in ("agenda", "none")} | {"tanda_terima_pengantar"}
    assert set(catalog.SHARED_NUMBER_KINDS) == carried
    migration = Path("dumas_desktop/storage/migrations/versions/0008_mailbox.py").read_text(encoding="utf-8")
    assert set(re.findall(r"'([a-z_]+)'", migration.split("_SHARED = (")[1].split(")")[0])) == carried


@pytest.mark.both_backends
def test_every_paper_of_a_sanggau_case_with_a_hearing_has_its_own_number(ws, clock):
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=True)
    hold_hearing(ws, clock, case_id)
    adopt_and_forward(ws, clock, case_id)
    numbers = issue_everything(ws, case_id)
    assert {"surat_tugas", "surat_undangan", "berita_acara", "berita_acara_pleno", "surat_pengantar"} <= set(numbers)
    assert_one_number_per_paper(numbers)
    # Outgoing letters run on one number a year with the kind's code; the others on their own.
    letters = sorted(numbers["surat_undangan"] + numbers["surat_pengantar"])
    assert all(re.fullmatch(r"\d+/HK\.06/6103/2026", n) for n in letters)
    assert numbers["surat_tugas"] == ["1/HK.06-ST/6103/2026"]
    assert sorted(numbers["berita_acara_pleno"] + numbers["berita_acara"]) == [
        "1/HK.06-BA/6103/2026",
        "2/HK.06-BA/6103/2026",
    ]


@pytest.mark.both_backends
def test_every_paper_of_the_other_sanggau_branches_has_its_own_number(ws, clock):
    without = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, without, hearing_needed=False)
    adopt_and_forward(ws, clock, without)

    clock.set(datetime(2026, 3, 9, 9, 0))
    rejected = intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"}).case_id
    screening.register(
        ws,
        rejected,
        "netralitas",
        DispositionInput("Ketua", "Tim Verifikator", "Telaah"),
        confirmations={"skrining_kelengkapan", "skrining_validitas"},
    )
    review.save_review(ws, rejected, worksheet(result="tidak_lengkap", missing_items="KTP"))
    screening.request_completion(ws, rejected)
    clock.set(datetime(2026, 3, 16, 9, 0))
    screening.reject(ws, rejected, "Tidak dilengkapi dalam 3 hari kerja")

    first, second = issue_everything(ws, without), issue_everything(ws, rejected)
    assert {"permintaan_kelengkapan", "surat_penolakan"} <= set(second)
    assert_one_number_per_paper(first, second)
    # The completion request and the rejection of one case: two letters, two numbers.
    assert second["permintaan_kelengkapan"] != second["surat_penolakan"]


def walk_sumbar(ws: Workspace, clock) -> tuple[int, int]:
    """A Sumatera Barat case to the end; returns the case and the memo's letter id."""
    case_id = intake.receive(ws, complaint(clock(), location="Kota Padang"), complete_step=False).case_id
    screening.register(
        ws,
        case_id,
        "pelayanan",
        DispositionInput("Sekretaris KPU Provinsi", "Kabag Hukum dan SDM", "Segera telaah bersama Bagian Umum"),
        confirmations={"buku_surat_masuk"},
    )
    clock.set(datetime(2026, 3, 3, 10, 0))
    memo_id, _ = forwarding.record_letter(
        ws,
        case_id,
        LetterInput("nota_dinas", "keluar", clock().date(), "Telaah pengaduan layanan informasi", "Kasubag Hukum"),
        complete=True,
    )
    clock.set(datetime(2026, 3, 10, 10, 0))
    review.save_review(ws, case_id, worksheet(survey="Klarifikasi ke Bagian Umum"), complete=True)
    review.save_settlement(ws, case_id, worksheet(conclusion="Layanan diperbaiki"), complete=True)
    letter = LetterInput("laporan_hasil_telaah", "masuk", clock().date(), "Jawaban", "Bagian Umum", number="12/UM/2026")
    forwarding.record_letter(ws, case_id, letter, complete=True, confirmations={"disetujui_kabag"})
    screening.record_disposition(
        ws, case_id, DispositionInput("Kabag Hukum dan SDM", "Kasubag Hukum", "Catat dan rekap"), complete=True
    )
    workflow.complete(ws, case_id, confirmations={"matriks_pengaduan"})
    workflow.complete(ws, case_id, confirmations={"berkas_laporan"})
    return case_id, memo_id


@pytest.mark.both_backends
def test_sumbar_memo_prints_what_its_step_recorded(sumbar_ws, clock):
    ws = sumbar_ws
    case_id, _ = walk_sumbar(ws, clock)
    recorded = [n for kind, _, n, _, _ in _letters(ws, case_id) if kind == "nota_dinas"]
    assert recorded == ["1/HK.06-ND/13/2026"]

    clock.set(datetime(2026, 3, 20, 9, 0))  # printed weeks later, after another disposition
    paper = documents.issue(ws, case_id, "nota_dinas")
    assert paper.number == "1/HK.06-ND/13/2026"
    text = text_of(paper.pdf)
    assert "1/HK.06-ND/13/2026" in text
    assert "3 Maret 2026" in text and "20 Maret 2026" not in text
    assert "Arahan: Segera telaah bersama Bagian Umum" in text and "Catat dan rekap" not in text
    assert "Telaah pengaduan layanan informasi" in text

    numbers = issue_everything(ws, case_id)
    assert_one_number_per_paper(numbers)
    dispositions = [d[5] for d in _dispositions(ws, case_id)]
    assert dispositions == ["1/HK.06-Disp/13/2026", "2/HK.06-Disp/13/2026"]


def _letters(ws: Workspace, case_id: int):
    from dumas_desktop.services import case_file

    return [(k, d, n, dt, r) for _, k, d, n, dt, r in case_file.case_detail(ws, case_id).letters]


def _dispositions(ws: Workspace, case_id: int):
    from dumas_desktop.services import case_file

    return case_file.case_detail(ws, case_id).dispositions


@pytest.mark.both_backends
def test_memo_cannot_be_printed_before_its_step_records_it(sumbar_ws, clock):
    ws = sumbar_ws
    case_id = intake.receive(ws, complaint(clock(), location="Kota Padang"), complete_step=False).case_id
    screening.register(
        ws,
        case_id,
        "pelayanan",
        DispositionInput("Sekretaris", "Kabag Hukum dan SDM", "Tindak lanjuti"),
        confirmations={"buku_surat_masuk"},
    )
    offer = next(o for o in documents.offers(ws, case_id) if o.kind == "nota_dinas")
    assert "belum dicatat" in offer.reason


@pytest.mark.both_backends
def test_a_typed_number_already_given_is_refused(sumbar_ws, clock):
    ws = sumbar_ws
    case_id = intake.receive(ws, complaint(clock(), location="Kota Padang"), complete_step=False).case_id
    screening.register(
        ws,
        case_id,
        "pelayanan",
        DispositionInput("Sekretaris", "Kabag Hukum dan SDM", "Tindak lanjuti"),
        confirmations={"buku_surat_masuk"},
    )
    taken = _dispositions(ws, case_id)[0][5]
    with pytest.raises(Exception, match="sudah dipakai"):
        forwarding.record_letter(
            ws, case_id, LetterInput("nota_dinas", "keluar", clock().date(), "Telaah", "Kasubag Hukum", number=taken)
        )


@pytest.mark.both_backends
def test_existing_patterns_keep_working_and_meeting_patterns_never_repeat_a_number(ws, clock):
    office.set_number_pattern(ws, "surat_tugas", catalog.DEFAULT_LETTER_PATTERN)  # the old default, as stored
    office.set_number_pattern(ws, "surat_pengantar", "{seq:03d}/PP.01-SD/{office_code}/{month_roman}/{year}")
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=True)
    hold_hearing(ws, clock, case_id)
    adopt_and_forward(ws, clock, case_id)
    numbers = issue_everything(ws, case_id)
    assert_one_number_per_paper(numbers)
    # The surat tugas (taken first) follows the stored pattern; the invitations then pass over its number.
    assert numbers["surat_tugas"] == ["1/HK.06/6103/2026"]
    invitations = sorted(numbers["surat_undangan"])
    assert invitations == [f"{n}/HK.06/6103/2026" for n in range(2, 2 + len(invitations))]
    # The cover letter runs on the same series, in its own stored pattern.
    assert numbers["surat_pengantar"] == [f"{2 + len(invitations):03d}/PP.01-SD/6103/III/2026"]


def test_the_database_refuses_a_second_paper_with_an_issued_number(ws, clock, data_file, db):
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=True)
    hold_hearing(ws, clock, case_id)
    documents.issue(ws, case_id, "surat_tugas")
    documents.issue(ws, case_id, "tanda_terima")
    db.close()
    conn = sqlite3.connect(data_file)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(issued_documents)") if r[1] not in ("id", "uuid")]
    copy = f"INSERT INTO issued_documents (uuid, {', '.join(columns)}) SELECT ?, {', '.join(columns)} "
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        conn.execute(copy + "FROM issued_documents WHERE kind = 'surat_tugas'", ("another",))
    # A paper that prints the complaint's own number may share it.
    conn.execute(copy + "FROM issued_documents WHERE kind = 'tanda_terima'", ("receipt-2",))
    conn.rollback()
    conn.close()


def test_check_names_a_number_given_twice_through_the_services_and_the_cli(ws, clock, data_file, db, capsys):
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=True)
    hold_hearing(ws, clock, case_id)
    assert check_file(data_file).ok
    db.close()
    conn = sqlite3.connect(data_file)
    assignment = conn.execute("SELECT assignment_number FROM hearings").fetchone()[0]
    conn.execute("UPDATE dispositions SET number = ? WHERE id = (SELECT min(id) FROM dispositions)", (assignment,))
    conn.commit()
    conn.close()
    problems = check_file(data_file).problems
    assert len(problems) == 1
    assert problems[0].startswith(f"nomor {assignment} (6103) diberikan 2 kali: ")
    assert "surat tugas (001/DUMAS/6103/2026)" in problems[0] and "disposisi (001/DUMAS/6103/2026)" in problems[0]
    code = main(["check", "--data", str(data_file)])
    out = capsys.readouterr().out
    assert code == 1 and f"nomor {assignment} (6103) diberikan 2 kali" in out


def test_a_file_from_before_keeps_its_papers_and_check_names_the_pairs(ws, clock, data_file, db):
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=True)
    hold_hearing(ws, clock, case_id)
    documents.issue(ws, case_id, "surat_tugas")
    db.close()
    # As a file numbered before 0007: a second paper in force with the same number.
    conn = sqlite3.connect(data_file)
    conn.execute("DROP INDEX uq_issued_documents_number")
    conn.execute("DROP TABLE mail_messages")  # made by 0008 and 0009, after 0006 as well
    conn.execute("DROP TABLE case_links")
    conn.execute("ALTER TABLE step_records DROP COLUMN working_days")  # made by 0010
    conn.execute("ALTER TABLE step_records DROP COLUMN on_time")
    for index in INDEXES_OF_0011:
        conn.execute(f"DROP INDEX {index}")
    columns = [r[1] for r in conn.execute("PRAGMA table_info(issued_documents)") if r[1] not in ("id", "uuid")]
    conn.execute(
        f"INSERT INTO issued_documents (uuid, {', '.join(columns)}) SELECT 'kembar', {', '.join(columns)} "
        "FROM issued_documents WHERE kind = 'surat_tugas'"
    )
    conn.execute("UPDATE alembic_version SET version_num = '0006'")
    conn.commit()
    conn.close()

    reopened = open_database(data_file)  # brought up to date: the index holds again
    try:
        with reopened.engine.connect() as connection:
            rows = connection.exec_driver_sql(
                "SELECT uuid, status FROM issued_documents WHERE kind = 'surat_tugas' ORDER BY id"
            ).fetchall()
        assert [status for _, status in rows] == ["berlaku", "ganda"]
    finally:
        reopened.close()
    problems = check_file(data_file).problems
    twice = "Surat tugas (001/DUMAS/6103/2026); Surat tugas (001/DUMAS/6103/2026)"
    assert problems == [f"nomor 1/HK.06-ST/6103/2026 (6103) tercetak pada 2 dokumen terbit: {twice}"]


@pytest.mark.both_backends
def test_assignment_and_invitations_bear_the_day_their_numbers_were_given(ws, clock):
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=True)
    hold_hearing(ws, clock, case_id)  # planned on Monday 2 March, held on Thursday 5 March
    clock.set(datetime(2026, 3, 20, 9, 0))
    assignment = documents.issue(ws, case_id, "surat_tugas")
    assert "Pada tanggal 2 Maret 2026" in text_of(assignment.pdf)
    invitation = next(o for o in documents.offers(ws, case_id) if o.kind == "surat_undangan")
    paper = documents.issue(ws, case_id, "surat_undangan", recipient=invitation.recipient)
    assert "Sanggau, 2 Maret 2026" in text_of(paper.pdf) and "20 Maret 2026" not in text_of(paper.pdf)
    issued = {d.kind: d.issued_on for d in documents.list_issued(ws, case_id)}
    assert issued["surat_tugas"] == issued["surat_undangan"] == datetime(2026, 3, 2).date()


def test_two_copies_of_one_office_that_each_gave_a_number_still_merge(tmp_path, signatories):
    """A laptop copy and the office file each issued a paper offline with the same next
    number: importing keeps both papers, the incoming one marked for `check` to name."""
    from dumas_desktop.services import transfer
    from dumas_desktop.services.demo import make_demo
    from dumas_desktop.storage.models import Complaint

    now = datetime(2026, 11, 20, 10, 0)
    home = make_demo(tmp_path / "kantor.dumas", 40, "sanggau-2026", seed=3, now=now).path
    laptop = tmp_path / "laptop.dumas"
    laptop.write_bytes(home.read_bytes())

    def ready_cases(path: Path) -> tuple[Workspace, dict[str, list[int]]]:
        ws = Workspace(open_database(path), actor="uji", clock=lambda: now)
        with ws.db.read() as session:
            ids = [i for (i,) in session.query(Complaint.id).order_by(Complaint.id)]
        found: dict[str, list[int]] = {}
        for case_id in ids:
            for o in documents.offers(ws, case_id):
                if o.ready and o.issued is None and o.kind in KINDS and KINDS[o.kind].number == "new":
                    found.setdefault(o.kind, []).append(case_id)
        return ws, found

    ws, found = ready_cases(home)
    kind, cases = next((k, c) for k, c in found.items() if len(c) >= 2)
    here = documents.issue(ws, cases[0], kind)
    ws.db.close()
    ws, _ = ready_cases(laptop)
    there = documents.issue(ws, cases[1], kind)
    ws.db.close()
    assert here.number == there.number  # the two copies ran on from the same counter

    package = tmp_path / "dari-laptop.dumaspkg"
    transfer.export_package(laptop, package)
    transfer.import_package(home, package, user="uji")
    conn = sqlite3.connect(home)
    rows = conn.execute("SELECT status FROM issued_documents WHERE number = ? ORDER BY id", (here.number,)).fetchall()
    conn.close()
    assert [r[0] for r in rows] == ["berlaku", "ganda"]
    problems = check_file(home).problems
    assert len(problems) == 1 and problems[0].startswith(f"nomor {here.number} (6103) tercetak pada 2 dokumen terbit")


@pytest.mark.both_backends
def test_an_office_may_run_a_kind_on_another_series(sumbar_ws, clock):
    ws = sumbar_ws
    from dumas_desktop.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="Seri nomor"):
        office.set_number_pattern(ws, "nota_dinas", catalog.DEFAULT_LETTER_PATTERN, series="seri_sendiri")
    office.set_number_pattern(ws, "nota_dinas", catalog.DEFAULT_LETTER_PATTERN, series="surat")
    assert office.office_settings(ws).series["nota_dinas"] == "surat"
    assert office.office_settings(ws).series["berita_acara"] == "berita_acara"
    case_id, _ = walk_sumbar(ws, clock)
    numbers = issue_everything(ws, case_id)
    assert numbers["nota_dinas"] == ["1/HK.06/13/2026"]
    assert numbers["laporan_hasil_telaah"] == ["2/HK.06/13/2026"]  # the next letter of the same series
    assert_one_number_per_paper(numbers)
