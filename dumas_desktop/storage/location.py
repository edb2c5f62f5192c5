"""Where a live data file may not be kept: on a network share (two PCs writing one SQLite
file through the network corrupts it) or on a removable stick (pulled out mid-write).
Carry exports on sticks instead; keep the live file on a local disk."""

from __future__ import annotations

import ntpath
import os
import sys
from pathlib import Path, PurePath

NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "sshfs", "davfs", "fuse.davfs2", "9p", "afs", "ncpfs"}
)
REMOVABLE_ROOTS = ("/media/", "/run/media/")  # where desktops mount sticks

NETWORK_MESSAGE = (
    "Berkas data {path} berada di folder jaringan ({kind}). Berkas data yang sedang dipakai harus berada di "
    "diska lokal komputer ini: dua komputer yang menulis satu berkas melalui jaringan dapat merusaknya. "
    "Salin berkas ke diska lokal lalu buka dari sana; untuk berbagi data, pakai ekspor dan impor."
)
REMOVABLE_MESSAGE = (
    "Berkas data {path} berada di diska lepas (flashdisk). Berkas data yang sedang dipakai harus berada di "
    "diska lokal: flashdisk yang dicabut saat program menulis dapat merusak data. Salin berkas ke diska "
    "lokal lalu buka dari sana; untuk membawa data, pakai ekspor."
)


def _mount_of(path: str, mounts: list[tuple[str, str, str]]) -> tuple[str, str, str] | None:
    """The mount (device, mount point, type) holding `path`: the longest matching mount point."""
    best = None
    for device, point, kind in mounts:
        prefix = point.rstrip("/") + "/"
        if (path == point or path.startswith(prefix) or point == "/") and (best is None or len(point) > len(best[1])):
            best = (device, point, kind)
    return best


def _unescape(field: str) -> str:
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")


def linux_problem(path: Path, mounts_text: str, removable: set[str]) -> str | None:
    """The reason `path` may not hold a live data file, from /proc/mounts and the set of
    removable block devices; None when it is on a local disk."""
    mounts = []
    for line in mounts_text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            mounts.append((fields[0], _unescape(fields[1]), fields[2]))
    where = str(path)
    mount = _mount_of(where, mounts)
    if mount is None:
        return None
    device, point, kind = mount
    if kind in NETWORK_FILESYSTEMS or device.startswith("//"):
        return NETWORK_MESSAGE.format(path=path, kind=kind)
    name = Path(device).name.rstrip("0123456789")
    if name.startswith("nvme") or name.startswith("mmcblk"):
        name = Path(device).name.split("p")[0]
    if name in removable or point.startswith(REMOVABLE_ROOTS):
        return REMOVABLE_MESSAGE.format(path=path)
    return None


def _removable_devices() -> set[str]:
    found = set()
    block = Path("/sys/block")
    if block.is_dir():
        for device in block.iterdir():
            try:
                if (device / "removable").read_text(encoding="ascii", errors="replace").strip() == "1":
                    found.add(device.name)
            except OSError:
                continue
    return found


def _windows_plain(text: str) -> tuple[str, bool]:
    """A Windows path without its long-path prefix, and whether it names a share.
    `\\\\?\\C:\\…` is a local path written for long names; `\\\\?\\UNC\\server\\share` and
    `\\\\server\\share` are shares."""
    for prefix in ("\\\\?\\", "\\\\.\\"):
        if text.startswith(prefix):
            rest = text[len(prefix) :]
            if rest[:4].upper() == "UNC\\":
                return "\\\\" + rest[4:], True
            return rest, False
    return text, text.startswith("\\\\")


def windows_problem(path: PurePath) -> str | None:
    import ctypes

    text, share = _windows_plain(str(path))
    if share:
        return NETWORK_MESSAGE.format(path=path, kind="folder bersama Windows")
    root = ntpath.splitdrive(text)[0] + "\\"  # Windows' own rules, whatever runs the check
    if sys.platform != "win32":
        return None
    kind = ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root))  # type: ignore[attr-defined]
    if kind == 4:  # DRIVE_REMOTE
        return NETWORK_MESSAGE.format(path=path, kind="drive jaringan")
    if kind == 2:  # DRIVE_REMOVABLE
        return REMOVABLE_MESSAGE.format(path=path)
    return None


def location_problem(path: Path) -> str | None:
    """Why the live data file may not be kept at `path`, or None when it may."""
    resolved = Path(path).resolve()
    if os.environ.get("DUMAS_ALLOW_ANY_LOCATION") == "1":  # for IT staff who know their storage
        return None
    if sys.platform == "win32":
        return windows_problem(resolved)
    if sys.platform.startswith("linux"):
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
        return linux_problem(resolved, mounts, _removable_devices())
    return None


def may_memory_map(path: Path) -> bool:
    """Whether reading `path` through a memory map is safe: only on a disk known to be
    fixed. A mapped file whose device goes away ends the process instead of raising an
    error, and Windows reports USB hard disks and some sticks as fixed (DRIVE_FIXED), so
    there the answer is always no; the override for IT staff does not change it."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return linux_problem(Path(path).resolve(), mounts, _removable_devices()) is None
