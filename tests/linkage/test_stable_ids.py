"""Person IDs stay stable across re-runs of linkage."""

from __future__ import annotations

import pytest

from joinedup.linkage.stable_ids import (
    PersonIdChanges,
    assign_person_ids,
    mint_person_ids,
    next_person_number,
    summarise_person_id_changes,
)

PREVIOUS = {
    "a": "P-0000001",
    "b": "P-0000001",
    "c": "P-0000001",
    "d": "P-0000002",
    "e": "P-0000002",
    "f": "P-0000003",
}


def rerun(clusters: dict[str, int], previous: dict[str, str] = PREVIOUS) -> dict[str, str]:
    return assign_person_ids(clusters, previous, mint_person_ids(start=100))


def test_same_clusters_keep_every_id() -> None:
    clusters = {"a": 5, "b": 5, "c": 5, "d": 7, "e": 7, "f": 9}
    assert rerun(clusters) == PREVIOUS
    assert summarise_person_id_changes(PREVIOUS, PREVIOUS) == PersonIdChanges(
        kept=("P-0000001", "P-0000002", "P-0000003"), new=(), merged={}, split={}, removed=()
    )


def test_adding_a_record_to_a_cluster_keeps_its_id_and_new_people_get_new_ids() -> None:
    clusters = {"a": 0, "b": 0, "c": 0, "new1": 0, "d": 1, "e": 1, "f": 2, "new2": 3}
    assigned = rerun(clusters)
    assert assigned["new1"] == "P-0000001"
    assert assigned["new2"] == "P-0000100"
    assert summarise_person_id_changes(PREVIOUS, assigned).new == ("P-0000100",)


def test_merge_keeps_the_id_with_more_overlap_and_reports_the_other_retired() -> None:
    clusters = {"a": 0, "b": 0, "c": 0, "d": 0, "e": 0, "f": 1}
    assigned = rerun(clusters)
    assert set(assigned[r] for r in "abcde") == {"P-0000001"}
    changes = summarise_person_id_changes(PREVIOUS, assigned)
    assert changes.merged == {"P-0000002": "P-0000001"}
    assert changes.kept == ("P-0000001", "P-0000003")
    assert changes.split == {}


def test_merge_of_equal_overlaps_keeps_the_lower_id() -> None:
    clusters = {"d": 0, "e": 0, "x": 0, "y": 0}
    previous = {"d": "P-0000009", "e": "P-0000009", "x": "P-0000004", "y": "P-0000004"}
    assert set(rerun(clusters, previous).values()) == {"P-0000004"}


def test_split_keeps_the_id_on_the_bigger_part() -> None:
    clusters = {"c": 0, "a": 1, "b": 1, "d": 2, "e": 2, "f": 3}
    assigned = rerun(clusters)
    assert assigned["a"] == assigned["b"] == "P-0000001"
    assert assigned["c"] == "P-0000100"
    changes = summarise_person_id_changes(PREVIOUS, assigned)
    assert changes.split == {"P-0000001": ("P-0000001", "P-0000100")}
    assert changes.new == ("P-0000100",)
    assert changes.merged == {}


def test_even_split_keeps_the_id_on_the_part_with_the_least_record_id() -> None:
    previous = {"a": "P-0000001", "b": "P-0000001"}
    assigned = assign_person_ids({"b": 0, "a": 1}, previous, mint_person_ids(start=2))
    assert assigned == {"a": "P-0000001", "b": "P-0000002"}


def test_records_gone_from_the_run_are_reported_removed() -> None:
    assigned = rerun({"a": 0, "b": 0, "c": 0, "d": 1, "e": 1})
    assert summarise_person_id_changes(PREVIOUS, assigned).removed == ("P-0000003",)


def test_assignment_is_deterministic_whatever_the_cluster_numbers() -> None:
    first = rerun({"x": 0, "y": 1, "a": 2, "z": 3, "b": 4})
    second = rerun({"z": 9, "b": 3, "a": 8, "y": 1, "x": 5})
    assert first == second
    assert [first[r] for r in "xyz"] == ["P-0000101", "P-0000102", "P-0000103"]


def test_new_id_clashing_with_an_existing_id_is_refused() -> None:
    with pytest.raises(ValueError, match="P-0000002"):
        assign_person_ids({"z": 0}, PREVIOUS, mint_person_ids(start=2))


def test_minted_ids_are_zero_padded_and_continue_after_the_highest() -> None:
    mint = mint_person_ids(start=next_person_number(PREVIOUS.values()))
    assert [mint(), mint()] == ["P-0000004", "P-0000005"]
    assert next_person_number([], prefix="L") == 1
    assert mint_person_ids("L", start=12, width=3)() == "L-012"
