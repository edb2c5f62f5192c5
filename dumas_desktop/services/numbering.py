"""Agenda and letter numbers: per office, per year and series, never given twice."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain import catalog
from ..domain.errors import NotAllowed
from ..domain.numbering import pattern_problem, render
from ..storage.models import (
    Disposition,
    Hearing,
    HearingParticipant,
    IssuedDocument,
    Letter,
    PlenaryMeeting,
    Sequence,
    Setting,
)
from ..storage.server import NUMBERS_LOCK, hold_lock


def get_setting(session: Session, key: str, default: Any = None) -> Any:
    row = session.get(Setting, key)
    return default if row is None else row.value


def set_setting(session: Session, key: str, value: Any) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def series_for(session: Session, kind: str) -> str:
    """The number series a kind runs on: the office's choice, else the default."""
    chosen = get_setting(session, f"numbering.series.{kind}")
    if isinstance(chosen, str) and chosen in catalog.NUMBER_SERIES:
        return chosen
    return catalog.SERIES_OF_KIND.get(kind, kind)


def pattern_for(session: Session, kind: str) -> str:
    if kind == "agenda":
        default = catalog.DEFAULT_AGENDA_PATTERN
    else:
        default = catalog.SERIES_PATTERNS.get(series_for(session, kind), catalog.DEFAULT_LETTER_PATTERN)
    pattern = get_setting(session, f"numbering.pattern.{kind}", default)
    # A setting carried in from elsewhere that is not a usable pattern is not used.
    return pattern if isinstance(pattern, str) and pattern_problem(pattern) is None else default


def archive_code_for(session: Session, kind: str) -> str:
    return str(get_setting(session, f"numbering.code.{kind}", catalog.DEFAULT_ARCHIVE_CODE))


def take_sequence(session: Session, office_code: str, name: str, year: int, start: int = 0) -> int:
    """The next value of a counter, inside the transaction that uses it. On a server the
    counter's row is locked (SELECT ... FOR UPDATE) until that transaction ends, so two PCs
    never take the same number, and a number is only used if its case is written: no gaps.
    A counter's first row is made with ON CONFLICT DO NOTHING, so two first takers meet on
    the row instead of one failing on the primary key."""
    where = (Sequence.office_code == office_code, Sequence.name == name, Sequence.year == year)
    query = select(Sequence).where(*where)
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert

        session.execute(
            insert(Sequence)
            .values(office_code=office_code, name=name, year=year, value=start)
            .on_conflict_do_nothing(index_elements=["office_code", "name", "year"])
        )
        query = query.with_for_update().execution_options(populate_existing=True)
    row = session.scalar(query)
    if row is None:
        row = Sequence(office_code=office_code, name=name, year=year, value=start)
        session.add(row)
    row.value += 1
    session.flush()
    return row.value


def _series_start(session: Session, office_code: str, series: str, year: int) -> int:
    """Where a series starts in a file numbered before series existed (one counter per
    kind): above every number its kinds already took that year."""
    kinds = [k for k, s in catalog.SERIES_OF_KIND.items() if s == series] or [series]
    top = session.scalar(
        select(func.max(Sequence.value)).where(
            Sequence.office_code == office_code,
            Sequence.year == year,
            Sequence.name.in_([f"surat.{k}" for k in kinds]),
        )
    )
    return int(top or 0)


def hold_numbers(session: Session, office_code: str) -> None:
    """Keep the office's letter numbers to this transaction until it commits: between
    finding a number free and writing the paper that bears it, no other PC may give it."""
    hold_lock(session, NUMBERS_LOCK, office_code)


def number_taken(session: Session, office_code: str, number: str) -> bool:
    """Whether the office already gave this number to a paper, a letter sent, a hearing's
    assignment or invitation, a plenary meeting or a disposition. The office's numbers are
    held from here to commit, so a number found free stays free for this transaction."""
    hold_numbers(session, office_code)
    checks = (
        select(IssuedDocument.id).where(
            IssuedDocument.office_code == office_code,
            IssuedDocument.number == number,
            IssuedDocument.kind.not_in(catalog.SHARED_NUMBER_KINDS),
        ),
        select(Letter.id).where(
            Letter.office_code == office_code, Letter.number == number, Letter.direction == "keluar"
        ),
        select(Hearing.id).where(Hearing.office_code == office_code, Hearing.assignment_number == number),
        select(HearingParticipant.id).where(
            HearingParticipant.office_code == office_code, HearingParticipant.invitation_number == number
        ),
        select(PlenaryMeeting.id).where(PlenaryMeeting.office_code == office_code, PlenaryMeeting.number == number),
        select(Disposition.id).where(Disposition.office_code == office_code, Disposition.number == number),
    )
    return any(session.scalar(query.limit(1)) is not None for query in checks)


def next_letter_number(session: Session, office_code: str, kind: str, on: date) -> str:
    """The next number of the kind's series; one already given (a file numbered before
    series existed, an office's patterns that meet) is passed over, never given twice."""
    hold_numbers(session, office_code)  # before the counter's row: the one order of locks
    series = series_for(session, kind)
    pattern, code = pattern_for(session, kind), archive_code_for(session, kind)
    start = _series_start(session, office_code, series, on.year)
    for _ in range(10_000):
        seq = take_sequence(session, office_code, f"seri.{series}", on.year, start)
        number = render(pattern, seq, on, office_code, code)
        if not number_taken(session, office_code, number):
            return number
    raise NotAllowed(
        f"Pola nomor {catalog.DOCUMENT_KINDS.get(kind, kind)} tidak menghasilkan nomor baru; periksa pola penomoran."
    )


def next_agenda_number(session: Session, office_code: str, on: date) -> tuple[int, str]:
    seq = take_sequence(session, office_code, "agenda", on.year)
    return seq, render(pattern_for(session, "agenda"), seq, on, office_code)
