"""Writes one chunk: each agency's records of the people it knows, their events, and
the ground truth for all of it."""

from __future__ import annotations

import random
from collections import defaultdict

from joinedup.synth.chunk import Chunk, last_seen
from joinedup.synth.data import rates
from joinedup.synth.distortions import copy_for_agency
from joinedup.synth.events import Event
from joinedup.synth.exports.base import ExportWriter
from joinedup.synth.households import Borough
from joinedup.synth.people import Person
from joinedup.synth.truth import TruthWriter

__all__ = ["write_chunk"]


def _known_to(agency: str, chunk: Chunk, rng: random.Random) -> list[Person]:
    """Everyone the agency holds a record of, in true-person order."""
    known = {p.pid: p for e in chunk.events if e.agency == agency for p in e.people}
    coverage = rates()["coverage"]
    for household in chunk.households:
        for child in household.children:
            if (agency == "HLT" and child.in_health) or (agency == "EDU" and child.upn):
                known[child.pid] = child
        if agency == "CSC" and any(c.pid in known for c in household.children):
            for adult in household.adults:
                if rng.random() < float(coverage["csc_parent_record"]):
                    known[adult.pid] = adult
    return [known[pid] for pid in sorted(known)]


def _copies(agency: str, rng: random.Random) -> int:
    duplicate = float(rates()["coverage"]["police_duplicate"])
    return 2 if agency == "POL" and rng.random() < duplicate else 1


def _write_people(
    agency: str,
    export: ExportWriter,
    chunk: Chunk,
    truth: TruthWriter,
    rng: random.Random,
    borough: Borough,
) -> dict[str, list[str]]:
    by_person: dict[str, list[Event]] = defaultdict(list)
    for event in chunk.events:
        if event.agency == agency:
            for person in event.people:
                by_person[person.pid].append(event)
    ids: dict[str, list[str]] = {}
    for person in _known_to(agency, chunk, rng):
        seen = last_seen(by_person.get(person.pid, []), person, borough.end)
        for _ in range(_copies(agency, rng)):
            record = copy_for_agency(rng, agency, person, export.new_person_id(person), seen)
            export.write_person(record, rng)
            truth.source_record(record)
            ids.setdefault(person.pid, []).append(record.source_id)
    return ids


def _write_events(
    agency: str,
    export: ExportWriter,
    chunk: Chunk,
    truth: TruthWriter,
    rng: random.Random,
    ids: dict[str, list[str]],
) -> None:
    for event in chunk.events:
        if event.agency != agency:
            continue
        source_id = export.new_event_id(event)
        refs = [(rng.choice(ids[p.pid]), role) for p, role in event.participants]
        export.write_event(event, source_id, refs, rng)
        truth.event(event, source_id)


def _write_truth(chunk: Chunk, truth: TruthWriter) -> None:
    for person in chunk.people:
        truth.person(person)
    outcomes = {o.pid: o for o in chunk.outcomes}
    for child in chunk.children:
        truth.child(child, outcomes.get(child.pid))
    for network in chunk.networks:
        truth.network(network)


def write_chunk(
    chunk: Chunk,
    exports: list[ExportWriter],
    truth: TruthWriter,
    rng: random.Random,
    borough: Borough,
) -> None:
    for export in exports:
        ids = _write_people(export.agency, export, chunk, truth, rng, borough)
        _write_events(export.agency, export, chunk, truth, rng, ids)
        export.end_chunk()
    _write_truth(chunk, truth)
