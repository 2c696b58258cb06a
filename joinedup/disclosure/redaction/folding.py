"""Fold text for matching without moving a single character: offsets stay true."""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

__all__ = ["fold", "normal"]

_FOLD_CHARS = str.maketrans({"’": "'", "‘": "'", "`": "'", "‐": "-", "‑": "-", "–": "-"})
_SPECIAL = {"ł": "l", "ø": "o", "ß": "s", "đ": "d", "ı": "i"}


def fold(text: str) -> str:
    """Lower case without accents, straight apostrophes, same length as `text`."""
    text = text.translate(_FOLD_CHARS)
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(ch) for ch in text)


@cache
def _fold_char(ch: str) -> str:
    if ch.isspace():
        return " "
    base = unicodedata.normalize("NFKD", ch)[0].lower()
    special = _SPECIAL.get(ch.lower())
    folded = special or base
    return folded if len(folded) == 1 else ch


@lru_cache(maxsize=262_144)
def normal(value: str) -> str:
    """Folded, with runs of white space made one space and the ends trimmed."""
    return " ".join(fold(value).split())
