"""Text in and out as Windows gives it (issue 15, item 4): a redirected console in cp1252,
a pipe closed by its reader, no console at all, and files saved by Notepad and PowerShell."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys

import pytest

from dumas_desktop.cli import main
from dumas_desktop.domain.textfiles import decode_text, first_line

NAME = "KPU Kabupaten Ŋgàdiŕejo 🗳"  # outside cp1252


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_output_in_cp1252_is_no_program_error(tmp_path):
    path = tmp_path / "kantor.dumas"
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    program = [sys.executable, "-m", "dumas_desktop"]
    office = ["--office", NAME, "--office-code", "61", "--sop", "sanggau-2026"]
    made = subprocess.run(
        [*program, "init", "--data", str(path), *office],
        capture_output=True,
        env=env,
    )
    assert made.returncode == 0, made.stderr
    assert NAME.encode() in made.stdout
    done = subprocess.run(
        [sys.executable, "-m", "dumas_desktop", "status", "--data", str(path)], capture_output=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8").splitlines()[0] == NAME
    refused = subprocess.run(
        [sys.executable, "-m", "dumas_desktop", "cases", "--data", str(tmp_path / "ŋ🗳.dumas")],
        capture_output=True,
        env=env,
    )
    assert refused.returncode == 2 and refused.stderr.decode("utf-8").startswith("Galat: ")
    assert "ŋ🗳" in refused.stderr.decode("utf-8")


class ClosedPipeOnWindows(io.TextIOBase):
    """What sys.stdout does on Windows once the reader of a pipe has gone (`| findstr`)."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(errno.EINVAL, "Invalid argument")

    def flush(self) -> None:
        raise OSError(errno.EINVAL, "Invalid argument")


def test_a_closed_pipe_on_windows_is_like_a_broken_pipe(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdout", ClosedPipeOnWindows())
    code = main(["profile", "--list"])
    err = capsys.readouterr().err
    assert code == 1 and err == ""


def test_an_invalid_argument_elsewhere_is_still_reported(monkeypatch, capsys):
    """EINVAL not from the output (stdout still writable) is not mistaken for a closed pipe."""
    import dumas_desktop.cli as cli

    def fails(args, user):
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setitem(cli.COMMANDS, "check", fails)
    code = main(["check", "--data", "x.dumas"])
    assert code == 3 and "kesalahan program" in capsys.readouterr().err


def test_no_console_at_all(monkeypatch, tmp_path):
    # The windowed Windows exe: sys.stdin, sys.stdout and sys.stderr are None.
    for name in ("stdin", "stdout", "stderr"):
        monkeypatch.setattr(sys, name, None)
    assert main(["profile", "--list"]) == 0
    assert main(["cases"]) == 2
    assert main(["cases", "--data", "tidak-ada.dumas"]) == 2
    assert main(["--help"]) == 0
    assert main(["cases", "--entah"]) == 2
    path = tmp_path / "demo.dumas"
    assert main(["demo", "--data", str(path), "--cases", "3"]) == 0  # asks stderr whether it is a terminal
    monkeypatch.delenv("DUMAS_PASSWORD")
    assert main(["status", "--data", str(path)]) == 2  # no password, and no terminal to ask on


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"sandi-rahasia\n", "sandi-rahasia"),
        ("\ufeffsandi-rahasia\r\n".encode(), "sandi-rahasia"),  # Notepad: UTF-8 with BOM
        ("sandi-rahasia\r\n".encode("utf-16"), "sandi-rahasia"),  # PowerShell 5.1: >
        ("sandi-rahasia\r\n".encode("utf-16-be"), "sandi-rahasia"),  # UTF-16 without a mark
        ("sandi-rahasia\r\n".encode("utf-16-le"), "sandi-rahasia"),
        (b"\xc3\x28 not text", None),
        ("\ufeffsändi-rahasia\r\n".encode("utf-16-be"), "sändi-rahasia"),
        ("sandi-rahasia\n".encode("utf-32"), "sandi-rahasia"),
        (b"sandi-rahasia \r\n", "sandi-rahasia"),  # cmd: echo sandi-rahasia > f.txt
        (b"sandi-rahasia\t  \nbaris kedua\n", "sandi-rahasia"),
        (b"  sandi dengan spasi", "  sandi dengan spasi"),
    ],
)
def test_text_files_from_windows_tools(raw, text):
    if text is None:
        with pytest.raises(UnicodeDecodeError):
            first_line(decode_text(raw))
    else:
        assert first_line(decode_text(raw)) == text


def test_password_files_with_a_mark_utf16_or_trailing_blanks_sign_in(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("DUMAS_PASSWORD", raising=False)
    path = tmp_path / "kantor.dumas"
    made_with = tmp_path / "buat.txt"
    made_with.write_bytes("\ufeffsandi-kantor-1 \r\n".encode())  # Notepad, with a stray space
    code, _, err = run(
        capsys,
        *("init", "--data", path, "--office", "KPU", "--office-code", "6103", "--sop", "sanggau-2026"),
        *("--admin", "admin", "--admin-password-file", made_with),
    )
    assert code == 0, err
    for name, raw in (
        ("plain.txt", b"sandi-kantor-1\n"),
        ("bom.txt", "\ufeffsandi-kantor-1\r\n".encode()),
        ("utf16.txt", "sandi-kantor-1\r\n".encode("utf-16")),
        ("trailing.txt", b"sandi-kantor-1  \r\n"),
    ):
        given = tmp_path / name
        given.write_bytes(raw)
        signed = ("--user", "admin", "--user-password-file", given)
        code, out, err = run(capsys, "users", "--data", path, "--list", *signed)
        assert code == 0 and out.startswith("admin\t"), (name, err)
    wrong = tmp_path / "salah.txt"
    wrong.write_bytes(b"sandi-kantor-2\n")
    code, _, err = run(capsys, "users", "--data", path, "--list", "--user", "admin", "--user-password-file", wrong)
    assert code == 2 and "salah" in err
    code, _, err = run(capsys, "users", "--data", path, "--list", "--user", "admin", "--user-password-file", tmp_path)
    assert code == 2 and "folder" in err


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le-bom"])
def test_profiles_saved_with_a_mark_or_in_utf16_are_read(tmp_path, capsys, encoding):
    exported = tmp_path / "sop.toml"
    assert run(capsys, "profile", "--list")[0] == 0
    from dumas_desktop.services.office import bundled_profile

    text = bundled_profile("sanggau-2026").text.replace("\n", "\r\n")
    if encoding == "utf-16-le-bom":
        exported.write_bytes("\ufeff".encode("utf-16-le") + text.encode("utf-16-le"))
    else:
        exported.write_bytes(text.encode(encoding))
    code, out, err = run(capsys, "profile", "--check", exported)
    assert code == 0, err
    assert out.rstrip().endswith("Profil sah.")
