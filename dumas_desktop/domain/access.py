"""Who may do what: roles are the SOP's own actors, plus an administrator.

A step is done by the roles the profile names for it (a branch may name its own, as
Sanggau's "incomplete" outcome names the Penanggung Jawab). A step done outside the
office (KPU RI's decision) is recorded by the step's `recorded_by`, or else by whoever
did the step before it. The same rules serve the window and the command line because
the services ask them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .errors import NotAllowed
from .sop import COMPLETION_TARGET, Profile, Step

ADMIN = "administrator"
ADMIN_LABEL = "Administrator"
# Actors outside the office: they appear in the SOP, never as users.
EXTERNAL_ACTORS = frozenset({"pelapor", "kpu_ri"})
# Forms whose work handles the reporter's identity, for profiles that do not list
# [access] see_identity themselves.
_IDENTITY_FORMS = frozenset({"receive", "register", "review", "hearing", "draft_minutes"})


def internal(actors: Iterable[str]) -> tuple[str, ...]:
    return tuple(a for a in actors if a not in EXTERNAL_ACTORS)


def roles_of(profile: Profile) -> dict[str, str]:
    """Every role a user of an office under this profile can hold, with its label."""
    roles = {k: v for k, v in profile.actors.items() if k not in EXTERNAL_ACTORS}
    roles[ADMIN] = ADMIN_LABEL
    return roles


def step_roles(profile: Profile, step: Step, outcome: str | None = None) -> tuple[str, ...]:
    branch = step.branch(outcome) if outcome else None
    if branch is not None and internal(branch.actors):
        return internal(branch.actors)
    own = internal(step.actors)
    if own:
        return own
    if step.recorded_by:
        return internal(step.recorded_by)
    earlier = [s for s in profile.steps if s.no < step.no]
    if earlier:
        return step_roles(profile, max(earlier, key=lambda s: s.no))
    return tuple(roles_of(profile))


def completion_roles(profile: Profile) -> tuple[str, ...]:
    """Who handles the reporter's completion window: asks, records what came, rejects."""
    roles: list[str] = []
    for step in profile.steps:
        for branch in step.branches:
            if branch.next == COMPLETION_TARGET:
                roles += step_roles(profile, step, branch.outcome)
    roles += step_roles(profile, profile.step(profile.first_step))
    roles += step_roles(profile, profile.step(profile.completion.return_to))
    return tuple(dict.fromkeys(roles))


def identity_roles(profile: Profile) -> frozenset[str]:
    if profile.see_identity:
        return frozenset(profile.see_identity)
    roles = {r for s in profile.steps if s.form in _IDENTITY_FORMS for r in step_roles(profile, s)}
    return frozenset(roles | set(completion_roles(profile)))


def document_roles(profile: Profile, kind: str) -> tuple[str, ...]:
    """Who issues a paper: the roles of the steps (or branches) that output it."""
    roles: list[str] = []
    for step in profile.steps:
        if kind in step.outputs:
            roles += step_roles(profile, step)
        for branch in step.branches:
            if kind in branch.outputs:
                roles += step_roles(profile, step, branch.outcome)
    if kind in profile.completion.outputs:
        roles += completion_roles(profile)
    return tuple(dict.fromkeys(roles))


def role_names(profile: Profile, roles: Iterable[str]) -> str:
    labels = roles_of(profile)
    return ", ".join(labels.get(r, r) for r in roles) or "-"


@dataclass(frozen=True)
class Access:
    """The signed-in user as the rules see them."""

    username: str
    name: str
    roles: frozenset[str]
    everything: bool = False  # the program itself: set-up, demo data, a file without accounts

    @property
    def label(self) -> str:
        """How the user is named in the record of who did what."""
        return self.name if self.everything else f"{self.name} ({self.username})"

    @property
    def is_admin(self) -> bool:
        return self.everything or ADMIN in self.roles

    def holds_any(self, roles: Iterable[str]) -> bool:
        return self.everything or not self.roles.isdisjoint(roles)

    def refusal(self, profile: Profile, roles: Iterable[str], what: str) -> str | None:
        """Why this user may not do `what`, or None when allowed."""
        roles = tuple(roles)
        if self.holds_any(roles):
            return None
        mine = role_names(profile, sorted(self.roles)) if self.roles else "tanpa peran"
        return f"{what} dikerjakan oleh {role_names(profile, roles)}. Peran Anda: {mine}."

    def require(self, profile: Profile, roles: Iterable[str], what: str) -> None:
        reason = self.refusal(profile, roles, what)
        if reason:
            raise NotAllowed(reason)

    def step_refusal(self, profile: Profile, step: Step, outcome: str | None = None) -> str | None:
        what = f"Langkah {step.no} \u201c{step.name}\u201d"
        branch = step.branch(outcome) if outcome else None
        if branch is not None and internal(branch.actors):
            what = f"Hasil \u201c{branch.label}\u201d pada langkah {step.no}"
        return self.refusal(profile, step_roles(profile, step, outcome), what)

    def require_step(self, profile: Profile, step: Step, outcome: str | None = None) -> None:
        reason = self.step_refusal(profile, step, outcome)
        if reason:
            raise NotAllowed(reason)

    def require_admin(self, what: str) -> None:
        if not self.is_admin:
            raise NotAllowed(
                f"{what} hanya dapat dilakukan oleh Administrator. Akun {self.username} bukan Administrator."
            )

    def sees_identity(self, profile: Profile) -> bool:
        return self.everything or not self.roles.isdisjoint(identity_roles(profile))


SYSTEM = Access("sistem", "sistem", frozenset(), everything=True)
