"""Arrow schemas of the analysis tables: what the system of record hands the core.

The web layer builds these from the ORM (one thin sync module); tests and benchmarks
build them from a synthetic borough (`borough.py`). The analysis packages
(`chronology`, `screening`, `network`) read only these.

- EVENTS: one row per event: `event_id` = "AGENCY:source_id".
- PARTICIPANTS: who took part in each event, as the resolved `person_id` and role.
- PERSONS: one row per resolved person (best-known facts, for display and age).
- EVENT_ENTITIES: the resolved places, vehicles, phones and organisations of each event.
- SOURCES: which agency records make up each person (for provenance).
"""

from __future__ import annotations

import pyarrow as pa

__all__ = ["EVENTS", "EVENT_ENTITIES", "PARTICIPANTS", "PERSONS", "SOURCES", "empty"]

_TEXT: pa.DataType = pa.string()

EVENTS = pa.schema(
    [
        ("event_id", _TEXT),  # "AGENCY:source_id"
        ("agency", _TEXT),  # agency code
        ("event_type", _TEXT),  # vocabulary event_type
        ("occurred", _TEXT),  # ISO partial date-time: '2023', '2023-05', '2023-05-12T23:10'
        ("occurred_precision", _TEXT),  # year, month, day, minute
        ("occurred_on", pa.date32()),  # earliest day `occurred` can mean
        ("recorded", pa.date32()),  # nullable
        ("place_entity_id", _TEXT),  # resolved place (PL-...), nullable
        ("place_name", _TEXT),
        ("place_kind", _TEXT),
        ("place_postcode", _TEXT),
        ("summary", _TEXT),  # shareable summary
        ("narrative", _TEXT),  # restricted: only for readers entitled to it
        ("sensitivity", _TEXT),  # standard, special_category, criminal_offence
        ("grade", _TEXT),  # 3x5x2 such as '1AP', or null
    ]
)

PARTICIPANTS = pa.schema(
    [
        ("event_id", _TEXT),
        ("person_id", _TEXT),  # resolved person (P-...)
        ("record_id", _TEXT),  # the agency's person record "AGENCY:source_id"
        ("role", _TEXT),  # vocabulary participant_role
    ]
)

PERSONS = pa.schema(
    [
        ("person_id", _TEXT),
        ("display_name", _TEXT),  # the most complete name across records
        ("dob", _TEXT),  # ISO partial date, the most precise recorded
        ("sex", _TEXT),
        ("ethnicity", _TEXT),
        ("age_group", _TEXT),  # child, adult, not_known
    ]
)

EVENT_ENTITIES = pa.schema(
    [
        ("event_id", _TEXT),
        ("entity_kind", _TEXT),  # place, vehicle, phone, organisation
        ("entity_id", _TEXT),  # PL-/VH-/PH-/OR-...
        ("label", _TEXT),  # as an analyst would read it: 'AB12CDE', 'Star Kebabs, MS1 4EF'
    ]
)

SOURCES = pa.schema(
    [
        ("person_id", _TEXT),
        ("record_id", _TEXT),
        ("agency", _TEXT),
        ("source_id", _TEXT),
        ("match_probability", pa.float64()),
    ]
)


def empty(schema: pa.Schema) -> pa.Table:
    return schema.empty_table()
