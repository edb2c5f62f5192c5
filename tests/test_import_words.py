"""A package from an office with another SOP, told in the office's words: the import says
what it brings in cases and evidence (never rows) and names the other SOP before anything
changes; afterwards the recap and the agenda book name those cases' steps and
classifications by their own SOP; a package that clashes with the file is refused in one
Indonesian line and leaves the file as it was."""

from __future__ import annotations

import hashlib
import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dumas_desktop.cli import main
from dumas_desktop.profiles import bundled_profile
from dumas_desktop.services.demo import make_demo

NOW = datetime(2026, 11, 20, 10, 0)
SANGGAU = bundled_profile("sanggau-2026")
SUMBAR = bundled_profile("sumbar-2022")
# The codes only the Sanggau SOP has: a Sumbar office shown one of them is shown a raw code.
SANGGAU_CODES = (set(SANGGAU.classifications) | {s.key for s in SANGGAU.steps}) - (
    set(SUMBAR.classifications) | {s.key for s in SUMBAR.steps}
)
CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


def run(capsys, *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A Sumbar office's file and a package of a Sanggau regency (different demo seeds), and
    a second Sanggau package made from the Sumbar seed, whose rows clash with the file."""
    folder = tmp_path_factory.mktemp("dua-sop")
    sumbar = make_demo(folder / "sumbar.dumas", 12, "sumbar-2022", seed=4, now=NOW).path
    sanggau = make_demo(folder / "sanggau.dumas", 12, "sanggau-2026", seed=3, now=NOW).path
    twin = make_demo(folder / "kembar.dumas", 12, "sanggau-2026", seed=4, now=NOW).path
    for source, name in ((sanggau, "sanggau"), (twin, "kembar")):
        assert main(["export", "--data", str(source), "--out", str(folder / f"{name}.dumaspkg")]) == 0
    return {"sumbar": sumbar, "package": folder / "sanggau.dumaspkg", "clash": folder / "kembar.dumaspkg"}


@pytest.fixture
def mixed(made: dict[str, Path], tmp_path: Path, capsys) -> Path:
    path = shutil.copyfile(made["sumbar"], tmp_path / "sumbar.dumas")
    code, _, err = run(capsys, "import", "--data", path, "--in", made["package"])
    assert code == 0, err
    return path


def test_the_import_names_the_other_sop_first_and_counts_cases_not_rows(made, tmp_path, capsys) -> None:
    path = shutil.copyfile(made["sumbar"], tmp_path / "sumbar.dumas")
    code, out, err = run(capsys, "import", "--data", path, "--in", made["package"], "--dry-run")
    assert code == 0, err
    said = out.strip()
    assert said.startswith(
        f"Uji impor (tidak ada yang diubah): Paket ini memuat pengaduan dengan SOP lain: {SANGGAU.name} "
        "(12 pengaduan); pengaduan itu tetap mengikuti SOP-nya."
    ), said
    assert "12 pengaduan baru" in said and "bukti" in said and "baris" not in said, said
    code, out, err = run(capsys, "import", "--data", path, "--in", made["package"])
    assert code == 0 and f"SOP lain: {SANGGAU.name} (12 pengaduan)" in out and "baris" not in out, out


def test_a_package_under_the_office_s_own_sop_announces_no_other_sop(made, tmp_path, capsys) -> None:
    first = tmp_path / "pertama.dumaspkg"
    assert run(capsys, "export", "--data", made["sumbar"], "--out", first)[0] == 0
    path = tmp_path / "provinsi.dumas"
    init = ("init", "--data", path, "--office", "Komisi Pemilihan Umum Provinsi Sumatera Barat")
    assert run(capsys, *init, "--office-code", "13", "--sop", "sumbar-2022")[0] == 0
    code, out, err = run(capsys, "import", "--data", path, "--in", first, "--dry-run")
    assert code == 0 and "SOP lain" not in out and "12 pengaduan baru" in out, out + err


def test_the_recap_names_each_case_by_its_own_sop(mixed, tmp_path, capsys) -> None:
    workbook = tmp_path / "rekap.xlsx"
    code, _, err = run(capsys, "recap", "--data", mixed, "--year", 2026, "--out", workbook)
    assert code == 0, err
    book = load_workbook(workbook)
    raw = []
    for sheet in ("Rekapitulasi", "Ringkasan", "Pernah terlambat"):
        for row in book[sheet].iter_rows(values_only=True):
            for value in row:
                if isinstance(value, str):
                    raw += [(sheet, c, value) for c in CODE.findall(value) if c in SANGGAU_CODES]
    assert raw == [], raw[:10]
    summary = [str(row[0]) for row in book["Ringkasan"].iter_rows(values_only=True) if row and row[0]]
    sanggau_labels = set(SANGGAU.classifications.values()) - set(SUMBAR.classifications.values())
    assert sanggau_labels & set(summary), summary  # the regency's cases are counted under their names


def test_the_cases_command_names_each_case_s_step_by_its_own_sop(mixed, capsys) -> None:
    code, out, err = run(capsys, "cases", "--data", mixed, "--limit", 1000)
    assert code == 0, err
    steps = {line.split("\t")[5] for line in out.splitlines()}
    assert not steps & SANGGAU_CODES, steps
    assert {f"{s.no}. {s.name}" for s in SANGGAU.steps} & steps, steps


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_package_that_clashes_with_the_file_is_refused_in_one_line_and_nothing_changes(
    made, tmp_path, capsys
) -> None:
    path = shutil.copyfile(made["sumbar"], tmp_path / "sumbar.dumas")
    before = _sha(path)
    for dry in ([], ["--dry-run"]):
        code, out, err = run(capsys, "import", "--data", path, "--in", made["clash"], *dry)
        assert code != 0 and out == "", out
        said = err.strip()
        assert len(said.splitlines()) == 1, said
        assert "Paket ini memuat catatan yang sudah ada di berkas ini dengan isi lain (" in said, said
        assert "impor dibatalkan, tidak ada yang berubah." in said, said
        assert "UNIQUE" not in said and "constraint" not in said and "_" not in said.split("(")[1], said
        assert _sha(path) == before
