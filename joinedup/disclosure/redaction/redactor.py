"""Suggest what to redact in a document: known people first, then UK patterns."""

from __future__ import annotations

from collections.abc import Sequence

from joinedup.disclosure.redaction.known import KnownIndex
from joinedup.disclosure.redaction.patterns import RECOGNISERS
from joinedup.disclosure.redaction.spans import KnownPerson, Span, choose_non_overlapping

__all__ = ["Redactor", "suggest_redactions"]


class Redactor:
    """Built once from the known people, then reused for many documents.

    `patterns=False` suggests only the known people's names and details; `presidio=True`
    adds Presidio's pattern recognisers (the optional `joinedup[presidio]` extra).
    """

    def __init__(
        self,
        known: Sequence[KnownPerson] = (),
        *,
        patterns: bool = True,
        presidio: bool = False,
    ) -> None:
        self._known = KnownIndex(known)
        self._patterns = patterns
        self._presidio = None
        if presidio:
            from joinedup.disclosure.redaction.presidio import PresidioPatterns

            self._presidio = PresidioPatterns()

    def suggest(self, text: str) -> list[Span]:
        """Spans to redact, sorted and non-overlapping (the longest of overlapping ones)."""
        found = self._known.find(text)
        if self._patterns:
            for recognise in RECOGNISERS.values():
                found.extend(recognise(text))
        if self._presidio is not None:
            found.extend(self._presidio.find(text))
        return choose_non_overlapping(found)


def suggest_redactions(
    text: str, known: Sequence[KnownPerson] = (), *, patterns: bool = True
) -> list[Span]:
    """One-off `Redactor(known, patterns=patterns).suggest(text)`."""
    return Redactor(known, patterns=patterns).suggest(text)
