"""Agenda and letter numbers: per office, per year, never reused."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import catalog
from ..domain.numbering import pattern_problem, render
from ..storage.models import Sequence, Setting


def get_setting(session: Session, key: str, default: Any = None) -> Any:
    row = session.get(Setting, key)
    return default if row is None else row.value


def set_setting(session: Session, key: str, value: Any) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def pattern_for(session: Session, kind: str) -> str:
    default = catalog.DEFAULT_AGENDA_PATTERN if kind == "agenda" else catalog.DEFAULT_LETTER_PATTERN
    pattern = get_setting(session, f"numbering.pattern.{kind}", default)
    # A setting carried in from elsewhere that is not a usable pattern is not used.
    return pattern if isinstance(pattern, str) and pattern_problem(pattern) is None else default


def archive_code_for(session: Session, kind: str) -> str:
    return str(get_setting(session, f"numbering.code.{kind}", catalog.DEFAULT_ARCHIVE_CODE))


def take_sequence(session: Session, office_code: str, name: str, year: int) -> int:
    row = session.scalar(
        select(Sequence).where(Sequence.office_code == office_code, Sequence.name == name, Sequence.year == year)
    )
    if row is None:
        row = Sequence(office_code=office_code, name=name, year=year, value=0)
        session.add(row)
    row.value += 1
    session.flush()
    return row.value


def next_letter_number(session: Session, office_code: str, kind: str, on: date) -> str:
    seq = take_sequence(session, office_code, f"surat.{kind}", on.year)
    return render(pattern_for(session, kind), seq, on, office_code, archive_code_for(session, kind))


def next_agenda_number(session: Session, office_code: str, on: date) -> tuple[int, str]:
    seq = take_sequence(session, office_code, "agenda", on.year)
    return seq, render(pattern_for(session, "agenda"), seq, on, office_code)
