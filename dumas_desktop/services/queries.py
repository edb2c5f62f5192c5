"""Reading many cases: the agenda book page, full-text search, deadline states, what needs
attention, the data file's facts. One case at a time is read in case_file."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    case,
    column,
    func,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.orm import Session

from ..domain import deadlines
from ..domain.accents import FOLD_ACCENTS
from ..domain.errors import DumasError
from ..domain.sop import Profile
from ..storage.models import (
    Complaint,
    Office,
)
from ..storage.sqlfuncs import one_of
from . import privacy
from .context import Workspace, home_office

OPEN = ("proses", "menunggu_pelapor")


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    step: str | None = None
    steps: tuple[str, ...] = ()  # any of these current steps (a work queue)
    status: str | None = None
    channel: str | None = None
    classification: str | None = None
    overdue: bool = False
    office_code: str | None = None
    # From a statistics bar: received in this period, and only the cases the statistics
    # count (not the cancelled ones).
    received_from: datetime | None = None
    received_before: datetime | None = None
    counted_only: bool = False
    due_today: bool = False  # running, its step due between now and the end of today


@dataclass(frozen=True)
class AgendaRow:
    id: int
    agenda_number: str
    received_at: datetime
    channel: str
    reporter: str  # "Dirahasiakan" when the reporter asked for confidentiality
    respondent: str
    subject: str
    classification: str
    status: str
    current_step: str
    due_at: datetime | None
    deadline_state: str
    office_code: str
    step_label: str = ""  # "3. Kajian/telaah oleh Tim Verifikator", from the case's own profile
    link_mark: str = ""  # "duplikat" (of another), "diadukan_ulang" (another is its duplicate), "terkait"


def _state_sql(now: datetime) -> ColumnElement[Any]:
    """The deadline state of a case's current step, computed by SQLite."""
    return case(
        (Complaint.status == "menunggu_pelapor", deadlines.PAUSED),
        (Complaint.status.not_in(OPEN), ""),
        (Complaint.current_due_at.is_(None), deadlines.NO_LIMIT),
        (Complaint.current_due_at < now, deadlines.OVERDUE),
        (Complaint.current_warn_at <= now, deadlines.DUE_SOON),
        else_=deadlines.ON_TIME,
    )


def _apply_filters(query: Select[Any], filters: Filters, now: datetime) -> Select[Any]:
    if filters.year is not None:
        query = query.where(Complaint.year == filters.year)
    if filters.step:
        query = query.where(Complaint.current_step == filters.step, Complaint.status.in_(OPEN))
    if filters.steps:
        query = query.where(Complaint.current_step.in_(filters.steps), Complaint.status.in_(OPEN))
    if filters.status:
        query = query.where(Complaint.status == filters.status)
    if filters.channel:
        query = query.where(Complaint.channel == filters.channel)
    if filters.classification:
        query = query.where(Complaint.classification == filters.classification)
    if filters.office_code:
        query = query.where(Complaint.office_code == filters.office_code)
    if filters.received_from is not None:
        query = query.where(Complaint.received_at >= filters.received_from)
    if filters.received_before is not None:
        query = query.where(Complaint.received_at < filters.received_before)
    if filters.counted_only:
        query = query.where(Complaint.status != "batal")
    if filters.due_today:
        query = query.where(
            Complaint.status == "proses",
            Complaint.current_due_at >= now,
            Complaint.current_due_at <= _end_of_day(now),
        )
    if filters.overdue:
        query = query.where(
            or_(
                and_(Complaint.status == "proses", Complaint.current_due_at < now),
                and_(Complaint.status == "menunggu_pelapor", Complaint.completion_due_at < now),
            )
        )
    return query


# Two indexes of the same words: everything, for users who may see confidential reporters,
# and without them (migration 0006) for everyone else.
SEARCH_INDEX = table("complaint_search", column("rowid", Integer))
OPEN_SEARCH_INDEX = table("complaint_search_open", column("rowid", Integer))


def _index(sees: bool) -> Any:
    return SEARCH_INDEX if sees else OPEN_SEARCH_INDEX


def _matching(session: Session, sees: bool, search: str) -> Any:
    """The condition on the index: FTS5's MATCH in a file, the tsvector's @@ on a server."""
    index = _index(sees).name
    if session.get_bind().dialect.name == "postgresql":
        return text(f"{index}.document @@ to_tsquery('simple', :match)").bindparams(match=ts_query(search))
    return text(f"{index} MATCH :match").bindparams(match=fts_query(search))


_SEARCH_TOKEN = re.compile(r"\w+", re.UNICODE)


MAX_SEARCH_CHARS = 200


def fts_query(text_: str) -> str | None:
    """User text to an FTS5 query: every word must match, each as a prefix. What people
    type is folded first (Unicode NFKC and case folding), so full-width letters from an
    input method ("ＤＰＴ") and ligatures ("ﬁ") find the plain words the index holds."""
    if len(text_) > MAX_SEARCH_CHARS:
        raise DumasError(f"Teks pencarian terlalu panjang: paling banyak {MAX_SEARCH_CHARS} karakter.")
    tokens = _SEARCH_TOKEN.findall(unicodedata.normalize("NFKC", text_).casefold())
    if not tokens:
        return None
    return " ".join(f'"{token}"*' for token in tokens)


# The server's index cuts words at anything but letters and digits (migration 0002).
_SERVER_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def ts_query(text_: str) -> str:
    """User text to a PostgreSQL tsquery with the same meaning as fts_query: every word,
    each as a prefix ('kata':*), its accents folded as the server's documents are (FTS5
    does both sides itself in a file). Tokens hold only letters and digits, so no quote
    or operator of tsquery's syntax can come from what was typed."""
    fts_query(text_)  # the same length limit
    folded = unicodedata.normalize("NFKC", text_).casefold().translate(FOLD_ACCENTS)
    tokens = _SERVER_TOKEN.findall(folded)
    return " & ".join(f"'{token}':*" for token in tokens) or "''"


def _rows_query(now: datetime, sees: bool) -> Select[Any]:
    return select(
        Complaint.id,
        Complaint.agenda_number,
        Complaint.received_at,
        Complaint.channel,
        privacy.reporter_shown(sees),
        privacy.respondent_shown(sees),
        privacy.subject_shown(sees),
        Complaint.classification,
        Complaint.status,
        Complaint.current_step,
        case((Complaint.status == "menunggu_pelapor", Complaint.completion_due_at), else_=Complaint.current_due_at),
        _state_sql(now),
        Complaint.office_code,
        Complaint.sop_profile_id,
    )


def _to_rows(ws: Workspace, session: Session, result: Sequence[Sequence[Any]]) -> list[AgendaRow]:
    from .links import link_marks

    marks = link_marks(session, [r[0] for r in result])
    labels: dict[tuple[int, str], str] = {}
    for r in result:
        key = (r[13], r[9])
        if key not in labels and r[8] in OPEN:
            step = ws.profile(session, r[13]).step(r[9])
            labels[key] = f"{step.no}. {step.name}"
    return [
        AgendaRow(
            id=r[0],
            agenda_number=r[1],
            received_at=r[2],
            channel=r[3],
            reporter=r[4] or "",
            respondent=r[5] or "",
            subject=r[6],
            classification=r[7],
            status=r[8],
            current_step=r[9] if r[8] in OPEN else "",
            due_at=r[10],
            deadline_state=r[11],
            office_code=r[12],
            step_label=labels.get((r[13], r[9]), "") if r[8] in OPEN else "",
            link_mark=marks.get(r[0], ""),
        )
        for r in result
    ]


# The agenda book can be sorted by these columns (the names its model uses).
SORT_COLUMNS: dict[str, Any] = {
    "agenda_number": Complaint.id,
    "received_at": Complaint.received_at,
    "channel": Complaint.channel,
    "subject": Complaint.subject,
    "classification": Complaint.classification,
    "status": Complaint.status,
    "current_step": Complaint.current_step,
    "due_at": case(
        (Complaint.status == "menunggu_pelapor", Complaint.completion_due_at), else_=Complaint.current_due_at
    ),
}


def agenda_ids(
    ws: Workspace,
    filters: Filters = Filters(),
    search: str = "",
    descending: bool = True,
    sort: str = "agenda_number",
    limit: int | None = None,
) -> list[int]:
    """The ids of every matching case in order (newest first by default): the agenda
    book's model holds these and fetches rows as they scroll into view."""
    now = ws.now()
    key = SORT_COLUMNS[sort]
    match = fts_query(search)
    query = _apply_filters(select(Complaint.id), filters, now)
    with ws.db.read() as session:
        sees = privacy.sees_identity(ws, session)
        if match is not None and sort == "agenda_number":
            if filters == Filters():
                return list(session.scalars(_hits_in_order(session, sees, search, descending).limit(limit)))
            # Newest (or oldest) first straight from the index, which can stop at `limit`.
            index = _index(sees)
            query = query.join(index, index.c.rowid == Complaint.id).where(_matching(session, sees, search))
            order = [index.c.rowid.desc() if descending else index.c.rowid.asc()]
        else:
            query = _match(session, query, search, sees)
            order = [
                key.desc() if descending else key.asc(),
                Complaint.id.desc() if descending else Complaint.id.asc(),
            ]
        return list(session.scalars(query.order_by(*order).limit(limit)))


def _hits_in_order(session: Session, sees: bool, search: str, descending: bool = True) -> Select[Any]:
    """The ids of every case the words find, newest first, from the index alone. Without
    a filter nothing else decides which come first, and a server would otherwise join every
    hit to its case before keeping the first page: "pindah memilih" on 100,000 cases has
    4,214 hits, and the page took PostgreSQL 33 ms that way; its ids now take 7 ms."""
    index = _index(sees)
    order = index.c.rowid.desc() if descending else index.c.rowid.asc()
    return select(index.c.rowid).where(_matching(session, sees, search)).order_by(order)


def _match(session: Session, query: Select[Any], search: str, sees: bool) -> Select[Any]:
    match = fts_query(search)
    if match is None:
        return query
    hits = select(_index(sees).c.rowid).where(_matching(session, sees, search))
    return query.where(Complaint.id.in_(hits))


def rows_by_id(ws: Workspace, ids: list[int]) -> list[AgendaRow]:
    """Rows for a page of ids, in the order given."""
    if not ids:
        return []
    with ws.db.read() as session:
        return _rows_in_order(ws, session, privacy.sees_identity(ws, session), ids)


def _rows_in_order(ws: Workspace, session: Session, sees: bool, ids: list[int]) -> list[AgendaRow]:
    result = session.execute(_rows_query(ws.now(), sees).where(one_of(session, Complaint.id, ids))).all()
    rows = {r.id: r for r in _to_rows(ws, session, result)}
    return [rows[i] for i in ids if i in rows]


def agenda_page(
    ws: Workspace, filters: Filters = Filters(), search: str = "", offset: int = 0, limit: int = 200
) -> list[AgendaRow]:
    now = ws.now()
    match = fts_query(search)
    with ws.db.read() as session:
        sees = privacy.sees_identity(ws, session)
        if match is not None and filters == Filters():
            ids = list(session.scalars(_hits_in_order(session, sees, search).offset(offset).limit(limit)))
            return _rows_in_order(ws, session, sees, ids) if ids else []
        query = _apply_filters(_rows_query(now, sees), filters, now)
        if match is None:
            query = query.order_by(Complaint.id.desc())
        else:
            # Driving the query from the index, newest first, lets SQLite stop at the page's
            # last row instead of collecting every hit of a common word first.
            index = _index(sees)
            query = (
                query.join(index, index.c.rowid == Complaint.id)
                .where(_matching(session, sees, search))
                .order_by(index.c.rowid.desc())
            )
        return _to_rows(ws, session, session.execute(query.offset(offset).limit(limit)).all())


def count(ws: Workspace, filters: Filters = Filters(), search: str = "") -> int:
    now = ws.now()
    with ws.db.read() as session:
        sees = privacy.sees_identity(ws, session)
        query = _match(session, _apply_filters(select(func.count(Complaint.id)), filters, now), search, sees)
        return int(session.scalar(query) or 0)


def deadline_states(ws: Workspace) -> dict[int, str]:
    """The deadline state of every open case, keyed by case id."""
    now = ws.now()
    with ws.db.read() as session:
        result = session.execute(select(Complaint.id, _state_sql(now)).where(Complaint.status.in_(OPEN)))
        return {row[0]: row[1] for row in result}


@dataclass(frozen=True)
class Attention:
    overdue: int
    due_today: int
    waiting_for_reporter: int
    completion_lapsed: int


def _end_of_day(now: datetime) -> datetime:
    return datetime.combine(now.date(), datetime.max.time())


def attention(ws: Workspace) -> Attention:
    now = ws.now()
    end_of_day = _end_of_day(now)
    with ws.db.read() as session:
        row = session.execute(
            select(
                func.count().filter(Complaint.status == "proses", Complaint.current_due_at < now),
                func.count().filter(
                    Complaint.status == "proses",
                    Complaint.current_due_at >= now,
                    Complaint.current_due_at <= end_of_day,
                ),
                func.count().filter(Complaint.status == "menunggu_pelapor"),
                func.count().filter(Complaint.status == "menunggu_pelapor", Complaint.completion_due_at < now),
            ).where(Complaint.status.in_(OPEN))
        ).one()
    return Attention(*row)


@dataclass(frozen=True)
class FileDetails:
    path: str
    size_bytes: int
    cases: int
    schema: str
    office_name: str
    office_code: str
    profile: str


def file_details(ws: Workspace) -> FileDetails:
    with ws.db.read() as session:
        office = home_office(session)
        profile = ws.profile(session, office.sop_profile_id)
        cases = session.scalar(select(func.count(Complaint.id))) or 0
        name, code = office.name, office.office_code
        if ws.db.path is None:
            size = int(session.scalar(text("SELECT pg_database_size(current_database())")) or 0)
        else:
            size = ws.db.path.stat().st_size
    return FileDetails(
        path=str(ws.db.path.absolute()) if ws.db.path is not None else ws.db.label,  # not as typed after --data
        size_bytes=size,
        cases=cases,
        schema=ws.db.schema_revision() or "",
        office_name=name,
        office_code=code,
        profile=f"{profile.name} ({profile.id}, versi {profile.version})",
    )


def years(ws: Workspace) -> list[int]:
    with ws.db.read() as session:
        return list(session.scalars(select(Complaint.year).distinct().order_by(Complaint.year.desc())))


def offices(ws: Workspace) -> list[tuple[str, str]]:
    """(code, name) of each office whose cases the file holds, the home office first: a
    province's file holds its regencies' cases beside its own."""
    with ws.db.read() as session:
        home = home_office(session)
        names = dict(session.execute(select(Office.office_code, Office.name)).all())
        codes = set(session.scalars(select(Complaint.office_code).distinct())) - {home.office_code}
        return [(home.office_code, home.name)] + [(c, names.get(c, c)) for c in sorted(codes)]


def case_profiles(ws: Workspace) -> list[Profile]:
    """The SOP profiles the file's work follows: the office's own (for the cases it will
    receive) and that of every case in it (a province's file may hold its regencies')."""
    with ws.db.read() as session:
        home = home_office(session).sop_profile_id
        used = session.scalars(select(Complaint.sop_profile_id).distinct()).all()
        found: dict[tuple[str, str], Profile] = {}
        for record_id in [home, *sorted(set(used) - {home})]:
            profile = ws.profile(session, record_id)
            found.setdefault((profile.id, str(profile.version)), profile)
        return list(found.values())
