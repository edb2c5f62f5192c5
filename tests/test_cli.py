"""The command line: the contract office IT staff script against."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

from dumas_desktop import __version__
from dumas_desktop.cli import main


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_version_as_module():
    done = subprocess.run(
        [sys.executable, "-m", "dumas_desktop", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == f"Dumas Desktop {__version__}"


def test_init_then_check(tmp_path, capsys):
    path = tmp_path / "kantor.dumas"
    code, out, _ = run(
        capsys,
        "init",
        "--data",
        path,
        "--office",
        "Komisi Pemilihan Umum Kabupaten Sanggau",
        "--office-code",
        "6103",
        "--sop",
        "sanggau-2026",
        "--city",
        "Sanggau",
    )
    assert code == 0 and "Berkas data dibuat" in out
    code, out, _ = run(capsys, "check", "--data", path)
    assert code == 0 and "utuh: 0 pengaduan" in out
    code, _, err = run(capsys, "init", "--data", path, "--office", "X", "--office-code", "61", "--sop", "sanggau-2026")
    assert code == 2 and err.startswith("Galat: Berkas") and "sudah ada" in err


def test_init_with_bad_office_code_leaves_no_file(tmp_path, capsys):
    path = tmp_path / "kantor.dumas"
    code, _, err = run(
        capsys, "init", "--data", path, "--office", "KPU", "--office-code", "61 03/x", "--sop", "sumbar-2022"
    )
    assert code == 2 and "Kode kantor" in err
    assert not path.exists()


def test_unknown_profile_is_refused_by_the_parser(tmp_path, capsys):
    code, out, err = run(
        capsys, "init", "--data", tmp_path / "a.dumas", "--office", "KPU", "--office-code", "61", "--sop", "x"
    )
    assert code == 2 and out == ""
    assert err == (
        "Galat: --sop: pilihan 'x' tidak dikenal (pilih salah satu: 'sanggau-2026', 'sumbar-2022'). "
        "Lihat: dumas-desktop init --help\n"
    )
    assert not (tmp_path / "a.dumas").exists()


def test_demo_status_cases_and_check(tmp_path, capsys):
    path = tmp_path / "demo.dumas"
    code, out, _ = run(capsys, "demo", "--data", path, "--cases", 150, "--sop", "sumbar-2022", "--seed", 2)
    assert code == 0 and "150 pengaduan ditambahkan" in out
    code, out, _ = run(capsys, "check", "--data", path)
    assert code == 0
    code, out, _ = run(capsys, "status", "--data", path)
    assert code == 0 and "Komisi Pemilihan Umum Provinsi Sumatera Barat" in out and "150 seluruhnya" in out
    code, out, err = run(capsys, "cases", "--data", path, "--limit", 5)
    assert code == 0 and len(out.splitlines()) == 5 and err.strip() == "150 pengaduan."
    code, out, err = run(capsys, "cases", "--data", path, "--status", "selesai", "--limit", 0)
    assert code == 0 and out == "" and err.strip().endswith("pengaduan.")
    code, _, err = run(capsys, "demo", "--data", path, "--cases", 5, "--sop", "sanggau-2026")
    assert code == 2 and "memakai profil SOP sumbar-2022" in err


def test_check_reports_each_problem_and_fails(tmp_path, capsys):
    path = tmp_path / "demo.dumas"
    run(capsys, "demo", "--data", path, "--cases", 20)
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET after = '{}' WHERE id = 2")
    conn.commit()
    conn.close()
    code, out, err = run(capsys, "check", "--data", path)
    assert code == 1
    assert out.splitlines() == [
        "susunan berkas: pemicu “audit_log_no_update” tidak ada",
        "isi entri jejak audit #2 telah diubah",
    ]
    assert "2 masalah" in err


def test_errors_are_one_line_never_a_traceback(tmp_path, capsys):
    not_ours = tmp_path / "catatan.txt"
    not_ours.write_text("bukan data", encoding="utf-8")
    for args in (["status", "--data", not_ours], ["cases", "--data", tmp_path / "hilang.dumas"]):
        code, out, err = run(capsys, *args)
        assert code == 2 and out == ""
        assert err.startswith("Galat: ") and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    code, out, _ = run(capsys, "check", "--data", not_ours)
    assert code == 1 and "bukan berkas data Dumas Desktop" in out


def test_no_subcommand_opens_the_window(monkeypatch, tmp_path, capsys):
    import dumas_desktop.ui.app as window_app

    opened = []

    def run_window(data, user, smoke=False) -> int:
        opened.append((data, user, smoke))
        return 0

    monkeypatch.setattr(window_app, "run", run_window)
    assert run(capsys, "--data", tmp_path / "kantor.dumas", "--user", "rina")[0] == 0
    assert run(capsys)[0] == 0
    assert run(capsys, "--data", tmp_path / "kantor.dumas", "--smoke")[0] == 0
    assert opened[0] == (tmp_path / "kantor.dumas", "rina", False)
    assert opened[1][0] is None and opened[2][2] is True


def test_office_adjusts_its_sop_from_the_command_line(tmp_path, capsys):
    path = tmp_path / "kantor.dumas"
    run(
        capsys,
        "init",
        "--data",
        path,
        "--office",
        "KPU Kabupaten Sanggau",
        "--office-code",
        "6103",
        "--sop",
        "sanggau-2026",
    )
    exported = tmp_path / "sop-kantor.toml"
    code, out, _ = run(capsys, "profile", "--data", path, "--export", exported)
    assert code == 0 and exported.exists()
    adjusted = exported.read_text(encoding="utf-8").replace("version = 1", "version = 2", 1)
    exported.write_text(adjusted.replace('{ value = 7, unit = "hari" }', '{ value = 5, unit = "hari" }'), "utf-8")
    code, out, _ = run(capsys, "profile", "--check", exported)
    assert code == 0 and "6. Verifikasi dan klarifikasi para pihak — Tim Telaah — 5 hari kerja" in out
    code, out, _ = run(capsys, "profile", "--data", path, "--install", exported)
    assert code == 0 and "versi 2 dipasang" in out
    code, out, _ = run(capsys, "profile", "--data", path)
    assert "versi 2" in out.splitlines()[0]

    exported.write_text(adjusted.replace('form = "hearing"', 'form = "sidang"'), "utf-8")
    code, _, err = run(capsys, "profile", "--data", path, "--install", exported)
    assert code == 2 and "formulir “sidang” tidak dikenal" in err
    code, out, _ = run(capsys, "profile", "--list")
    assert out.splitlines()[0].startswith("sanggau-2026\t")


def test_document_and_recap_commands(tmp_path, capsys):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    path = tmp_path / "kantor.dumas"
    assert run(capsys, "demo", "--data", path, "--cases", 40)[0] == 0
    code, out, _ = run(capsys, "document", "--list-kinds")
    assert code == 0 and "berita_acara\tBerita acara verifikasi dan klarifikasi" in out
    assert "rekapitulasi_pengaduan" in out

    code, out, _ = run(capsys, "cases", "--data", path, "--limit", 1000)
    agenda = sorted(line.split("\t")[0] for line in out.splitlines())[0]
    code, out, _ = run(capsys, "document", "--data", path, "--case", agenda, "--list")
    assert code == 0 and "tanda_terima" in out

    receipt = tmp_path / "tanda-terima.pdf"
    code, out, _ = run(capsys, "document", "--data", path, "--case", agenda, "--kind", "tanda_terima", "--out", receipt)
    assert code == 0 and "SALINAN" not in out
    text = PdfReader(receipt).pages[0].extract_text()
    assert agenda in text and "TANDA TERIMA PENGADUAN" in text
    again = tmp_path / "salinan.pdf"
    code, out, _ = run(capsys, "document", "--data", path, "--case", agenda, "--kind", "tanda_terima", "--out", again)
    assert code == 0 and "SALINAN" in out and "SALINAN" in PdfReader(again).pages[0].extract_text()

    # A case that has not reached the step: a clear message, a non-zero exit, no file.
    code, out, _ = run(capsys, "cases", "--data", path, "--status", "proses", "--limit", 1000)
    newest = sorted(line.split("\t")[0] for line in out.splitlines())[-1]
    refused = tmp_path / "tidak.pdf"
    code, _, err = run(
        capsys, "document", "--data", path, "--case", newest, "--kind", "surat_pengantar", "--out", refused
    )
    assert code == 2 and "belum sampai pada langkah SOP" in err and not refused.exists()
    code, _, err = run(
        capsys, "document", "--data", path, "--case", "999/TIDAK/ADA", "--kind", "tanda_terima", "--out", refused
    )
    assert code == 2 and "tidak ada dalam berkas data" in err

    workbook = tmp_path / "rekap.xlsx"
    code, out, _ = run(capsys, "recap", "--data", path, "--year", 2026, "--out", workbook)
    assert code == 0 and "Rekapitulasi Tahun 2026" in out
    assert load_workbook(workbook).sheetnames == ["Rekapitulasi", "Ringkasan", "Statistik", "Pernah terlambat"]
    code, _, err = run(capsys, "recap", "--data", path, "--year", 2026, "--month", 13, "--out", workbook)
    assert code == 2 and "Bulan" in err


def test_a_reader_that_stops_early_is_no_program_error(tmp_path, monkeypatch):
    from concurrent.futures import ProcessPoolExecutor

    import dumas_desktop.services.demo as demo

    methods = []

    class Recording(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            methods.append(kwargs["mp_context"].get_start_method())
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(demo, "ProcessPoolExecutor", Recording)
    path = tmp_path / "kantor.dumas"
    assert main(["demo", "--data", str(path), "--cases", "2500"]) == 0  # more than a pipe holds
    # More than one chunk: simulated in worker processes, started as Windows starts them.
    assert methods == ["spawn"]
    process = subprocess.Popen(
        [sys.executable, "-m", "dumas_desktop", "cases", "--data", str(path), "--limit", "2500"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    process.stdout.readline()
    process.stdout.close()  # like `| head -1`
    _, err = process.communicate()
    assert process.returncode in (0, 1)
    assert b"kesalahan program" not in err


def test_cases_filters_take_keys_or_labels_and_name_what_may_be_chosen(tmp_path, capsys, monkeypatch):
    from dumas_desktop.services.demo import DEMO_PASSWORD, make_demo

    data = make_demo(tmp_path / "kantor.dumas", 20, "sanggau-2026", seed=3).path
    monkeypatch.setenv("DUMAS_USER", "admin")
    monkeypatch.setenv("DUMAS_PASSWORD", DEMO_PASSWORD)
    assert main(["cases", "--data", str(data), "--step", "skrining"]) == 2
    err = capsys.readouterr().err
    assert "tidak dikenal" in err and "penatausahaan" in err and len(err.strip().splitlines()) == 1
    assert main(["cases", "--data", str(data), "--classification", "Daftar pemilih"]) == 0
    by_label = capsys.readouterr()
    assert main(["cases", "--data", str(data), "--classification", "daftar_pemilih"]) == 0
    by_key = capsys.readouterr()
    assert by_label.out == by_key.out and by_label.err == by_key.err
    assert main(["cases", "--data", str(data), "--limit", "5"]) == 0
    lines = capsys.readouterr().out.splitlines()
    steps = {line.split("\t")[5] for line in lines}
    assert all(step == "-" or step[0].isdigit() for step in steps), steps  # "3. Kajian…", not a key
