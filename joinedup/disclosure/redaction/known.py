"""Find the people already in the index, and their details, in free text.

Every way a known person's name may be written (forenames, surname, full names, "J.
Smith", "SMITH, John", nicknames and spellings from the linkage name tables, other names
and previous surnames) goes into one Aho–Corasick automaton (pyahocorasick), with their
postcodes, e-mail addresses, vehicles and addresses. The text is folded once (lower case,
accents and curly apostrophes straightened, offsets unchanged) and scanned in one pass,
so the cost hardly grows with the number of people. Phone and NHS numbers are compared
as digits; dates of birth as dates, however they are written.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import ahocorasick

from joinedup.disclosure.redaction.dates import (
    DATE_PATTERN,
    PartialDate,
    dob_context_before,
    parse_iso_partial,
    parse_written_date,
)
from joinedup.disclosure.redaction.folding import fold, normal
from joinedup.disclosure.redaction.name_forms import (
    IDENTIFIER,
    INITIALS,
    SINGLE,
    STRENGTH,
    identifier_forms,
    name_forms,
    spelling_forms,
)
from joinedup.disclosure.redaction.name_rules import (
    REFS,
    judge_single_name,
    resolve_people,
    whole_words,
)
from joinedup.disclosure.redaction.patterns import NHS_NUMBER
from joinedup.disclosure.redaction.spans import KnownPerson, Span
from joinedup.disclosure.redaction.vocabulary import abbreviations, name_words

__all__ = ["KnownIndex"]

_PHONE_LIKE = re.compile(r"(?<![\w+])(?:\+44 ?(?:\(0\) ?)?|\(?0)\d[\d ()-]{7,14}\d(?!\w)")


@dataclass(slots=True)
class _Entry:
    category: str
    strength: str
    refs: set[str]
    derived: bool  # only a nickname or spelling of someone's name, never their own


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _national_phone(value: str) -> str:
    digits = _digits(value.replace("(0)", ""))
    if value.strip().startswith("+44") or (digits.startswith("44") and len(digits) > 11):
        digits = digits[2:]
    return digits.removeprefix("0")


class KnownIndex:
    """The known people, ready to be found in many documents."""

    def __init__(self, known: Sequence[KnownPerson]) -> None:
        entries: dict[str, _Entry] = {}
        self._phones: dict[str, set[str]] = defaultdict(set)
        self._nhs: dict[str, set[str]] = defaultdict(set)
        self._dobs: dict[tuple[int, int | None], list[tuple[PartialDate, str]]] = defaultdict(list)
        for person in known:
            for form, strength, derived in name_forms(person):
                for spelling in spelling_forms(form):
                    self._add(entries, spelling, "name", strength, person.ref, derived)
            for form, category in identifier_forms(person):
                self._add(entries, form, category, IDENTIFIER, person.ref, False)
            self._add_numbers(person)
        self._own_names = frozenset(
            key for key, entry in entries.items() if entry.strength == SINGLE and not entry.derived
        )
        self._automaton = ahocorasick.Automaton()
        self._entries = list(entries.items())
        for number, (key, _) in enumerate(self._entries):
            self._automaton.add_word(key, number)
        if self._entries:
            self._automaton.make_automaton()

    @staticmethod
    def _add(
        entries: dict[str, _Entry],
        form: str,
        category: str,
        strength: str,
        ref: str,
        derived: bool,
    ) -> None:
        key = normal(form)
        if len(key.replace(".", "")) < 2:
            return
        entry = entries.get(key)
        if entry is None:
            entries[key] = _Entry(category, strength, {ref}, derived)
            return
        entry.refs.add(ref)
        entry.derived = entry.derived and derived
        if STRENGTH[strength] > STRENGTH[entry.strength]:
            entry.category, entry.strength = category, strength

    def _add_numbers(self, person: KnownPerson) -> None:
        if person.phone and len(_national_phone(person.phone)) >= 9:
            self._phones[_national_phone(person.phone)].add(person.ref)
        if person.nhs_number and len(_digits(person.nhs_number)) == 10:
            self._nhs[_digits(person.nhs_number)].add(person.ref)
        dob = parse_iso_partial(person.dob)
        if dob is not None and dob.month is not None:
            self._dobs[(dob.month, dob.day)].append((dob, person.ref))

    def find(self, text: str) -> list[Span]:
        """Every place a known person or one of their details appears (may overlap)."""
        folded = fold(text)
        found = list(self._find_forms(text, folded))
        found += self._find_numbers(text)
        found += self._find_dates(text, found)
        return resolve_people(text, found)

    def _find_forms(self, text: str, folded: str) -> Iterator[Span]:
        if not self._entries:
            return
        for last, number in self._automaton.iter(folded):
            key, entry = self._entries[number]
            start, end = last - len(key) + 1, last + 1
            if not whole_words(folded, start, end):
                continue
            source: str | None = "known"
            if entry.strength == INITIALS:
                source = "known:initials" if text[start:end].isupper() else None
            elif entry.strength == SINGLE and key in abbreviations() and text[start:end].isupper():
                source = None
            elif entry.strength == SINGLE:
                source = judge_single_name(
                    text,
                    start,
                    end,
                    word_like=entry.derived or key in name_words(),
                    derived=entry.derived,
                    names=self._own_names,
                )
            if source is not None:
                refs = REFS.join(sorted(entry.refs))
                yield Span(start, end, entry.category, text[start:end], source, refs)

    def _find_numbers(self, text: str) -> Iterator[Span]:
        for found in _PHONE_LIKE.finditer(text):
            start = found.start() + (1 if found.group().startswith("(") else 0)
            refs = self._phones.get(_national_phone(text[start : found.end()]))
            if refs:
                yield Span(start, found.end(), "phone", text[start : found.end()], "known",
                           REFS.join(sorted(refs)))  # fmt: skip
        for found in NHS_NUMBER.finditer(text):
            refs = self._nhs.get(_digits(found.group()))
            if refs:
                yield Span(found.start(), found.end(), "nhs_number", found.group(), "known",
                           REFS.join(sorted(refs)))  # fmt: skip

    def _find_dates(self, text: str, names: list[Span]) -> Iterator[Span]:
        name_ends = {span.end: span.person_ref for span in names if span.category == "name"}
        named = {ref for span in names for ref in (span.person_ref or "").split(REFS)}
        for found in DATE_PATTERN.finditer(text):
            written = parse_written_date(found)
            if written is None:
                continue
            refs = {
                ref
                for dob, ref in self._dobs.get((written.month or 0, written.day), ())
                if dob.written_as(written)
            }
            if not dob_context_before(text, found.start()):
                refs &= named
            before = text[max(0, found.start() - 3) : found.start()]
            after_name = next(
                (
                    name_ends[end]
                    for end in range(found.start() - 3, found.start())
                    if end in name_ends
                ),
                None,
            )
            if refs or (after_name is not None and "(" in before):
                joined = REFS.join(sorted(refs)) if refs else after_name
                yield Span(
                    found.start(), found.end(), "date_of_birth", found.group(), "known", joined
                )
