"""Accuracy of scored pairs and of clusters against ground truth (true person per record).

Pairwise: a predicted pair is right when both records belong to one true person; recall
is over every true pair (all pairs of records of one person), so pairs the blocking
rules never compared count as missed. Clustered: the same, over the pairs implied by the
clusters (every two records given one person ID).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "Scores",
    "best_threshold_scores",
    "cluster_scores",
    "household_merges",
    "pair_scores",
    "recall_by_distortion",
    "true_pairs",
]


@dataclass(frozen=True)
class Scores:
    threshold: float
    precision: float
    recall: float
    f1: float
    predicted: int
    correct: int

    def row(self) -> dict[str, float]:
        return {
            "threshold": round(self.threshold, 4),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def _scores(threshold: float, predicted: int, correct: int, true_total: int) -> Scores:
    precision = correct / predicted if predicted else 0.0
    recall = correct / true_total if true_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(threshold, precision, recall, f1, predicted, correct)


def _pairs_choose_2(sizes: pd.Series) -> int:
    values = sizes.to_numpy(dtype=np.int64)
    return int((values * (values - 1) // 2).sum())


def labelled(pairs: pd.DataFrame, truth: pd.Series) -> pd.DataFrame:
    """`pairs` (record_id_l, record_id_r, match_probability) plus `is_match`."""
    left = pairs["record_id_l"].map(truth)
    right = pairs["record_id_r"].map(truth)
    return pairs.assign(is_match=(left == right) & left.notna())


def pair_scores(pairs: pd.DataFrame, true_total: int, threshold: float) -> Scores:
    """Precision, recall, F1 of the labelled pairs at or above `threshold`."""
    chosen = pairs[pairs["match_probability"] >= threshold]
    return _scores(threshold, len(chosen), int(chosen["is_match"].sum()), true_total)


def best_threshold_scores(pairs: pd.DataFrame, true_total: int) -> Scores:
    """The threshold (over every distinct probability) with the best pairwise F1."""
    ordered = pairs.sort_values("match_probability", ascending=False)
    correct = ordered["is_match"].cumsum().to_numpy()
    predicted = np.arange(1, len(ordered) + 1)
    precision = correct / predicted
    recall = correct / max(true_total, 1)
    f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0)
    best = int(np.argmax(f1))
    threshold = float(ordered["match_probability"].iloc[best])
    return pair_scores(pairs, true_total, threshold)


def true_pairs(truth: pd.Series) -> int:
    """How many pairs of records belong to one true person."""
    return _pairs_choose_2(truth.value_counts())


def cluster_scores(clusters: pd.Series, truth: pd.Series) -> Scores:
    """Pairwise scores over the pairs implied by `clusters` (record_id -> person id)."""
    frame = pd.DataFrame({"cluster": clusters, "truth": truth.reindex(clusters.index)})
    predicted = _pairs_choose_2(frame["cluster"].value_counts())
    correct = _pairs_choose_2(frame.groupby(["cluster", "truth"]).size())
    return _scores(float("nan"), predicted, correct, true_pairs(truth))


def recall_by_distortion(
    pairs: pd.DataFrame, truth: pd.DataFrame, threshold: float
) -> dict[str, float]:
    """Share of true pairs found at `threshold`, for pairs where either record carries
    each distortion kind (truth columns record_id, true_person_id, distortions)."""
    found = pairs[(pairs["match_probability"] >= threshold) & pairs["is_match"]]
    found_keys = set(zip(found["record_id_l"], found["record_id_r"], strict=True))
    kinds = truth.set_index("record_id")["distortions"].fillna("").str.split(";")
    totals: dict[str, int] = {}
    hits: dict[str, int] = {}
    for _, group in truth.groupby("true_person_id"):
        ids = sorted(group["record_id"])
        for i, left in enumerate(ids):
            for right in ids[i + 1 :]:
                pair_kinds = (set(kinds[left]) | set(kinds[right])) - {""} or {"none"}
                hit = (left, right) in found_keys
                for kind in pair_kinds:
                    totals[kind] = totals.get(kind, 0) + 1
                    hits[kind] = hits.get(kind, 0) + int(hit)
    return {kind: round(hits[kind] / totals[kind], 4) for kind in sorted(totals)}


def household_merges(clusters: pd.Series, truth: pd.DataFrame) -> dict[str, int]:
    """Pairs of different true persons of one household (and twins) put in one cluster."""
    frame = truth.set_index("record_id").reindex(clusters.index)
    frame = frame.assign(cluster=clusters)
    merged_people: set[tuple[str, str]] = set()
    twins = 0
    for _, group in frame.groupby("cluster"):
        people = group.drop_duplicates("true_person_id")
        if len(people) < 2:
            continue
        rows = people.to_dict("records")
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                if a["household_id"] and a["household_id"] == b["household_id"]:
                    merged_people.add((a["true_person_id"], b["true_person_id"]))
                    twins += int(a.get("twin_of") == b["true_person_id"])
    return {"household_pairs_merged": len(merged_people), "twin_pairs_merged": twins}
