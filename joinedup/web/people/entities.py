"""Resolve places, vehicles, phones and organisations across agencies in the database.

Each agency keeps its own place, vehicle, phone and organisation records as written;
this step gives every one an `entity_id` shared by the records that are one entity
(the same takeaway, car, phone or taxi firm), keeping last run's IDs, and lists the
pairs a person should look at (`EntityReviewPair`). Reviewers' decisions about earlier
pairs (`entity_review.py`) are obeyed and their pairs are not listed again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyarrow as pa

from joinedup.linkage.entities import (
    EntityResolution,
    resolve_organisations,
    resolve_phones,
    resolve_places,
    resolve_vehicles,
)
from joinedup.web.people import models as pm
from joinedup.web.people.entity_review import entity_constraints, obey_decisions
from joinedup.web.people.sync import record_id
from joinedup.web.records import models as m

Resolver = Callable[[pa.Table], EntityResolution]

KINDS: tuple[tuple[str, type[m.ResolvedEntity], tuple[str, ...], Resolver], ...] = (
    ("place", m.Place, ("name", "kind", "postcode", "address_line", "uprn"), resolve_places),
    ("vehicle", m.Vehicle, ("registration", "make", "model", "colour"), resolve_vehicles),
    ("phone", m.Phone, ("number",), resolve_phones),
    ("organisation", m.Organisation, ("name", "kind", "licence_numbers", "place__postcode"),
     resolve_organisations),
)  # fmt: skip


def _table(
    model: type[m.ResolvedEntity], fields: tuple[str, ...]
) -> tuple[pa.Table, dict[str, Any]]:
    rows, by_id = [], {}
    for obj in model._default_manager.select_related("agency").order_by("pk"):
        rid = record_id(obj.agency.code, obj.source_id)
        by_id[rid] = obj
        row: dict[str, Any] = {"record_id": rid}
        for name in fields:
            value: Any = obj
            for part in name.split("__"):
                value = getattr(value, part, None) if value is not None else None
            row[name.replace("place__", "")] = value or None
        rows.append(row)
    return pa.Table.from_pylist(rows), by_id


def resolve_entities_in_database(run: pm.LinkageRun) -> dict[str, dict[str, int]]:
    """Resolve every kind; returns, per kind, records, entities and review pairs."""
    report = {}
    pm.EntityReviewPair.objects.filter(status=pm.EntityReviewPair.OPEN).delete()
    for kind, model, fields, resolve in KINDS:
        table, by_id = _table(model, fields)
        if table.num_rows == 0:
            report[kind] = {"records": 0, "entities": 0, "review": 0}
            continue
        resolution = obey_decisions(resolve(table), entity_constraints(kind))
        previous = {rid: obj.entity_id for rid, obj in by_id.items() if obj.entity_id}
        ids = resolution.entity_ids(previous)
        for rid, obj in by_id.items():
            obj.entity_id = ids[rid]
        model._default_manager.bulk_update(list(by_id.values()), ["entity_id"], batch_size=1000)
        reviews = _review_pairs(kind, resolution, run)
        report[kind] = {"records": table.num_rows, "entities": len(set(ids.values())),
                        "review": len(reviews)}  # fmt: skip
    return report


def _review_pairs(kind: str, resolution: EntityResolution,
                  run: pm.LinkageRun) -> list[pm.EntityReviewPair]:  # fmt: skip
    pairs = [
        pm.EntityReviewPair(
            kind=kind, record_a=row["record_id_l"], record_b=row["record_id_r"],
            match_probability=row["match_probability"], summary=str(row["summary"] or "")[:300],
            explanation=row["explanation"], run=run)
        for row in resolution.review.to_pylist()
    ]  # fmt: skip
    return pm.EntityReviewPair.objects.bulk_create(pairs, batch_size=1000)
