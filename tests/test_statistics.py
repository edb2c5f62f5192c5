"""Statistics against counts worked out in the test straight from the rows; the CLI's
text, CSV and paper; the recap's Statistik sheet with its native charts; and no name or
subject of any case in any of them."""

from __future__ import annotations

import csv
import shutil
import sqlite3
from collections import Counter
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from dumas_desktop.cli import main
from dumas_desktop.domain import catalog
from dumas_desktop.reports.model import Period
from dumas_desktop.services import statistics as stats_service
from dumas_desktop.services.context import Workspace
from dumas_desktop.services.demo import DEMO_PASSWORD, make_demo
from dumas_desktop.storage.database import open_database

NOW = datetime(2026, 11, 20, 10, 0)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory.mktemp("statistik") / "kantor.dumas", 80, "sanggau-2026", seed=9, now=NOW).path


@pytest.fixture
def signed_in(monkeypatch):
    monkeypatch.setenv("DUMAS_USER", "admin")
    monkeypatch.setenv("DUMAS_PASSWORD", DEMO_PASSWORD)


def _rows(path: Path, sql: str, params=()):
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql, params).fetchall()


def test_the_figures_match_counts_taken_from_the_rows(office: Path) -> None:
    ws = Workspace(open_database(office), clock=lambda: NOW)
    try:
        figures = stats_service.statistics(ws, Period(2026))
    finally:
        ws.db.close()
    cases = _rows(
        office,
        "SELECT id, status, channel, closure_kind, received_at FROM complaints "
        "WHERE status != 'batal' AND received_at >= '2026-01-01' AND received_at < '2027-01-01'",
    )
    assert figures.total == len(cases)
    channels = Counter(catalog.CHANNELS[c[2]] for c in cases)
    assert dict(figures.by_channel) == {k: v for k, v in channels.items() if v}
    assert sum(n for _l, n in figures.by_classification) == len(cases)
    months = Counter(int(c[4][5:7]) for c in cases)
    assert [sum(counts.values()) for _label, counts in figures.by_month] == [months[m] for m in range(1, 13)]
    statuses = Counter(catalog.STATUSES[c[1]] for c in cases)
    for status, count in statuses.items():
        assert sum(counts.get(status, 0) for _l, counts in figures.by_month) == count
    closed_kinds = Counter(catalog.CLOSURE_KINDS[c[3]] for c in cases if c[3])
    for kind, count in closed_kinds.items():
        assert dict(figures.closures)[kind] == count
    assert sum(n for _l, n in figures.open_by_age) == sum(1 for c in cases if c[1] == "proses")
    done = _rows(
        office,
        "SELECT s.step_key, count(*), sum(s.completed_at <= s.due_at OR s.due_at IS NULL) FROM step_records s "
        "JOIN complaints c ON c.id = s.complaint_id WHERE c.status != 'batal' AND s.completed_at IS NOT NULL "
        "AND c.received_at >= '2026-01-01' AND c.received_at < '2027-01-01' GROUP BY s.step_key",
    )
    by_key = {key: (n, on_time) for key, n, on_time in done}
    first = figures.steps[0]
    assert (first.finished, first.on_time) == by_key["penerimaan"]
    assert sum(s.finished for s in figures.steps) == sum(n for n, _ in by_key.values())
    respondents = _rows(
        office,
        "SELECT p.complaint_id, p.position, p.unit FROM parties p JOIN complaints c ON c.id = p.complaint_id "
        "WHERE p.role = 'respondent' AND c.status != 'batal' AND c.received_at >= '2026-01-01' "
        "AND c.received_at < '2027-01-01'",
    )
    pairs = {(case, stats_service.body_of(position, unit)) for case, position, unit in respondents}
    assert dict(figures.by_body) == dict(Counter(body for _case, body in pairs))  # once per case and body


def _year_2026(path: Path):
    return _year_or(path, Period(2026))


def _year_or(path: Path, period: Period):
    ws = Workspace(open_database(path), clock=lambda: NOW)
    try:
        return stats_service.statistics(ws, period)
    finally:
        ws.db.close()


def test_a_complaint_about_two_people_of_one_body_counts_once_for_it(office: Path, tmp_path: Path) -> None:
    path = tmp_path / "dua-teradu.dumas"
    shutil.copy(office, path)
    cases = [
        case
        for (case,) in _rows(
            path,
            "SELECT c.id FROM complaints c JOIN parties p ON p.complaint_id = c.id AND p.role = 'respondent' "
            "WHERE c.status != 'batal' AND c.received_at >= '2026-01-01' AND c.received_at < '2027-01-01' "
            "ORDER BY c.id LIMIT 3",
        )
    ]
    added = [("Anggota KPPS", "KPPS TPS 009"), ("Ketua KPPS", "KPPS TPS 010"), ("Ketua PPK", "PPK Kapuas")]
    with closing(sqlite3.connect(path)) as conn, conn:
        for n, (case, (position, unit)) in enumerate(zip([cases[0], cases[0], cases[1]], added, strict=True)):
            conn.execute(
                "INSERT INTO parties (complaint_id, role, name, id_kind, id_number, address, phone, email, "
                "occupation, position, unit, confidentiality, sort, uuid, office_code) "
                "SELECT ?, 'respondent', 'Teradu Tambahan', '', '', '', '', '', '', ?, ?, 'biasa', 9 + ?, ?, "
                "office_code FROM complaints WHERE id = ?",
                (case, position, unit, n, f"00000000-0000-4000-8000-00000000000{n}", case),
            )
    respondents = _rows(
        path,
        "SELECT p.complaint_id, p.position, p.unit FROM parties p JOIN complaints c ON c.id = p.complaint_id "
        "WHERE p.role = 'respondent' AND c.status != 'batal' AND c.received_at >= '2026-01-01' "
        "AND c.received_at < '2027-01-01'",
    )
    assert len(respondents) == len({case for case, _p, _u in respondents}) + 3
    pairs = {(case, stats_service.body_of(position, unit)) for case, position, unit in respondents}
    assert dict(_year_2026(path).by_body) == dict(Counter(body for _case, body in pairs))


@pytest.mark.parametrize(
    ("position", "unit", "body"),
    [
        ("Ketua KPPS", "KPPS TPS 004 Beringin", "KPPS"),
        ("Anggota PPS", "PPS Desa Empoto", "PPS"),
        ("Ketua PPK", "PPK Kapuas", "PPK"),
        ("Staf", "Sekretariat KPU Kabupaten", "Sekretariat"),
        ("Anggota KPU Kabupaten", "", "Anggota KPU"),
        ("Kepala Desa", "Pemerintah Desa", "Lainnya"),
    ],
)
def test_the_respondents_body_is_read_from_position_and_unit(position, unit, body) -> None:
    assert stats_service.body_of(position, unit) == body


def test_the_command_line_gives_text_csv_and_a_paper_without_names(office: Path, tmp_path: Path, capsys, signed_in):
    names = [n for (n,) in _rows(office, "SELECT name FROM parties WHERE length(name) > 6")]
    subjects = [s for (s,) in _rows(office, "SELECT subject FROM complaints")]
    assert main(["stats", "--data", str(office), "--year", "2026"]) == 0
    text = capsys.readouterr().out
    assert "Statistik pengaduan Tahun 2026" in text and "Langkah SOP" in text
    out_csv = tmp_path / "statistik.csv"
    assert main(["stats", "--data", str(office), "--year", "2026", "--quarter", "4", "--csv", str(out_csv)]) == 0
    raw = out_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel on Windows reads it as UTF-8
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["bagian", "label", "seri", "nilai"]
    assert {r[0] for r in rows[1:]} >= {"per_bulan", "klasifikasi", "kanal", "langkah"}
    pdf = tmp_path / "statistik.pdf"
    assert main(["stats", "--data", str(office), "--year", "2026", "--out", str(pdf)]) == 0
    reader = PdfReader(pdf)
    assert reader.metadata is not None and reader.metadata["/Title"] == "Statistik pengaduan Tahun 2026"
    content = "\n".join(page.extract_text() for page in reader.pages)
    assert "Ketepatan waktu per langkah SOP" in content
    for secret in [*names, *subjects]:
        assert secret not in content and secret not in raw.decode("utf-8-sig") and secret not in text
    capsys.readouterr()
    assert main(["stats", "--data", str(office), "--year", "2026", "--month", "13"]) == 2


def test_the_recap_has_a_statistik_sheet_with_native_charts(office: Path, tmp_path: Path, signed_in, capsys):
    out = tmp_path / "rekap.xlsx"
    assert main(["recap", "--data", str(office), "--year", "2026", "--out", str(out)]) == 0
    book = load_workbook(out)
    assert book.sheetnames == ["Rekapitulasi", "Ringkasan", "Statistik", "Pernah terlambat"]
    sheet = book["Statistik"]
    assert len(sheet._charts) == 7
    assert sheet.page_setup.orientation == "landscape" and sheet.sheet_properties.pageSetUpPr.fitToPage
    first = [c.value for c in sheet[5]]
    assert first[0] == "Bulan diterima"
    months = [sheet.cell(row=r, column=1).value for r in range(6, 18)]
    assert months[0] == "Jan 2026" and months[-1] == "Des 2026"


def test_a_range_of_days_over_the_new_year_is_counted_by_month_from_the_rows(tmp_path: Path) -> None:
    from datetime import date

    january = datetime(2026, 1, 25, 10, 0)  # the demo's cases run up to this day, from months before
    path = make_demo(tmp_path / "januari.dumas", 40, "sanggau-2026", seed=3, now=january).path
    period = Period.days(date(2025, 11, 10), date(2026, 1, 15))
    ws = Workspace(open_database(path), clock=lambda: january)
    try:
        figures = stats_service.statistics(ws, period)
    finally:
        ws.db.close()
    cases = _rows(
        path,
        "SELECT received_at FROM complaints WHERE status != 'batal' AND received_at >= '2025-11-10' "
        "AND received_at < '2026-01-16'",
    )
    assert len({c[0][:4] for c in cases}) == 2  # cases on both sides of the new year
    assert figures.total == len(cases) and figures.period.label == "10 November 2025 s.d. 15 Januari 2026"
    by_month = Counter(c[0][:7] for c in cases)
    assert [label for label, _counts in figures.by_month] == ["Nov 2025", "Des 2025", "Jan 2026"]
    assert [sum(counts.values()) for _label, counts in figures.by_month] == [
        by_month[m] for m in ("2025-11", "2025-12", "2026-01")
    ]


@pytest.mark.parametrize(
    ("first", "last", "said"),
    [
        ("2026-03-15", "2026-03-01", "tanggal akhir tidak boleh sebelum tanggal awal"),
        ("2019-01-01", "2026-01-01", "paling panjang lima tahun"),
    ],
)
def test_a_range_that_is_no_range_is_refused_with_a_reason(first, last, said) -> None:
    from datetime import date

    from dumas_desktop.domain.errors import ValidationError

    with pytest.raises(ValidationError) as refused:
        Period.days(date.fromisoformat(first), date.fromisoformat(last))
    assert said in refused.value.message


def test_the_command_line_takes_a_range_of_days_and_refuses_half_of_one(office: Path, capsys, signed_in) -> None:
    assert main(["stats", "--data", str(office), "--from", "2026-03-15", "--to", "2026-09-10"]) == 0
    assert "Statistik pengaduan 15 Maret 2026 s.d. 10 September 2026" in capsys.readouterr().out
    assert main(["stats", "--data", str(office), "--from", "2026-03-15"]) == 2
    assert "--from dan --to" in capsys.readouterr().err
    assert main(["stats", "--data", str(office), "--year", "2026", "--from", "2026-03-15", "--to", "2026-04-01"]) == 2
    assert "tidak keduanya" in capsys.readouterr().err
    assert main(["stats", "--data", str(office)]) == 2
    assert "Sebutkan periodenya" in capsys.readouterr().err
