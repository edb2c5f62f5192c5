"""Complaints that may be the same one arriving again: while a new complaint is typed in,
and for any case on request ("Cari pengaduan serupa").

Candidates come cheaply from the full-text index (any distinctive word of the subject,
description, respondent or place, among cases received within a window around the new
one), then each is scored by rapidfuzz on normalized Indonesian text: the subject and the
description, with a bonus for the same respondent and the same place. Nothing is merged:
the officer decides, and records a link (services/links.py).

Confidential reports are matched like any other, but what is shown of them follows the
signed-in user's right to see them (services/privacy.py).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import Integer, column, func, select, table, text
from sqlalchemy.orm import Session

from ..domain.errors import DumasError
from ..domain.privacy import CONFIDENTIAL_SUBJECT
from ..storage.models import Complaint, Party
from . import privacy
from .context import Workspace
from .links import link_marks
from .workflow import load_case

WINDOW_DAYS = 90
SHOWN = 8
MIN_SCORE = 60.0  # below this a candidate is not worth an officer's look (README: measured)
_POOL = 200  # candidates read from the index, best first, before scoring
_QUERY_WORDS = 12  # the rarest of the probe's words, for the index
_COMMON_SHARE = 0.08  # a word in more of the file's cases than this finds nothing in particular
_COMMON_FLOOR = 200
_MAX_CHARS = 4000

# Words that say nothing about which complaint this is: Indonesian function words, and
# what nearly every complaint to a KPU office says ("pelapor menyampaikan bahwa...").
_STOP_TEXT = """
    yang dan di ke dari dalam pada untuk dengan atas oleh karena bahwa ini itu telah sudah
    akan tidak ada adalah sebagai juga atau serta para sebuah seorang kepada tersebut agar
    saat masih padahal nya pun lah kah bagi hingga sampai secara tanpa antara setelah sebelum
    ketika namun tetapi sedangkan jika apabila maka yaitu yakni dapat bisa harus hanya lebih
    sangat banyak beberapa semua setiap lain lainnya kami saya kita mereka dia ia beliau
    telah belum sedang masih lagi pula tentang terhadap sejak selama menjelang
    pelapor menyampaikan meminta mohon kpu pengaduan melaporkan laporan menindaklanjuti
    sesuai ketentuan berlaku kejadian berlangsung disaksikan warga diduga dugaan terkait
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
_WORD = re.compile(r"\w+", re.UNICODE)


def words(value: str) -> list[str]:
    """Lowercased words without punctuation and stop words (one-letter words dropped too)."""
    folded = unicodedata.normalize("NFKC", value[:_MAX_CHARS]).casefold()
    return [w for w in _WORD.findall(folded) if len(w) > 1 and w not in STOP_WORDS]


@lru_cache(maxsize=2048)
def normalize(value: str) -> str:
    """The words of a text as the scoring compares them. Remembered: while a complaint is
    typed in, each lookup scores much the same candidates as the one before."""
    return " ".join(words(value))


@dataclass(frozen=True)
class Probe:
    """What is known of the complaint being registered (or of an existing case)."""

    subject: str
    description: str = ""
    respondents: tuple[str, ...] = ()  # their names
    bodies: str = ""  # the respondents' positions and units ("Ketua KPPS", "KPPS TPS 003 Desa Bonti")
    place: str = ""  # the event's place and the case's location
    received_at: datetime | None = None
    exclude_id: int | None = None

    @property
    def empty(self) -> bool:
        return not words(self.subject) and not words(self.description) and not any(map(words, self.respondents))


@dataclass(frozen=True)
class Candidate:
    id: int
    agenda_number: str
    received_at: datetime
    channel: str
    status: str
    reporter: str  # "Dirahasiakan" to a user who may not see it
    respondent: str
    subject: str
    score: float  # 0-100
    reasons: tuple[str, ...] = field(default_factory=tuple)
    mark: str = ""  # "duplikat"/"terkait" when it already has a link


def _pair_score(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    # token_sort_ratio for reordered words; token_set_ratio lets a shortened copy that keeps
    # the words still count; their mean keeps a short text inside a long one from scoring 100.
    return (fuzz.token_sort_ratio(a, b) + fuzz.token_set_ratio(a, b)) / 2


def _best(values: tuple[str, ...], others: list[str]) -> float:
    return max((fuzz.token_sort_ratio(v, o) for v in values if v for o in others if o), default=0.0)


@dataclass
class _Scored:
    score: float
    reasons: list[str]


@dataclass(frozen=True)
class _Normalized:
    subject: str
    description: str
    respondents: tuple[str, ...]
    place: str
    received_at: datetime | None

    @classmethod
    def of(cls, probe: Probe) -> _Normalized:
        return cls(
            normalize(probe.subject),
            normalize(probe.description),
            tuple(normalize(r) for r in probe.respondents),
            normalize(probe.place),
            probe.received_at,
        )


def score(
    probe: Probe,
    subject: str,
    description: str,
    respondents: list[str],
    place: str,
    received_at: datetime | None = None,
) -> _Scored:
    """How alike the probe and one case are (0-100), and why, in Indonesian.

    Alike text alone reaches at most 70 (complaints about one kind of event in one village
    read alike, and a village has many TPS); the same respondent by name adds 22, the same
    place 5, arriving within days of each other up to 3."""
    return _score(_Normalized.of(probe), subject, description, respondents, place, received_at)


def _score(
    p: _Normalized,
    subject: str,
    description: str,
    respondents: list[str],
    place: str,
    received_at: datetime | None,
) -> _Scored:
    c_subject, c_description = normalize(subject), normalize(description)
    subject_score = _pair_score(p.subject, c_subject)
    description_score = _pair_score(p.description, c_description)
    if p.description and c_description:
        text_score = 0.55 * subject_score + 0.45 * description_score
    else:
        text_score = subject_score or _pair_score(p.subject or p.description, c_subject + " " + c_description)
    reasons = []
    if subject_score >= 70:
        reasons.append(f"pokok mirip {subject_score:.0f}%")
    if description_score >= 70:
        reasons.append(f"uraian mirip {description_score:.0f}%")
    total = 0.7 * text_score
    # Names are compared alone: two Ketua KPPS of one village are not one person.
    if p.respondents and respondents and _best(p.respondents, [normalize(r) for r in respondents]) >= 85:
        total += 22
        reasons.append("terlapor sama")
    c_place = normalize(place) if p.place else ""
    if c_place and fuzz.token_set_ratio(p.place, c_place) >= 90:
        total += 5
        reasons.append("tempat sama")
    if p.received_at is not None and received_at is not None:
        days = abs((p.received_at - received_at).total_seconds()) / 86400
        total += max(0.0, 3.0 * (1 - days / 30))
    return _Scored(min(total, 100.0), reasons)


SEARCH_INDEX = table(
    "complaint_search",
    column("rowid", Integer),
    column("subject"),
    column("description"),
    column("respondent"),
)


def _probe_words(probe: Probe) -> list[str]:
    found: dict[str, None] = {}
    for part in (probe.subject, *probe.respondents, probe.bodies, probe.place, probe.description):
        for word in words(part):
            if len(word) > 2 or word.isdigit():
                found.setdefault(word, None)
    return list(found)[: _QUERY_WORDS * 3]


_COLUMNS = "{subject description respondent} : "
# How many cases hold a common word, per data file: only counts past the floor are kept
# (they decide nothing but leaving the word out, and grow slowly); a rare word's count is
# cheap to read again, and a new case may have just brought it in.
_COMMON: dict[tuple[str, str], int] = {}


def _cases_with(session: Session, file: str, word: str) -> int:
    known = _COMMON.get((file, word))
    if known is not None:
        return known
    match = _COLUMNS + f'"{word}"'
    found = int(
        session.scalar(text("SELECT count(*) FROM complaint_search WHERE complaint_search MATCH :m"), {"m": match}) or 0
    )
    if found > _COMMON_FLOOR:
        if len(_COMMON) > 50_000:
            _COMMON.clear()
        _COMMON[(file, word)] = found
    return found


def _query_words(session: Session, probe: Probe) -> list[str]:
    """The probe's most distinctive words, rarest first: any of them brings a case in.
    Words nearly every complaint holds ("desa", "kecamatan", "tps") would make the index
    rank most of the window's cases for nothing; a typo found in no case is left out too."""
    file = str(session.get_bind().engine.url)
    # The highest id stands for the number of cases: read at once from the primary key.
    total = int(session.scalar(select(func.max(Complaint.id))) or 0)
    limit = max(_COMMON_FLOOR, int(_COMMON_SHARE * total))
    counted = [(n, w) for w in _probe_words(probe) if (n := _cases_with(session, file, w)) > 0]
    rare = sorted((n, w) for n, w in counted if n <= limit)
    chosen = rare[:_QUERY_WORDS] or sorted(counted)[:4]
    return [w for _n, w in chosen]


def _window(probe: Probe, now: datetime, days: int) -> tuple[datetime, datetime]:
    centre = probe.received_at or now
    return centre - timedelta(days=days), centre + timedelta(days=days)


def _pool(session: Session, probe: Probe, start: datetime, end: datetime) -> list[tuple[Any, ...]]:
    """(id, subject, description, respondents' names, place, received) of the cases worth scoring."""
    in_window = (Complaint.received_at >= start, Complaint.received_at <= end)
    if session.get_bind().dialect.name != "sqlite":
        # No FTS5 index there: the window's newest cases, which the scoring sorts out.
        rows = session.execute(
            select(
                Complaint.id,
                Complaint.subject,
                Complaint.description,
                Complaint.event_place,
                Complaint.location,
                Complaint.received_at,
            )
            .where(*in_window)
            .order_by(Complaint.received_at.desc())
            .limit(_POOL * 4)
        ).all()
        respondents = _respondents(session, [r[0] for r in rows])
        return [(r[0], r[1], r[2], respondents.get(r[0], []), f"{r[3]} {r[4]}", r[5]) for r in rows]
    query_words = _query_words(session, probe)
    if not query_words:
        return []
    # The window as a range of ids lets the index skip the rest of the file's years; cases
    # imported later may sit outside it by id, which the received_at check below settles.
    first, last = session.execute(select(func.min(Complaint.id), func.max(Complaint.id)).where(*in_window)).one()
    if first is None:
        return []
    match = _COLUMNS + "(" + " OR ".join(f'"{w}"' for w in query_words) + ")"
    hits = (
        select(SEARCH_INDEX.c.rowid)
        .where(text("complaint_search MATCH :match").bindparams(match=match))
        .where(SEARCH_INDEX.c.rowid.between(first, last))
        .order_by(text("rank"))
        .limit(_POOL)
        .subquery()
    )
    rows = session.execute(
        select(
            Complaint.id,
            Complaint.subject,
            Complaint.description,
            Complaint.event_place,
            Complaint.location,
            Complaint.received_at,
        )
        .join(hits, hits.c.rowid == Complaint.id)
        .where(*in_window)
    ).all()
    respondents = _respondents(session, [r[0] for r in rows])
    return [(r[0], r[1], r[2], respondents.get(r[0], []), f"{r[3]} {r[4]}", r[5]) for r in rows]


def _respondents(session: Session, ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for complaint_id, name in session.execute(
        select(Party.complaint_id, Party.name).where(Party.complaint_id.in_(ids), Party.role == "respondent")
    ):
        found.setdefault(complaint_id, []).append(name)
    return found


def find(
    ws: Workspace,
    probe: Probe,
    *,
    window_days: int = WINDOW_DAYS,
    limit: int = SHOWN,
    min_score: float = MIN_SCORE,
) -> list[Candidate]:
    """The cases most like the probe, best first, those scoring at least `min_score`."""
    if window_days < 1 or window_days > 3660:
        raise DumasError("Rentang waktu pencarian pengaduan serupa harus 1 sampai 3660 hari.")
    if probe.empty:
        return []
    with ws.db.read() as session:
        start, end = _window(probe, ws.now(), window_days)
        scored: list[tuple[float, int, list[str]]] = []
        normalized = _Normalized.of(probe)
        for case_id, subject, description, respondent, place, received in _pool(session, probe, start, end):
            if case_id == probe.exclude_id:
                continue
            result = _score(normalized, subject, description, respondent, place, received)
            if result.score >= min_score:
                scored.append((result.score, case_id, result.reasons))
        scored.sort(key=lambda s: (-s[0], -s[1]))
        best = scored[:limit]
        return _candidates(ws, session, best)


def _candidates(ws: Workspace, session: Session, best: list[tuple[float, int, list[str]]]) -> list[Candidate]:
    if not best:
        return []
    sees = privacy.sees_identity(ws, session)
    ids = [case_id for _, case_id, _ in best]
    rows = {
        r[0]: r
        for r in session.execute(
            select(
                Complaint.id,
                Complaint.agenda_number,
                Complaint.received_at,
                Complaint.channel,
                Complaint.status,
                privacy.reporter_shown(sees),
                privacy.respondent_shown(sees),
                privacy.subject_shown(sees),
            ).where(Complaint.id.in_(ids))
        )
    }
    marks = link_marks(session, ids)
    found = []
    for value, case_id, reasons in best:
        r = rows[case_id]
        hidden = not sees and r[7] == CONFIDENTIAL_SUBJECT
        found.append(
            Candidate(
                id=case_id,
                agenda_number=r[1],
                received_at=r[2],
                channel=r[3],
                status=r[4],
                reporter=r[5] or "",
                respondent=r[6] or "",
                subject=r[7],
                score=round(value, 1),
                # What matched would tell of a report kept whole confidential.
                reasons=() if hidden else tuple(reasons),
                mark=marks.get(case_id, ""),
            )
        )
    return found


def probe_of_case(ws: Workspace, case_id: int) -> Probe:
    with ws.db.read() as session:
        complaint = load_case(session, case_id)
        respondents = [p for p in complaint.parties if p.role == "respondent"]
        return Probe(
            subject=complaint.subject,
            description=complaint.description,
            respondents=tuple(p.name for p in respondents),
            bodies=" ".join(f"{p.position} {p.unit}" for p in respondents),
            place=f"{complaint.event_place} {complaint.location}",
            received_at=complaint.received_at,
            exclude_id=complaint.id,
        )


def similar_to_case(ws: Workspace, case_id: int, **options: Any) -> list[Candidate]:
    """ "Cari pengaduan serupa" on an existing case: the others most like it."""
    return find(ws, probe_of_case(ws, case_id), **options)
