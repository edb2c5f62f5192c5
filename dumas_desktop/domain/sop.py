"""SOP profiles as data: loading and checking resources/sop/*.toml.

A profile describes each step's actors, requirements, standard time, outputs and
branches. The loader refuses a broken profile and says where and what is wrong, so an
office can adjust its own copy without a programmer.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from . import catalog
from .errors import ProfileError
from .textfiles import read_user_text

UNITS = {"menit": "menit", "jam": "jam", "hari": "hari kerja"}
COMPLETION_TARGET = "@kelengkapan"
CLOSE_TARGET = "@selesai"
SPECIAL_TARGETS = (COMPLETION_TARGET, CLOSE_TARGET)
_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class StandardTime:
    unit: str  # "menit", "jam" or "hari" (working days)
    value: int  # the limit; for a range, its upper end
    minimum: int | None = None  # lower end of a range such as 5–7 days

    @property
    def minutes(self) -> int:
        return self.value * 60 if self.unit == "jam" else self.value

    def describe(self) -> str:
        amount = f"{self.minimum}–{self.value}" if self.minimum is not None else str(self.value)
        return f"{amount} {UNITS[self.unit]}"


@dataclass(frozen=True)
class Requirement:
    kind: str  # "check" (computed from the case) or "confirm" (ticked by the officer)
    key: str
    label: str
    required: bool = True
    when: str | None = None  # a check that must hold for this requirement to apply


@dataclass(frozen=True)
class Branch:
    outcome: str
    label: str
    next: str
    requirements: tuple[Requirement, ...] = ()
    actors: tuple[str, ...] = ()
    outputs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Step:
    key: str
    no: int
    name: str
    description: str
    form: str
    actors: tuple[str, ...]
    time: StandardTime | None
    outputs: tuple[str, ...]
    requirements: tuple[Requirement, ...]
    branches: tuple[Branch, ...]
    next: str | None
    # Who records a step done outside the office (KPU RI's decision); empty: see domain.access.
    recorded_by: tuple[str, ...] = ()
    note: str = ""  # the SOP table's "Keterangan"

    def branch(self, outcome: str | None) -> Branch | None:
        for branch in self.branches:
            if branch.outcome == outcome:
                return branch
        return None


@dataclass(frozen=True)
class Completion:
    time: StandardTime
    return_to: str
    label: str
    outputs: tuple[str, ...] = ()  # papers of the completion loop: the request, the rejection


@dataclass(frozen=True)
class SopIdentity:
    """The SOP document's cover data, as signed (all optional: a profile may carry none)."""

    number: str = ""  # "39/ORT.06/6103/2026"
    approved_on: date | None = None
    approved_by: str = ""  # the approver's position: "Sekretaris"
    approver: str = ""  # the approver's name
    approver_nip: str = ""
    unit: str = ""  # the unit that owns the SOP: "Subbagian Hukum dan SDM"


@dataclass(frozen=True)
class Profile:
    id: str
    version: int
    name: str
    source: str
    office_level: str
    first_step: str
    completion: Completion
    actors: dict[str, str]
    classifications: dict[str, str]
    steps: tuple[Step, ...]
    text: str  # the TOML as written, kept with every case that runs under it
    sha256: str
    # Roles whose work needs a confidential reporter's identity ([access] see_identity);
    # empty: derived from the steps (see domain.access).
    see_identity: tuple[str, ...] = ()
    # The papers of each early closure ([closures]); a profile without the table gets the
    # program's own (catalog.CLOSURE_OUTPUTS).
    closure_outputs: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(catalog.CLOSURE_OUTPUTS))
    identity: SopIdentity = field(default_factory=lambda: SopIdentity())

    def step(self, key: str) -> Step:
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(key)

    def actor_names(self, keys: tuple[str, ...]) -> str:
        return ", ".join(self.actors[k] for k in keys)


class _Reader:
    """Reads one table of the TOML, naming the place in every complaint."""

    def __init__(self, source: str, place: str, data: Any, where: str = "") -> None:
        self.source = source
        self.place = place
        self.where = where  # the same place for a program: "steps.2.branches.0"
        if not isinstance(data, dict):
            self.fail("harus berupa tabel")
        self.data: dict[str, Any] = data

    def fail(self, problem: str, field: str = "") -> NoReturn:
        where = f", {self.place}" if self.place else ""
        raise ProfileError(f"Profil SOP {self.source}{where}: {problem}.", self.where, field)

    def text(self, key: str, *, optional: bool = False) -> str:
        value = self.data.get(key)
        if value is None and optional:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail(f"\u201c{key}\u201d wajib diisi dengan teks", key)
        return value.strip()

    def integer(self, key: str) -> int:
        value = self.data.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            self.fail(f"\u201c{key}\u201d harus bilangan bulat tidak negatif", key)
        return value

    def day(self, key: str) -> date | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, date) or hasattr(value, "hour"):
            self.fail(f"\u201c{key}\u201d harus tanggal (TTTT-BB-HH)", key)
        return value

    def key_list(self, key: str, allowed: dict[str, str], what: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(f"\u201c{key}\u201d harus daftar teks", key)
        for item in value:
            if item not in allowed:
                self.fail(f"{what} \u201c{item}\u201d tidak dikenal", key)
        return tuple(value)

    def child(self, place: str, data: Any, where: str = "") -> _Reader:
        path = f"{self.where}.{where}" if self.where and where else (where or self.where)
        return _Reader(self.source, f"{self.place}, {place}" if self.place else place, data, path)


def _read_time(reader: _Reader, data: Any) -> StandardTime:
    sub = reader.child("waktu", data, "time")
    unit = sub.text("unit")
    if unit not in UNITS:
        sub.fail(f"satuan \u201c{unit}\u201d tidak dikenal (pilih: {', '.join(UNITS)})", "unit")
    if "value" in sub.data:
        value = sub.integer("value")
        if value == 0:
            sub.fail("waktu baku harus lebih dari nol", "value")
        return StandardTime(unit, value)
    low, high = sub.integer("min"), sub.integer("max")
    if not 0 < low <= high:
        sub.fail("rentang waktu harus 0 < min \u2264 max", "min")
    return StandardTime(unit, high, low)


def _read_requirements(reader: _Reader, items: Any, checks: frozenset[str]) -> tuple[Requirement, ...]:
    if not isinstance(items, list):
        reader.fail("\u201crequirements\u201d harus daftar", "requirements")
    result: list[Requirement] = []
    seen: set[str] = set()
    for index, item in enumerate(items, start=1):
        sub = reader.child(f"persyaratan ke-{index}", item, f"requirements.{index - 1}")
        if ("check" in sub.data) == ("confirm" in sub.data):
            sub.fail("tulis tepat satu dari \u201ccheck\u201d atau \u201cconfirm\u201d", "key")
        kind = "check" if "check" in sub.data else "confirm"
        key = sub.text(kind)
        if kind == "check" and key not in checks:
            sub.fail(f"pemeriksaan \u201c{key}\u201d tidak dikenal", "key")
        if kind == "confirm" and not _KEY_RE.match(key):
            sub.fail(f"kunci konfirmasi \u201c{key}\u201d hanya boleh huruf kecil, angka, dan garis bawah", "key")
        if key in seen:
            sub.fail(f"\u201c{key}\u201d tercantum dua kali", "key")
        seen.add(key)
        when = sub.data.get("when")
        if when is not None and (not isinstance(when, str) or when not in checks):
            sub.fail(f"syarat \u201cwhen\u201d \u201c{when}\u201d tidak dikenal", "when")
        required = sub.data.get("required", True)
        if not isinstance(required, bool):
            sub.fail("\u201crequired\u201d harus true atau false", "required")
        result.append(Requirement(kind, key, sub.text("label"), required, when))
    return tuple(result)


def _read_step(reader: _Reader, checks: frozenset[str], actors: dict[str, str]) -> Step:
    key = reader.text("key")
    if not _KEY_RE.match(key):
        reader.fail(f"kunci langkah \u201c{key}\u201d hanya boleh huruf kecil, angka, dan garis bawah", "key")
    form = reader.text("form")
    if form not in catalog.FORMS:
        reader.fail(f"formulir \u201c{form}\u201d tidak dikenal (pilih: {', '.join(catalog.FORMS)})", "form")
    step_actors = reader.key_list("actors", actors, "pelaksana")
    if not step_actors:
        reader.fail("paling sedikit satu pelaksana", "actors")
    outputs = reader.key_list("outputs", catalog.DOCUMENT_KINDS, "keluaran")
    time = _read_time(reader, reader.data["time"]) if "time" in reader.data else None
    requirements = _read_requirements(reader, reader.data.get("requirements", []), checks)
    branches: list[Branch] = []
    raw_branches = reader.data.get("branches", [])
    if not isinstance(raw_branches, list):
        reader.fail("\u201cbranches\u201d harus daftar", "branches")
    for index, item in enumerate(raw_branches, start=1):
        sub = reader.child(f"cabang ke-{index}", item, f"branches.{index - 1}")
        outcome = sub.text("outcome")
        if any(b.outcome == outcome for b in branches):
            sub.fail(f"hasil \u201c{outcome}\u201d tercantum dua kali", "outcome")
        branches.append(
            Branch(
                outcome=outcome,
                label=sub.text("label"),
                next=sub.text("next"),
                requirements=_read_requirements(sub, sub.data.get("requirements", []), checks),
                actors=sub.key_list("actors", actors, "pelaksana"),
                outputs=sub.key_list("outputs", catalog.DOCUMENT_KINDS, "keluaran"),
            )
        )
    next_key = reader.data.get("next")
    if branches and next_key is not None:
        reader.fail("langkah bercabang tidak boleh memiliki \u201cnext\u201d; tulis tujuan pada tiap cabang", "next")
    if not branches and next_key is None:
        reader.fail("tulis \u201cnext\u201d (langkah berikutnya atau \u201c@selesai\u201d) atau cabang", "next")
    return Step(
        key=key,
        no=reader.integer("no"),
        name=reader.text("name"),
        description=reader.text("description", optional=True),
        form=form,
        actors=step_actors,
        time=time,
        outputs=outputs,
        requirements=requirements,
        branches=tuple(branches),
        next=reader.text("next") if next_key is not None else None,
        recorded_by=reader.key_list("recorded_by", actors, "pelaksana"),
        note=reader.text("note", optional=True),
    )


def parse_profile(text: str, source: str = "(teks)") -> Profile:
    """Parse and check a profile; raises ProfileError naming the place and the problem."""
    from .checks import CHECKS  # the registry of computed requirements

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"Profil SOP {source} tidak dapat dibaca: {exc}.") from None
    checks = frozenset(CHECKS)
    top = _Reader(source, "", data)
    head = top.child("[profile]", data.get("profile"), "profile")
    level = head.text("office_level")
    if level not in catalog.OFFICE_LEVELS:
        head.fail(f"tingkat kantor \u201c{level}\u201d tidak dikenal", "office_level")
    identity = SopIdentity(
        number=head.text("number", optional=True),
        approved_on=head.day("approved_on"),
        approved_by=head.text("approved_by", optional=True),
        approver=head.text("approver", optional=True),
        approver_nip=head.text("approver_nip", optional=True),
        unit=head.text("unit", optional=True),
    )
    actors_reader = top.child("[actors]", data.get("actors"), "actors")
    actors = {k: v for k, v in actors_reader.data.items() if isinstance(v, str) and v.strip()}
    if not actors or len(actors) != len(actors_reader.data):
        actors_reader.fail("setiap pelaksana harus diberi nama")
    classes_reader = top.child("[classifications]", data.get("classifications"), "classifications")
    classifications = dict(classes_reader.data)
    if not classifications or not all(isinstance(v, str) and v for v in classifications.values()):
        classes_reader.fail("paling sedikit satu klasifikasi, masing-masing dengan nama")

    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        top.fail("profil harus memiliki paling sedikit satu langkah [[steps]]")
    steps: list[Step] = []
    for index, item in enumerate(raw_steps, start=1):
        name = item.get("key", "?") if isinstance(item, dict) else "?"
        reader = top.child(f"langkah ke-{index} (\u201c{name}\u201d)", item, f"steps.{index - 1}")
        step = _read_step(reader, checks, actors)
        if any(s.key == step.key for s in steps):
            reader.fail(f"kunci langkah \u201c{step.key}\u201d dipakai dua kali", "key")
        if any(s.no == step.no for s in steps):
            reader.fail(f"nomor langkah {step.no} dipakai dua kali", "no")
        steps.append(step)

    keys = {s.key for s in steps}
    for index, step in enumerate(steps):
        places = (
            [(f"steps.{index}.branches.{i}", b.next) for i, b in enumerate(step.branches)]
            if step.branches
            else [(f"steps.{index}", step.next)]
        )
        for where, target in places:
            if target not in keys and target not in SPECIAL_TARGETS:
                raise ProfileError(
                    f"Profil SOP {source}: langkah \u201c{step.key}\u201d menuju \u201c{target}\u201d yang tidak ada "
                    f"(pilih kunci langkah, \u201c@kelengkapan\u201d, atau \u201c@selesai\u201d).",
                    where,
                    "next",
                )
    first = head.text("first_step")
    if first not in keys:
        head.fail(f"langkah pertama \u201c{first}\u201d tidak ada", "first_step")
    if steps[0].key != first or steps[0].form != "receive":
        problem = "langkah pertama harus langkah penerimaan (form = \u201creceive\u201d) dan ditulis paling awal"
        head.fail(problem, "first_step")

    completion_reader = top.child("[completion]", data.get("completion"), "completion")
    completion = Completion(
        time=_read_time(completion_reader, completion_reader.data.get("time")),
        return_to=completion_reader.text("return_to"),
        label=completion_reader.text("label"),
        outputs=completion_reader.key_list("outputs", catalog.DOCUMENT_KINDS, "keluaran"),
    )
    if completion.return_to not in keys:
        completion_reader.fail(f"langkah \u201c{completion.return_to}\u201d tidak ada", "return_to")
    if completion.time.unit != "hari":
        completion_reader.fail("jendela kelengkapan dihitung dalam hari kerja", "time")

    _check_reachable(top, steps, first, completion.return_to)
    see_identity: tuple[str, ...] = ()
    if "access" in data:
        see_identity = top.child("[access]", data["access"], "access").key_list("see_identity", actors, "pelaksana")
    closure_outputs = dict(catalog.CLOSURE_OUTPUTS)
    if "closures" in data:
        closures = top.child("[closures]", data["closures"], "closures")
        for key in closures.data:
            if key not in catalog.CLOSURE_OUTPUTS:
                allowed = ", ".join(catalog.CLOSURE_OUTPUTS)
                closures.fail(f"penutupan \u201c{key}\u201d tidak dikenal (pilih: {allowed})", key)
            closure_outputs[key] = closures.key_list(key, catalog.DOCUMENT_KINDS, "keluaran")
    return Profile(
        id=_profile_id(head),
        version=head.integer("version"),
        name=head.text("name"),
        source=head.text("source", optional=True),
        office_level=level,
        first_step=first,
        completion=completion,
        actors=actors,
        classifications=classifications,
        steps=tuple(steps),
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        see_identity=see_identity,
        closure_outputs=closure_outputs,
        identity=identity,
    )


def _profile_id(head: _Reader) -> str:
    value = head.text("id")
    if not re.match(r"^[a-z0-9][a-z0-9-]*$", value):
        head.fail("id profil hanya boleh huruf kecil, angka, dan tanda minus", "id")
    return value


def _check_reachable(top: _Reader, steps: list[Step], first: str, completion_return: str) -> None:
    """Every step must be reachable, and closure must be reachable from the start."""
    by_key = {s.key: s for s in steps}
    seen: set[str] = set()
    frontier = [first]
    closes = False
    while frontier:
        key = frontier.pop()
        if key in seen:
            continue
        seen.add(key)
        step = by_key[key]
        targets = [b.next for b in step.branches] if step.branches else [step.next or ""]
        for target in targets:
            if target == CLOSE_TARGET:
                closes = True
            elif target == COMPLETION_TARGET:
                frontier.append(completion_return)
            else:
                frontier.append(target)
    unreachable = [s.key for s in steps if s.key not in seen]
    if unreachable:
        index = next(i for i, s in enumerate(steps) if s.key == unreachable[0])
        raise ProfileError(
            f"Profil SOP {top.source}: langkah tidak pernah dicapai: {', '.join(unreachable)}.", f"steps.{index}", "key"
        )
    if not closes:
        top.fail("tidak ada langkah yang menuju \u201c@selesai\u201d")


def load_profile(path: Path) -> Profile:
    return parse_profile(read_user_text(path, "Profil SOP", ProfileError), path.name)
