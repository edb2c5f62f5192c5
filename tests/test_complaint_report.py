"""Sumatera Barat's step 8: the complaint report of a period, every complaint's path with
its memo numbers, dispositions, the units' answers and the settlement team's conclusion,
as a workbook and as a PDF on the letterhead, distinct from step 7's recap."""

from __future__ import annotations

from openpyxl import load_workbook

from dumas_desktop.cli import main
from dumas_desktop.reports.model import Period
from dumas_desktop.services import forwarding, intake, review, screening, workflow
from dumas_desktop.services.complaint_report import report_data, report_paper, write_report
from dumas_desktop.services.forwarding import LetterInput
from dumas_desktop.services.screening import DispositionInput

from .builders import complaint, reporter, worksheet
from .test_numbering import text_of

SECRET = "Dugaan pungutan oleh pegawai sekretariat"


def _walk_to_report(ws, clock, **changes) -> tuple[int, str]:
    received = intake.receive(ws, complaint(clock(), channel="surat_elektronik", **changes), complete_step=False)
    case_id = received.case_id
    screening.register(
        ws,
        case_id,
        "pelayanan",
        DispositionInput("Sekretaris KPU Provinsi", "Kabag Hukum dan SDM", "Tindak lanjuti segera", "Sekretaris"),
        confirmations={"buku_surat_masuk", "cetak_surel"},
    )
    clock.advance(days=1)
    forwarding.record_letter(
        ws,
        case_id,
        LetterInput("nota_dinas", "keluar", clock().date(), "Telaah pengaduan layanan", "Kasubag Hukum"),
        complete=True,
    )
    clock.advance(days=2)
    review.save_review(ws, case_id, worksheet(survey="Klarifikasi ke Bagian Umum"), complete=True)
    clock.advance(days=1)
    review.save_settlement(ws, case_id, worksheet(conclusion="Layanan loket diperbaiki"), complete=True)
    letter = LetterInput(
        "laporan_hasil_telaah", "masuk", clock().date(), "Jawaban tindak lanjut", "Bagian Umum", number="12/UM/2026"
    )
    forwarding.record_letter(ws, case_id, letter, complete=True, confirmations={"disetujui_kabag"})
    screening.record_disposition(
        ws, case_id, DispositionInput("Kabag Hukum dan SDM", "Kasubag Hukum", "Catat dan rekap"), complete=True
    )
    workflow.complete(ws, case_id, confirmations={"matriks_pengaduan"})
    return case_id, received.agenda_number


def test_the_report_tells_each_complaints_path(sumbar_ws, clock, tmp_path):
    ws = sumbar_ws
    _, agenda = _walk_to_report(ws, clock)
    clock.advance(hours=1)
    _, hidden_agenda = _walk_to_report(ws, clock, subject=SECRET, reporter=reporter(confidentiality="seluruh"))
    report = report_data(ws, Period(2026, 3))
    assert [r.agenda_number for r in report.recap.rows] == [agenda, hidden_agenda]
    path = report.path_of(report.recap.rows[0].office_code, agenda)
    assert (
        len(path.memos) == 1 and "Telaah pengaduan layanan" in path.memos[0] and "kepada Kasubag Hukum" in path.memos[0]
    )
    assert path.memos[0].split(", ")[0].endswith("/2026")  # the memo's number comes first
    assert [d.split(" ")[0] for d in path.dispositions] == ["1.", "6."]  # the steps that gave them
    assert "Tindak lanjuti segera" in path.dispositions[0] and "Catat dan rekap" in path.dispositions[-1]
    assert len(path.answers) == 1 and path.answers[0].startswith("12/UM/2026, ")
    assert "dari Bagian Umum: Jawaban tindak lanjut" in path.answers[0]
    assert path.settlement == "Layanan loket diperbaiki"
    assert [s.label.split(".")[0] for s in path.steps] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    # A wholly confidential report: its texts are hidden, its numbers are kept.
    secret = report.path_of(report.recap.rows[1].office_code, hidden_agenda)
    assert "Dirahasiakan" in secret.memos[0] and "Telaah" not in secret.memos[0]
    assert secret.settlement == "Dirahasiakan" and "12/UM/2026" in secret.answers[0]

    out = tmp_path / "laporan.xlsx"
    write_report(ws, Period(2026, 3), out)
    book = load_workbook(out)
    assert book.sheetnames == ["Laporan", "Alur langkah", "Ringkasan"]
    sheet = book["Laporan"]
    first = [c.value for c in sheet[6]]
    assert first[1] == agenda and "Telaah pengaduan layanan" in first[6] and first[9] == "Layanan loket diperbaiki"
    secret_row = [str(c.value) for c in sheet[7]]
    assert SECRET not in " ".join(secret_row) and "Maria" not in " ".join(secret_row)
    assert sheet.page_setup.orientation == "landscape"
    assert book["Alur langkah"].max_row == 5 + 16  # titles and header, then 8 steps of each complaint

    text = text_of(report_paper(ws, Period(2026, 3)).pdf)
    assert "LAPORAN PENGADUAN MASYARAKAT" in text and "Layanan loket diperbaiki" in text and SECRET not in text
    assert "Pada periode ini diterima 2 pengaduan" in text


def test_the_command_line_writes_the_report(sumbar_ws, clock, tmp_path, capsys):
    ws = sumbar_ws
    _walk_to_report(ws, clock)
    data = ws.db.path
    for name in ("laporan.xlsx", "laporan.pdf"):
        out = tmp_path / name
        assert main(["report", "--data", str(data), "--year", "2026", "--month", "3", "--out", str(out)]) == 0
        assert "Laporan pengaduan Maret 2026: 1 pengaduan" in capsys.readouterr().out
        assert out.stat().st_size > 0
    assert main(["report", "--data", str(data), "--year", "2026", "--out", str(tmp_path / "laporan.txt")]) == 2
    assert "berakhiran .xlsx (Excel) atau .pdf" in capsys.readouterr().err
    assert not (tmp_path / "laporan.txt").exists()
    assert (
        main(
            [
                "document",
                "--data",
                str(data),
                "--case",
                "001/DUMAS/13/2026",
                "--kind",
                "laporan_pengaduan",
                "--out",
                str(tmp_path / "x.pdf"),
            ]
        )
        != 0
    )
    assert "dumas-desktop report" in capsys.readouterr().err


def test_a_period_without_complaints_is_a_report_that_says_so(sumbar_ws, clock):
    text = text_of(report_paper(sumbar_ws, Period(2025, 1)).pdf)
    assert "Tidak ada pengaduan pada periode ini." in text


def test_every_paper_of_a_sumbar_case_has_its_own_number(sumbar_ws, clock):
    from .test_numbering import assert_one_number_per_paper, issue_everything, name_signatories

    name_signatories(sumbar_ws)
    case_id, _ = _walk_to_report(sumbar_ws, clock)
    workflow.complete(sumbar_ws, case_id, confirmations={"berkas_laporan"})
    numbers = issue_everything(sumbar_ws, case_id)
    assert {"nota_dinas", "lembar_disposisi", "tanda_terima"} <= set(numbers)
    assert_one_number_per_paper(numbers)
