"""The words around a match: what comes before and after, and whether a sentence starts."""

from __future__ import annotations

import re

__all__ = ["is_capitalised", "is_sentence_start", "next_word", "previous_word"]

_WORD_AFTER = re.compile(r"[ \t]*([A-Za-z][\w'’-]*)")
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'’-]*)[ \t]*$")
_OPENERS = " \t\r\"'“‘(*•-–"


def next_word(text: str, end: int) -> str | None:
    """The word that follows `end` on the same line, if any."""
    found = _WORD_AFTER.match(text, end, min(len(text), end + 40))
    return found.group(1) if found else None


def previous_word(text: str, start: int) -> str | None:
    """The word just before `start` on the same line, if any."""
    found = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    return found.group(1) if found else None


def is_capitalised(word: str) -> bool:
    """ "Grace" or "McCarthy", not "grace" or "GRACE"."""
    return word[:1].isupper() and not word.isupper()


def is_sentence_start(text: str, start: int) -> bool:
    """True when only openers (spaces, quotes, bullets) lie between a full stop and `start`."""
    position = start
    while position > 0 and text[position - 1] in _OPENERS:
        position -= 1
    return position == 0 or text[position - 1] in ".!?:;\n"
