"""The recap workbook: one row per complaint of the period, correct totals, print settings,
hidden identities; and writing it never leaves half a file."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from dumas_desktop.domain.errors import ValidationError
from dumas_desktop.reports.model import Period
from dumas_desktop.reports.recap_xlsx import HEADER_ROW, PAPER_CODES
from dumas_desktop.services import files
from dumas_desktop.services.context import Workspace
from dumas_desktop.services.demo import make_demo
from dumas_desktop.services.recap import write_recap
from dumas_desktop.storage.database import open_database
from dumas_desktop.storage.models import Complaint, Party

from .builders import acting

NOW = datetime(2026, 11, 20, 10, 0)


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    path = make_demo(tmp_path_factory.mktemp("recap") / "kantor.dumas", 220, "sanggau-2026", seed=3, now=NOW).path
    workspace = Workspace(open_database(path), actor="uji", clock=lambda: NOW)
    yield workspace
    workspace.db.close()


def _in_period(ws: Workspace, period: Period) -> int:
    with ws.db.read() as session:
        return session.execute(
            select(func.count())
            .select_from(Complaint)
            .where(
                Complaint.received_at >= period.start, Complaint.received_at < period.end, Complaint.status != "batal"
            )
        ).scalar_one()


def test_one_row_per_complaint_with_totals_and_print_settings(ws: Workspace, tmp_path: Path) -> None:
    period = Period(2026, quarter=3)
    out = tmp_path / "rekap.xlsx"
    data = write_recap(ws, period, out, paper="F4")
    expected = _in_period(ws, period)
    assert expected > 20 and len(data.rows) == expected

    book = load_workbook(out)
    assert book.sheetnames == ["Rekapitulasi", "Ringkasan", "Statistik", "Pernah terlambat"]
    matrix = book["Rekapitulasi"]
    headers = [c.value for c in matrix[HEADER_ROW]]
    assert headers[:3] == ["No", "Nomor agenda", "Tanggal diterima"]
    assert "3. Kajian/telaah oleh Tim Verifikator" in headers
    rows = [r for r in matrix.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if r[0] is not None]
    assert len(rows) == expected
    agenda_numbers = [r[1] for r in rows]
    assert len(set(agenda_numbers)) == expected
    assert all(isinstance(r[2], datetime) and period.start <= r[2] < period.end for r in rows)
    assert matrix.cell(HEADER_ROW + 1, 3).number_format == "dd/mm/yyyy hh:mm"

    # The summary's totals match the rows.
    summary = list(book["Ringkasan"].iter_rows(values_only=True))
    totals = [r for r in summary if r and r[0] == "Jumlah"]
    assert all(t[1] == expected for t in totals)
    finished = sum(1 for r in rows if r[headers.index("Status")] == "Selesai")
    assert totals[0][2] == finished
    late_rows = sum(1 for r in rows if r[headers.index("Ketepatan waktu")] == "Terlambat")
    assert totals[0][4] == late_rows
    by_class = {r[0]: r[1] for r in summary[HEADER_ROW:] if r and isinstance(r[1], int)}
    assert by_class["Daftar pemilih"] == sum(1 for r in rows if r[headers.index("Klasifikasi")] == "Daftar pemilih")

    late = list(book["Pernah terlambat"].iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    assert len(late) == len(data.late) == late_rows > 0

    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == PAPER_CODES["F4"]
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToWidth in (1, "1") and sheet.page_setup.fitToHeight in (0, "0")
        assert "Komisi Pemilihan Umum Kabupaten Sanggau" in sheet.oddHeader.center.text
        assert "&P" in sheet.oddFooter.center.text
    assert matrix.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"


def test_confidential_reporters_are_hidden(ws: Workspace, tmp_path: Path) -> None:
    period = Period(2026)
    out = tmp_path / "tahun.xlsx"
    write_recap(acting(ws, "pengarah"), period, out)
    with ws.db.read() as session:
        hidden = set(
            session.scalars(select(Party.name).where(Party.role == "reporter", Party.confidentiality != "terbuka"))
        )
    assert hidden
    cells = {c for row in load_workbook(out)["Rekapitulasi"].iter_rows(values_only=True) for c in row if c}
    assert "Dirahasiakan" in cells
    assert not hidden & cells
    # The recap leaves the case team: even the receiving officer, whose role needs the
    # identities, prints "Dirahasiakan".
    write_recap(acting(ws, "pelaksana"), period, out)
    cells = {c for row in load_workbook(out)["Rekapitulasi"].iter_rows(values_only=True) for c in row if c}
    assert "Dirahasiakan" in cells
    assert not hidden & cells


def test_month_and_period_validation(ws: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "bulan.xlsx"
    data = write_recap(ws, Period(2026, month=9), out)
    assert len(data.rows) == _in_period(ws, Period(2026, month=9))
    assert load_workbook(out)["Rekapitulasi"]["A3"].value == "Periode: September 2026"
    with pytest.raises(ValidationError, match="Bulan"):
        Period(2026, month=13)
    with pytest.raises(ValidationError, match="Triwulan"):
        Period(2026, quarter=5)


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "sedang dibuka program lain"),
        (OSError(errno.ENOSPC, "No space left on device"), "penuh"),
        (OSError(errno.EROFS, "Read-only file system"), "hanya dapat dibaca"),
    ],
)
def test_a_failed_write_leaves_the_old_file_and_no_partial_file(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, message: str
) -> None:
    out = tmp_path / "rekap.xlsx"
    out.write_bytes(b"rekap lama")

    def failing_replace(_source: object, _target: object) -> None:
        raise error

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(files.FileWriteError, match=message):
        write_recap(ws, Period(2026, month=9), out)
    assert out.read_bytes() == b"rekap lama"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rekap.xlsx"]


def test_a_missing_folder_is_explained(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(files.FileWriteError, match="tidak ada"):
        write_recap(ws, Period(2026), tmp_path / "tidak-ada" / "rekap.xlsx")
