"""The bundled fonts, embedded in every document so it looks the same on every PC."""

from __future__ import annotations

from functools import cache

from ..paths import resources_dir

FAMILY = "DumasSans"
BOLD = f"{FAMILY}-Bold"
ITALIC = f"{FAMILY}-Italic"
FILES = {
    FAMILY: "LiberationSans-Regular.ttf",
    BOLD: "LiberationSans-Bold.ttf",
    ITALIC: "LiberationSans-Italic.ttf",
    f"{FAMILY}-BoldItalic": "LiberationSans-BoldItalic.ttf",
}


@cache
def register() -> str:
    """Register the family once per process; returns its name for styles."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from ..domain.errors import DumasError

    folder = resources_dir() / "fonts"
    for name, file in FILES.items():
        path = folder / file
        if not path.is_file():
            raise DumasError(f"Berkas huruf {file} tidak ditemukan di {folder}. Pasang ulang program.")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(FAMILY, normal=FAMILY, bold=BOLD, italic=ITALIC, boldItalic=f"{FAMILY}-BoldItalic")
    return FAMILY
