"""Confidential reporters in what the services read out: who sees an identity, the SQL
that shows "Dirahasiakan" to everyone else, and revealing a full NIK or phone number,
which is recorded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, case, exists, select
from sqlalchemy.orm import Session

from ..domain.access import identity_roles, role_names
from ..domain.errors import NotAllowed, NotFound
from ..domain.privacy import CONFIDENTIAL_LABEL, CONFIDENTIAL_SUBJECT, hides_identity
from ..storage.models import Complaint, Party
from ..storage.sqlfuncs import joined
from .context import Workspace
from .workflow import case_profile, load_case

_SEES_KEY = "dumas_sees_identity"


def sees_identity(ws: Workspace, session: Session) -> bool:
    """Whether the signed-in user's roles need confidential reporters' identities."""
    if ws.access.everything:
        return True
    cached = session.info.get(_SEES_KEY)
    if cached is None:
        cached = ws.access.sees_identity(ws.home_profile(session))
        session.info[_SEES_KEY] = cached
    return bool(cached)


def _whole_report_confidential() -> ColumnElement[bool]:
    return exists().where(
        Party.complaint_id == Complaint.id, Party.role == "reporter", Party.confidentiality == "seluruh"
    )


def reporter_shown(sees: bool) -> ScalarSelect[Any]:
    shown: Any = (
        Party.name if sees else case((Party.confidentiality != "terbuka", CONFIDENTIAL_LABEL), else_=Party.name)
    )
    return (
        select(shown)
        .where(Party.complaint_id == Complaint.id, Party.role == "reporter")
        .correlate(Complaint)
        .limit(1)
        .scalar_subquery()
    )


def respondent_shown(sees: bool) -> Any:
    names = (
        select(joined(Party.name, ", "))
        .where(Party.complaint_id == Complaint.id, Party.role == "respondent")
        .correlate(Complaint)
        .scalar_subquery()
    )
    return names if sees else case((_whole_report_confidential(), CONFIDENTIAL_LABEL), else_=names)


def subject_shown(sees: bool) -> Any:
    return (
        Complaint.subject
        if sees
        else case((_whole_report_confidential(), CONFIDENTIAL_SUBJECT), else_=Complaint.subject)
    )


@dataclass(frozen=True)
class RevealedParty:
    id: int
    name: str
    id_number: str
    address: str
    phone: str
    email: str


def reveal_party(ws: Workspace, party_id: int, reason: str = "") -> RevealedParty:
    """A party's full identity (NIK, phone, address), for a user whose role needs it; the
    request is recorded in the audit trail, with the reason given."""
    with ws.db.transaction() as session:
        party = session.get(Party, party_id)
        if party is None:
            raise NotFound(f"Pihak #{party_id} tidak ada.")
        complaint = load_case(session, party.complaint_id)
        profile = case_profile(ws, session, complaint)
        confidential = hides_identity(party.role, party.confidentiality)
        if confidential and not sees_identity(ws, session):
            raise NotAllowed(
                f"Identitas pelapor {complaint.agenda_number} dirahasiakan; hanya "
                f"{role_names(profile, sorted(identity_roles(profile)))} yang dapat membukanya."
            )
        ws.audit(
            session,
            complaint.office_code,
            "identitas_dibuka",
            "party",
            entity_uuid=party.uuid,
            complaint_uuid=complaint.uuid,
            after={"role": party.role, "confidential": confidential, "reason": reason.strip()},
        )
        return RevealedParty(party.id, party.name, party.id_number, party.address, party.phone, party.email)
