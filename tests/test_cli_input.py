"""Nothing a person can type on the command line is a program error: one Indonesian line,
exit code 2, data untouched (issue 13, item 7)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from dumas_desktop.cli import main


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.dumas"
    assert main(["demo", "--data", str(path), "--cases", "25"]) == 0
    return path


@pytest.fixture
def demo(demo_template, tmp_path) -> Path:
    path = tmp_path / "kantor.dumas"
    shutil.copyfile(demo_template, path)
    return path


def assert_explained(code: int, err: str, command: str | None = None) -> None:
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Galat: "), err
    assert "Traceback" not in err and "kesalahan program" not in err
    if command is not None:
        assert lines[0].endswith(f"Lihat: dumas-desktop {command} --help".rstrip())


@pytest.mark.parametrize(
    ("command", "args"),
    [
        ("cases", ["--year", "99999999999999999999"]),
        ("cases", ["--year", "-5"]),
        ("cases", ["--limit", "99999999999999999999"]),
        ("cases", ["--limit", "-1"]),
        ("cases", ["--limit", "sepuluh"]),
        ("cases", ["--status", "entah"]),
        ("cases", ["--bogus"]),
        ("cases", ["--search"]),
        ("export", ["--out", "x.pkg", "--year", "99999999999999999999"]),
        ("recap", ["--year", "99999999999999999999", "--out", "r.xlsx"]),
        ("recap", ["--year", "2026", "--month", "13", "--out", "r.xlsx"]),
        ("recap", ["--year", "2026", "--quarter", "99999999999999999999", "--out", "r.xlsx"]),
        ("audit", ["--limit", "99999999999999999999"]),
        ("audit", ["--since", "2026-13-01"]),
        ("demo", ["--cases", "99999999999999999999"]),
        ("demo", ["--cases", "200001"]),
        ("demo", ["--seed", "99999999999999999999"]),
    ],
)
def test_values_out_of_range_are_one_line_and_change_nothing(demo, capsys, command, args):
    before = digest(demo)
    code, out, err = run(capsys, command, "--data", demo, *args)
    assert_explained(code, err, command)
    assert out == ""
    assert digest(demo) == before


def test_usage_errors_point_to_help(capsys):
    code, _, err = run(capsys, "entah")
    assert_explained(code, err)
    assert "pilihan 'entah' tidak dikenal" in err and err.rstrip().endswith("Lihat: dumas-desktop --help")
    code, _, err = run(capsys, "recap", "--data", "x.dumas")
    assert err == "Galat: opsi wajib belum disebut: --year, --out. Lihat: dumas-desktop recap --help\n"


def test_help_is_indonesian(capsys):
    for args in ([], ["init"], ["cases"], ["document"], ["users"]):
        code, out, _ = run(capsys, *args, "--help")
        assert code == 0
        assert out.startswith("Pemakaian: dumas-desktop")
        assert "opsi:" in out and "menampilkan bantuan ini lalu keluar" in out
        for english in ("usage:", "options:", "show this help", "positional arguments", "beraku "):
            assert english not in out, (args, english)
    _, out, _ = run(capsys, "cases", "--help")
    assert "--data BERKAS" in out and "--search TEKS" in out and "--year TTTT" in out


def test_a_search_may_begin_with_a_dash(demo, capsys):
    code, out, err = run(capsys, "cases", "--data", demo, "--search", "-foo")
    assert code == 0 and out == "" and err == "0 pengaduan.\n"
    # An option after --search is still an option (no text given).
    code, _, err = run(capsys, "cases", "--data", demo, "--search", "--limit", "3")
    assert_explained(code, err, "cases")
    code, out, _ = run(capsys, "cases", "--data", demo, "--year", "-5")
    assert code == 2


def test_profile_export_to_a_folder_is_refused(demo, tmp_path, capsys):
    folder = tmp_path / "profil"
    folder.mkdir()
    code, _, err = run(capsys, "profile", "--data", demo, "--export", folder)
    assert_explained(code, err)
    assert "adalah folder" in err and list(folder.iterdir()) == []
    code, _, err = run(capsys, "profile", "--data", demo, "--export", tmp_path / "tidak-ada" / "p.toml")
    assert_explained(code, err)
    assert "tidak ada" in err


def test_init_checks_everything_before_it_makes_a_folder(tmp_path, capsys):
    target = tmp_path / "baru" / "kantor" / "kantor.dumas"
    code, _, err = run(
        capsys, "init", "--data", target, "--office", "KPU", "--office-code", "61 03/x", "--sop", "sanggau-2026"
    )
    assert_explained(code, err)
    assert not (tmp_path / "baru").exists()
    weak = tmp_path / "sandi.txt"
    weak.write_text("pendek\n", encoding="utf-8")
    code, _, err = run(
        capsys,
        "init",
        "--data",
        target,
        *("--office", "KPU", "--office-code", "6103", "--sop", "sanggau-2026"),
        *("--admin", "admin", "--admin-password-file", weak),
    )
    assert_explained(code, err)
    assert "Kata sandi" in err and not (tmp_path / "baru").exists()
    a_file = tmp_path / "berkas"
    a_file.write_text("x", encoding="utf-8")
    code, _, err = run(
        capsys, "init", "--data", a_file / "k.dumas", "--office", "KPU", "--office-code", "6103", "--sop", "sumbar-2022"
    )
    assert_explained(code, err)
    assert "bukan folder" in err
    code, _, err = run(
        capsys, "init", "--data", target, "--office", "KPU", "--office-code", "6103", "--sop", "sanggau-2026"
    )
    assert code == 0 and target.exists()


def test_document_checks_out_before_it_numbers_a_paper(demo, tmp_path, capsys):
    _, out, _ = run(capsys, "cases", "--data", demo, "--limit", 100)
    agenda = sorted(line.split("\t")[0] for line in out.splitlines())[0]
    listing = lambda: run(capsys, "document", "--data", demo, "--case", agenda, "--list")[1]  # noqa: E731
    assert "tanda_terima\tTanda terima pengaduan\tsiap dibuat" in listing()
    for out_path in (tmp_path / "tidak-ada" / "tt.pdf", tmp_path, None):
        extra = [] if out_path is None else ["--out", out_path]
        code, _, err = run(capsys, "document", "--data", demo, "--case", agenda, "--kind", "tanda_terima", *extra)
        assert_explained(code, err)
        assert "tanda_terima\tTanda terima pengaduan\tsiap dibuat" in listing(), err
    code, _, _ = run(
        capsys, "document", "--data", demo, "--case", agenda, "--kind", "tanda_terima", "--out", tmp_path / "tt.pdf"
    )
    assert code == 0 and "tanda_terima\tTanda terima pengaduan\tditerbitkan" in listing()


def test_demo_twice_with_the_default_seed_adds_cases(tmp_path, capsys):
    path = tmp_path / "demo.dumas"
    assert run(capsys, "demo", "--data", path, "--cases", 20)[0] == 0
    code, out, err = run(capsys, "demo", "--data", path, "--cases", 20)
    assert code == 0, err
    assert "20 pengaduan ditambahkan, 40 seluruhnya" in out
    code, out, _ = run(capsys, "check", "--data", path)
    assert code == 0 and "utuh: 40 pengaduan" in out


@pytest.mark.parametrize(
    "args",
    [
        ["document", "--case", "@agenda", "--kind", "tanda_terima", "--out", "@data"],
        ["document", "--case", "@agenda", "--kind", "tanda_terima", "--out", "@data-wal"],
        ["recap", "--year", "2026", "--out", "@data"],
        ["audit", "--out", "@data"],
        ["profile", "--export", "@data"],
        ["export", "--out", "@data"],
    ],
)
def test_no_command_writes_over_its_own_data_file(demo, capsys, args):
    _, out, _ = run(capsys, "cases", "--data", demo, "--limit", 1)
    agenda = out.split("\t")[0]
    before = digest(demo)
    named = {"@data": str(demo), "@data-wal": f"{demo}-wal", "@agenda": agenda}
    code, _, err = run(capsys, args[0], "--data", demo, *(named.get(a, a) for a in args[1:]))
    assert_explained(code, err)
    assert "berkas data itu sendiri" in err
    assert digest(demo) == before


def test_a_data_file_under_a_file_is_an_explained_error(tmp_path):
    from dumas_desktop.domain.errors import DataFileError
    from dumas_desktop.storage.database import create_database

    a_file = tmp_path / "berkas"
    a_file.write_text("x", encoding="utf-8")
    with pytest.raises(DataFileError, match="tidak dapat dibuat"):
        create_database(a_file / "kantor.dumas")


def test_a_lock_file_that_is_not_ours_is_an_explained_error(demo, capsys):
    lock = demo.with_name(demo.name + ".kunci")
    before = digest(demo)
    lock.mkdir()
    code, _, err = run(capsys, "demo", "--data", demo, "--cases", 1)
    assert_explained(code, err)
    assert "folder" in err and lock.is_dir()
    lock.rmdir()
    import socket

    lock.write_text(
        f'{{"pid": {10**20}, "host": "{socket.gethostname()}", "user": "x", "since": "2026-01-01T00:00:00"}}',
        encoding="utf-8",
    )
    # Nobody holds the operating system's lock on it: a lock cut short or made up is cleared.
    assert digest(demo) == before
    code, _, err = run(capsys, "demo", "--data", demo, "--cases", 1)
    assert code == 0, err
    assert not lock.exists()


@pytest.mark.parametrize(
    "command",
    [
        ["recap", "--year", "2026"],
        ["report", "--year", "2026"],
        ["stats", "--year", "2026"],
        ["audit"],
    ],
)
def test_no_output_is_written_over_another_data_file(demo, demo_template, tmp_path, capsys, command):
    other = tmp_path / "kantor-lain.dumas"  # another office's file, a backup kept beside it
    shutil.copyfile(demo_template, other)
    before = other.read_bytes()
    code, _, err = run(capsys, command[0], "--data", demo, *command[1:], "--out", other)
    assert_explained(code, err)
    assert "adalah berkas data Dumas dan tidak ditimpa" in err
    assert other.read_bytes() == before


def test_data_given_before_the_command_is_the_commands(demo, tmp_path, capsys):
    code, out, err = run(capsys, "--data", demo, "status")
    assert code == 0 and "Pengaduan:" in out, err
    code, out, _ = run(capsys, f"--data={demo}", "cases", "--limit", 1)
    assert code == 0 and out.count("/DUMAS/") == 1
    named = tmp_path / "report"  # a file named like a command is still the file
    shutil.copyfile(demo, named)
    code, out, err = run(capsys, "--data", named, "status")
    assert code == 0 and "Pengaduan:" in out, err
    code, _, err = run(capsys, "--data", tmp_path / "tidak-ada.dumas", "status", "--data", demo)
    assert code == 0, err  # the command's own --data wins
