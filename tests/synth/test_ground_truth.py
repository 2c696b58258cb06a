"""The ground truth agrees with the exports, record for record."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from tests.synth.conftest import read_truth
from tests.synth.exports import event_ids, person_ids


def test_every_source_person_record_is_in_the_truth_exactly_once(borough_dir: Path) -> None:
    truth = Counter((r["agency"], r["source_id"]) for r in read_truth(borough_dir, "persons"))
    exported = Counter(
        (agency, sid) for agency, ids in person_ids(borough_dir).items() for sid in ids
    )
    assert set(truth.values()) == {1}
    assert truth == exported
    assert {agency for agency, _ in exported} == {"POL", "CSC", "HLT", "EDU", "LIC"}


def test_every_event_is_in_the_truth_exactly_once(borough_dir: Path) -> None:
    truth = Counter((r["agency"], r["source_id"]) for r in read_truth(borough_dir, "events"))
    exported = Counter(
        (agency, sid) for agency, ids in event_ids(borough_dir).items() for sid in ids
    )
    assert set(truth.values()) == {1}
    assert truth == exported


def test_exploited_children_have_a_network_and_indicators_in_two_agencies(
    borough_dir: Path,
) -> None:
    networks = {r["network_id"]: r for r in read_truth(borough_dir, "networks")}
    agencies: dict[str, set[str]] = defaultdict(set)
    for event in read_truth(borough_dir, "events"):
        if event["indicator"] == "1":
            for pid in event["true_person_ids"].split(";"):
                agencies[pid].add(event["agency"])
    exploited = [r for r in read_truth(borough_dir, "children") if r["exploited"] == "1"]
    assert exploited
    for child in exploited:
        network = networks[child["network_id"]]
        assert child["true_person_id"] in network["child_ids"].split(";")
        assert len(agencies[child["true_person_id"]]) >= 2, child


def test_first_indicator_precedes_first_protective_action(borough_dir: Path) -> None:
    children = read_truth(borough_dir, "children")
    both = [c for c in children if c["first_indicator_date"] and c["first_protective_action_date"]]
    assert both
    assert all(c["first_indicator_date"] <= c["first_protective_action_date"] for c in both)


def test_network_members_are_true_people(borough_dir: Path) -> None:
    people = {r["true_person_id"]: r for r in read_truth(borough_dir, "people")}
    for network in read_truth(borough_dir, "networks"):
        adults = network["adult_ids"].split(";")
        children = network["child_ids"].split(";")
        assert 1 <= len(adults) <= 6 and 2 <= len(children) <= 12
        assert all(people[a]["role"] == "adult" for a in adults)
        assert all(people[c]["role"] == "child" for c in children)
        assert set(network["member_ids"].split(";")) == set(adults) | set(children)


def test_every_source_record_is_of_a_true_person(borough_dir: Path) -> None:
    people = {r["true_person_id"] for r in read_truth(borough_dir, "people")}
    assert {r["true_person_id"] for r in read_truth(borough_dir, "persons")} <= people
