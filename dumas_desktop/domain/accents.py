"""Letters with diacritics and the plain letters searching folds them to, the same on a
file (FTS5's remove_diacritics) and on a server (migration 0011 folds its documents, and
what people type is folded here before it is sent)."""

from __future__ import annotations


def _accent_pairs() -> tuple[str, str]:
    """Latin letters with diacritics (Latin-1, Extended-A and -B, Extended Additional) and
    the plain lowercase letter each folds to, as FTS5's remove_diacritics folds them: a
    letter whose canonical decomposition is an ASCII letter and combining marks only."""
    import unicodedata

    accented, plain = [], []
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        letter = chr(code)
        parts = unicodedata.normalize("NFD", letter)
        base, marks = parts[0], parts[1:]
        if marks and base.isascii() and base.isalpha() and all(unicodedata.combining(m) for m in marks):
            accented.append(letter)
            plain.append(base.lower())
    return "".join(accented), "".join(plain)


ACCENTED, UNACCENTED = _accent_pairs()
FOLD_ACCENTS = str.maketrans(ACCENTED, UNACCENTED)
