"""A labelled set for the duplicate finder: cases of a demo file typed in again the way a
second arrival of the same complaint looks (words reordered, typos, a shortened
description, the respondent's name misspelt or left out, another channel, days later).

Each re-entered copy is a probe whose one true duplicate is the case it was made from;
every other case the finder offers counts against its precision. The demo generator
writes many cases from the same template about the same village, so some of those
"others" read exactly alike: the figures are a floor, not flattery.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from dumas_desktop.services import similar
from dumas_desktop.services.context import Workspace
from dumas_desktop.services.similar import Probe


@dataclass(frozen=True)
class Pair:
    original_id: int
    probe: Probe
    variation: str


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:  # two letters swapped
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:  # a letter dropped
        return word[:i] + word[i + 1 :]
    return word[:i] + rng.choice("aeiounrst") + word[i:]  # a letter added


def _typos(rng: random.Random, text: str, count: int) -> str:
    words = text.split()
    long = [i for i, w in enumerate(words) if len(w) >= 4]
    for i in rng.sample(long, min(count, len(long))):
        words[i] = _typo(rng, words[i])
    return " ".join(words)


def _reorder(rng: random.Random, text: str) -> str:
    words = text.split()
    if len(words) < 4:
        return text
    cut = rng.randrange(2, len(words) - 1)
    return " ".join(words[cut:] + words[:cut])


def _shorten(text: str) -> str:
    first = text.split(". ")[0]
    return first if first.endswith(".") else first + "."


VARIATIONS = ("urutan", "salah_ketik", "ringkas", "terlapor_lain_tulis", "tanpa_terlapor", "campuran")


def vary(rng: random.Random, probe: Probe, variation: str) -> Probe:
    later = (probe.received_at or datetime.now()) + timedelta(days=rng.randrange(0, 15), hours=3)
    base = replace(probe, received_at=later, exclude_id=None)
    if variation == "urutan":
        return replace(base, subject=_reorder(rng, probe.subject))
    if variation == "salah_ketik":
        return replace(base, subject=_typos(rng, probe.subject, 2), description=_typos(rng, probe.description, 3))
    if variation == "ringkas":
        return replace(base, description=_shorten(probe.description), bodies="")
    if variation == "terlapor_lain_tulis":
        names = tuple(_typos(rng, n, 1) for n in probe.respondents)
        return replace(base, respondents=names, place="")
    if variation == "tanpa_terlapor":
        return replace(base, respondents=(), bodies="", description=_shorten(probe.description))
    return replace(
        base,
        subject=_typos(rng, _reorder(rng, probe.subject), 1),
        description=_typos(rng, _shorten(probe.description), 1),
        respondents=tuple(_typos(rng, n, 1) for n in probe.respondents),
        place="",
    )


def make_pairs(ws: Workspace, case_ids: list[int], count: int, seed: int = 7) -> list[Pair]:
    rng = random.Random(seed)
    pairs = []
    for index, case_id in enumerate(rng.sample(case_ids, min(count, len(case_ids)))):
        variation = VARIATIONS[index % len(VARIATIONS)]
        pairs.append(Pair(case_id, vary(rng, similar.probe_of_case(ws, case_id), variation), variation))
    return pairs


@dataclass(frozen=True)
class Figures:
    pairs: int
    found: int  # the original was offered (at or above the threshold)
    first: int  # the original was the best offered
    offered: int  # all candidates offered at or above the threshold

    @property
    def recall(self) -> float:
        return self.found / self.pairs if self.pairs else 0.0

    @property
    def precision(self) -> float:
        return self.found / self.offered if self.offered else 0.0

    @property
    def first_rate(self) -> float:
        return self.first / self.pairs if self.pairs else 0.0


def measure(ws: Workspace, pairs: list[Pair], threshold: float, limit: int = similar.SHOWN) -> Figures:
    found = first = offered = 0
    for pair in pairs:
        candidates = similar.find(ws, pair.probe, min_score=threshold, limit=limit)
        ids = [c.id for c in candidates]
        offered += len(ids)
        if pair.original_id in ids:
            found += 1
            first += ids[0] == pair.original_id
    return Figures(len(pairs), found, first, offered)
