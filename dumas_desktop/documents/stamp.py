"""Marking a reprint as a copy (SALINAN) on the very PDF that was issued, and joining
papers into one batch for printing."""

from __future__ import annotations

import io
from collections.abc import Iterable

from . import fonts

COPY_MARK = "SALINAN"


def _mark(width: float, height: float, note: str, warning: str) -> bytes:
    from reportlab.lib.colors import Color
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    fonts.register()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(width, height), invariant=1, initialFontName=fonts.FAMILY)
    box_w, box_h = 34 * mm, 10 * mm
    x, y = width - 20 * mm - box_w, height - 9 * mm - box_h
    canvas.setStrokeColor(Color(0.75, 0, 0))
    canvas.setFillColor(Color(0.75, 0, 0))
    canvas.setLineWidth(1.4)
    canvas.rect(x, y, box_w, box_h)
    canvas.setFont(fonts.BOLD, 15)
    canvas.drawCentredString(x + box_w / 2, y + 3 * mm, COPY_MARK)
    if note:
        canvas.setFont(fonts.FAMILY, 7)
        canvas.drawRightString(x + box_w, y - 3.5 * mm, note)
    if warning:  # above the box, in the page's top margin, clear of the letterhead
        canvas.setFont(fonts.BOLD, 8)
        canvas.drawRightString(x + box_w, height - 6 * mm, warning)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def mark_copy(pdf: bytes, note: str = "", warning: str = "") -> bytes:
    """The issued PDF, unchanged underneath, with SALINAN boxed on every page; `warning`
    (in red, under the note) says when the paper is no longer in force."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    marks: dict[tuple[float, float], object] = {}
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        if size not in marks:
            marks[size] = PdfReader(io.BytesIO(_mark(*size, note, warning))).pages[0]
        added = writer.add_page(page)
        added.merge_page(marks[size])  # type: ignore[arg-type]
    writer.add_metadata({k: v for k, v in (reader.metadata or {}).items() if isinstance(v, str)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def join(pdfs: Iterable[bytes]) -> bytes:
    """One PDF of several papers, in order, for one print job."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for pdf in pdfs:
        for page in PdfReader(io.BytesIO(pdf)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)
