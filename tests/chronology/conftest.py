"""A tiny hand-made borough: one child's history across five agencies, and a peer."""

from __future__ import annotations

from datetime import date
from typing import Any

import pyarrow as pa
import pytest

from joinedup.analysis import tables
from joinedup.analysis.borough import AnalysisTables
from joinedup.records.partial_dates import parse_iso_partial_datetime

HOME_1 = "PL:MS1 1AA:1 ash road"
HOME_2 = "PL:MS2 2BB:2 birch road"
KEBAB = "PL:MS3 3CC:star kebabs"

# event_id, event_type, occurred, sensitivity, place, participants [(person, role)]
_EVENTS: list[tuple[str, str, str, str, str | None, list[tuple[str, str]]]] = [
    ("CSC:1", "contact", "2015-06-01", "standard", None, [("C1", "subject"), ("R1", "reporter")]),
    ("CSC:2", "referral", "2016", "standard", None, [("C1", "subject")]),
    ("POL:1", "missing_episode", "2016-01-01T02:00", "standard", HOME_1, [("C1", "subject")]),
    ("CSC:5", "return_home_interview", "2016-01-03", "standard", None, [("C1", "subject")]),
    ("HLT:1", "sexual_health_visit", "2016-05", "special_category", None, [("C1", "subject")]),
    ("POL:2", "crime_report", "2016-06-10T23:10", "criminal_offence", KEBAB,
     [("C1", "victim"), ("A1", "suspect")]),
    ("CSC:3", "plan_start", "2016-07-01", "standard", None, [("C1", "subject")]),
    ("POL:3", "found_with_adult", "2017-03-03T22:15", "standard", KEBAB,
     [("C2", "subject"), ("A1", "associate")]),
    ("POL:4", "police_incident", "2017-09-01", "standard", None,
     [("C2", "subject"), ("A1", "suspect")]),
    ("CSC:4", "referral", "2018-02-01", "standard", HOME_2, [("C1", "subject")]),
]  # fmt: skip

_PLACES = {
    HOME_1: ("1 ASH ROAD", "home", "MS1 1AA"),
    HOME_2: ("2 BIRCH ROAD", "home", "MS2 2BB"),
    KEBAB: ("Star Kebabs", "takeaway", "MS3 3CC"),
}

_PERSONS = [
    ("C1", "Amy Ash", "2008-03-04", "child"),
    ("C2", "Ben Best", "2009", "child"),
    ("A1", "Carl Cole", "1980-01-01", "adult"),
    ("R1", "Nina Neighbour", None, "adult"),
]


def _event_row(event_id: str, event_type: str, occurred: str, sensitivity: str,
               place: str | None) -> dict[str, Any]:  # fmt: skip
    partial = parse_iso_partial_datetime(occurred)
    name, kind, postcode = _PLACES[place] if place else (None, None, None)
    return {
        "event_id": event_id, "agency": event_id.split(":")[0], "event_type": event_type,
        "occurred": occurred, "occurred_precision": partial.precision,
        "occurred_on": partial.date_part().earliest(), "recorded": date(2019, 1, 1),
        "place_entity_id": place, "place_name": name, "place_kind": kind,
        "place_postcode": postcode, "summary": f"Summary of {event_id}",
        "narrative": f"Restricted narrative of {event_id}", "sensitivity": sensitivity,
        "grade": "1AP" if event_id == "POL:3" else None,
    }  # fmt: skip


def build_tables() -> AnalysisTables:
    events = [_event_row(*e[:5]) for e in _EVENTS]
    participants = [{"event_id": e[0], "person_id": pid, "record_id": f"X:{pid}", "role": role}
                    for e in _EVENTS for pid, role in e[5]]  # fmt: skip
    persons = [
        {"person_id": p, "display_name": n, "dob": dob, "sex": "not_known",
         "ethnicity": "not_known", "age_group": age}
        for p, n, dob, age in _PERSONS
    ]  # fmt: skip
    entities = [
        {"event_id": e[0], "entity_kind": "place", "entity_id": e[4],
         "label": f"{_PLACES[e[4]][0]}, {_PLACES[e[4]][2]}"}
        for e in _EVENTS if e[4]
    ]  # fmt: skip
    return AnalysisTables(
        pa.Table.from_pylist(events, schema=tables.EVENTS),
        pa.Table.from_pylist(participants, schema=tables.PARTICIPANTS),
        pa.Table.from_pylist(persons, schema=tables.PERSONS),
        pa.Table.from_pylist(entities, schema=tables.EVENT_ENTITIES),
        tables.empty(tables.SOURCES),
    )


@pytest.fixture(scope="session")
def tiny() -> AnalysisTables:
    return build_tables()
