"""The build and the installer as Windows needs them (issue 15, item 5); they cannot be
built here, so their sources are checked for what Windows does differently."""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _build_filters() -> dict:
    text = (ROOT / "build.spec").read_text(encoding="utf-8")
    start = text.index("# --- filters (tested by tests/test_packaging.py) ---")
    end = text.index("# --- end of filters ---")
    names: dict = {}
    exec(compile(text[start:end], "build.spec", "exec"), names)
    return names


@pytest.mark.parametrize(
    ("name", "dropped"),
    [
        ("PySide6/Qt/plugins/platforms/libqvnc.so", True),
        ("PySide6\\plugins\\platforms\\qvnc.dll", True),  # Windows: "\" and no "lib"
        ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
        ("PySide6\\plugins\\platforms\\qwindows.dll", False),
        ("PySide6\\plugins\\platforms\\qoffscreen.dll", False),  # the smoke check's platform
        ("PySide6\\plugins\\tls\\qschannelbackend.dll", True),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", True),
        ("PySide6\\plugins\\imageformats\\qtiff.dll", True),
        ("PySide6\\plugins\\imageformats\\qjpeg.dll", False),
        ("PySide6\\plugins\\printsupport\\windowsprintersupport.dll", False),
        ("PySide6\\Qt6Core.dll", False),
    ],
)
def test_plugin_filters_match_both_platforms(name, dropped):
    assert _build_filters()["_dropped_plugin"](name) is dropped


def test_data_filters_match_both_separators():
    filters = _build_filters()
    assert filters["_qt_translation"]("PySide6\\translations\\qtbase_de.qm")
    assert filters["_qt_translation"]("PySide6/Qt/translations/qtbase_de.qm")
    assert not filters["_qt_translation"]("PySide6\\plugins\\platforms\\qwindows.dll")
    assert filters["_faker_locale"]("faker\\providers\\person\\de_DE\\__init__.py")
    assert not filters["_faker_locale"]("faker\\providers\\person\\id_ID\\__init__.py")


def test_the_entry_point_calls_freeze_support_before_anything_else():
    tree = ast.parse((ROOT / "packaging" / "entry.py").read_text(encoding="utf-8"))
    body = [node for node in tree.body if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))]
    assert isinstance(body[0], ast.Import) and body[0].names[0].name == "multiprocessing"
    assert isinstance(body[1], ast.Expr)
    call = body[1].value
    assert isinstance(call, ast.Call) and ast.unparse(call.func) == "multiprocessing.freeze_support"


def test_the_smoke_check_runs_the_console_program_on_windows_and_a_pooled_demo(monkeypatch):
    spec = importlib.util.spec_from_file_location("smoke", ROOT / "packaging" / "smoke.py")
    assert spec is not None and spec.loader is not None
    smoke = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(smoke)
    monkeypatch.setattr(sys, "platform", "win32")
    assert smoke.default_program().endswith("dumas-desktop-cli.exe")
    monkeypatch.setattr(sys, "platform", "linux")
    assert smoke.default_program().endswith("/dumas-desktop")
    from dumas_desktop.services.demo_simulation import CHUNK

    assert smoke.DEMO_CASES > 4000 and smoke.DEMO_CASES > 2 * CHUNK


def test_the_installer_names_no_missing_translation_and_its_version():
    script = (ROOT / "packaging" / "dumas-desktop.iss").read_text(encoding="utf-8")
    code = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith(";"))
    assert "compiler:Languages\\Indonesian.isl" not in code
    # The project's own messages file, beside the script (tests/test_installer_messages.py).
    assert 'MessagesFile: "Indonesian.isl"' in code
    assert re.search(r"#if Ver < EncodeVer\(6, 5, 0\)\s*\n\s*#error", code)
    # A per-user install that may be turned into an all-users one: {auto...}, never {user...}.
    assert not re.search(r"\{user(programs|desktop|pf)\}", code)
    assert "{autoprograms}" in code and "DefaultDirName={autopf}" in code
