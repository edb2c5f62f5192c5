"""The sheet: paper size, the letterhead (kop surat) on the first page, page numbers on
the pages after it, and the DRAF mark on drafts."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageTemplate

from ..domain.validation import format_phone
from . import fonts
from .facts import OfficeFacts

# F4 (folio) is what many Indonesian offices load in their printers.
PAPERS: dict[str, tuple[float, float]] = {"A4": A4, "F4": (215 * mm, 330 * mm)}
LANDSCAPE_PAPERS: dict[str, tuple[float, float]] = {k: (h, w) for k, (w, h) in PAPERS.items()}

MARGIN_LEFT = 25 * mm
MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 15 * mm
MARGIN_BOTTOM = 20 * mm
LETTERHEAD_HEIGHT = 34 * mm

_HEADLINE = "KOMISI PEMILIHAN UMUM"
# Tables are laid out to the full body width; the frame's default padding would push them out.
_NO_PADDING = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}


def letterhead_lines(office: OfficeFacts) -> tuple[list[str], list[str]]:
    """The bold name lines and the smaller contact lines of the letterhead."""
    name = office.name.upper().strip()
    split = name.startswith(_HEADLINE) and name != _HEADLINE
    heads = [_HEADLINE, name[len(_HEADLINE) :].strip()] if split else [name]
    contacts = []
    if office.address:
        contacts.append(office.address)
    reach = [
        f"Telepon {format_phone(office.phone)}" if office.phone else "",
        f"Surel {office.email}" if office.email else "",
        f"Laman {office.website}" if office.website else "",
    ]
    if any(reach):
        contacts.append("  \u2022  ".join(part for part in reach if part))
    return heads, contacts


def _draw_letterhead(canvas: Canvas, office: OfficeFacts, width: float, height: float) -> None:
    top = height - MARGIN_TOP
    left, right = MARGIN_LEFT, width - MARGIN_RIGHT
    logo_size = 24 * mm
    if office.logo:
        try:
            image = ImageReader(io.BytesIO(office.logo))
            canvas.drawImage(image, left, top - logo_size, logo_size, logo_size, preserveAspectRatio=True, mask="auto")
        except (OSError, ValueError):  # a damaged logo must not stop the paper: it is left out
            pass
    centre = (left + right) / 2 + (logo_size / 2 if office.logo else 0)
    heads, contacts = letterhead_lines(office)
    y = top - 6 * mm
    for line in heads:
        canvas.setFont(fonts.BOLD, 14)
        canvas.drawCentredString(centre, y, line)
        y -= 6 * mm
    for line in contacts:
        canvas.setFont(fonts.FAMILY, 9)
        canvas.drawCentredString(centre, y, line)
        y -= 4.2 * mm
    rule = top - LETTERHEAD_HEIGHT + 4 * mm
    canvas.setStrokeColor(black)
    canvas.setLineWidth(2.2)
    canvas.line(left, rule, right, rule)
    canvas.setLineWidth(0.6)
    canvas.line(left, rule - 1.6 * mm, right, rule - 1.6 * mm)


def _draw_page_number(canvas: Canvas, width: float, height: float) -> None:
    canvas.setFont(fonts.FAMILY, 10)
    canvas.drawCentredString(width / 2, height - MARGIN_TOP + 2 * mm, f"- {canvas.getPageNumber()} -")


def _draw_page_of(canvas: Canvas, width: float, total: int) -> None:
    canvas.setFont(fonts.FAMILY, 9)
    canvas.drawCentredString(width / 2, MARGIN_BOTTOM / 2, f"Halaman {canvas.getPageNumber()} dari {total}")


def _draw_draft_mark(canvas: Canvas, width: float, height: float) -> None:
    canvas.saveState()
    canvas.setFillColor(Color(0.6, 0.6, 0.6, alpha=0.25))
    canvas.setFont(fonts.BOLD, 110)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(45)
    canvas.drawCentredString(0, -35, "DRAF")
    canvas.restoreState()


def render(
    story: Sequence[Flowable],
    office: OfficeFacts,
    *,
    title: str,
    subject: str = "",
    paper: str = "A4",
    landscape: bool = False,
    draft: bool = False,
    letterhead: bool = True,
    page_of: int | None = None,
    on_page_end: Callable[[Canvas], None] | None = None,
) -> bytes:
    """Lay the story out on letterhead paper; the same facts always give the same bytes.

    With `page_of` every page says "Halaman X dari Y" at its foot (Y = page_of) instead of
    the number at the top of the pages after the first. `on_page_end` draws over each page
    once its content is laid (the SOP's flowchart arrows join symbols across table cells)."""
    fonts.register()
    size = (LANDSCAPE_PAPERS if landscape else PAPERS)[paper]
    width, height = size
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=size,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        subject=subject,
        author=office.name,
        creator="Dumas Desktop",
        invariant=1,
        # Otherwise every page names Helvetica, a font that is not embedded.
        initialFontName=fonts.FAMILY,
        initialFontSize=11,
    )
    body_width = width - MARGIN_LEFT - MARGIN_RIGHT
    first_top = LETTERHEAD_HEIGHT if letterhead else 8 * mm
    first = Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        body_width,
        height - MARGIN_TOP - MARGIN_BOTTOM - first_top,
        id="first",
        **_NO_PADDING,
    )
    later = Frame(
        MARGIN_LEFT, MARGIN_BOTTOM, body_width, height - MARGIN_TOP - MARGIN_BOTTOM - 8 * mm, id="later", **_NO_PADDING
    )

    def on_first(canvas: Canvas, _doc: Any) -> None:
        if letterhead:
            _draw_letterhead(canvas, office, width, height)
        if page_of is not None:
            _draw_page_of(canvas, width, page_of)
        if draft:
            _draw_draft_mark(canvas, width, height)

    def on_later(canvas: Canvas, _doc: Any) -> None:
        if page_of is None:
            _draw_page_number(canvas, width, height)
        else:
            _draw_page_of(canvas, width, page_of)
        if draft:
            _draw_draft_mark(canvas, width, height)

    def on_end(canvas: Canvas, _doc: Any) -> None:
        if on_page_end is not None:
            on_page_end(canvas)

    doc.addPageTemplates(
        [
            PageTemplate(id="first", frames=[first], onPage=on_first, onPageEnd=on_end, autoNextPageTemplate="later"),
            PageTemplate(id="later", frames=[later], onPage=on_later, onPageEnd=on_end),
        ]
    )
    doc.build([NextPageTemplate("later"), *story])
    return out.getvalue()


def body_width(paper: str = "A4", landscape: bool = False) -> float:
    width = (LANDSCAPE_PAPERS if landscape else PAPERS)[paper][0]
    return width - MARGIN_LEFT - MARGIN_RIGHT
