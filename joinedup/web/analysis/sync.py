"""Build the analysis tables (joinedup.analysis.tables) from the system of record.

Everything the chronology, screening and network packages read comes through here:
events with their place, participants resolved to persons through PersonLink, the
persons, the resolved entities of each event, and the source records of each person.
Records not yet linked keep their own record id as their person id, so nothing is
lost before the first `joinedup link`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pyarrow as pa

from joinedup.analysis import tables
from joinedup.analysis.borough import AnalysisTables
from joinedup.web.people import models as pm
from joinedup.web.records import models as m


def _record_ids() -> dict[int, str]:
    rows = m.SourcePerson.objects.values_list("pk", "agency__code", "source_id")
    return {pk: f"{agency}:{sid}" for pk, agency, sid in rows}


def _person_of(record_ids: dict[int, str]) -> dict[int, str]:
    linked = dict(pm.PersonLink.objects.values_list("source_person_id", "person__person_id"))
    return {pk: linked.get(pk, rid) for pk, rid in record_ids.items()}


def analysis_tables_from_database() -> AnalysisTables:
    record_ids = _record_ids()
    person_of = _person_of(record_ids)
    return AnalysisTables(
        events=_events(),
        participants=_participants(record_ids, person_of),
        persons=_persons(person_of),
        event_entities=_event_entities(),
        sources=_sources(record_ids, person_of),
    )


def _events() -> pa.Table:
    fields = ("pk", "agency__code", "source_id", "event_type", "occurred", "occurred_precision",
              "occurred_on", "recorded", "place__entity_id", "place__name", "place__kind",
              "place__postcode", "summary", "narrative", "sensitivity", "grade_source",
              "grade_intelligence", "grade_handling")  # fmt: skip
    rows = []
    for v in m.Event.objects.order_by("pk").values_list(*fields):
        row = dict(zip(fields, v, strict=True))
        rows.append({
            "event_id": f"{row['agency__code']}:{row['source_id']}", "agency": row["agency__code"],
            "event_type": row["event_type"], "occurred": row["occurred"],
            "occurred_precision": row["occurred_precision"], "occurred_on": row["occurred_on"],
            "recorded": row["recorded"], "place_entity_id": row["place__entity_id"] or None,
            "place_name": row["place__name"] or None, "place_kind": row["place__kind"],
            "place_postcode": row["place__postcode"] or None, "summary": row["summary"],
            "narrative": row["narrative"] or None, "sensitivity": row["sensitivity"],
            "grade": "".join((row["grade_source"], row["grade_intelligence"],
                              row["grade_handling"])) or None,
        })  # fmt: skip
    return pa.Table.from_pylist(rows, schema=tables.EVENTS)


def _event_key(agency: str, source_id: str) -> str:
    return f"{agency}:{source_id}"


def _participants(record_ids: dict[int, str], person_of: dict[int, str]) -> pa.Table:
    rows = [
        {"event_id": _event_key(agency, sid), "person_id": person_of[person],
         "record_id": record_ids[person], "role": role}
        for agency, sid, person, role in m.EventParticipant.objects.values_list(
            "event__agency__code", "event__source_id", "person_id", "role")
    ]  # fmt: skip
    return pa.Table.from_pylist(rows, schema=tables.PARTICIPANTS)


def _persons(person_of: dict[int, str]) -> pa.Table:
    by_person: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in m.SourcePerson.objects.values(
        "pk", "forenames", "surname", "dob", "dob_precision", "sex", "ethnicity", "age_group"
    ):
        by_person[person_of[row["pk"]]].append(dict(row))
    return pa.Table.from_pylist([_best(pid, rows) for pid, rows in sorted(by_person.items())],
                                schema=tables.PERSONS)  # fmt: skip


def _best(person_id: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The most complete name and most precise date of birth across the person's records."""
    precision = {"day": 3, "month": 2, "year": 1, "": 0}
    best = max(rows, key=lambda r: (precision[r["dob_precision"]], bool(r["forenames"]),
                                    bool(r["surname"])))  # fmt: skip
    ages = {r["age_group"] for r in rows}
    known = [r["ethnicity"] for r in rows if r["ethnicity"] not in ("not_known", "not_stated")]
    return {
        "person_id": person_id,
        "display_name": " ".join(x for x in (best["forenames"], best["surname"]) if x),
        "dob": best["dob"] or None, "sex": best["sex"],
        "ethnicity": known[0] if known else rows[0]["ethnicity"],
        "age_group": "child" if "child" in ages else ("adult" if "adult" in ages else "not_known"),
    }  # fmt: skip


def _event_entities() -> pa.Table:
    rows: list[dict[str, Any]] = []
    events = m.Event.objects
    for kind, relation, label in (("vehicle", "vehicles", "registration"),
                                  ("phone", "phones", "number"),
                                  ("organisation", "organisations", "name")):  # fmt: skip
        values = events.filter(**{f"{relation}__isnull": False}).values_list(
            "agency__code", "source_id", f"{relation}__entity_id", f"{relation}__{label}"
        )
        rows += [{"event_id": _event_key(a, s), "entity_kind": kind, "entity_id": e or None,
                  "label": lbl} for a, s, e, lbl in values]  # fmt: skip
    places = events.filter(place__isnull=False).values_list(
        "agency__code", "source_id", "place__entity_id", "place__name", "place__postcode"
    )
    rows += [{"event_id": _event_key(a, s), "entity_kind": "place", "entity_id": e or None,
              "label": ", ".join(x for x in (n, p) if x)} for a, s, e, n, p in places]  # fmt: skip
    return pa.Table.from_pylist(rows, schema=tables.EVENT_ENTITIES)


def _sources(record_ids: dict[int, str], person_of: dict[int, str]) -> pa.Table:
    probability = dict(pm.PersonLink.objects.values_list("source_person_id", "match_probability"))
    rows = [
        {"person_id": person_of[pk], "record_id": rid, "agency": rid.split(":", 1)[0],
         "source_id": rid.split(":", 1)[1], "match_probability": probability.get(pk)}
        for pk, rid in record_ids.items()
    ]  # fmt: skip
    return pa.Table.from_pylist(rows, schema=tables.SOURCES)
