"""The project's standards, checked with every test run: ruff clean, and the core
(domain, storage, services) fully typed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_lint_and_format():
    lint = run("ruff", "check", ".")
    assert lint.returncode == 0, lint.stdout
    layout = run("ruff", "format", "--check", ".")
    assert layout.returncode == 0, layout.stdout


def test_core_is_typed():
    checked = run(
        "mypy",
        "dumas_desktop/domain",
        "dumas_desktop/storage",
        "dumas_desktop/services",
        "dumas_desktop/documents",
        "dumas_desktop/reports",
    )
    assert checked.returncode == 0, checked.stdout


def test_no_qt_below_the_window():
    for path in (ROOT / "dumas_desktop").rglob("*.py"):
        if "ui" in path.relative_to(ROOT / "dumas_desktop").parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert "PySide6" not in text and "QtCore" not in text, path


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
        "import sys, dumas_desktop.ui.app, dumas_desktop.cli; "
        "heavy = sorted(m for m in ('sqlalchemy', 'reportlab', 'openpyxl', 'alembic', 'pypdf') if m in sys.modules); "
        "print(','.join(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
