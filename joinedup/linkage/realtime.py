"""Real-time matching: score arriving records against the person index, and place them.

    with open_person_index("people.duckdb") as index:
        result = add_or_update_record(index, record, model, new_person_id=mint)
        results = link_arriving_records(index, table, model, new_person_id=mint)

`find_matches_for_new_record` scores a record against every indexed record a batch run
would have compared it with (the blocking-key lookups of `index.py`), with the model's own
SQL (`realtime_scoring.py`). Term frequencies and the prior are those of the index with
the record in it, so a pair scores exactly as in a batch run over the same records
(tested to 1e-6 in match weight). Every statement is prepared once per connection
(`realtime_sql.py`), so a record costs a few executions, not a few query plans.

`add_or_update_record` then places the record with the rule of `realtime_placement.py`
(that of `clustering.cluster_records`): it joins the person it matches, merges persons it
bridges strongly enough (the bigger keeps its ID), follows must-links, or gets a new
person (a changed record that was alone keeps its ID). A changed record (a record ID
already indexed) is re-featured and matched afresh; when it leaves its person, the records
left behind are clustered again and split if it was what held them together.

`link_arriving_records` does the same for many records (an import): features, candidates
and scores for all of them in a few set-based statements, each arrival scored as the index
will be when its turn comes, then placement one by one in the table's row order. The
results equal calling `add_or_update_record` for each row in that order (tested).

All writes of one call happen in one DuckDB transaction; on error nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from joinedup.linkage import realtime_sql as staging
from joinedup.linkage.features import INPUT_COLUMNS, LIST_INPUT_COLUMNS, complete_input_columns
from joinedup.linkage.index import (
    BLOCKING_KEYS,
    RECORDS_TABLE,
    TF_COLUMNS,
    PersonIndex,
    text_values,
)
from joinedup.linkage.model import LinkageModel
from joinedup.linkage.realtime_placement import Persons, Placement, Rule, split_person
from joinedup.linkage.realtime_scoring import PairScorer, probabilities, scorer_for

__all__ = [
    "Match",
    "RealtimeResult",
    "add_or_update_record",
    "find_matches_for_new_record",
    "link_arriving_records",
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

    Nothing is written to the index (the record is staged in TEMP tables only).
    """
    scorer = _ready(index, model)
    scored = _Scored.of(index, scorer, _stage_one(index, record))
    persons = dict(_candidate_persons(index))
    return scored.matches(scorer.model, scored.order[0], persons)


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
    scorer = _ready(index, model)
    results = _in_transaction(
        index, lambda: _place_all(index, scorer, rule, _stage_one(index, record), new_person_id)
    )
    return results[str(record["record_id"])]


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
    scorer = _ready(index, model)
    return _in_transaction(
        index, lambda: _place_all(index, scorer, rule, _stage_table(index, records), new_person_id)
    )


def _ready(index: PersonIndex, model: LinkageModel) -> PairScorer:
    scorer = scorer_for(model)
    scorer.prepare(index)
    return scorer


def _in_transaction(
    index: PersonIndex, work: Callable[[], dict[str, RealtimeResult]]
) -> dict[str, RealtimeResult]:
    index.con.begin()
    try:
        results = work()
    except BaseException:
        index.con.rollback()
        index.reload_meta()
        raise
    index.con.commit()
    return results


def _stage_one(index: PersonIndex, record: Mapping[str, Any]) -> int:
    """Stage one record and look up its candidates by index; returns 1 (arrivals staged)."""
    if record.get("record_id") in (None, ""):
        raise ValueError("record has no record_id")
    staging.clear_staging(index)
    text = text_values(record)
    values = [text.get(name) for name in (*INPUT_COLUMNS, *LIST_INPUT_COLUMNS)]
    staging.execute(index, "joinedup_raw_insert", 1, *values)
    staging.execute(index, "joinedup_stage_features")
    record_id, linkable, *probes = staging.execute(index, "joinedup_probes").fetchall()[0]
    lookups = [(key.column, probe) for key, probe in zip(BLOCKING_KEYS, probes, strict=True)]
    lookups = [(column, probe) for column, probe in lookups if probe is not None]
    if linkable and lookups:
        index.con.execute(_candidates_sql([column for column, _ in lookups]),
                          [record_id, *(probe for _, probe in lookups)])  # fmt: skip
    return 1


def _candidates_sql(columns: list[str]) -> str:
    """Indexed rows sharing a key with the staged record: one ART lookup per key.

    Planned per call: a prepared statement with every key, unused ones NULL, scans the
    whole table instead (measured).
    """
    lookups = " UNION ALL ".join(
        f"SELECT {', '.join(staging.RECORD_COLUMNS)} FROM {RECORDS_TABLE} "
        f"WHERE {column} = ${number}"
        for number, column in enumerate(columns, start=2)
    )
    return (
        f"INSERT INTO {staging.CANDIDATES} SELECT DISTINCT ON (record_id) $1, * "
        f"FROM ({lookups}) WHERE record_id <> $1"
    )


def _stage_table(index: PersonIndex, records: pa.Table) -> int:
    """Stage many records and find every arrival's candidates in one statement."""
    ids = records.column("record_id").to_pylist() if "record_id" in records.column_names else []
    if len(ids) != records.num_rows or any(value in (None, "") for value in ids):
        raise ValueError("every arriving record needs a record_id")
    if len(set(map(str, ids))) != len(ids):
        raise ValueError("arriving records repeat a record_id; send one version of each")
    staging.clear_staging(index)
    raw = complete_input_columns(records)
    raw = raw.append_column("arrival", pa.array(range(1, raw.num_rows + 1), pa.int32()))
    index.con.register("joinedup_arrivals", raw)
    try:
        index.con.execute(f"INSERT INTO {staging.RAW} BY NAME SELECT * FROM joinedup_arrivals")
    finally:
        index.con.unregister("joinedup_arrivals")
    staging.execute(index, "joinedup_stage_features")
    staging.execute(index, "joinedup_batch_candidates")
    return raw.num_rows


def _candidate_persons(index: PersonIndex) -> list[tuple[str, str]]:
    sql = (
        f"SELECT DISTINCT record_id, person_id FROM {staging.CANDIDATES} "
        "WHERE person_id IS NOT NULL"
    )
    return [(str(r), str(p)) for r, p in index.con.execute(sql).fetchall()]


@dataclass
class _Scored:
    """The staged arrivals in order, their steps and their scored pairs."""

    order: list[str]
    steps: list[tuple[Any, ...]]
    pairs: dict[str, list[tuple[str, float]]]

    @classmethod
    def of(cls, index: PersonIndex, scorer: PairScorer, count: int) -> _Scored:
        staging.execute(index, "joinedup_deltas")
        staging.execute(index, "joinedup_steps")
        steps = staging.execute(index, "joinedup_steps_read").fetchall()
        order = [str(row[0]) for row in staging.execute(index, "joinedup_order").fetchall()]
        linkable = {record: int(step[1]) for record, step in zip(order, steps, strict=True)}
        pairs: dict[str, list[tuple[str, float]]] = {record: [] for record in order}
        for left, right, weight in scorer.score_arrivals(index, linkable):
            pairs[left].append((right, weight))
        if len(order) != count:
            raise RuntimeError(f"staged {len(order)} of {count} arriving records")
        return cls(order, steps, pairs)

    def matches(self, model: LinkageModel, record_id: str, persons: dict[str, str]) -> list[Match]:
        found = self.pairs[record_id]
        chances = probabilities(model, [weight for _, weight in found])
        matches = [
            Match(other, persons[other], chance, weight)
            for (other, weight), chance in zip(found, chances, strict=True)
        ]
        return sorted(matches, key=lambda match: (-match.match_weight, match.record_id))


def _place_all(
    index: PersonIndex,
    scorer: PairScorer,
    rule: Rule,
    count: int,
    new_person_id: Callable[[], str],
) -> dict[str, RealtimeResult]:
    """Write and place each staged arrival in turn (see the module docstring)."""
    scored = _Scored.of(index, scorer, count)
    persons = Persons(index)
    now = dict(_candidate_persons(index))
    results = {}
    for arrival, record_id in enumerate(scored.order, start=1):
        previous = persons.of(record_id)
        _write_arrival(index, scored.steps[arrival - 1], record_id, previous is not None)
        matches = scored.matches(scorer.model, record_id, now)
        pairs = [(match.record_id, match.person_id, match.match_probability) for match in matches]
        joined = Placement(persons, scorer, rule, record_id, pairs).persons_to_join()
        person, created, merged = _person_for(persons, joined, previous, new_person_id)
        staging.execute(index, "joinedup_insert", arrival, person)
        persons.moves.append(("record", record_id, person))
        split: list[str] = []
        if previous is not None and previous not in (person, *merged):
            split = split_person(persons, scorer, rule, previous, new_person_id)
        _follow(now, persons.moves)
        matches = [Match(m.record_id, now[m.record_id], m.match_probability, m.match_weight)
                   for m in matches]  # fmt: skip
        results[record_id] = RealtimeResult(
            record_id, person, tuple(matches), created, tuple(merged), tuple(split)
        )
    return results


def _write_arrival(index: PersonIndex, step: tuple[Any, ...], record_id: str, known: bool) -> None:
    """Take out the record's old row (when `known`); count its new values in (row comes later)."""
    arrival = int(step[0])
    if known:
        staging.execute(index, "joinedup_remove", record_id)
    for column in TF_COLUMNS:
        staging.execute(index, f"joinedup_counts_{column}", arrival - 1, arrival)
    staging.execute(index, "joinedup_meta", arrival)
    counts = {"linkable": step[1]}
    counts |= {f"total_{c}": v for c, v in zip(TF_COLUMNS, step[2:], strict=True)}
    index.remember_meta({key: str(value) for key, value in counts.items()})


def _follow(now: dict[str, str], moves: list[tuple[str, str, str]]) -> None:
    """Bring the known persons of records up to date with the moves made, then forget them."""
    for kind, what, person in moves:
        if kind == "record":
            now[what] = person
        else:
            for record, current in now.items():
                if current == what:
                    now[record] = person
    moves.clear()


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
