"""Setting up an office: its profile, officials, SOP, hours, days off and numbering."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import catalog
from ..domain.access import EXTERNAL_ACTORS
from ..domain.calendar import OfficeHours
from ..domain.errors import NotAllowed, NotFound
from ..domain.numbering import pattern_problem
from ..domain.sop import Profile, parse_profile
from ..domain.texts import long_date
from ..domain.validation import Problems
from ..profiles import bundled_profile, bundled_profile_ids  # noqa: F401 - part of this service's interface
from ..storage.models import DayOff, Office, Official, SopProfileRecord
from .context import Workspace, home_office
from .deadline_updates import recompute_open_deadlines
from .numbering import get_setting, set_setting

# Actors in a profile who are not the office's own staff: they never sign its papers.


def store_profile(session: Session, profile: Profile, now: object) -> SopProfileRecord:
    """Keep the profile's exact text in the data file (once per distinct text)."""
    record = session.scalar(select(SopProfileRecord).where(SopProfileRecord.sha256 == profile.sha256))
    if record is None:
        record = SopProfileRecord(
            profile_id=profile.id,
            version=profile.version,
            name=profile.name,
            sha256=profile.sha256,
            text=profile.text,
            added_at=now,
        )
        session.add(record)
        session.flush()
    return record


@dataclass(frozen=True)
class OfficeInput:
    name: str
    office_code: str
    sop: str = "sanggau-2026"
    level: str | None = None  # taken from the SOP profile when not given
    address: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""


def validate_office(data: OfficeInput) -> tuple[str, str]:
    """Check an office's details before anything is made (a file, a folder); returns the
    phone and email as stored. Raises the form's problems, each named."""
    problems = Problems()
    problems.required(data.name, "name", "Nama kantor")
    problems.required(data.office_code, "office_code", "Kode kantor")
    if data.office_code and not re.fullmatch(r"[0-9A-Za-z.\-]{2,20}", data.office_code):
        problems.add("office_code", "Kode kantor", "hanya huruf, angka, titik, atau minus (2–20 karakter)")
    problems.choice(data.level, catalog.OFFICE_LEVELS, "level", "Tingkat kantor")
    phone = problems.phone(data.phone, "phone", "Telepon kantor")
    email = problems.email(data.email, "email", "Surel kantor")
    problems.raise_if_any()
    bundled_profile(data.sop)
    return phone, email


def initialize_office(ws: Workspace, data: OfficeInput) -> int:
    """Make a new data file's home office; returns its id."""
    phone, email = validate_office(data)
    profile = bundled_profile(data.sop)
    now = ws.now()
    with ws.db.transaction() as session:
        if session.scalar(select(Office).where(Office.is_home.is_(True))) is not None:
            raise NotAllowed("Berkas data ini sudah memiliki profil kantor.")
        record = store_profile(session, profile, now)
        office = Office(
            office_code=data.office_code,
            name=data.name.strip(),
            level=data.level or profile.office_level,
            address=data.address,
            city=data.city,
            phone=phone,
            email=email,
            is_home=True,
            sop_profile_id=record.id,
            office_hours=OfficeHours.default().to_dict(),
            updated_at=now,
        )
        session.add(office)
        session.flush()
        ws.audit(
            session,
            office.office_code,
            "kantor_dibuat",
            "office",
            entity_uuid=office.uuid,
            after={"name": office.name, "office_code": office.office_code, "sop": profile.id},
        )
        return office.id


def active_profile(ws: Workspace, session: Session) -> tuple[int, Profile]:
    office = home_office(session)
    return office.sop_profile_id, ws.profile(session, office.sop_profile_id)


def install_profile(ws: Workspace, text: str, source: str) -> Profile:
    """Adopt an adjusted SOP profile for new cases; cases already open keep theirs."""
    ws.access.require_admin("Memasang profil SOP")
    profile = parse_profile(text, source)
    with ws.db.transaction() as session:
        office = home_office(session)
        record = store_profile(session, profile, ws.now())
        before = office.sop_profile_id
        office.sop_profile_id = record.id
        office.updated_at = ws.now()
        ws.audit(
            session,
            office.office_code,
            "profil_sop_diganti",
            "office",
            entity_uuid=office.uuid,
            before={"sop_profile_id": before},
            after={"sop_profile_id": record.id, "profile": profile.id, "version": profile.version},
        )
    return profile


def actor_named(actors: dict[str, str], text: str) -> str:
    """The SOP actor a person typed, by its key or its label ("Penanggung Jawab"); "" when none."""
    wanted = " ".join(text.lower().replace("_", " ").split())
    for key, label in actors.items():
        if key not in EXTERNAL_ACTORS and wanted in (key.replace("_", " "), label.lower()):
            return key
    return ""


def add_official(ws: Workspace, name: str, position: str, nip: str = "", actor: str = "") -> int:
    ws.access.require_admin("Menambah pejabat penanda tangan")
    problems = Problems()
    problems.required(name, "name", "Nama pejabat")
    problems.required(position, "position", "Jabatan")
    compact_nip = "".join(nip.split())
    if compact_nip and not re.fullmatch(r"\d{18}", compact_nip):
        problems.add("nip", "NIP", "NIP harus 18 digit angka")
    problems.raise_if_any()
    with ws.db.transaction() as session:
        office = home_office(session)
        actors = ws.profile(session, office.sop_profile_id).actors
        if actor and (actor not in actors or actor in EXTERNAL_ACTORS):
            problems.add("actor", "Peran dalam SOP", f"pilih salah satu: {', '.join(sorted(actors))}")
            problems.raise_if_any()
        official = Official(
            office_code=office.office_code,
            name=name.strip(),
            position=position.strip(),
            nip=compact_nip,
            actor=actor,
        )
        session.add(official)
        session.flush()
        ws.audit(
            session,
            office.office_code,
            "pejabat_ditambahkan",
            "official",
            entity_uuid=official.uuid,
            after={"name": official.name, "position": official.position, "actor": actor},
        )
        return official.id


def set_office_hours(ws: Workspace, hours: dict[str, str]) -> None:
    ws.access.require_admin("Mengubah jam kerja kantor")
    try:
        parsed = OfficeHours.from_dict(hours)
    except ValueError as exc:
        problems = Problems()
        problems.add("office_hours", "Jam kerja", str(exc))
        problems.raise_if_any()
        raise AssertionError("unreachable") from exc
    with ws.db.transaction() as session:
        office = home_office(session)
        before = office.office_hours
        office.office_hours = parsed.to_dict()
        office.updated_at = ws.now()
        ws.audit(
            session,
            office.office_code,
            "jam_kerja_diubah",
            "office",
            entity_uuid=office.uuid,
            before=before,
            after=office.office_hours,
        )
        session.flush()
        recompute_open_deadlines(ws, session, "jam kerja kantor diubah")
    ws.forget_calendar()


def set_day(ws: Workspace, day: date, kind: str, name: str) -> None:
    """Declare an office day off ("libur") or a holiday worked ("masuk")."""
    ws.access.require_admin("Mengubah kalender kantor")
    problems = Problems()
    if kind not in ("libur", "masuk"):
        problems.add("kind", "Jenis hari", "pilih \u201clibur\u201d atau \u201cmasuk\u201d")
    problems.required(name, "name", "Keterangan")
    problems.raise_if_any()
    with ws.db.transaction() as session:
        office = home_office(session)
        row = session.scalar(select(DayOff).where(DayOff.office_code == office.office_code, DayOff.day == day))
        before = None if row is None else {"kind": row.kind, "name": row.name}
        if row is None:
            row = DayOff(office_code=office.office_code, day=day, kind=kind, name=name.strip())
            session.add(row)
        else:
            row.kind, row.name = kind, name.strip()
        session.flush()
        ws.audit(
            session,
            office.office_code,
            "hari_kantor_diatur",
            "day_off",
            entity_uuid=row.uuid,
            before=before,
            after={"day": day, "kind": kind, "name": row.name},
        )
        what = "hari libur kantor" if kind == "libur" else "hari masuk pengganti"
        recompute_open_deadlines(ws, session, f"{what} {long_date(day)} ({row.name})", day)
    ws.forget_calendar()


def remove_day(ws: Workspace, day: date) -> None:
    ws.access.require_admin("Mengubah kalender kantor")
    with ws.db.transaction() as session:
        office = home_office(session)
        row = session.scalar(select(DayOff).where(DayOff.office_code == office.office_code, DayOff.day == day))
        if row is None:
            raise NotFound(f"Tidak ada pengaturan hari kantor pada {day:%d-%m-%Y}.")
        ws.audit(
            session,
            office.office_code,
            "hari_kantor_dihapus",
            "day_off",
            entity_uuid=row.uuid,
            before={"day": day, "kind": row.kind, "name": row.name},
        )
        what = "hari libur kantor" if row.kind == "libur" else "hari masuk pengganti"
        reason = f"{what} {long_date(day)} dihapus ({row.name})"
        session.delete(row)
        session.flush()
        recompute_open_deadlines(ws, session, reason, day)
    ws.forget_calendar()


def set_number_pattern(
    ws: Workspace, kind: str, pattern: str, archive_code: str | None = None, series: str | None = None
) -> None:
    """A kind's number pattern and classification code, and the series (catalog.NUMBER_SERIES)
    whose running number it takes."""
    ws.access.require_admin("Mengubah pola penomoran")
    problems = Problems()
    if kind != "agenda" and kind not in catalog.DOCUMENT_KINDS:
        problems.add("kind", "Jenis nomor", f"\u201c{kind}\u201d tidak dikenal")
    problem = pattern_problem(pattern)
    if problem:
        problems.add("pattern", "Pola nomor", problem)
    if series is not None and (kind == "agenda" or series not in catalog.NUMBER_SERIES):
        problems.add("series", "Seri nomor", f"pilih salah satu: {', '.join(catalog.NUMBER_SERIES)}")
    problems.raise_if_any()
    with ws.db.transaction() as session:
        office = home_office(session)
        set_setting(session, f"numbering.pattern.{kind}", pattern)
        if archive_code is not None:
            set_setting(session, f"numbering.code.{kind}", archive_code.strip())
        if series is not None:
            set_setting(session, f"numbering.series.{kind}", series)
        ws.audit(
            session,
            office.office_code,
            "pola_nomor_diubah",
            "setting",
            after={"kind": kind, "pattern": pattern, "archive_code": archive_code, "series": series},
        )


@dataclass(frozen=True)
class OfficeSettings:
    name: str
    office_code: str
    level: str
    address: str
    city: str
    phone: str
    email: str
    hours: dict[str, str]
    officials: list[tuple[int, str, str, str, str]]  # id, name, position, NIP, SOP actor label
    actors: dict[str, str]  # the SOP actors an official can sign as
    paper: str  # A4 or F4, for documents
    days: list[tuple[date, str, str]]  # day, kind, name
    patterns: dict[str, tuple[str, str]]  # kind -> (pattern, archive code)
    profile: str
    series: dict[str, str] = field(default_factory=dict)  # kind -> the number series it runs on


def office_settings(ws: Workspace) -> OfficeSettings:
    from .numbering import archive_code_for, pattern_for, series_for

    with ws.db.read() as session:
        office = home_office(session)
        profile = ws.profile(session, office.sop_profile_id)
        officials = session.scalars(
            select(Official)
            .where(Official.office_code == office.office_code, Official.active.is_(True))
            .order_by(Official.sort, Official.id)
        ).all()
        days = session.scalars(
            select(DayOff).where(DayOff.office_code == office.office_code).order_by(DayOff.day)
        ).all()
        kinds = ["agenda", *catalog.DOCUMENT_KINDS]
        return OfficeSettings(
            name=office.name,
            office_code=office.office_code,
            level=office.level,
            address=office.address,
            city=office.city,
            phone=office.phone,
            email=office.email,
            hours=dict(office.office_hours),
            officials=[(o.id, o.name, o.position, o.nip, profile.actors.get(o.actor, o.actor)) for o in officials],
            actors={k: v for k, v in profile.actors.items() if k not in EXTERNAL_ACTORS},
            paper=str(get_setting(session, "documents.paper", "A4")),
            days=[(d.day, d.kind, d.name) for d in days],
            patterns={k: (pattern_for(session, k), archive_code_for(session, k)) for k in kinds},
            profile=f"{profile.name} ({profile.id}, versi {profile.version})",
            series={k: series_for(session, k) for k in kinds if k != "agenda"},
        )


@dataclass(frozen=True)
class OfficeProfileInput:
    name: str
    address: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""


def update_office(ws: Workspace, data: OfficeProfileInput) -> None:
    ws.access.require_admin("Mengubah profil kantor")
    problems = Problems()
    problems.required(data.name, "name", "Nama kantor")
    phone = problems.phone(data.phone, "phone", "Telepon kantor")
    email = problems.email(data.email, "email", "Surel kantor")
    problems.raise_if_any()
    with ws.db.transaction() as session:
        office = home_office(session)
        fields = ("name", "address", "city", "phone", "email")
        before = {f: getattr(office, f) for f in fields}
        office.name, office.address, office.city = data.name.strip(), data.address.strip(), data.city.strip()
        office.phone, office.email = phone, email
        office.updated_at = ws.now()
        ws.audit(
            session,
            office.office_code,
            "profil_kantor_diubah",
            "office",
            entity_uuid=office.uuid,
            before=before,
            after={f: getattr(office, f) for f in fields},
        )


def remove_official(ws: Workspace, official_id: int) -> None:
    ws.access.require_admin("Menghapus pejabat penanda tangan")
    with ws.db.transaction() as session:
        official = session.get(Official, official_id)
        if official is None:
            raise NotFound(f"Pejabat #{official_id} tidak ditemukan.")
        official.active = False  # signature blocks already issued keep their name
        ws.audit(
            session,
            official.office_code,
            "pejabat_dinonaktifkan",
            "official",
            entity_uuid=official.uuid,
            before={"name": official.name, "position": official.position},
        )


LOGO_TYPES = {"image/png", "image/jpeg"}
MAX_LOGO_BYTES = 2 * 1024 * 1024


def _readable_image(content: bytes) -> bool:
    """The letterhead draws the logo with Pillow: refuse what it cannot read now, not at print time."""
    import io

    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(content)) as image:
            image.load()
    except (UnidentifiedImageError, OSError, ValueError):
        return False
    return True


def set_logo(ws: Workspace, content: bytes, mime_type: str) -> None:
    """The office's logo for the letterhead (PNG or JPEG, at most 2 MB)."""
    ws.access.require_admin("Mengganti logo kantor")
    problems = Problems()
    if mime_type not in LOGO_TYPES:
        problems.add("logo", "Logo", "pilih gambar PNG atau JPEG")
    elif not content:
        problems.add("logo", "Logo", "berkas kosong")
    elif len(content) > MAX_LOGO_BYTES:
        problems.add("logo", "Logo", "terlalu besar (paling besar 2 MB)")
    elif not _readable_image(content):
        problems.add("logo", "Logo", "berkas rusak atau bukan gambar PNG/JPEG; simpan ulang gambarnya lalu pilih lagi")
    problems.raise_if_any()
    with ws.db.transaction() as session:
        office = home_office(session)
        office.logo, office.logo_mime = content, mime_type
        office.updated_at = ws.now()
        ws.audit(
            session,
            office.office_code,
            "logo_kantor_diubah",
            "office",
            entity_uuid=office.uuid,
            after={"mime": mime_type, "size": len(content), "sha256": hashlib.sha256(content).hexdigest()},
        )


def office_logo(ws: Workspace) -> tuple[bytes, str] | None:
    with ws.db.read() as session:
        office = home_office(session)
        return (bytes(office.logo), office.logo_mime) if office.logo else None


REFERRAL_SETTING = "referral.body."


def referral_body(session: Session, target: str) -> tuple[str, str]:
    """The addressee and address of the body a complaint is referred to: the office's own
    entry for a common body, else the program's name for it in the office's area; a body the officer typed is
    its own name, with no address."""
    if target not in catalog.REFERRAL_TARGETS:
        return target, ""
    stored = get_setting(session, f"{REFERRAL_SETTING}{target}")
    name = catalog.default_referral_addressee(target, home_office(session).name)
    if isinstance(stored, dict):
        return str(stored.get("name") or name), str(stored.get("address") or "")
    return name, ""


def set_referral_body(ws: Workspace, target: str, name: str, address: str = "") -> None:
    """Pengaturan: the name and address a common body's referral letter is addressed to."""
    ws.access.require_admin("Mengubah alamat instansi penerima pelimpahan")
    problems = Problems()
    problems.choice(target, catalog.REFERRAL_TARGETS, "target", "Instansi")
    problems.required(name, "name", "Nama/jabatan tujuan surat")
    problems.raise_if_any()
    with ws.db.transaction() as session:
        office = home_office(session)
        key = f"{REFERRAL_SETTING}{target}"
        before = get_setting(session, key)
        value = {"name": " ".join(name.split()), "address": address.strip()}
        set_setting(session, key, value)
        ws.audit(
            session,
            office.office_code,
            "instansi_pelimpahan_diubah",
            "setting",
            before=before if isinstance(before, dict) else None,
            after={"kind": target, **value},
        )


def referral_bodies(ws: Workspace) -> dict[str, tuple[str, str]]:
    with ws.db.read() as session:
        return {key: referral_body(session, key) for key in catalog.REFERRAL_TARGETS if key != "instansi_lain"}
