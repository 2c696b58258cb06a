"""Lookups in the person index tables that real-time linking needs, a chunk at a time.

An import can bring tens of thousands of records, so every lookup by a list of keys is
split into chunks below SQLite's limit on query parameters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import TypeVar

from django.db.models import QuerySet
from django.db.models.functions import Length

from joinedup.linkage.stable_ids import next_person_number
from joinedup.web.people import models as pm
from joinedup.web.people.sync import CHUNK, record_id
from joinedup.web.records import models as m

__all__ = [
    "chunks",
    "next_person_number_in_database",
    "person_pks",
    "persons_of_source_persons",
    "records_of_persons",
    "set_age_groups",
    "source_person_pks",
]

T = TypeVar("T")


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def persons_of_source_persons(pks: Sequence[int]) -> set[str]:
    """The person IDs the database links these SourcePersons to."""
    found: set[str] = set()
    for part in chunks(sorted(pks)):
        links = pm.PersonLink.objects.filter(source_person_id__in=part)
        found.update(links.values_list("person__person_id", flat=True))
    return found


def records_of_persons(persons: set[str]) -> dict[str, tuple[int, str]]:
    """record_id -> (SourcePerson pk, person ID) for every record the database links to
    one of `persons`."""
    found: dict[str, tuple[int, str]] = {}
    for part in chunks(sorted(persons)):
        rows = pm.PersonLink.objects.filter(person__person_id__in=part).values_list(
            "source_person__agency__code", "source_person__source_id",
            "source_person_id", "person__person_id")  # fmt: skip
        found.update({record_id(a, s): (pk, person) for a, s, pk, person in rows})
    return found


def person_pks(person_ids: set[str]) -> dict[str, int]:
    """person_id -> Person pk, for those that exist."""
    found: dict[str, int] = {}
    for part in chunks(sorted(person_ids)):
        found.update(pm.Person.objects.filter(person_id__in=part).values_list("person_id", "pk"))
    return found


def source_person_pks(record_ids: set[str]) -> dict[str, int]:
    """SourcePerson primary keys of 'AGENCY:source_id' record IDs."""
    by_agency: dict[str, list[str]] = defaultdict(list)
    for rid in record_ids:
        agency, source_id = rid.split(":", 1)
        by_agency[agency].append(source_id)
    found: dict[str, int] = {}
    for agency, source_ids in by_agency.items():
        for part in chunks(sorted(source_ids)):
            rows = m.SourcePerson.objects.filter(agency__code=agency, source_id__in=part)
            pairs = rows.values_list("source_id", "pk")
            found.update({record_id(agency, sid): pk for sid, pk in pairs})
    return found


def next_person_number_in_database() -> int:
    """One more than the highest person number (IDs grow in width past P-9999999)."""
    highest = pm.Person.objects.order_by(Length("person_id").desc(), "-person_id")
    return next_person_number(highest.values_list("person_id", flat=True)[:1])


def set_age_groups(persons: QuerySet[pm.Person] | None = None) -> None:
    """A person is a child if any agency records them as one, else an adult if any does.

    Every person, or only `persons`.
    """
    chosen = pm.Person.objects.all() if persons is None else persons
    for group in ("adult", "child"):
        people = pm.PersonLink.objects.filter(source_person__age_group=group).values("person_id")
        chosen.filter(pk__in=people).update(age_group=group)
