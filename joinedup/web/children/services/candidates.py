"""Which agency records might match a search: a few broad, indexed look-ups.

The look-ups are deliberately generous; `matching.py` decides. A name is looked for
under every spelling and nickname the linkage name tables give it, and by its first
letters (for typing slips); a date of birth under its own day, its swapped day and
month, and the partial dates it fits; an identifier under each form it can be stored in.
Only records of persons the user may open, from agencies in their agreement, are read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from functools import cache, reduce
from operator import or_

from django.db.models import Q, QuerySet

from joinedup.linkage.names import (
    forename_roots,
    forename_roots_table,
    surname_key,
    surname_keys_table,
)
from joinedup.records.partial_dates import PartialDate
from joinedup.web.children.services.terms import SearchTerms
from joinedup.web.people.models import Person
from joinedup.web.records.models import PersonIdentifier, PersonOtherName, SourcePerson

__all__ = ["MAX_CANDIDATES", "candidate_records", "records_of_persons"]

MAX_CANDIDATES = 2000
MAX_SPELLINGS = 120  # keeps the OR chain far below SQLite's expression depth limit


def candidate_records(
    terms: SearchTerms, visible: QuerySet[Person], agencies: Collection[str] | None
) -> list[SourcePerson]:
    """Records that may match, with what scoring and display need loaded."""
    blocks = [
        *(_name_blocks(terms) if terms.name else []),
        *([_dob_block(terms.dob)] if terms.dob else []),
        *([_identifier_block(terms)] if terms.identifier else []),
    ]
    if not blocks:
        return []
    records = _readable(agencies).filter(link__person__in=visible).filter(reduce(or_, blocks))
    return list(records.order_by("pk")[:MAX_CANDIDATES])


def records_of_persons(
    person_ids: Iterable[str], agencies: Collection[str] | None
) -> dict[str, list[SourcePerson]]:
    """Every readable record of each of these persons (person_id -> records)."""
    found: dict[str, list[SourcePerson]] = defaultdict(list)
    for record in _readable(agencies).filter(link__person__person_id__in=list(person_ids)):
        found[record.link.person.person_id].append(record)
    return found


def _readable(agencies: Collection[str] | None) -> QuerySet[SourcePerson]:
    records = SourcePerson.objects.select_related("agency", "link__person").prefetch_related(
        "other_names", "identifiers"
    )
    return records if agencies is None else records.filter(agency__code__in=list(agencies))


def _name_blocks(terms: SearchTerms) -> list[Q]:
    words = [w for w in (terms.forename, terms.surname) if w]
    every = {s for word in words for s in _forename_spellings(word) | _surname_spellings(word)}
    kept = sorted(every, key=lambda s: (len(s), s))[:MAX_SPELLINGS]
    spellings = {w.lower() for w in words} | set(kept)
    own = _any(("surname__iexact", "forenames__istartswith"), spellings)
    other = PersonOtherName.objects.filter(_any(("surname__iexact", "forenames__istartswith"),
                                                spellings))  # fmt: skip
    blocks = [own, Q(pk__in=other.values("person"))]
    if terms.surname:  # a slip of the keyboard: same initial, same first two letters
        blocks.append(Q(forenames__istartswith=terms.forename[:1],
                        surname__istartswith=terms.surname[:2]))  # fmt: skip
    return blocks


def _any(lookups: Iterable[str], values: Iterable[str]) -> Q:
    return reduce(or_, (Q(**{lookup: v}) for lookup in lookups for v in values), Q(pk__in=[]))


def _dob_block(dob: PartialDate) -> Q:
    block = Q(dob__startswith=dob.iso()[:7] if dob.month else dob.iso()) | Q(dob=str(dob.year))
    if dob.month is not None:
        block |= Q(dob=dob.iso()[:7])
    if dob.day is not None and dob.day <= 12:
        try:
            block |= Q(dob=PartialDate(dob.year, dob.day, dob.month).iso())
        except ValueError:
            pass
    return block


def _identifier_block(terms: SearchTerms) -> Q:
    forms = sorted(terms.identifier_forms())
    held = PersonIdentifier.objects.filter(value__in=forms).values("person")
    return Q(pk__in=held) | Q(source_id__in=forms) | Q(source_id__iexact=terms.identifier.strip())


def _forename_spellings(word: str) -> set[str]:
    """The word and every name sharing a root with it (nicknames, spellings)."""
    by_root = _names_by_root()
    sharing = {name for root in forename_roots(word) for name in by_root.get(root, ())}
    return {word.lower()} | sharing


def _surname_spellings(word: str) -> set[str]:
    return {word.lower()} | set(_surnames_by_key().get(surname_key(word), ()))


@cache
def _names_by_root() -> dict[str, tuple[str, ...]]:
    table = forename_roots_table().to_pylist()
    found: dict[str, set[str]] = defaultdict(set)
    for row in table:
        for root in row["roots"]:
            found[root].add(row["name"])
    return {root: tuple(sorted(names)) for root, names in found.items()}


@cache
def _surnames_by_key() -> dict[str, tuple[str, ...]]:
    found: dict[str, set[str]] = defaultdict(set)
    for row in surname_keys_table().to_pylist():
        found[row["key"]].add(row["name"])
    return {key: tuple(sorted(names)) for key, names in found.items()}
