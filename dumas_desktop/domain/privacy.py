"""Showing personal data: what a confidential reporter's choice hides, and masking.

NIK and phone numbers are masked wherever they are shown, even to those who may see
them; the full number is shown only on request, and the request is recorded.
"""

from __future__ import annotations

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
