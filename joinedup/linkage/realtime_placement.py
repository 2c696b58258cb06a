"""Where an arriving record goes: the rule of `clustering.cluster_records`, one record at a time.

Its scored pairs are visited strongest first:

- it joins the first person whose scored pairs with it average at least the weight of
  `threshold`, none below `veto_below`, with no cannot-link between them;
- it then brings in each further person it matches at `threshold` only when the merge
  passes the same test over all scored pairs between the two sides (its own pairs plus
  the blocked pairs between the persons' records) and, both sides having two or more
  records, at least `bridge_support` of those pairs reach `threshold`;
- a must-link puts it in the linked record's person whatever the scores.

When a changed record leaves a person, the records left behind are clustered again with
`cluster_records` over their blocked pairs (`split_person`): if the changed record was
what held them together, the biggest part keeps the ID and the others get new IDs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from joinedup.linkage.clustering import cluster_records, match_weights
from joinedup.linkage.realtime_memory import IndexMemory
from joinedup.linkage.realtime_scoring import PairScorer, Row, probabilities

__all__ = ["Persons", "Placement", "Rule", "blocked_pairs", "scored_rows", "split_person"]


@dataclass(frozen=True)
class Rule:
    """The clustering rule's settings and the reviewers' constraints."""

    threshold: float
    veto_below: float
    bridge_support: int
    must_link: list[tuple[str, str]]
    cannot_link: list[tuple[str, str]]
    weights: tuple[float, float] = field(init=False)

    def __post_init__(self) -> None:
        if not 0.0 <= self.veto_below <= self.threshold <= 1.0:
            raise ValueError("need 0 <= veto_below <= threshold <= 1")
        if self.bridge_support < 1:
            raise ValueError("bridge_support must be at least 1")
        both = match_weights(np.array([self.threshold, self.veto_below])).tolist()
        object.__setattr__(self, "weights", (both[0], both[1]))

    def linked_to(self, record_id: str, pairs: list[tuple[str, str]]) -> list[str]:
        return [b if a == record_id else a for a, b in pairs if record_id in (a, b)]


class Persons:
    """Person lookups and moves on the index in memory (journaled for the file)."""

    def __init__(self, memory: IndexMemory) -> None:
        self.memory = memory

    def of(self, record_id: str) -> str | None:
        position = self.memory.position_of(record_id)
        return None if position is None else self.memory.person_at(position)

    def size(self, person: str) -> int:
        return len(self.memory.persons.members(person))

    def positions(self, person: str) -> list[int]:
        return self.memory.members(person)

    def members(self, person: str) -> list[str]:
        return sorted(self.memory.record_id_at(p) for p in self.positions(person))

    def set(self, record_id: str, person: str) -> None:
        position = self.memory.position_of(record_id)
        if position is None:
            raise KeyError(f"record {record_id!r} is not in the index")
        self.memory.set_person(position, person)

    def rename(self, old: str, new: str) -> None:
        self.memory.rename_person(old, new)


@dataclass
class _Tally:
    """Scored pairs between the new record's side and one person."""

    count: int = 0
    total: float = 0.0
    lowest: float = math.inf
    supporting: int = 0

    def add(self, weights: Iterable[float], threshold_weight: float) -> None:
        for weight in weights:
            self.count += 1
            self.total += weight
            self.lowest = min(self.lowest, weight)
            self.supporting += weight >= threshold_weight


class Placement:
    """The clustering rule applied to one record and the persons of its scored pairs.

    `pairs` are (other record, its person, calibrated probability).
    """

    def __init__(
        self,
        persons: Persons,
        scorer: PairScorer,
        rule: Rule,
        record_id: str,
        pairs: list[tuple[str, str, float]],
    ) -> None:
        self.persons, self.scorer, self.rule, self.record_id = persons, scorer, rule, record_id
        self.threshold_weight, self.veto_weight = rule.weights
        weights = match_weights(np.array([p for _, _, p in pairs], dtype=np.float64)).tolist()
        weighed = zip(pairs, weights, strict=True)
        self.pairs = sorted(
            ((other, person, weight) for (other, person, _), weight in weighed),
            key=lambda pair: (-pair[2], pair[0]),
        )

    def persons_to_join(self) -> list[str]:
        """The existing persons the record joins (merging them when more than one)."""
        forced = self._must_link_persons()
        if forced:
            return forced
        order = self._proposing_persons()
        first = next((person for person in order if self._joins(person)), None)
        if first is None:
            return []
        joined = [first]
        for person in order[order.index(first) + 1 :]:
            if self._merges(joined, person):
                joined.append(person)
        return joined

    def _must_link_persons(self) -> list[str]:
        linked = self.rule.linked_to(self.record_id, self.rule.must_link)
        persons = sorted({p for p in map(self.persons.of, linked) if p is not None})
        if persons and any(self._forbidden(person, [self.record_id]) for person in persons):
            raise ValueError(f"record {self.record_id!r} is both must- and cannot-linked")
        return persons

    def _proposing_persons(self) -> list[str]:
        """Persons with a pair at or above the threshold, strongest pair first."""
        order: list[str] = []
        for _, person, weight in self.pairs:
            if weight >= self.threshold_weight and person not in order:
                order.append(person)
        return order

    def _own_tally(self, person: str) -> _Tally:
        tally = _Tally()
        tally.add((w for _, p, w in self.pairs if p == person), self.threshold_weight)
        return tally

    def _joins(self, person: str) -> bool:
        tally = self._own_tally(person)
        return not self._forbidden(person, [self.record_id]) and self._supported(tally, False)

    def _merges(self, joined: list[str], person: str) -> bool:
        tally = self._own_tally(person)
        for other in joined:
            tally.add(self._cross_weights(other, person), self.threshold_weight)
        members = [self.record_id, *(m for p in joined for m in self.persons.members(p))]
        bridging = self.persons.size(person) >= 2
        return not self._forbidden(person, members) and self._supported(tally, bridging)

    def _supported(self, tally: _Tally, bridging: bool) -> bool:
        return (
            tally.lowest >= self.veto_weight
            and tally.total >= self.threshold_weight * tally.count - 1e-9
            and (not bridging or tally.supporting >= self.rule.bridge_support)
        )

    def _forbidden(self, person: str, members: list[str]) -> bool:
        """A cannot-link between any of `members` and a record of `person`."""
        return any(
            self.persons.of(other) == person
            for member in members
            for other in self.rule.linked_to(member, self.rule.cannot_link)
        )

    def _cross_weights(self, one: str, other: str) -> list[float]:
        """Match weights (as clustering sees them) of the blocked pairs between two persons."""
        pairs = blocked_pairs(self.persons, self.scorer, one, other)
        weights: list[float] = match_weights(np.array([p for _, _, p in pairs])).tolist()
        return weights


def blocked_pairs(
    persons: Persons, scorer: PairScorer, one: str, other: str
) -> list[tuple[str, str, float]]:
    """(record, record, calibrated probability) of the blocked pairs between two persons.

    Every ordered pair of distinct records (one's on the left) that a blocking rule
    brings together, scored against the index as it stands.
    """
    memory = persons.memory
    left, right = persons.positions(one), persons.positions(other)
    rows = dict(zip(left + right, scored_rows(memory, scorer, left + right), strict=True))
    candidates = [(a, b) for a in left for b in right if a != b]
    together = scorer.blocked([(rows[a], rows[b]) for a, b in candidates])
    kept = [pair for pair, blocked in zip(candidates, together, strict=True) if blocked]
    prior = scorer.prior_weight(memory.linkable)
    weights = [w + prior for w in scorer.weights([(rows[a], rows[b]) for a, b in kept])]
    chances = probabilities(scorer.model, weights, prior)
    return [
        (memory.record_id_at(a), memory.record_id_at(b), p)
        for (a, b), p in zip(kept, chances, strict=True)
    ]


def scored_rows(memory: IndexMemory, scorer: PairScorer, positions: list[int]) -> list[Row]:
    """The rows at `positions` as the scorer reads them, with their term frequencies."""
    rows = memory.rows(positions, scorer.columns or memory.base.column_names)
    for row in rows:
        for column in scorer.tf_columns:
            row[f"tf_{column}"] = memory.term_frequency(column, row[column])
    return rows


def split_person(
    persons: Persons, scorer: PairScorer, rule: Rule, person: str, new_person_id: Callable[[], str]
) -> list[str]:
    """Cluster the records of `person` again; move all but the biggest part to new persons.

    Returns the new person IDs (none when the records still hold together).
    """
    members = persons.members(person)
    if len(members) < 2:
        return []
    pairs = blocked_pairs(persons, scorer, person, person)
    table = pa.table({
        "record_id_l": [a for a, _, _ in pairs],
        "record_id_r": [b for _, b, _ in pairs],
        "match_probability": pa.array([p for _, _, p in pairs], pa.float64()),
    })  # fmt: skip
    clusters = cluster_records(
        members, table, rule.threshold, rule.must_link, rule.cannot_link,
        veto_below=rule.veto_below, bridge_support=rule.bridge_support,
    )  # fmt: skip
    parts: dict[int, list[str]] = {}
    for record, number in sorted(clusters.items()):
        parts.setdefault(number, []).append(record)
    if len(parts) < 2:
        return []
    keeper = min(parts, key=lambda number: (-len(parts[number]), number))
    created = []
    for number in sorted(parts):
        if number != keeper:
            created.append(new_person_id())
            for record in parts[number]:
                persons.set(record, created[-1])
    return created
