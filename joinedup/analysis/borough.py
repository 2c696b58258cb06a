"""The analysis tables of a synthetic borough, read without a database.

For tests and benchmarks: every export is read through its mapping with the import
engine, and records are resolved to persons either by the ground truth
(`truth/persons.csv`, the default) or by a given record_id -> person_id map (for
example the output of `joinedup link-file`). Places, vehicles, phones and
organisations are resolved by their normalised keys.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from joinedup.analysis import tables
from joinedup.records.canonical import CanonicalBatch, EventRecord, PersonRecord
from joinedup.records.export import read_export
from joinedup.records.mapping import load_mapping

__all__ = ["AnalysisTables", "analysis_tables_from_borough", "truth_person_ids"]


@dataclass(frozen=True)
class AnalysisTables:
    events: pa.Table
    participants: pa.Table
    persons: pa.Table
    event_entities: pa.Table
    sources: pa.Table


def truth_person_ids(borough: Path) -> dict[str, str]:
    """record_id ("AGENCY:source_id") -> true person id, from the ground truth."""
    with (borough / "truth" / "persons.csv").open(newline="", encoding="utf-8") as f:
        return {f"{r['agency']}:{r['source_id']}": r["true_person_id"] for r in csv.DictReader(f)}


def analysis_tables_from_borough(
    borough: Path, person_of: Mapping[str, str] | None = None
) -> AnalysisTables:
    """Every agency's events, participants and entities, with persons resolved."""
    resolve = dict(person_of) if person_of is not None else truth_person_ids(borough)
    rows: dict[str, list[dict[str, Any]]] = {n: [] for n in ("e", "p", "x", "s")}
    people: dict[str, list[PersonRecord]] = {}
    for batch in _batches(borough):
        _collect(batch, resolve, rows, people)
    return AnalysisTables(
        pa.Table.from_pylist(rows["e"], schema=tables.EVENTS),
        pa.Table.from_pylist(rows["p"], schema=tables.PARTICIPANTS),
        pa.Table.from_pylist(_person_rows(people), schema=tables.PERSONS),
        pa.Table.from_pylist(rows["x"], schema=tables.EVENT_ENTITIES),
        pa.Table.from_pylist(rows["s"], schema=tables.SOURCES),
    )


def _batches(borough: Path) -> list[CanonicalBatch]:
    manifest = json.loads((borough / "manifest.json").read_text(encoding="utf-8"))
    batches = []
    for export in manifest["exports"]:
        mapping = load_mapping(borough / export["mapping"])
        result = read_export(mapping, [borough / f for f in export["files"]])
        batches.append(result.batch)
    return batches


def _collect(
    batch: CanonicalBatch,
    resolve: dict[str, str],
    rows: dict[str, list[dict[str, Any]]],
    people: dict[str, list[PersonRecord]],
) -> None:
    agency = batch.agency_code
    for sid, person in batch.persons.items():
        rid = f"{agency}:{sid}"
        person_id = resolve.get(rid, rid)
        people.setdefault(person_id, []).append(person)
        rows["s"].append({"person_id": person_id, "record_id": rid, "agency": agency,
                          "source_id": sid, "match_probability": None})  # fmt: skip
    for sid, event in batch.events.items():
        event_id = f"{agency}:{sid}"
        rows["e"].append(_event_row(batch, event_id, event))
        for p in event.participants:
            rid = f"{agency}:{p.person_source_id}"
            rows["p"].append({"event_id": event_id, "person_id": resolve.get(rid, rid),
                              "record_id": rid, "role": p.role})  # fmt: skip
        rows["x"] += _entity_rows(batch, event_id, event)


def _event_row(batch: CanonicalBatch, event_id: str, event: EventRecord) -> dict[str, Any]:
    place = batch.places.get(event.place_source_id or "")
    grade = event.grade.code() if event.grade else None
    return {
        "event_id": event_id, "agency": batch.agency_code, "event_type": event.event_type,
        "occurred": event.occurred.iso(), "occurred_precision": event.occurred.precision,
        "occurred_on": event.occurred.date_part().earliest(), "recorded": event.recorded,
        "place_entity_id": _place_key(place) if place else None,
        "place_name": place.name if place else None, "place_kind": place.kind if place else None,
        "place_postcode": place.postcode if place else None, "summary": event.summary,
        "narrative": event.narrative, "sensitivity": event.sensitivity, "grade": grade,
    }  # fmt: skip


def _place_key(place: Any) -> str:
    name = " ".join(str(place.name or place.address_line or "").lower().split())
    return f"PL:{place.postcode or ''}:{name}"


def _entity_rows(batch: CanonicalBatch, event_id: str, event: EventRecord) -> list[dict[str, Any]]:
    found = []
    place = batch.places.get(event.place_source_id or "")
    if place is not None:
        label = ", ".join(x for x in (place.name or place.address_line, place.postcode) if x)
        found.append(("place", _place_key(place), label))
    for vid in event.vehicle_source_ids:
        found.append(("vehicle", f"VH:{batch.vehicles[vid].registration}",
                      batch.vehicles[vid].registration))  # fmt: skip
    for pid in event.phone_source_ids:
        found.append(("phone", f"PH:{batch.phones[pid].number}", batch.phones[pid].number))
    for oid in event.organisation_source_ids:
        org = batch.organisations.get(oid)
        found.append(("organisation", f"OR:{batch.agency_code}:{oid}", org.name if org else oid))
    return [{"event_id": event_id, "entity_kind": k, "entity_id": i, "label": lbl}
            for k, i, lbl in found]  # fmt: skip


def _person_rows(people: dict[str, list[PersonRecord]]) -> list[dict[str, Any]]:
    rows = []
    for person_id, records in sorted(people.items()):
        best = max(records, key=lambda r: (r.dob is not None and r.dob.precision == "day",
                                           bool(r.forenames), bool(r.surname)))  # fmt: skip
        ages = {r.age_group for r in records}
        rows.append({
            "person_id": person_id,
            "display_name": " ".join(x for x in (best.forenames, best.surname) if x),
            "dob": best.dob.iso() if best.dob else None, "sex": best.sex,
            "ethnicity": next((r.ethnicity for r in records if r.ethnicity != "not_known"),
                              "not_known"),
            "age_group": "child" if "child" in ages else ("adult" if "adult" in ages
                                                          else "not_known"),
        })  # fmt: skip
    return rows
