"""What an operation changed, so each view refreshes only that and keeps the person's place
(Anki's OpChanges): a finished step repaints one row, it does not reload the agenda book."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    cases: frozenset[int] = frozenset()  # cases whose rows changed; lists are read again anyway
    everything: bool = False  # any case may have changed (an import, a restore, a new calendar)

    @classmethod
    def of_cases(cls, ids: Iterable[int]) -> Changes:
        return cls(cases=frozenset(ids))

    @classmethod
    def of_all(cls) -> Changes:
        return cls(everything=True)

    def touches(self, case_id: int) -> bool:
        return self.everything or case_id in self.cases


def changes_of(result: object, case_id: int | None = None) -> Changes:
    """The changes an operation's result reports; a case's own id when the result says
    nothing more; everything when nothing at all is known."""
    reported = getattr(result, "changes", None)
    if isinstance(reported, Changes):
        return reported
    if case_id is not None:
        return Changes.of_cases([case_id])
    return Changes.of_all()
