"""Backups (checked, thinned, restored with the current file kept aside), the one-writer
lock (a second process, a crashed one), and the places a live data file may not live."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from dumas_desktop.cli import main
from dumas_desktop.domain.errors import DataFileError
from dumas_desktop.storage import backups
from dumas_desktop.storage.database import backups_dir
from dumas_desktop.storage.location import linux_problem
from dumas_desktop.storage.lock import DataFileLock, FileLocked, lock_path, read_owner

NOW = datetime(2026, 11, 20, 10, 0)


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _cases(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn, conn:
        return conn.execute("SELECT count(*) FROM complaints").fetchone()[0]


def test_backup_is_checked_listed_and_restored_with_the_current_file_kept(data_file: Path) -> None:
    first = backups.make_backup(data_file, now=NOW)
    assert first.path.parent == backups_dir(data_file) and first.cases == _cases(data_file)
    original = first.path.read_bytes()
    # The office goes on working; then restores the backup.
    with closing(sqlite3.connect(data_file)) as conn, conn:
        conn.execute("UPDATE settings SET value = '\"F4\"' WHERE key = 'x'")
        conn.execute("INSERT INTO settings (key, value) VALUES ('documents.paper', '\"F4\"')")
    changed = data_file.read_bytes()
    aside = backups.restore(data_file, first.path, now=NOW + timedelta(hours=1))
    assert aside is not None and aside.exists()
    with closing(sqlite3.connect(aside)) as conn, conn:
        assert conn.execute("SELECT value FROM settings WHERE key = 'documents.paper'").fetchone()[0] == '"F4"'
    with closing(sqlite3.connect(data_file)) as conn, conn:
        assert conn.execute("SELECT count(*) FROM settings WHERE key = 'documents.paper'").fetchone()[0] == 0
    assert first.path.read_bytes() == original and changed != data_file.read_bytes()
    kinds = {b.kind for b in backups.list_backups(data_file)}
    assert kinds == {"cadangan", "sebelum-pulih"}


def test_a_damaged_or_newer_backup_is_refused_and_the_data_file_stays_as_it_was(data_file: Path) -> None:
    good = backups.make_backup(data_file, now=NOW).path
    before = data_file.read_bytes()
    damaged = good.with_name("rusak.dumas")
    content = bytearray(good.read_bytes())
    content[4096 * 3 : 4096 * 3 + 512] = b"\xff" * 512
    damaged.write_bytes(bytes(content))
    newer = good.with_name("baru.dumas")
    shutil.copyfile(good, newer)
    with closing(sqlite3.connect(newer)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    not_dumas = good.with_name("lain.dumas")
    sqlite3.connect(not_dumas).execute("CREATE TABLE t (x)").connection.close()
    for bad, message in ((damaged, "rusak|tidak dapat dibaca"), (newer, "lebih baru"), (not_dumas, "bukan berkas")):
        with pytest.raises(DataFileError, match=message):
            backups.restore(data_file, bad)
        assert data_file.read_bytes() == before
    assert not list(data_file.parent.glob(".*dipulihkan"))


def test_a_backup_with_schema_objects_of_its_own_is_never_put_in_place(data_file: Path) -> None:
    good = backups.make_backup(data_file, now=NOW).path
    before = data_file.read_bytes()
    edits = {
        "pemicu asing": "CREATE TRIGGER bocor AFTER INSERT ON complaints BEGIN "
        "UPDATE complaints SET subject = 'x' WHERE id = new.id; END",
        "tampilan asing": "CREATE VIEW intip AS SELECT name FROM parties",
        "pemicu audit dibuang": "DROP TRIGGER audit_log_no_delete",
        "kolom tambahan": "ALTER TABLE parties ADD COLUMN catatan TEXT",
    }
    for name, sql in edits.items():
        edited = good.with_name(f"{name.replace(' ', '-')}.dumas")
        shutil.copyfile(good, edited)
        with closing(sqlite3.connect(edited)) as conn, conn:
            conn.execute(sql)
        with pytest.raises(DataFileError, match="tidak seperti yang dibuat Dumas Desktop"):
            backups.restore(data_file, edited)
        assert data_file.read_bytes() == before, name
    assert not list(data_file.parent.glob(".*dipulihkan*"))
    # The untouched backup still restores.
    backups.restore(data_file, good)


def test_thinning_keeps_recent_days_densely_and_older_months_sparsely(data_file: Path) -> None:
    moments = [NOW - timedelta(hours=h) for h in range(0, 24 * 400, 7)]
    kept = backups.to_keep(moments, NOW)
    last_day = [m for m in moments if NOW - m <= timedelta(hours=24)]
    assert set(last_day) <= kept
    week = [m for m in kept if timedelta(hours=24) < NOW - m <= timedelta(days=7)]
    assert len({m.date() for m in week}) == len(week)  # one a day
    weeks = [m for m in kept if timedelta(days=7) < NOW - m <= timedelta(weeks=8)]
    assert len({m.isocalendar()[:2] for m in weeks}) == len(weeks)  # one a week
    months = [m for m in kept if timedelta(weeks=8) < NOW - m <= timedelta(days=372)]
    assert len({(m.year, m.month) for m in months}) == len(months)  # one a month
    assert all(NOW - m <= timedelta(days=372) for m in kept)
    assert len(kept) < 80 < len(moments)

    # On disk: only the automatic backups are thinned, the newest of each period stays.
    source = backups.make_backup(data_file, now=NOW).path
    for hours in (30, 31, 24 * 20, 24 * 21, 24 * 500):
        stamp = (NOW - timedelta(hours=hours)).strftime(backups.STAMP)
        shutil.copyfile(source, backups_dir(data_file) / f"{data_file.stem}.cadangan-{stamp}.dumas")
    shutil.copyfile(source, backups_dir(data_file) / f"{data_file.stem}.pra-migrasi-0002-20200101-000000.dumas")
    removed = {p.name for p in backups.thin(data_file, NOW)}
    # 31 h shares a day with 30 h, and 21 days shares an ISO week with 20 days: the older goes.
    stamps = {(NOW - timedelta(hours=h)).strftime(backups.STAMP) for h in (31, 24 * 21, 24 * 500)}
    assert removed == {f"{data_file.stem}.cadangan-{s}.dumas" for s in stamps}
    assert any("pra-migrasi" in b.path.name for b in backups.list_backups(data_file))


def test_backup_and_restore_commands(data_file: Path, capsys, tmp_path: Path) -> None:
    out = tmp_path / "cadangan-manual.dumas"
    code, text, _ = run(capsys, "backup", "--data", data_file, "--out", out)
    assert code == 0 and "diperiksa" in text and out.exists()
    code, text, _ = run(capsys, "restore", "--data", data_file, "--from", out)
    assert code == 0 and "dipulihkan" in text
    code, _, err = run(capsys, "restore", "--data", data_file, "--from", tmp_path / "tidak-ada.dumas")
    assert code == 2 and "tidak ada" in err
    code, text, _ = run(capsys, "backup", "--data", data_file, "--list")
    assert code == 0 and "sebelum-pulih" in text


POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL, symlinks and hard links as POSIX has them")


@POSIX_ONLY
def test_one_writer_a_crashed_writer_and_another_computer(data_file: Path, capsys) -> None:
    lock = DataFileLock(data_file, "rina")
    lock.acquire()
    owner = read_owner(data_file)
    assert owner is not None
    assert owner.user == "rina" and owner.pid == os.getpid() and owner.host == socket.gethostname()
    with pytest.raises(FileLocked, match="rina di komputer"):
        DataFileLock(data_file, "andi").acquire()
    lock.release()
    assert not lock_path(data_file).exists()

    # A second program: the command line refuses to write while it holds the file.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from dumas_desktop.storage.lock import DataFileLock; "
            "held = DataFileLock(Path(sys.argv[1]), 'franky'); held.acquire(); print('ok', flush=True); time.sleep(60)",
            str(data_file),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "ok"
        code, _, err = run(capsys, "backup", "--data", data_file)
        assert code == 0  # reading for a backup is allowed while another program writes
        code, _, err = run(capsys, "demo", "--data", data_file, "--cases", 1)
        assert code == 2 and "franky di komputer" in err and "hanya-baca" in err
        holder.kill()  # SIGKILL: no chance to release its lock
        holder.wait()
        # Its lock is left behind; the process is gone, so the lock is recognised and cleared.
        assert lock_path(data_file).exists()
        code, _, err = run(capsys, "demo", "--data", data_file, "--cases", 1)
        assert code == 0, err
        assert not lock_path(data_file).exists()
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()

    # A lock cut short by a crash is cleared; one from another computer is not, unless forced.
    lock_path(data_file).write_text('{"host": "pc-lain", "us', encoding="utf-8")
    cut_short = DataFileLock(data_file, "andi")
    cut_short.acquire()
    assert cut_short.cleared_stale
    cut_short.release()
    lock_path(data_file).write_text(
        '{"host": "pc-sekretariat", "user": "yulia", "pid": 4242, "since": "2026-11-20T08:00:00"}', encoding="utf-8"
    )
    with pytest.raises(FileLocked, match="yulia di komputer pc-sekretariat"):
        DataFileLock(data_file, "andi").acquire()
    forced = DataFileLock(data_file, "andi")
    forced.acquire(force=True)
    forced_owner = read_owner(data_file)
    assert forced_owner is not None and forced_owner.user == "andi"
    forced.release()


@POSIX_ONLY
def test_one_lock_per_file_whatever_name_it_is_opened_by(data_file: Path, tmp_path: Path, capsys) -> None:
    """Symlinks and hard links of one file share its lock, in this process and another."""
    symlink, hardlink = tmp_path / "pintasan.dumas", tmp_path / "tautan.dumas"
    symlink.symlink_to(data_file)
    os.link(data_file, hardlink)
    held = DataFileLock(data_file, "rina")
    held.acquire()
    try:
        for other in (symlink, hardlink, data_file.parent / ".." / data_file.parent.name / data_file.name):
            with pytest.raises(FileLocked):
                DataFileLock(other, "andi").acquire()
        code, _, err = run(capsys, "demo", "--data", hardlink, "--cases", 1)
        assert code == 2 and "sedang dibuka" in err
    finally:
        held.release()
    # A 20-digit process id or a folder where the lock belongs is a message, never a crash.
    lock_path(data_file).write_text(
        json.dumps({"host": socket.gethostname(), "user": "x", "pid": 10**20, "since": "2026-01-01T00:00:00"}),
        encoding="utf-8",
    )
    again = DataFileLock(data_file, "andi")
    again.acquire()
    again.release()
    lock_path(data_file).mkdir()
    with pytest.raises(DataFileError, match="folder"):
        DataFileLock(data_file, "andi").acquire()
    lock_path(data_file).rmdir()


def test_a_full_disk_while_writing_the_lock_leaves_no_lock_file(data_file: Path, monkeypatch) -> None:
    import errno

    from dumas_desktop.storage import lock as lock_module

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(lock_module.os, "fsync", full)  # the disk fills as the lock is written
    with pytest.raises(DataFileError, match="Disk penuh"):
        DataFileLock(data_file, "andi").acquire()
    assert not lock_path(data_file).exists()


MOUNTS = """\
/dev/sda2 / ext4 rw,relatime 0 0
/dev/sdb1 /media/rina/FLASHDISK vfat rw,nosuid 0 0
//fileserver/dumas /mnt/kantor cifs rw 0 0
server:/srv /srv/nfs nfs4 rw 0 0
/dev/nvme0n1p3 /data ext4 rw 0 0
/dev/sdc1 /mnt/usb\\040kantor exfat rw 0 0
"""


def _linux_problem(path: Path, mounts: str, removable: set[str]) -> str:
    return linux_problem(path, mounts, removable) or ""


def test_live_data_files_are_kept_off_network_shares_and_sticks() -> None:
    removable = {"sdb", "sdc"}
    assert linux_problem(Path("/home/rina/kantor.dumas"), MOUNTS, removable) is None
    assert linux_problem(Path("/data/kantor.dumas"), MOUNTS, removable) is None
    assert "diska lepas" in _linux_problem(Path("/media/rina/FLASHDISK/kantor.dumas"), MOUNTS, removable)
    assert "diska lepas" in _linux_problem(Path("/mnt/usb kantor/kantor.dumas"), MOUNTS, removable)
    assert "jaringan (cifs)" in _linux_problem(Path("/mnt/kantor/kantor.dumas"), MOUNTS, removable)
    assert "jaringan (nfs4)" in _linux_problem(Path("/srv/nfs/a/kantor.dumas"), MOUNTS, removable)


def test_the_command_line_refuses_a_data_file_on_a_stick(data_file: Path, capsys, monkeypatch) -> None:
    from dumas_desktop.storage import location

    monkeypatch.setattr(location, "location_problem", lambda path: location.REMOVABLE_MESSAGE.format(path=path))
    before = data_file.read_bytes()
    code, _, err = run(capsys, "demo", "--data", data_file, "--cases", 1)
    assert code == 2 and "flashdisk" in err
    assert data_file.read_bytes() == before


def test_check_describes_a_damaged_file(data_file: Path, capsys) -> None:
    content = bytearray(data_file.read_bytes())
    for page in range(3, len(content) // 4096, 3):
        content[page * 4096 + 50 : page * 4096 + 300] = b"\x07" * 250
    data_file.write_bytes(bytes(content))
    code, out, _ = run(capsys, "check", "--data", data_file)
    assert code == 1 and "rusak" in out and "malformed" in out


def test_a_copy_maps_its_source_only_on_a_local_disk(tmp_path, monkeypatch) -> None:
    """Memory-mapped reading is faster, but a mapped file whose stick is pulled out ends the
    process; so a source on a stick or a share is read the ordinary way."""
    import sqlite3 as sqlite

    from dumas_desktop.storage import location
    from dumas_desktop.storage.database import copy_database

    source = tmp_path / "sumber.dumas"
    with sqlite.connect(source) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES (1)")
    conn.close()
    statements: list[str] = []
    real_connect = sqlite.connect

    def traced(*args, **kwargs):
        connection = real_connect(*args, **kwargs)
        connection.set_trace_callback(statements.append)
        return connection

    monkeypatch.setattr(sqlite, "connect", traced)
    # The override for IT staff lets a live file sit anywhere, but never maps one on a stick.
    monkeypatch.setenv("DUMAS_ALLOW_ANY_LOCATION", "1")
    cases = [("linux", None, True), ("linux", "Berkas berada di flashdisk.", False), ("win32", None, False)]
    for number, (platform, where, expected) in enumerate(cases):
        monkeypatch.setattr(location.sys, "platform", platform)  # Windows reports USB disks as fixed
        monkeypatch.setattr(location, "linux_problem", lambda path, mounts, removable, where=where: where)
        statements.clear()
        target = tmp_path / f"salinan-{number}.dumas"
        copy_database(source, target, scratch=True, map_if_local=True)
        assert any("mmap_size" in sql for sql in statements) is expected, (platform, where)
        assert real_connect(target).execute("SELECT x FROM t").fetchone() == (1,)


def test_what_a_killed_process_left_is_removed_by_the_next_writer(data_file: Path, capsys) -> None:
    folder = data_file.parent
    backups_dir(data_file).mkdir(exist_ok=True)
    restoring = folder / f".{data_file.name}.dipulihkan"
    building = folder / f".{data_file.name}.4242.sedang-dibuat"
    unpacking = folder / ".dumas-impor-abc123"
    old_partial = backups_dir(data_file) / f".{data_file.stem}.cadangan-20261101-080000.dumas.sebagian"
    fresh_partial = backups_dir(data_file) / f".{data_file.stem}.cadangan-20261120-100000.dumas.sebagian"
    for path in (restoring, building, old_partial, fresh_partial):
        path.write_bytes(b"setengah")
    unpacking.mkdir()
    (unpacking / "snapshot.dumas").write_bytes(b"x")
    hour_ago = NOW.timestamp() - 2 * 3600
    os.utime(old_partial, (hour_ago, hour_ago))
    code, _, err = run(capsys, "demo", "--data", data_file, "--cases", 1)
    assert code == 0, err
    assert not restoring.exists() and not building.exists() and not unpacking.exists() and not old_partial.exists()
    assert fresh_partial.exists()  # a backup may be writing it right now (backups need no lock)
    assert check_file_ok(data_file)


def check_file_ok(path: Path) -> bool:
    from dumas_desktop.storage.integrity import check_file

    return check_file(path).ok


def test_windows_long_paths_are_local_and_unc_paths_are_shares(monkeypatch) -> None:
    from pathlib import PureWindowsPath

    from dumas_desktop.storage import location

    for text, share in (
        (r"\\?\C:\Users\Siti Nur'aini\Documents\kantor.dumas", False),
        (r"\\?\UNC\server-kantor\dumas\kantor.dumas", True),
        (r"\\server-kantor\dumas\kantor.dumas", True),
        (r"D:\Data KPU\kantor.dumas", False),
    ):
        problem = location.windows_problem(PureWindowsPath(text))  # type: ignore[arg-type]
        assert (problem is not None and "folder jaringan" in problem) is share, text


def test_a_folder_named_with_hash_or_percent_opens_read_only_and_migrates(templates, tmp_path, monkeypatch) -> None:
    import shutil as sh

    from dumas_desktop.storage import database

    folder = tmp_path / "Dok #1 100% kantor"
    folder.mkdir()
    data = folder / "kantor.dumas"
    sh.copyfile(templates["sanggau-2026"], data)
    db = database.open_database(data, read_only=True)
    try:
        assert db.schema_revision() == database.head_revision()
    finally:
        db.close()
    # Migrations found in a folder whose name holds "%" (ConfigParser interpolation).
    migrations = folder / "migrasi"
    sh.copytree(database.MIGRATIONS_DIR, migrations)
    monkeypatch.setattr(database, "MIGRATIONS_DIR", migrations)
    from dumas_desktop.storage.schema import migrated_schema

    assert migrated_schema().tables()
