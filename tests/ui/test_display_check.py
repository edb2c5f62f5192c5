"""A Linux desktop without the X11 libraries Qt needs: named in Indonesian, with the
packages to install, instead of Qt aborting the process."""

from __future__ import annotations

from pathlib import Path

from dumas_desktop.ui import app as app_module
from dumas_desktop.ui.display_check import explain, missing_display_libraries

X11 = {"DISPLAY": ":0"}


def _loader(absent: set[str], plugin_error: str = ""):
    def load(name: str) -> object:
        if name.endswith("libqxcb.so") and (absent or plugin_error):
            raise OSError(plugin_error or f"{sorted(absent)[0]}: cannot open shared object file: No such file")
        if name in absent:
            raise OSError(f"{name}: cannot open shared object file: No such file or directory")
        return object()

    return load


def test_every_missing_library_is_named_with_its_package(tmp_path: Path) -> None:
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    absent = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
    missing = missing_display_libraries(_loader(absent), plugin, X11, "linux")
    assert missing == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    message = explain(missing)
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1" in message
    assert "tidak dapat membuka jendela" in message


def test_nothing_is_reported_when_qt_can_draw_or_draws_elsewhere(tmp_path: Path) -> None:
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    assert missing_display_libraries(_loader(set()), plugin, X11, "linux") == []
    absent = {"libxcb-icccm.so.4"}
    assert missing_display_libraries(_loader(absent), plugin, {"QT_QPA_PLATFORM": "offscreen"}, "linux") == []
    assert missing_display_libraries(_loader(absent), plugin, {"WAYLAND_DISPLAY": "wayland-0"}, "linux") == []
    assert missing_display_libraries(_loader(absent), plugin, X11, "win32") == []
    # A failure that is not a missing file is left to Qt, which loads lazily.
    lazy = _loader(set(), plugin_error="libqxcb.so: undefined symbol: xcb_something")
    assert missing_display_libraries(lazy, plugin, X11, "linux") == []


def test_an_unlisted_missing_library_is_still_named(tmp_path: Path) -> None:
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    load = _loader(set(), plugin_error="libxcb-foo.so.2: cannot open shared object file: No such file")
    missing = missing_display_libraries(load, plugin, X11, "linux")
    assert missing == ["libxcb-foo.so.2"]
    assert "apt install" not in explain(missing) and "libxcb-foo.so.2" in explain(missing)


def test_the_program_ends_with_the_message_instead_of_aborting(monkeypatch, capsys, tmp_path: Path) -> None:
    monkeypatch.setattr("dumas_desktop.ui.display_check.missing_display_libraries", lambda: ["libxcb-cursor.so.0"])
    assert app_module.run(tmp_path / "kantor.dumas", "petugas") == 2
    assert "sudo apt install libxcb-cursor0" in capsys.readouterr().err
    assert not (tmp_path / "kantor.dumas").exists()
