"""What every part of the window shares: the workspace, the runner, and change news."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from ..domain.sop import Profile
from ..services.context import Workspace
from .runner import OperationRunner


class Events(QObject):
    """Told after every operation that changed cases, so each tab refreshes itself."""

    cases_changed = Signal()
    settings_changed = Signal()


@dataclass
class AppContext:
    ws: Workspace
    runner: OperationRunner
    events: Events
    office_name: str
    office_code: str
    profile: Profile  # the profile new cases start under
