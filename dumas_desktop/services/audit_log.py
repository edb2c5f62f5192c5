"""Reading the record of who did what: filtered lists of audit entries for a case, a user,
an action or a period, and an Excel copy of them. A confidential reporter's details are
left out for users who need not know them, as everywhere else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ..domain import catalog
from ..storage.models import AuditEntry, Complaint
from .case_file import audit_names, secrecy_of, summarize
from .context import Workspace
from .files import write_atomically

MAX_ROWS = 20_000


@dataclass(frozen=True)
class AuditFilter:
    agenda_number: str = ""
    actor: str = ""  # part of the name recorded, e.g. a username
    action: str = ""
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    agenda_number: str
    details: str

    @property
    def action_label(self) -> str:
        return action_label(self.action)

    @property
    def entity_label(self) -> str:
        return catalog.AUDIT_ENTITIES.get(self.entity, self.entity)


def action_label(action: str) -> str:
    return action.replace("_", " ").capitalize()


def actions(ws: Workspace) -> list[str]:
    with ws.db.read() as session:
        return list(session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)))


def actors(ws: Workspace) -> list[str]:
    with ws.db.read() as session:
        return list(session.scalars(select(AuditEntry.actor).distinct().order_by(AuditEntry.actor)))


def entries(ws: Workspace, wanted: AuditFilter = AuditFilter(), limit: int = MAX_ROWS) -> list[AuditRow]:
    """Newest first."""
    query = select(AuditEntry, Complaint.agenda_number).outerjoin(
        Complaint, Complaint.uuid == AuditEntry.complaint_uuid
    )
    if wanted.agenda_number.strip():
        query = query.where(Complaint.agenda_number == wanted.agenda_number.strip())
    if wanted.actor.strip():
        query = query.where(AuditEntry.actor.contains(wanted.actor.strip()))
    if wanted.action:
        query = query.where(AuditEntry.action == wanted.action)
    if wanted.since:
        query = query.where(AuditEntry.at >= datetime.combine(wanted.since, time.min))
    if wanted.until:
        query = query.where(AuditEntry.at <= datetime.combine(wanted.until, time.max))
    with ws.db.read() as session:
        secrecy = secrecy_of(ws, session)
        names = audit_names(ws, session)
        rows = session.execute(query.order_by(AuditEntry.id.desc()).limit(limit)).all()
        result = []
        for entry, agenda in rows:
            secret = secrecy.get(entry.complaint_uuid)
            after = entry.after
            details = secret.details(entry.entity, after, names) if secret else summarize(after, names=names)
            result.append(AuditRow(entry.id, entry.at, entry.actor, entry.action, entry.entity, agenda or "", details))
        return result


def write_xlsx(rows: list[AuditRow], out: Path, title: str) -> None:
    """The entries as a workbook (written whole, then renamed into place)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Jejak audit")
    for column, width in zip("ABCDEFG", (8, 20, 28, 30, 16, 26, 80), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.append([title])
    header: list[Any] = ["No. entri", "Waktu", "Pengguna", "Tindakan", "Objek", "Nomor agenda", "Rincian"]
    sheet.append(header)
    for row in rows:
        sheet.append([row.id, row.at, row.actor, row.action_label, row.entity_label, row.agenda_number, row.details])
    sheet.freeze_panes = "A3"
    write_atomically(out, book.save)
