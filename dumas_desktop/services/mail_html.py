"""An e-mail's HTML as plain text, on the standard library's parser: no scripts, no styles,
no remote content (images are named by their alt text, never fetched), links written out.

Written here rather than taken from html2text, which is GPL-3 (the program is MIT)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP = {"script", "style", "head", "title", "noscript", "template", "svg", "math", "object", "iframe"}
_BLOCK = {
    "p", "div", "br", "tr", "table", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "hr", "section", "article", "header", "footer", "address", "dl", "dt", "dd",
}  # fmt: skip
MAX_TEXT = 200_000


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.size = 0
        self.href: str | None = None

    def _add(self, text: str) -> None:
        if self.size < MAX_TEXT:
            self.parts.append(text)
            self.size += len(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
            return
        if self.skipping:
            return
        if tag in _BLOCK:
            self._add("\n")
        if tag == "li":
            self._add("- ")
        if tag == "img":
            alt = dict(attrs).get("alt") or ""
            if alt.strip():
                self._add(f"[gambar: {alt.strip()}]")
        if tag == "a":
            href = dict(attrs).get("href") or ""
            self.href = href if href.startswith(("http://", "https://", "mailto:")) else None
        if tag in ("td", "th"):
            self._add("\t")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
            return
        if self.skipping:
            return
        if tag == "a" and self.href:
            self._add(f" <{self.href}>")
            self.href = None
        if tag in _BLOCK:
            self._add("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self._add(data)


def html_to_text(html: str) -> str:
    parser = _Text()
    try:
        parser.feed(html[: MAX_TEXT * 5])
        parser.close()
    except (AssertionError, ValueError):  # html.parser's own refusals of broken markup
        pass
    text = "".join(parser.parts)
    lines = [" ".join(line.replace("\xa0", " ").split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
