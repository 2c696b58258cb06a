"""When a single name in a document is a person, and which person a span belongs to."""

from __future__ import annotations

import re

from joinedup.disclosure.redaction.context import (
    is_capitalised,
    is_sentence_start,
    next_word,
    previous_word,
)
from joinedup.disclosure.redaction.folding import fold
from joinedup.disclosure.redaction.spans import Span
from joinedup.disclosure.redaction.vocabulary import abbreviations, place_words

__all__ = ["REFS", "judge_single_name", "resolve_people", "whole_words"]

# Joins the references of every person a match may belong to, until one is chosen. A
# control character, so that no reference (a person id, "cipher:C-12") can contain it.
REFS = "\x1f"


def whole_words(folded: str, start: int, end: int) -> bool:
    before_ok = start == 0 or not folded[start - 1].isalnum()
    after_ok = end == len(folded) or not folded[end].isalnum()
    return before_ok and after_ok


_FUNCTION_WORDS = frozenset(
    "i he she it we you they be not have has had the this that these those there also need "
    "only to a an all been our your their my his her its".split()
)
_ARTICLES = frozenset({"the", "a", "an"})
_FAMILY_WORDS = frozenset({"family", "household", "children", "siblings", "twins", "home"})


def judge_single_name(
    text: str, start: int, end: int, *, word_like: bool, derived: bool, names: frozenset[str]
) -> str | None:
    """ "known", "known:weak" (kept only when the person is named elsewhere) or None.

    A single name followed by a street or place word is a place ("Victoria Road", "Willow
    Academy"), as is a street word after a capitalised word ("Wrekin Court"), unless that
    word is itself a known name ("Jack Hall"). A name that
    is also a word ("Will", "Grace", "Brown", or a nickname) must be capitalised, not next
    to a number ("May 2021") and not open a question ("Will you ...?"); written in
    capitals, after "the" or "a", or opening a sentence before "he", "is" and the like,
    it is kept only when the same person is named elsewhere in the document.
    """
    written = text[start:end]
    places = place_words()
    following, before = next_word(text, end), previous_word(text, start)
    if (_capitalised_unknown(following, names) and (following or "").lower() in places) or (
        fold(written) in places
        and before is not None
        and is_capitalised(before)
        and before.lower() not in _ARTICLES | _FUNCTION_WORDS
        and (derived or fold(before) not in names)
    ):
        return None
    if not word_like:
        return "known:weak" if written.islower() else "known"
    if written.islower() or _next_to_number(text, start, end):
        return None
    opens_sentence = is_sentence_start(text, start)
    if opens_sentence and _sentence_is_question(text, end):
        return None
    if written.isupper():
        # capitals mark a surname in a mixed-case police narrative; not in a capitals line
        return "known" if _line_has_lower_case(text, start, end) and not derived else "known:weak"
    after_article = (before or "").lower() in _ARTICLES
    if (
        not is_capitalised(written)
        or (after_article and (following or "").lower() not in _FAMILY_WORDS)
        or (opens_sentence and (following or "").lower() in _FUNCTION_WORDS)
    ):
        return "known:weak"
    return "known"


def _capitalised_unknown(word: str | None, names: frozenset[str]) -> bool:
    """True for a capitalised word that is not a known name."""
    return word is not None and is_capitalised(word) and fold(word) not in names


def _line_has_lower_case(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return any(ch.islower() for ch in line)


def _next_to_number(text: str, start: int, end: int) -> bool:
    return re.search(r"\d[ \t]*$", text[max(0, start - 4) : start]) is not None or (
        re.match(r"[ \t]*\d", text[end : end + 4]) is not None
    )


def _sentence_is_question(text: str, end: int) -> bool:
    found = re.search(r"[.!?\n]", text[end : end + 200])
    return found is not None and found.group() == "?"


def resolve_people(text: str, found: list[Span]) -> list[Span]:
    """Keep weak matches only for people named in the document; one person per span."""
    evident: set[str] = set()
    for span in found:
        refs = (span.person_ref or "").split(REFS)
        full_name = span.category == "name" and any(ch in span.text for ch in " ,.")
        if span.source == "known" and (len(refs) == 1 or full_name or span.category != "name"):
            evident.update(refs)
    mentioned = {
        ref
        for span in found
        if span.source == "known"
        for ref in (span.person_ref or "").split(REFS)
    }
    defined = _defined_initials(text, found)
    kept: list[Span] = []
    for span in found:
        people = set((span.person_ref or "").split(REFS))
        if span.source == "known:weak" and not people & evident:
            continue
        if span.source == "known:initials" and not (
            span.text in defined
            or (people & mentioned and fold(span.text).replace(".", "") not in abbreviations())
        ):
            continue
        kept.append(_with_one_person(span, evident))
    return kept


def _defined_initials(text: str, found: list[Span]) -> set[str]:
    """Initials written in brackets straight after the name: "Divya Sohal (DS)"."""
    name_ends = {span.end for span in found if span.category == "name" and span.source == "known"}
    return {
        span.text
        for span in found
        if span.source == "known:initials"
        and text[span.start - 1 : span.start] == "("
        and text[span.end : span.end + 1] == ")"
        and any(end in name_ends for end in (span.start - 1, span.start - 2))
    }


def _with_one_person(span: Span, evident: set[str]) -> Span:
    refs = (span.person_ref or "").split(REFS)
    if len(refs) > 1:
        chosen = [ref for ref in refs if ref in evident]
        person = chosen[0] if len(chosen) == 1 else None
    else:
        person = refs[0] or None
    return Span(span.start, span.end, span.category, span.text, "known", person)
