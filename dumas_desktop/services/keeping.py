"""Keeping the data file: its backups listed and made, and restoring one over it, which is
an administrator's act whether asked for in the window or on the command line, so the rule
lives here."""

from __future__ import annotations

from pathlib import Path

from ..domain.access import Access
from ..storage import backups
from ..storage.database import backups_dir
from . import audit_events

RESTORE = "Memulihkan dari cadangan"


def may_restore(access: Access) -> None:
    """Refuse before anything is closed or copied."""
    access.require_admin(RESTORE)


def restore_backup(access: Access, data: Path, backup: Path, *, actor: str) -> Path | None:
    """Put `backup` in place of `data` (which must be closed), keeping the current file
    aside and recording it in the restored file's trail; returns where it was kept."""
    may_restore(access)
    return audit_events.restore(data, backup, actor=actor)


def backups_folder(data: Path) -> Path:
    """Where the data file's backups are kept (beside it), to tell the person."""
    return backups_dir(data).absolute()


def list_backups(data: Path) -> list[backups.BackupInfo]:
    return backups.list_backups(data)


def back_up_now(data: Path, *, actor: str, automatic: bool = False) -> backups.BackupInfo:
    """A backup (asked for by a person, or the window's own every few hours): made,
    checked, recorded, and the old ones thinned."""
    made = audit_events.back_up(data, actor=actor, automatic=automatic)
    backups.thin(data)
    return made
