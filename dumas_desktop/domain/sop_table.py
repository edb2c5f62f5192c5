"""A profile's steps as the SOP's own table (No, Kegiatan, Pelaksana, Mutu Baku), in words:
the printed SOP and the editor's preview read the same rows, and the comparison of a draft
with the version in force marks what changed cell by cell."""

from __future__ import annotations

from dataclasses import dataclass

from . import catalog
from .sop import CLOSE_TARGET, COMPLETION_TARGET, Profile, Step

COLUMNS = {
    "activity": "Kegiatan",
    "actors": "Pelaksana",
    "requirements": "Kelengkapan/Persyaratan",
    "time": "Waktu",
    "outputs": "Output",
    "remarks": "Keterangan",
}


@dataclass(frozen=True)
class SopRow:
    key: str
    no: int
    activity: str
    actors: tuple[str, ...]  # actor keys, in the profile's column order
    requirements: str
    time: str
    outputs: str
    remarks: str

    def cell(self, column: str) -> str:
        value = getattr(self, column)
        return ", ".join(value) if isinstance(value, tuple) else value


@dataclass(frozen=True)
class ComparedRow:
    row: SopRow
    before: SopRow | None  # the same step (by key) in the version in force; None: a new step
    changed: frozenset[str]  # the COLUMNS that differ


def table_rows(profile: Profile) -> list[SopRow]:
    order = list(profile.actors)
    numbers = {s.key: i for i, s in enumerate(profile.steps, start=1)}
    return [
        SopRow(
            key=step.key,
            no=no,
            activity=step.description or step.name,
            actors=tuple(a for a in order if a in step.actors),
            requirements=requirements_text(step),
            time=step.time.describe() if step.time else "",
            outputs=outputs_text(step),
            remarks=remarks_text(step, numbers),
        )
        for no, step in enumerate(profile.steps, start=1)
    ]


def requirements_text(step: Step) -> str:
    lines = []
    for req in step.requirements:
        line = req.label
        if not req.required:
            line += " (dianjurkan)"
        if req.when:
            line += f" (bila {catalog.CHECK_LABELS.get(req.when, req.when).lower()})"
        lines.append(line)
    return "; ".join(lines)


def outputs_text(step: Step) -> str:
    kinds = list(step.outputs)
    for branch in step.branches:
        kinds += [k for k in branch.outputs if k not in kinds]
    return "; ".join(catalog.DOCUMENT_KINDS.get(k, k) for k in kinds)


def target_text(target: str, numbers: dict[str, int]) -> str:
    if target == COMPLETION_TARGET:
        return "kelengkapan pelapor"
    if target == CLOSE_TARGET:
        return "selesai"
    return f"langkah {numbers.get(target, target)}"


def remarks_text(step: Step, numbers: dict[str, int]) -> str:
    lines = [step.note] if step.note else []
    lines += [f"{b.label} \u2192 {target_text(b.next, numbers)}" for b in step.branches]
    return "\n".join(lines)


def compare(draft: Profile, active: Profile) -> tuple[list[ComparedRow], list[SopRow]]:
    """The draft's rows, each with the columns that differ from the same step in force,
    and the steps in force that the draft no longer has."""
    before = {row.key: row for row in table_rows(active)}
    rows = []
    for row in table_rows(draft):
        old = before.pop(row.key, None)
        changed = frozenset(COLUMNS) if old is None else frozenset(c for c in COLUMNS if row.cell(c) != old.cell(c))
        rows.append(ComparedRow(row, old, changed))
    return rows, list(before.values())
