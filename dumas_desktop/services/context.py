"""The workspace a use case runs in: the data file, who acts, and the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.access import SYSTEM, Access
from ..domain.calendar import OfficeHours, WorkingCalendar
from ..domain.errors import DataFileError
from ..domain.sop import Profile, parse_profile
from ..storage import audit
from ..storage.database import Database
from ..storage.models import DayOff, Office, SopProfileRecord


@dataclass
class Workspace:
    db: Database
    actor: str = "sistem"
    clock: Callable[[], datetime] = datetime.now
    # Who is signed in, as the rules see them; the program itself (set-up, demo data, a
    # file that has no accounts yet) acts unrestricted.
    access: Access = SYSTEM
    _profiles: dict[int, Profile] = field(default_factory=dict, repr=False)
    _calendar: WorkingCalendar | None = field(default=None, repr=False)

    @classmethod
    def signed_in(cls, db: Database, access: Access, **kwargs: object) -> Workspace:
        return cls(db, actor=access.label, access=access, **kwargs)  # type: ignore[arg-type]

    def home_profile(self, session: Session) -> Profile:
        return self.profile(session, home_office(session).sop_profile_id)

    def now(self) -> datetime:
        return self.clock().replace(microsecond=0)

    def profile(self, session: Session, record_id: int) -> Profile:
        cached = self._profiles.get(record_id)
        if cached is None:
            record = session.get(SopProfileRecord, record_id)
            if record is None:
                raise DataFileError(f"Profil SOP #{record_id} tidak ada dalam berkas data.")
            cached = parse_profile(record.text, f"{record.profile_id} v{record.version}")
            self._profiles[record_id] = cached
        return cached

    def calendar(self, session: Session) -> WorkingCalendar:
        if self._calendar is None:
            office = home_office(session)
            rows = session.scalars(select(DayOff).where(DayOff.office_code == office.office_code)).all()
            self._calendar = WorkingCalendar(
                hours=OfficeHours.from_dict(office.office_hours),
                days_off={r.day: r.name for r in rows if r.kind == "libur"},
                extra_working_days=[r.day for r in rows if r.kind == "masuk"],
            )
        return self._calendar

    def forget_calendar(self) -> None:
        self._calendar = None

    def audit(self, session: Session, office_code: str, action: str, entity: str, **fields: object) -> None:
        audit.record(
            session,
            office_code=office_code,
            at=self.now(),
            actor=self.actor,
            action=action,
            entity=entity,
            **fields,
        )


def home_office(session: Session) -> Office:
    office = session.scalar(select(Office).where(Office.is_home.is_(True)))
    if office is None:
        raise DataFileError(
            "Berkas data belum memiliki profil kantor. Buat dengan: dumas-desktop init --data BERKAS ..."
        )
    return office
