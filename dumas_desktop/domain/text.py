"""Text as people type and paste it: an input method's full-width letters (“ＤＰＴ”),
ligatures from a PDF (“ﬁktif”) and other compatibility forms are stored in their plain
Unicode form (NFKC), so that search, sorting and comparison see the words a person means."""

from __future__ import annotations

import dataclasses
import unicodedata
from typing import Any, TypeVar

T = TypeVar("T")


def plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def plain_fields(value: T) -> T:
    """A frozen input dataclass with every text in it (nested inputs and tuples of them
    included) in plain form; bytes and other values untouched."""
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(value):
        current = getattr(value, field.name)
        if isinstance(current, str):
            changes[field.name] = plain(current)
        elif isinstance(current, tuple):
            changes[field.name] = tuple(plain_fields(item) for item in current)
        elif dataclasses.is_dataclass(current):
            changes[field.name] = plain_fields(current)
    return dataclasses.replace(value, **changes)  # type: ignore[type-var]
