"""Person IDs that stay the same when linkage runs again.

Each new cluster claims the person ID of the previous person most of its records had (ties:
the lower ID, which for minted IDs is the older one). When several clusters claim the same
ID, the one holding most of that person's records keeps it (ties: the cluster with the least
record ID), so a previous person split in two keeps its ID on the bigger part. Every other
cluster, and every cluster of records never seen before, gets a fresh ID from ``new_id``.
Clusters are visited in order of their least record ID, so fresh IDs are handed out in the
same order on every run.

    assign_person_ids({"a": 0, "b": 0, "c": 1}, {"a": "P-0000001"}, mint_person_ids(start=2))
    -> {"a": "P-0000001", "b": "P-0000001", "c": "P-0000002"}
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

__all__ = [
    "PersonIdChanges",
    "assign_person_ids",
    "mint_person_ids",
    "next_person_number",
    "summarise_person_id_changes",
]


@dataclass(frozen=True)
class PersonIdChanges:
    """How person IDs moved between two runs.

    ``merged`` maps each retired ID to the ID now holding most of its records; ``split`` maps
    each previous ID whose records are now under two or more IDs to those IDs; ``removed``
    lists previous IDs none of whose records are in the new run.
    """

    kept: tuple[str, ...]
    new: tuple[str, ...]
    merged: Mapping[str, str]
    split: Mapping[str, tuple[str, ...]]
    removed: tuple[str, ...]


def assign_person_ids(
    clusters: Mapping[str, int], previous: Mapping[str, str], new_id: Callable[[], str]
) -> dict[str, str]:
    """Map every record ID in ``clusters`` to a person ID, reusing ``previous`` IDs (see above)."""
    groups = _clusters_in_order(clusters)
    claims = [_main_predecessor(group, previous) for group in groups]
    winners = _winning_claims(claims)
    taken = set(previous.values())
    person_of: dict[str, str] = {}
    for position, (group, claim) in enumerate(zip(groups, claims, strict=True)):
        if claim is not None and winners[claim[0]] == position:
            person = claim[0]
        else:
            person = _fresh_id(new_id, taken)
        person_of.update(dict.fromkeys(group, person))
    return person_of


def summarise_person_id_changes(
    previous: Mapping[str, str], current: Mapping[str, str]
) -> PersonIdChanges:
    """Compare record → person ID maps of two runs: which IDs were kept, new, merged, split."""
    before, after = set(previous.values()), set(current.values())
    destinations: dict[str, Counter[str]] = {person: Counter() for person in before}
    for record, person in previous.items():
        if record in current:
            destinations[person][current[record]] += 1
    retired = sorted(before - after)
    return PersonIdChanges(
        kept=tuple(sorted(before & after)),
        new=tuple(sorted(after - before)),
        merged={
            person: _most_common(destinations[person]) for person in retired if destinations[person]
        },
        split={
            person: tuple(sorted(places))
            for person, places in sorted(destinations.items())
            if len(places) > 1
        },
        removed=tuple(person for person in retired if not destinations[person]),
    )


def mint_person_ids(prefix: str = "P", start: int = 1, width: int = 7) -> Callable[[], str]:
    """A function returning 'P-0000001', 'P-0000002', ... from ``start`` on each call."""
    numbers = itertools.count(start)
    return lambda: f"{prefix}-{next(numbers):0{width}d}"


def next_person_number(person_ids: Iterable[str], prefix: str = "P") -> int:
    """One more than the highest number among IDs like 'P-0000041' (1 when there are none)."""
    pattern = re.compile(rf"{re.escape(prefix)}-(\d+)")
    numbers = (pattern.fullmatch(person) for person in person_ids)
    return 1 + max((int(found.group(1)) for found in numbers if found), default=0)


def _clusters_in_order(clusters: Mapping[str, int]) -> list[list[str]]:
    """Each cluster's sorted record IDs, clusters in order of their least record ID."""
    members: dict[int, list[str]] = {}
    for record in sorted(clusters):
        members.setdefault(clusters[record], []).append(record)
    return sorted(members.values(), key=lambda group: group[0])


def _main_predecessor(group: list[str], previous: Mapping[str, str]) -> tuple[str, int] | None:
    """The previous person ID held by most of the group's records, and how many held it."""
    overlap = Counter(previous[record] for record in group if record in previous)
    if not overlap:
        return None
    person = _most_common(overlap)
    return person, overlap[person]


def _winning_claims(claims: list[tuple[str, int] | None]) -> dict[str, int]:
    """For each claimed person ID, the position of the claim with most shared records."""
    best: dict[str, tuple[int, int]] = {}
    for position, claim in enumerate(claims):
        if claim is not None and claim[1] > best.get(claim[0], (0, -1))[0]:
            best[claim[0]] = (claim[1], position)
    return {person: position for person, (_, position) in best.items()}


def _most_common(counts: Counter[str]) -> str:
    """The most frequent key, the lowest one on ties."""
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


def _fresh_id(new_id: Callable[[], str], taken: set[str]) -> str:
    person = new_id()
    if person in taken:
        raise ValueError(f"new_id() returned {person!r}, which is already a person ID")
    taken.add(person)
    return person
