"""The office revises its SOP: drafts of a profile, checked by the loader, adopted as a
new version for new complaints; versions exported to a file and files installed.

A draft is plain data (domain.sop_draft.Draft); checking it writes it as TOML and hands
that to the same loader that checks every installed file, so the editor cannot adopt
anything an office could not install. Running cases keep the profile record they started
under (Complaint.sop_profile_id), and with it their deadlines: adopting only changes which
record new complaints start under.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from ..domain.errors import NotAllowed, NotFound, ProfileError
from ..domain.sop import Profile, parse_profile
from ..domain.sop_draft import Draft
from ..domain.textfiles import decode_text
from ..storage.models import AuditEntry, Complaint, SopProfileRecord
from .context import Workspace, home_office
from .files import read_chosen_file, write_bytes
from .office import install_profile

MAX_PROFILE_BYTES = 1024 * 1024  # a profile is a few kilobytes; anything near this is not one
ADOPTED = "profil_sop_diganti"


@dataclass(frozen=True)
class VersionInfo:
    record_id: int
    profile_id: str
    version: int
    name: str
    added_at: datetime
    active: bool
    cases: int  # complaints that run under it
    adopted_by: str  # who last made it the active version ("" when only kept for cases)

    @property
    def label(self) -> str:
        mark = " \u2014 aktif" if self.active else ""
        return f"{self.profile_id} versi {self.version} ({self.added_at:%d-%m-%Y}){mark}"


@dataclass(frozen=True)
class DraftCheck:
    """What the loader says of a draft: the profile it makes, or its one complaint and
    the place it concerns ("steps.2.branches.0", field "next")."""

    profile: Profile | None
    message: str = ""
    where: str = ""
    field: str = ""

    @property
    def ok(self) -> bool:
        return self.profile is not None


@dataclass(frozen=True)
class Adopted:
    record_id: int
    profile: Profile


def versions(ws: Workspace) -> list[VersionInfo]:
    """Every profile version the file keeps, newest first; earlier ones stay readable."""
    with ws.db.read() as session:
        active = home_office(session).sop_profile_id
        counts = dict(
            session.execute(select(Complaint.sop_profile_id, func.count()).group_by(Complaint.sop_profile_id)).all()
        )
        adopters: dict[int, str] = {}
        for entry in session.scalars(select(AuditEntry).where(AuditEntry.action == ADOPTED).order_by(AuditEntry.id)):
            after = entry.after if isinstance(entry.after, dict) else {}
            if isinstance(after.get("sop_profile_id"), int):
                adopters[after["sop_profile_id"]] = f"{entry.actor}, {entry.at:%d-%m-%Y %H.%M}"
        records = session.scalars(select(SopProfileRecord).order_by(SopProfileRecord.id.desc())).all()
        return [
            VersionInfo(
                record_id=r.id,
                profile_id=r.profile_id,
                version=r.version,
                name=r.name,
                added_at=r.added_at,
                active=r.id == active,
                cases=counts.get(r.id, 0),
                adopted_by=adopters.get(r.id, ""),
            )
            for r in records
        ]


def version_profile(ws: Workspace, record_id: int | None = None) -> tuple[int, Profile]:
    """A kept version (the active one when None), as the loader reads it."""
    with ws.db.read() as session:
        if record_id is None:
            record_id = home_office(session).sop_profile_id
        if session.get(SopProfileRecord, record_id) is None:
            raise NotFound(f"Profil SOP #{record_id} tidak ada dalam berkas data.")
        return record_id, ws.profile(session, record_id)


def version_numbered(ws: Workspace, version: int) -> int:
    """The record of the active profile's id with this version number (for `--version N`)."""
    with ws.db.read() as session:
        active = ws.profile(session, home_office(session).sop_profile_id)
        record = session.scalar(
            select(SopProfileRecord)
            .where(SopProfileRecord.profile_id == active.id, SopProfileRecord.version == version)
            .order_by(SopProfileRecord.id.desc())
        )
        if record is None:
            known = session.scalars(
                select(SopProfileRecord.version)
                .where(SopProfileRecord.profile_id == active.id)
                .order_by(SopProfileRecord.version)
            ).all()
            listed = ", ".join(str(v) for v in sorted(set(known)))
            raise NotFound(f"Profil {active.id} versi {version} tidak ada dalam berkas data (tersedia: {listed}).")
        return record.id


def start_draft(ws: Workspace, record_id: int | None = None) -> Draft:
    """A draft copy of the active version (or of any kept one) to revise."""
    ws.access.require_admin("Menyunting profil SOP")
    return Draft.of(version_profile(ws, record_id)[1])


def check_draft(draft: Draft) -> DraftCheck:
    """The loader's verdict on the draft, as it would be on a file with the same content."""
    try:
        return DraftCheck(parse_profile(draft.to_toml(), "(draf)"))
    except ProfileError as error:
        return DraftCheck(None, error.message, error.where, error.field)


def same_profile(a: Profile, b: Profile) -> bool:
    """Two profiles that say the same, whatever their text's layout and version number."""
    return dataclasses.replace(a, text="", sha256="", version=0) == dataclasses.replace(
        b, text="", sha256="", version=0
    )


def adopt_draft(ws: Workspace, draft: Draft) -> Adopted:
    """Adopt the draft as the next version of its profile for complaints received from now
    on; the audit trail records who and when. Refused when the loader refuses it or when it
    says nothing new."""
    ws.access.require_admin("Menerapkan profil SOP")
    checked = check_draft(draft)
    if checked.profile is None:
        raise ProfileError(checked.message, checked.where, checked.field)
    _, active = version_profile(ws)
    if same_profile(checked.profile, active):
        raise NotAllowed("Draf sama dengan versi yang berlaku; tidak ada yang diterapkan.")
    with ws.db.read() as session:
        latest = session.scalar(
            select(func.max(SopProfileRecord.version)).where(SopProfileRecord.profile_id == draft.id)
        )
    numbered = dataclasses.replace(draft, version=max(latest or 0, draft.version) + 1)
    profile = install_profile(ws, numbered.to_toml(), f"{draft.id} versi {numbered.version}")
    return Adopted(version_profile(ws)[0], profile)


def sop_document(ws: Workspace, record_id: int | None = None, paper: str | None = None) -> bytes:
    """A kept version (the active one when None) as the office's SOP document, ready to
    print and sign."""
    from ..documents.sop_pdf import sop_pdf
    from .document_facts import office_facts
    from .documents import check_paper, default_paper

    record_id, profile = version_profile(ws, record_id)
    if paper is not None:
        check_paper(paper)
    with ws.db.read() as session:
        office = office_facts(session, home_office(session).office_code)
    return sop_pdf(profile, office, paper or default_paper(ws))


def export_version(ws: Workspace, target: Path, record_id: int | None = None) -> Profile:
    """Write a kept version's exact text to a file, to install in another office."""
    _, profile = version_profile(ws, record_id)
    write_bytes(Path(target), profile.text.encode("utf-8"))
    return profile


def read_profile_file(path: Path) -> Profile:
    """A profile file someone hands over: hostile input, checked by the loader, refused
    in one Indonesian line saying why."""
    raw = read_chosen_file(Path(path), MAX_PROFILE_BYTES, "Profil SOP")
    try:
        text = decode_text(raw)
    except UnicodeDecodeError:
        raise ProfileError(f"Profil SOP {Path(path).name} bukan teks (UTF-8 atau UTF-16).") from None
    try:
        return parse_profile(text, Path(path).name)
    except ProfileError as error:
        raise ProfileError(" ".join(error.message.split()), error.where, error.field) from None
    except RecursionError:  # brackets nested thousands deep
        raise ProfileError(f"Profil SOP {Path(path).name} tidak dapat dibaca: susunan terlalu dalam.") from None


def install_file(ws: Workspace, path: Path) -> Profile:
    """Install a profile file for new complaints (running cases keep theirs)."""
    ws.access.require_admin("Memasang profil SOP")
    profile = read_profile_file(path)
    return install_profile(ws, profile.text, Path(path).name)
