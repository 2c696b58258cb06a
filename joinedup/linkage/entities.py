"""Resolve places, vehicles, phones and organisations written differently by each agency.

The same takeaway is "Star Kebabs, 12 High St, MS1 4EF" to one agency and "STAR KEBAB HOUSE
MS14EF" to another; the same car is "AB12 CDE" and "ab12cde". One machinery, four sets of
rules (`entities_rules.py`, which gives each rule's reason), decides which records are one
entity:

1. normalise and block in DuckDB (`entities_engine.py`): records are compared only within
   a postcode, a UPRN, a registration, a number or a licence, never all pairs;
2. score each pair field by field into a match weight and probability, keeping how much
   each field contributed (``explanation``) so a person can see why;
3. cluster with `clustering.cluster_records`: decisive keys (UPRN, registration, E.164,
   licence) are must-links; a pair one character apart is only ever a review candidate;
4. give each entity a stable ID ('PL-0000001', 'VH-…', 'PH-…', 'OR-…') with
   `EntityResolution.entity_ids`, which keeps last run's IDs as `stable_ids` does for people.

    resolution = resolve_vehicles(table)   # record_id, registration, make, model, colour
    resolution.clusters                    # {'v1': 0, 'v2': 0, 'v3': 1}
    resolution.review                      # pairs a person must decide
    resolution.entity_ids(previous_ids)    # {'v1': 'VH-0000001', ...}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

import pyarrow as pa
import pyarrow.compute as pc

from joinedup.linkage.clustering import cluster_records
from joinedup.linkage.entities_engine import EntityRules, score_pairs
from joinedup.linkage.entities_rules import (
    ORGANISATION_RULES,
    PHONE_RULES,
    PLACE_RULES,
    VEHICLE_RULES,
)
from joinedup.linkage.stable_ids import assign_person_ids, mint_person_ids, next_person_number

__all__ = [
    "ENTITY_ID_PREFIXES",
    "EntityResolution",
    "resolve_organisations",
    "resolve_phones",
    "resolve_places",
    "resolve_vehicles",
]

ENTITY_ID_PREFIXES = {
    rules.kind: rules.prefix
    for rules in (PLACE_RULES, VEHICLE_RULES, PHONE_RULES, ORGANISATION_RULES)
}
_LIST_COLUMNS = frozenset({"licence_numbers"})


@dataclass(frozen=True)
class EntityResolution:
    """Which records are one entity, the scored pairs behind it, and what needs a person.

    ``clusters`` maps every record ID to an entity number (0, 1, ... by least record ID).
    ``pairs`` holds every compared pair: record_id_l, record_id_r, match_weight,
    match_probability, decision ('match', 'review', 'non_match'), decisive, needs_review,
    summary and explanation (one entry per field: field, level, left, right, weight).
    ``review`` is the pairs with needs_review: the uncertain band, one-character slips, and
    matches over a field that disagreed (same registration, different make).
    """

    kind: str
    prefix: str
    clusters: dict[str, int]
    pairs: pa.Table
    review: pa.Table

    def entity_ids(self, previous: Mapping[str, str] | None = None) -> dict[str, str]:
        """Record ID → entity ID, keeping ``previous`` (last run's record → ID) where it can.

        New IDs continue after the highest previous number with this kind's prefix.
        """
        earlier = dict(previous or {})
        start = next_person_number(earlier.values(), self.prefix)
        return assign_person_ids(self.clusters, earlier, mint_person_ids(self.prefix, start))

    def explain(self, record_id_l: str, record_id_r: str) -> list[dict[str, Any]]:
        """The field-by-field explanation of one compared pair (either order); [] if none."""
        low, high = sorted((record_id_l, record_id_r))
        left, right = self.pairs["record_id_l"], self.pairs["record_id_r"]
        wanted = pc.and_(pc.equal(left, pa.scalar(low)), pc.equal(right, pa.scalar(high)))
        found = self.pairs.filter(wanted)
        return list(found["explanation"][0].as_py()) if found.num_rows else []


def resolve_places(
    places: pa.Table, *, match_threshold: float = 0.9, review_from: float = 0.3
) -> EntityResolution:
    """Resolve places (record_id, name, kind, postcode, address_line, uprn), homes included.

    Same UPRN is decisive; same postcode with alike normalised names (or the same house
    number and street) is a match; the same name at a different postcode is a different
    premises unless it is an online space. See `entities_rules` for each rule's reason.
    """
    return resolve_entities(
        places, PLACE_RULES, match_threshold=match_threshold, review_from=review_from
    )


def resolve_vehicles(
    vehicles: pa.Table, *, match_threshold: float = 0.9, review_from: float = 0.3
) -> EntityResolution:
    """Resolve vehicles (record_id, registration, make, model, colour).

    An identical normalised registration is one vehicle, flagged for review when make,
    model or colour disagree; one character different is a review candidate only.
    """
    return resolve_entities(
        vehicles, VEHICLE_RULES, match_threshold=match_threshold, review_from=review_from
    )


def resolve_phones(
    phones: pa.Table, *, match_threshold: float = 0.9, review_from: float = 0.3
) -> EntityResolution:
    """Resolve phones (record_id, number): identical E.164 is one phone; one digit
    different is a review candidate only."""
    return resolve_entities(
        phones, PHONE_RULES, match_threshold=match_threshold, review_from=review_from
    )


def resolve_organisations(
    organisations: pa.Table, *, match_threshold: float = 0.9, review_from: float = 0.3
) -> EntityResolution:
    """Resolve organisations (record_id, name, kind, postcode, licence_numbers).

    A shared licence number is decisive; otherwise names and postcodes as for places.
    """
    return resolve_entities(
        organisations, ORGANISATION_RULES, match_threshold=match_threshold, review_from=review_from
    )


def resolve_entities(
    records: pa.Table,
    rules: EntityRules,
    *,
    match_threshold: float = 0.9,
    review_from: float = 0.3,
) -> EntityResolution:
    """Score, cluster and list review candidates for ``records`` under ``rules``.

    Pairs at or above ``match_threshold`` (or decisive) merge; pairs from ``review_from``
    up to it go to a person. Clustering uses bridge_support=1 because every pair within a
    block is scored, so the average-weight and veto rules already stop chaining.
    """
    if not 0.0 < review_from <= match_threshold < 1.0:
        raise ValueError("need 0 < review_from <= match_threshold < 1")
    table = _complete_columns(records, rules)
    pairs = score_pairs(table, rules, match_threshold, review_from)
    decisive = pairs.filter(pairs["decisive"])
    must_link = zip(_ids(decisive["record_id_l"]), _ids(decisive["record_id_r"]), strict=True)
    clusters = cluster_records(
        _ids(table["record_id"]),
        pairs.select(["record_id_l", "record_id_r", "match_probability"]),
        threshold=match_threshold,
        must_link=must_link,
        bridge_support=1,
    )
    review = pairs.filter(pairs["needs_review"])
    return EntityResolution(rules.kind, rules.prefix, clusters, pairs, review)


def _complete_columns(records: pa.Table, rules: EntityRules) -> pa.Table:
    """The input with every column the rules read; absent optional columns are empty."""
    if "record_id" not in records.column_names:
        raise ValueError(f"{rules.kind} records lack the column record_id")
    ids = records["record_id"]
    if ids.null_count:
        raise ValueError(f"{rules.kind} records include a row with no record_id")
    if pc.count_distinct(ids).as_py() != records.num_rows:
        raise ValueError(f"{rules.kind} records repeat a record_id")
    columns: dict[str, pa.ChunkedArray[Any] | pa.Array[Any]] = {}
    for name in rules.columns:
        if name in records.column_names:
            columns[name] = records[name]
        else:
            kind = pa.list_(pa.string()) if name in _LIST_COLUMNS else pa.string()
            columns[name] = pa.nulls(records.num_rows, kind)
    return pa.table(columns)


def _ids(column: pa.ChunkedArray[Any]) -> list[str]:
    """Record IDs as strings (the engine has already rejected missing ones)."""
    return cast(list[str], column.cast(pa.string()).to_pylist())
