"""Small hand-made analysis tables where the right answer is known.

Children C1, C2 and C3 have indicators; C4 has none. Adult A1 is recorded with C1 (E1)
and with C2 (E2), and C3 is seen getting into A1's car AB12CDE (E3, the car is A1's in
E1). C1 and C2 were both at the Station Hotel. A2 is a professional at E4 with C4.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pyarrow as pa

from joinedup.analysis import tables
from joinedup.analysis.borough import AnalysisTables

HOTEL = "PL:MS1 1AA:station hotel"
HOME = "PL:MS2 2BB:4 elm road"
CAR = "VH:AB12CDE"
PHONE = "PH:+447700900001"

PERSONS = [
    ("A1", "Adam One", "adult"),
    ("A2", "Alice Two", "adult"),
    ("C1", "Chloe One", "child"),
    ("C2", "Cara Two", "child"),
    ("C3", "Cody Three", "child"),
    ("C4", "Cleo Four", "child"),
    ("C5", "Casey Five", "child"),
]

EVENTS: list[Any] = [
    ("POL:E1", "POL", date(2020, 1, 1), "2BP", [("C1", "victim"), ("A1", "suspect")],
     [("place", HOTEL, "STATION HOTEL, MS1 1AA"), ("vehicle", CAR, "AB12CDE")]),
    ("POL:E2", "POL", date(2020, 2, 1), "1AC", [("C2", "victim"), ("A1", "suspect")],
     [("place", HOTEL, "STATION HOTEL, MS1 1AA")]),
    ("CSC:E3", "CSC", date(2020, 3, 1), None, [("C3", "subject")],
     [("vehicle", CAR, "AB12CDE")]),
    ("HLT:E4", "HLT", date(2020, 4, 1), None, [("C4", "subject"), ("A2", "professional")],
     [("place", HOME, "4 ELM ROAD, MS2 2BB")]),
    ("POL:E5", "POL", date(2021, 1, 1), "3EP", [("A1", "subject")],
     [("phone", PHONE, "+447700900001")]),
]  # fmt: skip

LATER_EVENTS: list[Any] = [
    ("POL:E6", "POL", date(2022, 5, 1), None, [("C5", "victim"), ("A1", "suspect")], []),
    ("POL:E7", "POL", date(2022, 6, 1), None, [("C1", "victim"), ("A1", "suspect")], []),
]

CHILDREN_WITH_INDICATORS = {"C1", "C2", "C3"}


def hand_made_tables(events: list[Any] | None = None) -> AnalysisTables:
    chosen = EVENTS if events is None else events
    return AnalysisTables(
        events=pa.Table.from_pylist([_event(*e[:4]) for e in chosen], schema=tables.EVENTS),
        participants=pa.Table.from_pylist(
            [_participant(e[0], p, r) for e in chosen for p, r in e[4]],
            schema=tables.PARTICIPANTS,
        ),
        persons=pa.Table.from_pylist([_person(*p) for p in PERSONS], schema=tables.PERSONS),
        event_entities=pa.Table.from_pylist(
            [_entity(e[0], *x) for e in chosen for x in e[5]], schema=tables.EVENT_ENTITIES
        ),
        sources=tables.empty(tables.SOURCES),
    )


def _event(event_id: str, agency: str, day: date, grade: str | None) -> dict[str, Any]:
    place_kind = "hotel" if event_id in ("POL:E1", "POL:E2") else None
    return {"event_id": event_id, "agency": agency, "event_type": "other",
            "occurred": day.isoformat(), "occurred_precision": "day", "occurred_on": day,
            "place_kind": place_kind, "place_entity_id": HOTEL if place_kind else None,
            "sensitivity": "standard", "grade": grade}  # fmt: skip


def _participant(event_id: str, person_id: str, role: str) -> dict[str, Any]:
    return {"event_id": event_id, "person_id": person_id, "record_id": person_id, "role": role}


def _person(person_id: str, name: str, age_group: str) -> dict[str, Any]:
    return {"person_id": person_id, "display_name": name, "age_group": age_group}


def _entity(event_id: str, kind: str, entity_id: str, label: str) -> dict[str, Any]:
    return {"event_id": event_id, "entity_kind": kind, "entity_id": entity_id, "label": label}
