"""The building blocks of an official paper: title and number, label-value lists, the
letter's heading, tables, and signature blocks that never split across pages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ..domain.texts import long_date
from ..domain.validation import format_phone
from . import fonts
from .facts import HIDDEN, OfficeFacts, PartyFacts, Signatory

EMPTY = "-"


@cache
def styles() -> dict[str, ParagraphStyle]:
    family = fonts.register()
    base = ParagraphStyle("body", fontName=family, fontSize=11, leading=15, alignment=TA_JUSTIFY)
    return {
        "body": base,
        "left": ParagraphStyle("left", parent=base, alignment=TA_LEFT),
        "cell": ParagraphStyle("cell", parent=base, fontSize=10, leading=12.5, alignment=TA_LEFT),
        "cell_bold": ParagraphStyle(
            "cell_bold", parent=base, fontName=fonts.BOLD, fontSize=10, leading=12.5, alignment=TA_LEFT
        ),
        "tiny": ParagraphStyle("tiny", parent=base, fontSize=8, leading=9.6, alignment=TA_LEFT),
        "tiny_bold": ParagraphStyle(
            "tiny_bold", parent=base, fontName=fonts.BOLD, fontSize=8, leading=9.6, alignment=TA_LEFT
        ),
        "small": ParagraphStyle("small", parent=base, fontSize=9, leading=11.5, alignment=TA_LEFT),
        "title": ParagraphStyle(
            "title", parent=base, fontName=fonts.BOLD, fontSize=12, leading=16, alignment=TA_CENTER
        ),
        "centre": ParagraphStyle("centre", parent=base, alignment=TA_CENTER),
        "heading": ParagraphStyle(
            "heading", parent=base, fontName=fonts.BOLD, spaceBefore=8, spaceAfter=3, alignment=TA_LEFT
        ),
    }


def text(value: object, empty: str = EMPTY) -> str:
    """User text made safe for reportlab's markup, line breaks kept."""
    if value is None or value == "":
        return empty
    return escape(str(value)).replace("\n", "<br/>")


def sentence(value: str) -> str:
    """Typed text set inside a sentence of ours: its own closing stop dropped, so the
    sentence's punctuation follows it ("alasan: salah ketik.." and "ketik.," never print)."""
    return value.strip().rstrip(".;,").rstrip() or EMPTY


def para(value: object, style: str = "body", empty: str = EMPTY) -> Paragraph:
    return Paragraph(text(value, empty), styles()[style])


def markup(value: str, style: str = "body") -> Paragraph:
    """A paragraph whose markup the program wrote itself (bold, breaks)."""
    return Paragraph(value, styles()[style])


def space(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)


def heading(value: str) -> Paragraph:
    return Paragraph(escape(value), styles()["heading"])


def title(value: str, number: str = "", subtitle: str = "") -> list[Flowable]:
    parts: list[Flowable] = [Paragraph(f"<u>{escape(value.upper())}</u>", styles()["title"])]
    if subtitle:
        parts.append(Paragraph(escape(subtitle.upper()), styles()["title"]))
    if number:
        parts.append(Paragraph(f"Nomor: {escape(number)}", styles()["centre"]))
    parts.append(space(5))
    return parts


def day_date(value: date | datetime | None) -> str:
    if value is None:
        return EMPTY
    return long_date(value.date() if isinstance(value, datetime) else value)


def date_and_time(value: datetime | None) -> str:
    if value is None:
        return EMPTY
    return f"{long_date(value.date())}, pukul {value:%H.%M}"


def fields(rows: Iterable[tuple[str, object]], width: float, label_mm: float = 48) -> Table:
    """ "Label : value" lines, the way forms are filled in."""
    data = [[para(label, "left"), ":", para(value, "left")] for label, value in rows]
    table = Table(data, colWidths=[label_mm * mm, 4 * mm, width - (label_mm + 4) * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONT", (0, 0), (-1, -1), fonts.FAMILY, 11),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def grid(
    header: Sequence[str], rows: Sequence[Sequence[object]], widths_mm: Sequence[float], *, small: bool = False
) -> Table:
    """A bordered table whose header repeats on every page."""
    cell_style, head_style = ("tiny", "tiny_bold") if small else ("cell", "cell_bold")
    head = [Paragraph(escape(h), styles()[head_style]) for h in header]
    body = [[cell if isinstance(cell, Flowable) else para(cell, cell_style, empty="") for cell in row] for row in rows]
    table = Table([head, *body], colWidths=[w * mm for w in widths_mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, "#000000"),
                ("FONT", (0, 0), (-1, -1), fonts.FAMILY, 10),
                ("BACKGROUND", (0, 0), (-1, 0), "#e6e6e6"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 2 if small else 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2 if small else 4),
            ]
        )
    )
    return table


def signature(
    position: str,
    signatory: Signatory | None,
    width: float,
    *,
    place_date: str = "",
    caption: str = "",
    align_right: bool = True,
) -> KeepTogether:
    """One signature block; kept whole on one page."""
    name = signatory.name if signatory else "(.................................................)"
    nip = signatory.nip if signatory else ""
    lines: list[Flowable] = []
    if place_date:
        lines.append(para(place_date, "left"))
    if caption:
        lines.append(para(caption, "left"))
    lines.append(para(position, "left"))
    lines.append(space(20))
    lines.append(markup(f"<b><u>{escape(name)}</u></b>", "left"))
    if nip:
        lines.append(para(f"NIP. {nip}", "left"))
    block_width = 80 * mm
    column = Table([[line] for line in lines], colWidths=[block_width])
    column.setStyle(_tight())
    offset = width - block_width if align_right else 0
    holder = Table([["", column]], colWidths=[offset, block_width])
    holder.setStyle(_tight())
    return KeepTogether([space(6), holder])


def signature_grid(signers: Sequence[tuple[str, str, str]], width: float, *, heading_text: str = "") -> KeepTogether:
    """Rows of signature boxes (caption, name, NIP), two per row, kept on one page."""
    column = width / 2
    cells = []
    for caption, name, nip in signers:
        lines = [
            para(caption, "centre"),
            space(18),
            markup(f"<b><u>{escape(name or '(....................................)')}</u></b>", "centre"),
        ]
        if nip:
            lines.append(para(f"NIP. {nip}", "centre"))
        cell = Table([[line] for line in lines], colWidths=[column - 4 * mm])
        cell.setStyle(_tight())
        cells.append(cell)
    rows = [cells[i : i + 2] + [""] * (2 - len(cells[i : i + 2])) for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=[column, column])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("FONT", (0, 0), (-1, -1), fonts.FAMILY, 11),
            ]
        )
    )
    head: list[Flowable] = [para(heading_text, "centre"), space(2)] if heading_text else []
    return KeepTogether([space(6), *head, table])


def _tight() -> TableStyle:
    return TableStyle(
        [
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            # Plain-string cells (the empty fillers) would otherwise name Helvetica.
            ("FONT", (0, 0), (-1, -1), fonts.FAMILY, 11),
        ]
    )


def letter_heading(
    office: OfficeFacts,
    number: str,
    on: date,
    subject: str,
    addressee: Sequence[str],
    width: float,
    *,
    nature: str = "Biasa",
    attachment: str = "-",
) -> list[Flowable]:
    """Number, nature, attachment and subject on the left, place and date on the right,
    then "Yth." and the addressee, as official letters open."""
    left = fields(
        [("Nomor", number or EMPTY), ("Sifat", nature), ("Lampiran", attachment), ("Hal", subject)],
        width * 0.62,
        label_mm=20,
    )
    right = para(f"{office.city or ''}, {day_date(on)}".lstrip(", "), "left")
    top = Table([[left, right]], colWidths=[width * 0.62, width * 0.38])
    top.setStyle(_tight())
    to_lines: list[Flowable] = [para("Yth.", "left"), *(para(line, "left") for line in addressee)]
    to_lines += [para("di \u2013", "left"), markup("&nbsp;" * 8 + "Tempat", "left")]
    to = Table([[line] for line in to_lines], colWidths=[width * 0.6], hAlign="LEFT")
    to.setStyle(_tight())
    return [top, space(6), to, space(6)]


def party_name(party: PartyFacts | None, reveal: bool) -> str:
    if party is None:
        return EMPTY
    if party.confidential and not reveal:
        return HIDDEN
    return party.name


def party_rows(party: PartyFacts, reveal: bool) -> list[tuple[str, object]]:
    """A party's identity as forms list it; a confidential reporter's only when revealed."""
    if party.confidential and not reveal:
        return [("Nama", HIDDEN), ("Keterangan", "Identitas pelapor dirahasiakan atas permintaan pelapor")]
    rows: list[tuple[str, object]] = [("Nama", party.name)]
    if party.id_number:
        rows.append((_ID_LABELS.get(party.id_kind, "Nomor identitas"), party.id_number))
    if party.position or party.unit:
        rows.append(("Jabatan/unit", ", ".join(v for v in (party.position, party.unit) if v)))
    if party.occupation:
        rows.append(("Pekerjaan", party.occupation))
    rows.append(("Alamat", party.address))
    if party.phone:
        rows.append(("Telepon", format_phone(party.phone)))
    if party.email:
        rows.append(("Surel", party.email))
    return rows


_ID_LABELS = {"nik": "NIK", "paspor": "Nomor paspor", "sim": "Nomor SIM", "lainnya": "Nomor identitas"}
