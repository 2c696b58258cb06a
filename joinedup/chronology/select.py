"""Reading the analysis tables: which events concern a person, a context or a network.

Only these functions touch Arrow; the rest of the package works on plain rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from joinedup.analysis.borough import AnalysisTables

__all__ = [
    "entity_label",
    "event_ids_at_entity",
    "event_ids_involving",
    "event_rows",
    "participants_by_event",
    "person_rows",
]

Row = dict[str, Any]


def _rows_where_in(table: pa.Table, column: str, values: Iterable[str]) -> list[Row]:
    wanted = pa.array(sorted(set(values)), type=pa.string())
    mask = pc.is_in(table.column(column), value_set=wanted)
    rows: list[Row] = table.filter(mask).to_pylist()
    return rows


def event_ids_involving(tables: AnalysisTables, person_ids: Iterable[str]) -> set[str]:
    """Every event any of these people took part in, in any role."""
    return {r["event_id"] for r in _rows_where_in(tables.participants, "person_id", person_ids)}


def event_ids_at_entity(tables: AnalysisTables, entity_id: str) -> set[str]:
    """Every event at this place, or involving this vehicle, phone or organisation."""
    at_place = _rows_where_in(tables.events, "place_entity_id", [entity_id])
    linked = _rows_where_in(tables.event_entities, "entity_id", [entity_id])
    return {r["event_id"] for r in at_place} | {r["event_id"] for r in linked}


def event_rows(tables: AnalysisTables, event_ids: Iterable[str]) -> list[Row]:
    """The EVENTS rows of these events."""
    return _rows_where_in(tables.events, "event_id", event_ids)


def participants_by_event(
    tables: AnalysisTables, event_ids: Iterable[str]
) -> dict[str, list[tuple[str, str]]]:
    """event_id -> [(person_id, role), ...] in table order."""
    found: dict[str, list[tuple[str, str]]] = {}
    for row in _rows_where_in(tables.participants, "event_id", event_ids):
        found.setdefault(row["event_id"], []).append((row["person_id"], row["role"]))
    return found


def person_rows(tables: AnalysisTables, person_ids: Iterable[str]) -> dict[str, Row]:
    """person_id -> PERSONS row, for those that exist."""
    return {r["person_id"]: r for r in _rows_where_in(tables.persons, "person_id", person_ids)}


def entity_label(tables: AnalysisTables, entity_id: str) -> str | None:
    """How an analyst would read this place, vehicle, phone or organisation."""
    for row in _rows_where_in(tables.event_entities, "entity_id", [entity_id]):
        if row["label"]:
            return str(row["label"])
    return None
