"""Export, import and backup of whichever data the window has open — a file or the
office's server — so the window asks one service and never which kind it holds."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from ..domain.access import Access
from ..storage.database import Database
from ..storage.package import Manifest
from .merge import ImportSummary

BACK_UP_SERVER = "Mencadangkan server"


def export(
    db: Database,
    out: Path,
    *,
    access: Access,
    year: int | None = None,
    password: str | None = None,
    without_identities: bool = False,
) -> Manifest:
    if db.is_server:
        from .server_keeping import export_from_server

        return export_from_server(
            db, out, year=year, password=password, without_identities=without_identities, access=access
        )
    from .transfer import export_package

    return export_package(
        db.file, out, year=year, password=password, without_identities=without_identities, access=access
    )


def import_package(
    db: Database,
    package: Path,
    *,
    access: Access,
    user: str,
    password: str | None = None,
    dry_run: bool = False,
    progress: Callable[[str], None] | None = None,
) -> ImportSummary:
    if db.is_server:
        from .server_import import import_into_server

        return import_into_server(
            db, package, password=password, user=user, dry_run=dry_run, progress=progress, access=access
        )
    from . import transfer

    return transfer.import_package(
        db.file, package, password=password, user=user, dry_run=dry_run, progress=progress, access=access
    )


def may_back_up_server(access: Access) -> None:
    """Refuse before a place is asked for."""
    access.require_admin(BACK_UP_SERVER)


def back_up_server(db: Database, out: Path, *, access: Access, actor: str, now: datetime | None = None) -> int:
    """A checked `.dumas` file of the server at `out` (an administrator's act); its cases."""
    from . import server_keeping

    may_back_up_server(access)
    return server_keeping.back_up_server(db, out, actor=actor, now=now)
