"""A SOP profile as an editable draft, and its writing back as profile TOML.

The draft is plain mutable data an editor can change field by field; only the loader
(domain.sop.parse_profile) says whether it is a sound profile, so the editor and the files
an office installs are checked by the same rules. Step numbers follow the steps' order and
the first step is the first one written, as the loader requires.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date

from .sop import CLOSE_TARGET, Profile, Requirement, StandardTime, Step

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass
class DraftTime:
    unit: str = "hari"  # "menit", "jam" or "hari"
    value: int = 1  # the limit; for a range, its upper end
    minimum: int | None = None

    @classmethod
    def of(cls, time: StandardTime) -> DraftTime:
        return cls(time.unit, time.value, time.minimum)


@dataclass
class DraftRequirement:
    kind: str = "confirm"  # "check" or "confirm"
    key: str = ""
    label: str = ""
    required: bool = True
    when: str | None = None

    @classmethod
    def of(cls, req: Requirement) -> DraftRequirement:
        return cls(req.kind, req.key, req.label, req.required, req.when)


@dataclass
class DraftBranch:
    outcome: str = ""
    label: str = ""
    next: str = CLOSE_TARGET
    requirements: list[DraftRequirement] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)


@dataclass
class DraftStep:
    key: str
    name: str = ""
    description: str = ""
    note: str = ""
    form: str = "receive"
    actors: list[str] = field(default_factory=list)
    time: DraftTime | None = None
    outputs: list[str] = field(default_factory=list)
    requirements: list[DraftRequirement] = field(default_factory=list)
    branches: list[DraftBranch] = field(default_factory=list)
    next: str = CLOSE_TARGET  # used when the step has no branches
    recorded_by: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, step: Step) -> DraftStep:
        return cls(
            key=step.key,
            name=step.name,
            description=step.description,
            note=step.note,
            form=step.form,
            actors=list(step.actors),
            time=DraftTime.of(step.time) if step.time else None,
            outputs=list(step.outputs),
            requirements=[DraftRequirement.of(r) for r in step.requirements],
            branches=[
                DraftBranch(
                    b.outcome,
                    b.label,
                    b.next,
                    [DraftRequirement.of(r) for r in b.requirements],
                    list(b.actors),
                    list(b.outputs),
                )
                for b in step.branches
            ],
            next=step.next or CLOSE_TARGET,
            recorded_by=list(step.recorded_by),
        )


@dataclass
class Draft:
    id: str
    version: int
    name: str
    source: str
    office_level: str
    completion_time: DraftTime
    completion_return_to: str
    completion_label: str
    completion_outputs: list[str]
    actors: dict[str, str]
    see_identity: list[str]
    classifications: dict[str, str]
    closures: dict[str, list[str]]
    steps: list[DraftStep]
    number: str = ""
    approved_on: date | None = None
    approved_by: str = ""
    approver: str = ""
    approver_nip: str = ""
    unit: str = ""

    @classmethod
    def of(cls, profile: Profile) -> Draft:
        completion = profile.completion
        identity = profile.identity
        return cls(
            id=profile.id,
            version=profile.version,
            name=profile.name,
            source=profile.source,
            office_level=profile.office_level,
            completion_time=DraftTime.of(completion.time),
            completion_return_to=completion.return_to,
            completion_label=completion.label,
            completion_outputs=list(completion.outputs),
            actors=dict(profile.actors),
            see_identity=list(profile.see_identity),
            classifications=dict(profile.classifications),
            closures={k: list(v) for k, v in profile.closure_outputs.items()},
            steps=[DraftStep.of(s) for s in profile.steps],
            number=identity.number,
            approved_on=identity.approved_on,
            approved_by=identity.approved_by,
            approver=identity.approver,
            approver_nip=identity.approver_nip,
            unit=identity.unit,
        )

    # --- the steps' order and keys ---------------------------------------------------------------
    def step_index(self, key: str) -> int:
        for index, step in enumerate(self.steps):
            if step.key == key:
                return index
        raise KeyError(key)

    def new_step_key(self) -> str:
        keys = {s.key for s in self.steps}
        number = 1
        while f"langkah_{len(self.steps) + number}" in keys:
            number += 1
        return f"langkah_{len(self.steps) + number}"

    def add_step(self, after: int | None = None) -> int:
        """A new step after `after` (at the end when None), following it in the flow: the
        step before it now leads to the new one, which leads where that one led. Returns
        the new step's index."""
        index = len(self.steps) if after is None else after + 1
        before = self.steps[index - 1] if index > 0 else None
        step = DraftStep(
            key=self.new_step_key(),
            name="Langkah baru",
            form="disposition",
            actors=[next(iter(self.actors))] if self.actors else [],
            time=DraftTime("hari", 1),
        )
        if before is not None and not before.branches:
            step.next, before.next = before.next, step.key
        self.steps.insert(index, step)
        return index

    def remove_step(self, index: int) -> None:
        """Remove a step; whatever led to it now leads where it led (its first branch's
        target when it branched)."""
        gone = self.steps.pop(index)
        onward = gone.branches[0].next if gone.branches else gone.next
        self._retarget(gone.key, onward)

    def move_step(self, index: int, delta: int) -> int:
        """Move a step up (-1) or down (+1) in the table. A step that simply leads on (no
        branches) takes the flow with it: the step that led to it now leads where it led,
        and it slots in after the step now above it. Branch targets stay as written."""
        target = max(0, min(len(self.steps) - 1, index + delta))
        if target == index:
            return index
        step = self.steps.pop(index)
        if not step.branches:
            for other in self.steps:
                if not other.branches and other.next == step.key:
                    other.next = step.next
        self.steps.insert(target, step)
        before = self.steps[target - 1] if target > 0 else None
        if not step.branches and before is not None and not before.branches:
            step.next, before.next = before.next, step.key
        return target

    def rename_step(self, index: int, key: str) -> None:
        old = self.steps[index].key
        self.steps[index].key = key
        if old != key:
            self._retarget(old, key)

    def _retarget(self, old: str, new: str) -> None:
        for step in self.steps:
            if step.next == old:
                step.next = new
            for branch in step.branches:
                if branch.next == old:
                    branch.next = new
        if self.completion_return_to == old:
            self.completion_return_to = new

    # --- writing ---------------------------------------------------------------------------------
    def to_toml(self) -> str:
        """The draft as profile TOML, in the bundled profiles' layout."""
        out: list[str] = ["[profile]"]
        first = self.steps[0].key if self.steps else ""
        head: list[tuple[str, object]] = [
            ("id", self.id),
            ("version", self.version),
            ("name", self.name),
            ("office_level", self.office_level),
            ("first_step", first),
        ]
        if self.source.strip():
            head.insert(3, ("source", self.source))
        for key in ("number", "approved_by", "approver", "approver_nip", "unit"):
            if getattr(self, key):
                head.append((key, getattr(self, key)))
        if self.approved_on is not None:
            head.append(("approved_on", self.approved_on))
        out += [f"{_key(k)} = {_value(v)}" for k, v in head]
        out += [
            "",
            "[completion]",
            f"time = {_time(self.completion_time)}",
            f"return_to = {_value(self.completion_return_to)}",
            f"label = {_value(self.completion_label)}",
            f"outputs = {_value(self.completion_outputs)}",
            "",
            "[closures]",
            *(f"{_key(k)} = {_value(v)}" for k, v in self.closures.items()),
            "",
            "[actors]",
            *(f"{_key(k)} = {_value(v)}" for k, v in self.actors.items()),
            "",
            "[access]",
            f"see_identity = {_value(self.see_identity)}",
            "",
            "[classifications]",
            *(f"{_key(k)} = {_value(v)}" for k, v in self.classifications.items()),
        ]
        for no, step in enumerate(self.steps, start=1):
            out += ["", "[[steps]]", *_step_lines(step, no)]
        return "\n".join(out) + "\n"


def _step_lines(step: DraftStep, no: int) -> list[str]:
    lines = [
        f"key = {_value(step.key)}",
        f"no = {no}",
        f"name = {_value(step.name)}",
    ]
    if step.description.strip():
        lines.append(f"description = {_value(step.description)}")
    if step.note:
        lines.append(f"note = {_value(step.note)}")
    lines += [f"form = {_value(step.form)}", f"actors = {_value(step.actors)}"]
    if step.recorded_by:
        lines.append(f"recorded_by = {_value(step.recorded_by)}")
    if step.time is not None:
        lines.append(f"time = {_time(step.time)}")
    lines.append(f"outputs = {_value(step.outputs)}")
    lines += _requirement_lines(step.requirements, "")
    if not step.branches:
        lines.append(f"next = {_value(step.next)}")
    for branch in step.branches:
        lines += [
            "",
            "  [[steps.branches]]",
            f"  outcome = {_value(branch.outcome)}",
            f"  label = {_value(branch.label)}",
            f"  next = {_value(branch.next)}",
        ]
        if branch.actors:
            lines.append(f"  actors = {_value(branch.actors)}")
        if branch.outputs:
            lines.append(f"  outputs = {_value(branch.outputs)}")
        lines += _requirement_lines(branch.requirements, "  ")
    return lines


def _requirement_lines(requirements: list[DraftRequirement], indent: str) -> list[str]:
    if not requirements:
        return []
    lines = [f"{indent}requirements = ["]
    for req in requirements:
        parts = [f"{req.kind} = {_value(req.key)}", f"label = {_value(req.label)}"]
        if not req.required:
            parts.append("required = false")
        if req.when:
            parts.append(f"when = {_value(req.when)}")
        lines.append(f"{indent}  {{ {', '.join(parts)} }},")
    lines.append(f"{indent}]")
    return lines


def _time(time: DraftTime) -> str:
    if time.minimum is not None:
        return f"{{ min = {time.minimum}, max = {time.value}, unit = {_value(time.unit)} }}"
    return f"{{ value = {time.value}, unit = {_value(time.unit)} }}"


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _string(key)


def _string(text: str) -> str:
    # JSON's escapes are TOML's basic-string escapes; DEL is a control character TOML refuses raw.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return _string(str(value))
