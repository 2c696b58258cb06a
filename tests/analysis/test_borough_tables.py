"""The analysis tables built from a synthetic borough match its ground truth."""

from __future__ import annotations

import csv
from pathlib import Path

from joinedup.analysis import tables
from joinedup.analysis.borough import analysis_tables_from_borough, truth_person_ids


def test_tables_have_their_schemas_and_every_event_of_the_truth(small_borough: Path) -> None:
    built = analysis_tables_from_borough(small_borough)
    assert built.events.schema == tables.EVENTS
    assert built.participants.schema == tables.PARTICIPANTS
    assert built.persons.schema == tables.PERSONS
    with (small_borough / "truth" / "events.csv").open(newline="") as f:
        truth_events = {f"{r['agency']}:{r['source_id']}" for r in csv.DictReader(f)}
    assert set(built.events.column("event_id").to_pylist()) == truth_events


def test_participants_are_resolved_to_true_persons(small_borough: Path) -> None:
    built = analysis_tables_from_borough(small_borough)
    truth = truth_person_ids(small_borough)
    for row in built.participants.to_pylist()[:500]:
        assert row["person_id"] == truth[row["record_id"]]
    children = {r["person_id"] for r in built.persons.to_pylist() if r["age_group"] == "child"}
    assert children and children <= set(truth.values())


def test_a_given_link_result_replaces_the_truth(small_borough: Path) -> None:
    truth = truth_person_ids(small_borough)
    everyone_alone = {rid: f"X-{rid}" for rid in truth}
    built = analysis_tables_from_borough(small_borough, everyone_alone)
    assert built.persons.num_rows == len(truth)
