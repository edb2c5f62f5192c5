"""What every part of the window shares: the workspace, the runner, and change news."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from ..domain.access import roles_of
from ..domain.sop import Profile
from ..services.changes import changes_of
from ..services.context import Workspace
from .runner import OperationRunner


class Events(QObject):
    """Told after every operation that changed cases, with what changed (a Changes), so each
    tab refreshes only that and keeps its scroll and selection."""

    cases_changed = Signal(object)
    settings_changed = Signal()

    def tell(self, result: object = None, case_id: int | None = None) -> None:
        """News of an operation's result: what it reports changed, or the case it was about,
        or (knowing nothing) everything."""
        self.cases_changed.emit(changes_of(result, case_id))


@dataclass
class AppContext:
    ws: Workspace
    runner: OperationRunner
    events: Events
    office_name: str
    office_code: str
    profile: Profile  # the profile new cases start under
    # Every profile the file's work follows: this one and those of the cases in the file.
    profiles: tuple[Profile, ...] = ()

    def all_profiles(self) -> tuple[Profile, ...]:
        return self.profiles or (self.profile,)

    def step_refusal(self, step_key: str, profile: Profile | None = None) -> str | None:
        """Why the signed-in user may not work on this step (None: they may)."""
        profile = profile or self.profile
        try:
            step = profile.step(step_key)
        except KeyError:
            return None
        return self.ws.access.step_refusal(profile, step)

    def roles_text(self) -> str:
        labels = roles_of(self.profile)
        return ", ".join(labels.get(r, r) for r in sorted(self.ws.access.roles)) or "-"
