"""The profile editor's preview: the draft as the SOP's own table beside what is in force,
each changed cell marked and the text in force struck through beneath it."""

from __future__ import annotations

from html import escape

from ..domain.sop import CLOSE_TARGET, Profile, Step
from ..domain.sop_table import ComparedRow, compare
from .texts import tr


def _cell(compared: ComparedRow, column: str, value: str) -> str:
    changed = column in compared.changed
    before = compared.before
    old = ""
    if changed and before is not None:
        old = f"<br/><span class='old'>{_html(before.cell(column))}</span>"
    css = f" class='{'new' if before is None else 'changed'}'" if changed else ""
    return f"<td{css}>{_html(value)}{old}</td>"


def _html(value: str) -> str:
    return escape(value).replace("\n", "<br/>")


def _symbol(index: int, step: Step) -> str:
    """The flowchart symbol as a character (the printed SOP draws it)."""
    if index == 0 or (not step.branches and step.next == CLOSE_TARGET):
        return "\u25cb"  # oval: start or end
    return "\u25c7" if step.branches else "\u25a1"


def compare_html(draft: Profile, active: Profile) -> str:
    """The draft as the SOP's table, each changed cell marked and the text in force shown
    struck through beneath it; steps the draft drops listed after."""
    rows, removed = compare(draft, active)
    actors = list(draft.actors)
    head = "".join(f"<th>{escape(draft.actors[a])}</th>" for a in actors)
    out = [
        "<style>td,th{border:1px solid #888;padding:3px;vertical-align:top;font-size:9pt}"
        "th{background:#e6e6e6} .changed{background:#fff3b0} .new{background:#d7f5d7}"
        " .old{color:#8a1c1c;text-decoration:line-through}</style>",
        f"<p><b>{escape(tr('Draf'))}</b> {escape(tr('dibandingkan dengan versi yang berlaku'))} "
        f"({escape(active.id)} {escape(tr('versi'))} {active.version}). "
        f"<span class='changed'>{escape(tr('Kuning: berubah'))}</span>, "
        f"<span class='new'>{escape(tr('hijau: langkah baru'))}</span>.</p>",
        "<table cellspacing='0' width='100%'>",
        f"<tr><th rowspan='2'>No</th><th rowspan='2' width='22%'>{escape(tr('Kegiatan'))}</th>"
        f"<th colspan='{len(actors)}'>{escape(tr('Pelaksana'))}</th>"
        f"<th colspan='4'>{escape(tr('Mutu Baku'))}</th></tr>",
        f"<tr>{head}<th>{escape(tr('Kelengkapan/Persyaratan'))}</th><th>{escape(tr('Waktu'))}</th>"
        f"<th>{escape(tr('Output'))}</th><th>{escape(tr('Keterangan'))}</th></tr>",
    ]
    steps = {s.key: (i, s) for i, s in enumerate(draft.steps)}
    for compared in rows:
        row = compared.row
        mark = "new" if compared.before is None else "changed"
        symbol = _symbol(*steps[row.key])

        def cell(column: str, value: str, compared: ComparedRow = compared) -> str:
            return _cell(compared, column, value)

        actor_changed = "actors" in compared.changed
        actor_cells = "".join(
            f"<td align='center'{(' class=' + repr(mark)) if actor_changed else ''}>"
            f"{symbol if a in row.actors else ''}</td>"
            for a in actors
        )
        out.append(
            f"<tr><td>{row.no}</td>{cell('activity', row.activity)}{actor_cells}"
            f"{cell('requirements', row.requirements)}{cell('time', row.time)}"
            f"{cell('outputs', row.outputs)}{cell('remarks', row.remarks)}</tr>"
        )
    out.append("</table>")
    if removed:
        out.append(f"<p><b>{escape(tr('Langkah yang dihapus dari versi yang berlaku:'))}</b></p><ul>")
        out += [f"<li class='old'>{r.no}. {escape(r.activity)}</li>" for r in removed]
        out.append("</ul>")
    if not any(c.changed for c in rows) and not removed:
        out.append(f"<p>{escape(tr('Tidak ada perbedaan langkah dengan versi yang berlaku.'))}</p>")
    return "".join(out)
