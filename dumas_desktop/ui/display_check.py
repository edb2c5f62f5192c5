"""Before the window: can Qt draw on this Linux desktop at all?

Qt's X11 plugin needs system libraries that a fresh Debian or Ubuntu may not have; without
them Qt prints an English hint about one of them and aborts the process. This check names
every missing library and the packages to install, in Indonesian, and lets the program end
normally instead.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable
from pathlib import Path

# The system libraries Qt 6's X11 platform plugin and its XcbQpa library link to (from
# their ELF NEEDED entries, PySide6 6.12), with the Debian/Ubuntu package of each.
XCB_LIBRARIES = {
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


def _uses_xcb(environ: dict[str, str] | os._Environ[str]) -> bool:
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0].split(";")[0] == "xcb"
    # Unset: on a Wayland session Qt tries Wayland first; X11 is what is left to check.
    return not environ.get("WAYLAND_DISPLAY")


def _xcb_plugin() -> Path:
    from PySide6.QtCore import QLibraryInfo

    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms" / "libqxcb.so"


def missing_display_libraries(
    load: Callable[[str], object] = ctypes.CDLL,
    plugin: Path | None = None,
    environ: dict[str, str] | os._Environ[str] = os.environ,
    platform: str = sys.platform,
) -> list[str]:
    """The system libraries Qt's X11 plugin cannot find here (empty when it loads, or when
    this is not an X11 session on Linux)."""
    if not platform.startswith("linux") or not _uses_xcb(environ):
        return []
    plugin = plugin or _xcb_plugin()
    if not plugin.exists():
        return []
    try:
        load(str(plugin))
        return []
    except OSError as exc:
        reason = str(exc)
    missing = []
    for library in XCB_LIBRARIES:
        try:
            load(library)
        except OSError:
            missing.append(library)
    if not missing and "cannot open shared object file" in reason:
        missing.append(reason.split(":")[0].strip())  # another library; the loader names it first
    # Any other failure (a symbol resolved later by Qt's own lazy loading) is left to Qt.
    return missing


def explain(missing: list[str]) -> str:
    packages = [XCB_LIBRARIES[library] for library in missing if library in XCB_LIBRARIES]
    install = f"Di Debian/Ubuntu, pasang dengan:\n    sudo apt install {' '.join(packages)}\n" if packages else ""
    return (
        "Dumas Desktop tidak dapat membuka jendela: pustaka sistem untuk tampilan X11 belum terpasang "
        f"({', '.join(missing)}).\n"
        f"{install}"
        "Setelah terpasang, jalankan program lagi. Data Anda tidak tersentuh; perintah baris (check, "
        "export, recap, …) tetap dapat dipakai tanpa jendela."
    )
