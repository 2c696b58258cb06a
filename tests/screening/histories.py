"""Hand-made event histories for screening tests, from short specifications.

An event spec is a mapping: type, days_ago (before AS_OF, default 30), summary, agency
(default CSC), role (the child's, default subject), at ('HH:MM'), place (an entity id),
place_kind, vehicle / phone (true), others ([{role, age}] other participants with an
age in years at AS_OF), child (false: the child is not in the event).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pyarrow as pa

from joinedup.analysis import tables
from joinedup.analysis.borough import AnalysisTables

AS_OF = date(2020, 6, 1)
CHILD = "C1"


def _dob(age: float) -> str:
    return (AS_OF - timedelta(days=round(age * 365.25) + 10)).isoformat()


def _event(number: int, spec: dict[str, Any]) -> dict[str, Any]:
    day = AS_OF - timedelta(days=int(spec.get("days_ago", 30)))
    occurred = f"{day.isoformat()}T{spec['at']}" if "at" in spec else day.isoformat()
    return {
        "event_id": f"{spec.get('agency', 'CSC')}:{number}", "agency": spec.get("agency", "CSC"),
        "event_type": spec["type"], "occurred": occurred,
        "occurred_precision": "minute" if "at" in spec else "day", "occurred_on": day,
        "recorded": day, "place_entity_id": spec.get("place"), "place_name": None,
        "place_kind": spec.get("place_kind"), "place_postcode": None,
        "summary": spec.get("summary", ""), "narrative": None, "sensitivity": "standard",
        "grade": None,
    }  # fmt: skip


def build_history(specs: list[dict[str, Any]], child_age: float = 14) -> AnalysisTables:
    """Analysis tables holding one child (C1) and the events of `specs`."""
    events, participants, entities = [], [], []
    persons = [{"person_id": CHILD, "display_name": "Child One", "dob": _dob(child_age),
                "sex": "female", "ethnicity": "not_known", "age_group": "child"}]  # fmt: skip
    for number, spec in enumerate(specs, start=1):
        row = _event(number, spec)
        events.append(row)
        if spec.get("child", True):
            participants.append(_participant(row["event_id"], CHILD, spec.get("role", "subject")))
        for k, other in enumerate(spec.get("others", [])):
            person_id = f"O{number}_{k}"
            participants.append(_participant(row["event_id"], person_id, other["role"]))
            persons.append({"person_id": person_id, "display_name": person_id,
                            "dob": _dob(other["age"]), "sex": "male", "ethnicity": "not_known",
                            "age_group": "child" if other["age"] < 18 else "adult"})  # fmt: skip
        for kind in ("vehicle", "phone"):
            if spec.get(kind):
                entities.append({"event_id": row["event_id"], "entity_kind": kind,
                                 "entity_id": f"{kind}:{number}", "label": "X"})  # fmt: skip
    return AnalysisTables(
        pa.Table.from_pylist(events, schema=tables.EVENTS),
        pa.Table.from_pylist(participants, schema=tables.PARTICIPANTS),
        pa.Table.from_pylist(persons, schema=tables.PERSONS),
        pa.Table.from_pylist(entities, schema=tables.EVENT_ENTITIES),
        pa.Table.from_pylist([{"person_id": CHILD, "record_id": "CSC:S1", "agency": "CSC",
                               "source_id": "S1", "match_probability": None}],
                             schema=tables.SOURCES),
    )  # fmt: skip


def _participant(event_id: str, person_id: str, role: str) -> dict[str, str]:
    return {"event_id": event_id, "person_id": person_id, "record_id": f"X:{person_id}",
            "role": role}  # fmt: skip
