"""Errors a person can cause or meet; each carries a message in Indonesian.

Anything else that escapes is a bug and is reported as one.
"""

from __future__ import annotations

from dataclasses import dataclass


class DumasError(Exception):
    """An expected problem with a clear Indonesian message for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FieldProblem:
    field: str
    label: str
    message: str

    def __str__(self) -> str:
        return f"{self.label}: {self.message}"


class ValidationError(DumasError):
    """One or more typed values are wrong; nothing was saved."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        lines = "; ".join(str(p) for p in problems)
        super().__init__(f"Data belum benar, tidak ada yang disimpan. {lines}")

    @property
    def fields(self) -> list[str]:
        return [p.field for p in self.problems]

    @classmethod
    def single(cls, field: str, label: str, problem: str) -> ValidationError:
        return cls([FieldProblem(field, label, problem)])


class RequirementsMissing(DumasError):
    """A step cannot be completed: the SOP's requirements are not all met."""

    def __init__(self, step_name: str, missing: list[str]) -> None:
        self.step_name = step_name
        self.missing = missing
        joined = "; ".join(missing)
        super().__init__(f"Langkah \u201c{step_name}\u201d belum dapat diselesaikan. Belum terpenuhi: {joined}.")


class NotAllowed(DumasError):
    """An action that the case's state does not allow now."""


class NotFound(DumasError):
    pass


class ProfileError(DumasError):
    """A SOP profile file is broken; the message names the place and the problem.

    `where` and `field` say the same place for a program (the profile editor puts the
    message beside the field): "steps.2.branches.0" and "next"; empty when not known."""

    def __init__(self, message: str, where: str = "", field: str = "") -> None:
        super().__init__(message)
        self.where = where
        self.field = field


class DataFileError(DumasError):
    """The data file cannot be opened or used as Dumas data."""


class DamagedFile(DataFileError):
    """The file must not be written to: damaged, or holding schema objects of its own."""


class PasswordRefused(DataFileError):
    """The office's server refused the password given, or none was known: the window asks
    for it again rather than giving up."""
