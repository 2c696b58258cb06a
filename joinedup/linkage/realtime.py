"""Real-time matching: score arriving records against the person index, and place them.

    with open_person_index("people.duckdb") as index:
        result = add_or_update_record(index, record, model, new_person_id=mint)
        results = link_arriving_records(index, table, model, new_person_id=mint)

On first use the index is read into memory (`realtime_memory.py`); from then on one record
costs milliseconds, with no SQL planned or run on the way:

1. its features are computed in Python (`realtime_features.py`, equal to the batch SQL);
2. its candidates are the indexed records a batch run would have compared it with, those
   sharing one of its blocking keys (hash lookups in memory);
3. each pair is scored by the model's own Splink SQL compiled to Python
   (`realtime_scoring.py`), with term frequencies and the prior of the index with the
   record in it, so a pair scores exactly as in a batch run over the same records
   (tested to 1e-6 in match weight);
4. `add_or_update_record` places it with the rule of `realtime_placement.py` (that of
   `clustering.cluster_records`): it joins the person it matches, merges persons it bridges
   strongly enough (the bigger keeps its ID), follows must-links, or gets a new person (a
   changed record that was alone keeps its ID). A changed record (a record ID already
   indexed) is re-featured and matched afresh; when it leaves its person, the records left
   behind are clustered again and split if it was what held them together;
5. the changes are written to the index file in one transaction (`realtime_sql.py`); on
   error nothing is written and the index in memory is put back as it was.

`link_arriving_records` does the same for many records (an import), one after another in
the table's row order, and writes them all in one transaction at the end: the results equal
calling `add_or_update_record` for each row in that order (tested).

The copy in memory is read on first use (or by `read_index_into_memory`) and stays valid
while the index's records are changed only through these functions;
`forget_index_in_memory` drops it (it is read again on next use).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from joinedup.linkage.index import PersonIndex, text_values
from joinedup.linkage.model import LinkageModel
from joinedup.linkage.realtime_features import add_keys, prepare_keys, record_features
from joinedup.linkage.realtime_memory import IndexMemory
from joinedup.linkage.realtime_placement import (
    Persons,
    Placement,
    Rule,
    scored_rows,
    split_person,
)
from joinedup.linkage.realtime_scoring import PairScorer, probabilities, scorer_for
from joinedup.linkage.realtime_sql import FeatureSQL, defer_checkpoints, write_changes

__all__ = [
    "Match",
    "RealtimeResult",
    "add_or_update_record",
    "find_matches_for_new_record",
    "forget_index_in_memory",
    "link_arriving_records",
    "read_index_into_memory",
]


@dataclass(frozen=True, slots=True)
class Match:
    """One indexed record scored against the arriving record."""

    record_id: str
    person_id: str
    match_probability: float
    match_weight: float


@dataclass(frozen=True, slots=True)
class RealtimeResult:
    """Where one new or changed record went, and why.

    `merged_person_ids` were merged into `person_id`; `split_person_ids` are new persons
    split off the record's previous person when, without it, that person fell apart.
    """

    record_id: str
    person_id: str
    matches: tuple[Match, ...]
    created_person: bool
    merged_person_ids: tuple[str, ...] = ()
    split_person_ids: tuple[str, ...] = ()


def find_matches_for_new_record(
    index: PersonIndex, record: Mapping[str, Any], model: LinkageModel
) -> list[Match]:
    """Every indexed record a batch run would compare `record` with, scored, best first.

    Nothing is written: the record is added in memory, scored, and taken out again.
    """
    state, scorer = _state(index), scorer_for(model)
    row = state.featured([record])[0]
    mark = state.memory.mark()
    try:
        return [match for match, _ in _arrive(state.memory, scorer, row)[2]]
    finally:
        state.memory.undo(mark)


def add_or_update_record(
    index: PersonIndex,
    record: Mapping[str, Any],
    model: LinkageModel,
    threshold: float = 0.9,
    must_link: Iterable[tuple[str, str]] = (),
    cannot_link: Iterable[tuple[str, str]] = (),
    *,
    new_person_id: Callable[[], str],
    veto_below: float = 0.05,
    bridge_support: int = 2,
) -> RealtimeResult:
    """Match `record`, give it a person ID and update the index (see the module docstring)."""
    rule = Rule(threshold, veto_below, bridge_support, list(must_link), list(cannot_link))
    state = _state(index)
    rows = state.featured([record])
    return _link(index, state, scorer_for(model), rule, rows, new_person_id)[rows[0]["record_id"]]


def link_arriving_records(
    index: PersonIndex,
    records: pa.Table,
    model: LinkageModel,
    threshold: float = 0.9,
    must_link: Iterable[tuple[str, str]] = (),
    cannot_link: Iterable[tuple[str, str]] = (),
    *,
    new_person_id: Callable[[], str],
    veto_below: float = 0.05,
    bridge_support: int = 2,
) -> dict[str, RealtimeResult]:
    """Match and place many new or changed records (rows of `records`), in row order.

    Equal to `add_or_update_record` for each row in turn, in one transaction. Record IDs
    must be present and distinct. Returns each record's result by record ID.
    """
    rule = Rule(threshold, veto_below, bridge_support, list(must_link), list(cannot_link))
    ids = records.column("record_id").to_pylist() if "record_id" in records.column_names else []
    if len(ids) != records.num_rows or any(value in (None, "") for value in ids):
        raise ValueError("every arriving record needs a record_id")
    if len(set(map(str, ids))) != len(ids):
        raise ValueError("arriving records repeat a record_id; send one version of each")
    state = _state(index)
    rows = state.featured(records.to_pylist())
    return _link(index, state, scorer_for(model), rule, rows, new_person_id)


def read_index_into_memory(index: PersonIndex, model: LinkageModel | None = None) -> None:
    """Read the index into memory now, and compile `model`'s scorer (else the first match
    does both)."""
    _state(index)
    if model is not None:
        scorer_for(model)


def forget_index_in_memory(index: PersonIndex) -> None:
    """Drop the copy in memory (after the file was changed some other way)."""
    index.realtime = None


class _State:
    """What real-time matching keeps with an open index: its memory and a DuckDB helper."""

    def __init__(self, index: PersonIndex) -> None:
        self.memory = IndexMemory.load(index)
        self.sql = FeatureSQL()
        prepare_keys()
        defer_checkpoints(index)

    def featured(self, records: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """Feature rows with keys and probes; records Python cannot feature go to SQL."""
        texts = []
        for record in records:
            if record.get("record_id") in (None, ""):
                raise ValueError("record has no record_id")
            texts.append(text_values(record))
        rows = [record_features(text, self.sql.list_distinct) for text in texts]
        left = [text for text, row in zip(texts, rows, strict=True) if row is None]
        by_sql = iter(self.sql.features(left) if left else [])
        return [add_keys(row if row is not None else next(by_sql)) for row in rows]


def _state(index: PersonIndex) -> _State:
    if index.realtime is None:
        index.realtime = _State(index)
    state: _State = index.realtime
    return state


def _link(
    index: PersonIndex,
    state: _State,
    scorer: PairScorer,
    rule: Rule,
    rows: list[dict[str, Any]],
    new_person_id: Callable[[], str],
) -> dict[str, RealtimeResult]:
    """Place each row in turn, then write everything; on error, undo everything."""
    memory = state.memory
    mark = memory.mark()
    try:
        results = {}
        for row in rows:
            results[row["record_id"]] = _place(memory, scorer, rule, row, new_person_id)
        write_changes(index, memory)
    except BaseException:
        memory.undo(mark)
        raise
    return results


def _arrive(
    memory: IndexMemory, scorer: PairScorer, row: dict[str, Any]
) -> tuple[int, str | None, list[tuple[Match, int]]]:
    """Put `row` in place of its record's old row.

    Returns its position, the person of the old row, and the scored matches (with their
    positions), best first.
    """
    old = memory.position_of(row["record_id"])
    previous = None if old is None else memory.person_at(old)
    if old is not None:
        memory.remove(old)
    position = memory.add(row)
    found = _candidates(memory, scorer, row, position)
    rows = scored_rows(memory, scorer, [position, *found])
    prior = scorer.prior_weight(memory.linkable)
    weights = [w + prior for w in scorer.weights([(rows[0], other) for other in rows[1:]])]
    chances = probabilities(scorer.model, weights, prior)
    matches = [
        (Match(memory.record_id_at(p), memory.person_at(p) or "", chance, weight), p)
        for p, weight, chance in zip(found, weights, chances, strict=True)
    ]
    matches.sort(key=lambda pair: (-pair[0].match_weight, pair[0].record_id))
    return position, previous, matches


def _candidates(
    memory: IndexMemory, scorer: PairScorer, row: dict[str, Any], position: int
) -> list[int]:
    """Live positions sharing with `row` the key of one of the model's blocking rules."""
    found: set[int] = set()
    for key in scorer.keys:
        probe = row[f"probe_{key.column}"]
        if probe is not None:
            found.update(memory.with_key(key.column, probe))
    found.discard(position)
    return sorted(found)


def _place(
    memory: IndexMemory,
    scorer: PairScorer,
    rule: Rule,
    row: dict[str, Any],
    new_person_id: Callable[[], str],
) -> RealtimeResult:
    """Add one arrival to the index in memory and give it a person."""
    record_id = row["record_id"]
    position, previous, scored = _arrive(memory, scorer, row)
    persons = Persons(memory)
    pairs = [(m.record_id, m.person_id, m.match_probability) for m, _ in scored]
    joined = Placement(persons, scorer, rule, record_id, pairs).persons_to_join()
    person, created, merged = _person_for(persons, joined, previous, new_person_id)
    memory.set_person(position, person)
    split: list[str] = []
    if previous is not None and previous not in (person, *merged):
        split = split_person(persons, scorer, rule, previous, new_person_id)
    matches = tuple(
        Match(m.record_id, memory.person_at(p) or "", m.match_probability, m.match_weight)
        for m, p in scored
    )
    return RealtimeResult(record_id, person, matches, created, tuple(merged), tuple(split))


def _person_for(
    persons: Persons, joined: list[str], previous: str | None, new_person_id: Callable[[], str]
) -> tuple[str, bool, list[str]]:
    """(person ID, whether it is new, persons merged into it)."""
    if joined:
        sizes = {person: persons.size(person) for person in joined}
        keeper = min(joined, key=lambda person: (-sizes[person], person))
        merged = sorted(person for person in joined if person != keeper)
        for person in merged:
            persons.rename(person, keeper)
        return keeper, False, merged
    if previous is not None and persons.size(previous) == 0:
        return previous, False, []
    return new_person_id(), True, []
