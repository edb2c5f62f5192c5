"""Keeping the data file: restoring a backup over it is an administrator's act, whether
it is asked for in the window or on the command line, so the rule lives here."""

from __future__ import annotations

from pathlib import Path

from ..domain.access import Access
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
