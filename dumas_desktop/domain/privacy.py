"""Showing personal data: what a confidential reporter's choice hides, and masking.

NIK and phone numbers are masked wherever they are shown, even to those who may see
them; the full number is shown only on request, and the request is recorded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

CONFIDENTIAL_LABEL = "Dirahasiakan"
CONFIDENTIAL_SUBJECT = "Laporan dirahasiakan"
_DOT = "\u2022"


def hides_identity(role: str, confidentiality: str) -> bool:
    """The reporter asked that their identity (or the whole report) be kept confidential."""
    return role == "reporter" and confidentiality in ("identitas", "seluruh")


def hides_content(confidentiality: str) -> bool:
    """The reporter asked that the whole report be kept confidential."""
    return confidentiality == "seluruh"


def mask_id(number: str) -> str:
    """6103012345670001 -> 6103••••••••0001: the region stays, the person does not."""
    digits = "".join(number.split())
    if len(digits) <= 8:
        return _DOT * len(digits)
    return digits[:4] + _DOT * (len(digits) - 8) + digits[-4:]


def mask_phone(phone: str) -> str:
    """081234567890 -> 0812••••7890."""
    compact = "".join(ch for ch in phone if ch.isdigit() or ch == "+")
    if len(compact) <= 6:
        return _DOT * len(compact)
    keep = 4 if len(compact) >= 10 else 2
    return compact[:keep] + _DOT * (len(compact) - 2 * keep) + compact[-keep:]


def mask_email(email: str) -> str:
    name, at, domain = email.partition("@")
    if not at:
        return _DOT * len(email)
    return (name[:1] + _DOT * max(len(name) - 1, 2)) + "@" + domain


REDACTED = f"[{CONFIDENTIAL_LABEL.lower()}]"
# Numbers that identify a person, whoever they belong to: a NIK or NIP (16-18 digits,
# perhaps grouped), an Indonesian mobile or fixed number; and any e-mail address.
_NUMBERS = re.compile(
    r"(?<!\w)(?:\d[ .-]?){15,17}\d(?!\w)"
    r"|(?<![\w+])(?:\+62|62|0)[ .-]?\d{2,4}(?:[ .-]?\d{2,4}){2,3}(?!\w)"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SIX_DIGITS = re.compile(r"\d(?:[ .-]?\d){5}")  # no number above has fewer
_MIN_NAME_WORD = 4  # shorter words ("Ali", "Bin") match too much ordinary text


def redactor(names: Iterable[str], details: Iterable[str] = ()) -> Callable[[str], str]:
    """What to do to free text that may name people: `names` are the names recorded for
    the case's people, `details` their numbers and addresses. Each is replaced whole,
    ignoring case, and so is each word of a name of four letters or more on its own (a first
    name written alone still names the person); any NIK, phone number or e-mail address is
    replaced as well, whoever it belongs to. An address without a number ("Desa Empoto,
    Kecamatan Noyan") stays: it names a place many people live in, often where the event
    happened, which the case needs."""
    phrases: set[str] = set()
    for value, split in [(v, True) for v in names] + [(v, False) for v in details]:
        value = " ".join(value.split())
        if len(value) < 3 or value == CONFIDENTIAL_LABEL or (not split and not any(c.isdigit() for c in value)):
            continue
        phrases.add(value)
        if split:
            phrases.update(word for word in re.findall(r"[^\W\d_]+", value) if len(word) >= _MIN_NAME_WORD)
    needles = [phrase.lower() for phrase in phrases]
    named: re.Pattern[str] | None = None  # compiled on first need: most texts name nobody

    def redact(text: str) -> str:
        nonlocal named
        if not text:
            return text
        lowered = text.lower()
        if any(needle in lowered for needle in needles):
            if named is None:
                ordered = sorted(phrases, key=len, reverse=True)
                alternatives = "|".join(rf"(?<!\w){re.escape(p)}(?!\w)" for p in ordered)
                named = re.compile(alternatives, re.IGNORECASE)
            text = named.sub(REDACTED, text)
        if "@" in text:
            text = _EMAIL.sub(REDACTED, text)
        if _SIX_DIGITS.search(text):
            text = _NUMBERS.sub(REDACTED, text)
        return text

    return redact
