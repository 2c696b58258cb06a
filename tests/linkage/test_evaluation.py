"""Linkage accuracy against hand-made ground truths with known answers."""

from __future__ import annotations

import pyarrow as pa
import pytest

from joinedup.linkage.evaluation import (
    KindRecall,
    Scores,
    best_threshold,
    cluster_scores,
    households_merged,
    pairwise_scores,
    recall_by_kind,
)

# Three records of p1 (3 true pairs), two of p2 (1 pair), one of p3: 4 true pairs.
TRUTH = {"a1": "p1", "a2": "p1", "a3": "p1", "b1": "p2", "b2": "p2", "c1": "p3"}
CLUSTERS = {"a1": 0, "a2": 0, "a3": 1, "b1": 1, "b2": 1, "c1": 2}


def probability_table(*rows: tuple[str, str, float]) -> pa.Table:
    return pa.table(
        {
            "record_id_l": [left for left, _, _ in rows],
            "record_id_r": [right for _, right, _ in rows],
            "match_probability": [chance for _, _, chance in rows],
        }
    )


def test_pairwise_scores_count_each_pair_once() -> None:
    predicted = [("a1", "a2"), ("a2", "a1"), ("a1", "b1"), ("b1", "b2"), ("c1", "c1")]
    assert pairwise_scores(predicted, TRUTH) == Scores(2 / 3, 0.5, 4 / 7, tp=2, fp=1, fn=2)


def test_pairwise_scores_accept_an_arrow_table() -> None:
    table = probability_table(("a1", "a2", 0.9), ("a3", "a2", 0.8))
    assert pairwise_scores(table, TRUTH) == Scores(1.0, 0.5, 2 / 3, tp=2, fp=0, fn=2)


def test_true_pairs_of_a_huge_person_are_counted_not_listed() -> None:
    truth = {f"r{i}": "one" for i in range(100_000)}
    scores = pairwise_scores([("r1", "r2")], truth)
    assert (scores.tp, scores.fp, scores.fn) == (1, 0, 100_000 * 99_999 // 2 - 1)


def test_cluster_scores_use_contingency_counts() -> None:
    assert cluster_scores(CLUSTERS, TRUTH) == Scores(0.5, 0.5, 0.5, tp=2, fp=2, fn=2)


def test_perfect_and_empty_clusterings() -> None:
    perfect = {"a1": 7, "a2": 7, "a3": 7, "b1": 3, "b2": 3, "c1": 1}
    assert cluster_scores(perfect, TRUTH) == Scores(1.0, 1.0, 1.0, tp=4, fp=0, fn=0)
    singletons = {record: number for number, record in enumerate(TRUTH)}
    assert cluster_scores(singletons, TRUTH) == Scores(1.0, 0.0, 0.0, tp=0, fp=0, fn=4)
    alone = {"x": "p1", "y": "p2"}
    assert cluster_scores({"x": 0, "y": 1}, alone) == Scores(1.0, 1.0, 1.0, tp=0, fp=0, fn=0)


def test_best_threshold_maximises_f1() -> None:
    pairs = probability_table(
        ("a1", "a2", 0.95),
        ("a1", "a3", 0.9),
        ("a1", "b1", 0.8),
        ("b1", "b2", 0.7),
        ("a2", "a3", 0.3),
        ("b1", "c1", 0.2),
    )
    threshold, scores = best_threshold(pairs, TRUTH)
    assert threshold == 0.3
    assert scores == Scores(0.8, 1.0, 8 / 9, tp=4, fp=1, fn=0)


def test_best_threshold_finds_a_low_cut_off_and_prefers_the_higher_on_ties() -> None:
    truth = {"a": "p", "b": "p", "c": "q", "d": "q"}
    pairs = probability_table(("a", "b", 0.9), ("a", "c", 0.6), ("c", "d", 0.5))
    threshold, scores = best_threshold(pairs, truth)
    assert threshold == 0.5
    assert (scores.tp, scores.fp, scores.fn) == (2, 1, 0)
    tied = probability_table(("a", "b", 0.9), ("a", "c", 0.6), ("b", "c", 0.55), ("c", "d", 0.5))
    threshold, scores = best_threshold(tied, truth)
    assert threshold == 0.9
    assert scores.f1 == pytest.approx(2 / 3)


def test_recall_by_kind_counts_true_pairs_touching_distorted_records() -> None:
    distortions = {"a2": "nickname;typo_surname", "b2": "nickname", "c1": "dob_missing"}
    assert recall_by_kind(CLUSTERS, TRUTH, distortions) == {
        "nickname": KindRecall(true_pairs=3, found=2, recall=2 / 3),
        "typo_surname": KindRecall(true_pairs=2, found=1, recall=0.5),
    }


def test_households_merged_counts_clusters_mixing_housemates() -> None:
    truth = {**TRUTH, "d1": "p4"}
    clusters = {**CLUSTERS, "d1": 2}
    household_of = {"p1": "h1", "p2": "h1", "p3": "h2", "p4": "h3"}
    assert households_merged(clusters, truth, household_of) == 1
    assert households_merged(CLUSTERS, TRUTH, {"p1": "h1", "p2": "h2"}) == 0


def test_records_missing_from_the_truth_are_named() -> None:
    with pytest.raises(ValueError, match="'zz'"):
        cluster_scores({**CLUSTERS, "zz": 4}, TRUTH)
    with pytest.raises(ValueError, match="'zz'"):
        pairwise_scores([("a1", "zz")], TRUTH)
