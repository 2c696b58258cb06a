"""Clustering scored pairs into persons: constraints obeyed, weak links never chained."""

from __future__ import annotations

import random
import time

import numpy as np
import pyarrow as pa
import pytest

from joinedup.linkage.clustering import (
    cluster_records,
    cluster_sizes_summary,
    component_labels,
    match_weights,
)


def scored(*rows: tuple[str, str, float]) -> pa.Table:
    return pa.table(
        {
            "record_id_l": [left for left, _, _ in rows],
            "record_id_r": [right for _, right, _ in rows],
            "match_probability": pa.array([p for _, _, p in rows], pa.float64()),
        }
    )


def groups(clusters: dict[str, int]) -> set[frozenset[str]]:
    members: dict[int, set[str]] = {}
    for record, number in clusters.items():
        members.setdefault(number, set()).add(record)
    return {frozenset(group) for group in members.values()}


def test_strong_negative_pair_stops_a_chain() -> None:
    pairs = scored(("A", "B", 0.99), ("B", "C", 0.95), ("A", "C", 0.01))
    clusters = cluster_records(["A", "B", "C"], pairs)
    assert groups(clusters) == {frozenset("AB"), frozenset("C")}


def test_single_bridge_between_two_groups_does_not_merge_them() -> None:
    pairs = scored(("A", "B", 0.99), ("C", "D", 0.99), ("B", "C", 0.95))
    assert groups(cluster_records("ABCD", pairs)) == {frozenset("AB"), frozenset("CD")}
    loose = cluster_records("ABCD", pairs, bridge_support=1)
    assert groups(loose) == {frozenset("ABCD")}


def test_two_supporting_pairs_do_merge_two_groups() -> None:
    pairs = scored(("A", "B", 0.99), ("C", "D", 0.99), ("B", "C", 0.95), ("A", "D", 0.93))
    assert groups(cluster_records("ABCD", pairs)) == {frozenset("ABCD")}


def test_twins_sharing_surname_dob_and_address_stay_two_people() -> None:
    pairs = scored(
        ("amy1", "amy2", 0.99),
        ("ben1", "ben2", 0.98),
        ("amy1", "ben1", 0.93),
        ("amy1", "ben2", 0.40),
        ("amy2", "ben1", 0.35),
        ("amy2", "ben2", 0.30),
    )
    clusters = cluster_records(["amy1", "amy2", "ben1", "ben2"], pairs)
    assert groups(clusters) == {frozenset({"amy1", "amy2"}), frozenset({"ben1", "ben2"})}


def test_new_record_joins_only_when_average_match_weight_reaches_threshold() -> None:
    # log2 odds: 0.95 -> 4.25, 0.6 -> 0.58, 0.88 -> 2.87; threshold 0.9 -> 3.17
    weak = scored(("A", "B", 0.99), ("B", "C", 0.95), ("A", "C", 0.6))
    assert groups(cluster_records("ABC", weak)) == {frozenset("AB"), frozenset("C")}
    strong = scored(("A", "B", 0.99), ("B", "C", 0.95), ("A", "C", 0.88))
    assert groups(cluster_records("ABC", strong)) == {frozenset("ABC")}


def test_near_certain_pair_outweighs_an_unsure_one() -> None:
    pairs = scored(("A", "B", 0.999999), ("B", "C", 0.99999), ("A", "C", 0.3))
    assert groups(cluster_records("ABC", pairs)) == {frozenset("ABC")}


def test_match_weights_are_log2_odds_and_finite() -> None:
    weights = match_weights(np.array([0.5, 0.8, 0.0, 1.0]))
    assert weights[:2].tolist() == pytest.approx([0.0, 2.0])
    assert -41 < weights[2] < -39 and 39 < weights[3] < 41


def test_unscored_pairs_are_not_evidence_against() -> None:
    pairs = scored(("A", "B", 0.99), ("B", "C", 0.95))
    assert groups(cluster_records("ABC", pairs)) == {frozenset("ABC")}


def test_confident_non_match_vetoes_even_when_average_is_high_enough() -> None:
    pairs = scored(("A", "B", 0.99), ("B", "C", 0.99), ("A", "C", 0.04))
    vetoed = cluster_records("ABC", pairs, threshold=0.5)
    assert groups(vetoed) == {frozenset("AB"), frozenset("C")}
    assert groups(cluster_records("ABC", pairs, threshold=0.5, veto_below=0.0)) == {
        frozenset("ABC")
    }


def test_must_link_joins_records_whatever_their_scores() -> None:
    pairs = scored(("A", "B", 0.01))
    clusters = cluster_records("ABC", pairs, must_link=[("A", "B"), ("B", "C")])
    assert groups(clusters) == {frozenset("ABC")}


def test_cannot_link_keeps_records_apart_even_through_a_third() -> None:
    pairs = scored(("A", "B", 0.99), ("B", "C", 0.99), ("A", "C", 0.99))
    clusters = cluster_records("ABC", pairs, cannot_link=[("C", "A")])
    assert clusters["A"] != clusters["C"]
    assert groups(clusters) == {frozenset("AB"), frozenset("C")}


def test_cannot_link_applies_to_must_link_groups() -> None:
    pairs = scored(("B", "C", 0.99))
    clusters = cluster_records("ABC", pairs, must_link=[("A", "B")], cannot_link=[("A", "C")])
    assert groups(clusters) == {frozenset("AB"), frozenset("C")}


def test_must_links_implying_a_cannot_link_violation_raise_naming_the_pair() -> None:
    with pytest.raises(ValueError, match=r"cannot-link \(A, C\)"):
        cluster_records(
            "ABC", scored(), must_link=[("A", "B"), ("B", "C")], cannot_link=[("A", "C")]
        )


def test_constraints_on_records_not_in_this_run_are_ignored() -> None:
    clusters = cluster_records("AB", scored(), must_link=[("A", "gone")], cannot_link=[("B", "x")])
    assert clusters == {"A": 0, "B": 1}


def test_every_record_gets_a_cluster_numbered_by_least_record_id() -> None:
    clusters = cluster_records(["d", "c", "b", "a"], scored(("d", "b", 0.97)))
    assert clusters == {"a": 0, "b": 1, "c": 2, "d": 1}


def test_result_does_not_depend_on_pair_or_record_order() -> None:
    rng = random.Random(5)
    records = [f"r{i}" for i in range(300)]
    rows = [(rng.choice(records), rng.choice(records), round(rng.random(), 2)) for _ in range(900)]
    expected = cluster_records(records, scored(*rows))
    for _ in range(3):
        rng.shuffle(rows)
        rng.shuffle(records)
        swapped = [(r, left, p) if rng.random() < 0.5 else (left, r, p) for left, r, p in rows]
        assert cluster_records(records, scored(*swapped)) == expected


def test_bad_pairs_are_rejected_with_a_reason() -> None:
    with pytest.raises(ValueError, match="'Z'"):
        cluster_records("AB", scored(("A", "Z", 0.9)))
    with pytest.raises(ValueError, match="match_probability"):
        cluster_records("AB", scored(("A", "B", 1.5)))
    with pytest.raises(ValueError, match="lacks column"):
        cluster_records("AB", pa.table({"record_id_l": ["A"], "record_id_r": ["B"]}))


def test_component_labels_name_the_least_node() -> None:
    left = np.array([4, 1, 5], dtype=np.int64)
    right = np.array([2, 3, 4], dtype=np.int64)
    assert component_labels(6, left, right).tolist() == [0, 1, 2, 1, 2, 2]


def test_cluster_sizes_summary_counts_sizes() -> None:
    summary = cluster_sizes_summary({"a": 0, "b": 0, "c": 0, "d": 1, "e": 2, "f": 2})
    assert summary == {
        "records": 6,
        "clusters": 3,
        "singletons": 1,
        "max_size": 3,
        "histogram": {1: 1, 2: 1, 3: 1},
    }


def random_borough_pairs(records: int, seed: int) -> tuple[list[str], pa.Table, np.ndarray]:
    """People of 1-8 records in households of three, scored with household confusions."""
    rng = np.random.default_rng(seed)
    person = np.sort(rng.integers(0, records * 2 // 5, records))
    household = person // 3
    lefts, rights, chances = [], [], []
    for gap in range(1, 6):
        left = np.arange(records - gap)
        right = left + gap
        same = person[left] == person[right]
        housemate = (household[left] == household[right]) & ~same
        high = rng.uniform(0.9, 1.0, len(left))
        confused = np.where(rng.random(len(left)) < 0.1, high, rng.uniform(0, 0.6, len(left)))
        chance = np.where(same, np.where(rng.random(len(left)) < 0.85, high, confused), confused)
        keep = same | housemate
        lefts.append(left[keep])
        rights.append(right[keep])
        chances.append(chance[keep])
    names = np.array([f"R{i:07d}" for i in range(records)], dtype=object)
    left, right = np.concatenate(lefts), np.concatenate(rights)
    table = pa.table(
        {
            "record_id_l": pa.array(names[left].tolist(), pa.string()),
            "record_id_r": pa.array(names[right].tolist(), pa.string()),
            "match_probability": np.concatenate(chances),
        }
    )
    return names.tolist(), table, person


def test_two_hundred_thousand_records_cluster_quickly_without_giant_clusters() -> None:
    names, pairs, person = random_borough_pairs(200_000, seed=11)
    started = time.perf_counter()
    clusters = cluster_records(names, pairs)
    elapsed = time.perf_counter() - started
    summary = cluster_sizes_summary(clusters)
    assert summary["records"] == 200_000
    assert summary["max_size"] <= 2 * int(np.bincount(person).max())
    assert elapsed < 30
