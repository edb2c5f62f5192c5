"""The project's standards, checked with every test run: ruff clean, and the whole program
and its tests typed, for Windows and for Linux."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_lint_and_format():
    lint = run("ruff", "check", ".")
    assert lint.returncode == 0, lint.stdout
    layout = run("ruff", "format", "--check", ".")
    assert layout.returncode == 0, layout.stdout


@pytest.mark.parametrize("platform", ["linux", "win32"])
def test_the_program_and_its_tests_type_check_for_windows_and_linux(platform):
    """All the Python here (the window code, the tests, the build, the benchmarks and the
    screenshot script included) is checked as Windows and as Linux would import it
    (`sys.platform == "win32"` code is otherwise dead to a checker running on Linux). One
    cache per platform: sharing one, each run would start cold (about 30 s here, 1 s warm)."""
    checked = run(
        "mypy",
        "--platform",
        platform,
        "--cache-dir",
        str(Path(".mypy_cache") / platform),
        "dumas_desktop",
        "tests",
        "packaging",
        "bench",
        "forms",
        "docs",
    )
    assert checked.returncode == 0, checked.stdout


def test_no_qt_below_the_window():
    for path in (ROOT / "dumas_desktop").rglob("*.py"):
        if "ui" in path.relative_to(ROOT / "dumas_desktop").parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert "PySide6" not in text and "QtCore" not in text, path


def test_the_window_reaches_the_data_only_through_the_services():
    for path in (ROOT / "dumas_desktop" / "ui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for forbidden in ("from ..storage", "dumas_desktop.storage", "sqlalchemy", "import sqlite3"):
            assert forbidden not in text, f"{path.name}: {forbidden}"


def test_papers_are_laid_out_from_facts_not_from_the_database():
    for folder in ("documents", "reports"):
        for path in (ROOT / "dumas_desktop" / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert "sqlalchemy" not in text and "storage" not in text, path


def test_the_window_frame_starts_without_the_database_layers():
    """The frame shows before SQLAlchemy and the layouts load (they load on a thread)."""
    import subprocess
    import sys

    code = (
        # data_file: the window asks it where the file is before the frame is painted
        "import sys, dumas_desktop.ui.app, dumas_desktop.cli, dumas_desktop.services.data_file; "
        "heavy = sorted(m for m in ('sqlalchemy', 'reportlab', 'openpyxl', 'alembic', 'pypdf') if m in sys.modules); "
        "print(','.join(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def _text_calls_without_encoding(source: str) -> list[int]:
    """Lines that open, read or write a file as text without naming its encoding (the
    locale's code page would be used: cp1252 on an Indonesian Windows)."""
    import ast

    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        keywords = {k.arg for k in node.keywords}
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if "encoding" in keywords:
            continue
        if name == "read_text" or (name == "write_text" and len(node.args) < 2):
            found.append(node.lineno)
        elif name == "open":
            if isinstance(func, ast.Name):
                mode = node.args[1] if len(node.args) > 1 else None  # open(path, mode)
            elif not node.args:
                mode = None  # path.open()
            elif _is_str(node.args[0]):
                mode = node.args[0]  # path.open("r")
            else:
                continue  # os.open(name, flags), Image.open(buffer), QBuffer.open(flags)
            mode = next((k.value for k in node.keywords if k.arg == "mode"), mode)
            if not (isinstance(mode, ast.Constant) and isinstance(mode.value, str) and "b" in mode.value):
                found.append(node.lineno)
    return found


def _is_str(node: object) -> bool:
    import ast

    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def test_every_text_file_names_its_encoding():
    offenders = []
    for folder in ("dumas_desktop", "tests", "bench", "packaging", "docs"):
        for path in (ROOT / folder).rglob("*.py"):
            if "forms" in path.parts:
                continue
            for line in _text_calls_without_encoding(path.read_text(encoding="utf-8")):
                offenders.append(f"{path.relative_to(ROOT)}:{line}")
    assert offenders == []


def test_the_encoding_check_finds_what_it_should():
    source = (
        "open('a')\n"
        "open('a', 'rb')\n"
        "open('a', encoding='utf-8')\n"
        "p.read_text()\n"
        "p.read_text(encoding='utf-8')\n"
        "p.write_text('x')\n"
        "p.write_text('x', 'utf-8')\n"
        "p.open('a')\n"
        "p.open('rb')\n"
        "p.open()\n"
        "Image.open(io.BytesIO(b''))\n"
        "os.open(name, os.O_WRONLY)\n"
    )
    assert _text_calls_without_encoding(source) == [1, 4, 6, 8, 10]


def _temporary_folders_that_may_fail_cleanup(source: str) -> list[int]:
    """Lines that make a TemporaryDirectory whose cleanup may raise: on Windows a file still
    held (SQLite, antivirus) cannot be deleted, and a finished export would become a failure."""
    import ast

    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and (node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", ""))
        == "TemporaryDirectory"
        and not any(
            k.arg == "ignore_cleanup_errors" and isinstance(k.value, ast.Constant) and k.value.value is True
            for k in node.keywords
        )
    ]


def test_temporary_folders_never_fail_on_cleanup():
    offenders = []
    for folder in ("dumas_desktop", "tests", "bench", "packaging", "docs"):
        for path in (ROOT / folder).rglob("*.py"):
            for line in _temporary_folders_that_may_fail_cleanup(path.read_text(encoding="utf-8")):
                offenders.append(f"{path.relative_to(ROOT)}:{line}")
    assert offenders == []


def test_the_cleanup_check_finds_what_it_should():
    source = (
        "tempfile.TemporaryDirectory()\n"
        "TemporaryDirectory(prefix='a', ignore_cleanup_errors=True)\n"
        "tempfile.TemporaryDirectory(ignore_cleanup_errors=False)\n"
        "tempfile.mkdtemp()\n"
    )
    assert _temporary_folders_that_may_fail_cleanup(source) == [1, 3]
