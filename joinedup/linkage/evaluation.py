"""Accuracy of linkage against synthetic ground truth (record ID → true person ID).

Everything is counted in record pairs. The true pairs are all pairs of records of one true
person; they are counted from group sizes, n·(n−1)/2, and never listed, so a person with
thousands of records costs nothing extra. Clusters are scored the same way, from the counts
of records each (cluster, true person) cell holds.

Precision is 1.0 when nothing is predicted, recall is 1.0 when there is nothing to find, and
F1 is 1.0 when both hold, so an empty run is not reported as a failure of the measure itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

__all__ = [
    "KindRecall",
    "Scores",
    "best_threshold",
    "cluster_scores",
    "households_merged",
    "pairwise_scores",
    "recall_by_kind",
]

Indices = npt.NDArray[np.int64]
PairsLike = Iterable[tuple[str, str]] | pa.Table


@dataclass(frozen=True)
class Scores:
    """Pairwise precision, recall and F1 with the counts behind them."""

    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int

    @classmethod
    def from_counts(cls, tp: int, fp: int, fn: int) -> Scores:
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
        return cls(precision, recall, f1, tp, fp, fn)


@dataclass(frozen=True)
class KindRecall:
    """Of the true pairs involving a record with one distortion kind, how many were found."""

    true_pairs: int
    found: int
    recall: float


def pairwise_scores(predicted_pairs: PairsLike, truth: Mapping[str, str]) -> Scores:
    """Score predicted pairs (tuples, or a table with record_id_l, record_id_r) against truth.

    Repeated and reversed pairs count once; a record paired with itself is ignored.
    """
    records, persons = _encode_truth(truth)
    low, high, _ = _distinct_pairs(records, predicted_pairs)
    tp = int(np.count_nonzero(persons[low] == persons[high]))
    true_pairs = _pairs_within(np.bincount(persons))
    return Scores.from_counts(tp, len(low) - tp, true_pairs - tp)


def cluster_scores(clusters: Mapping[str, int], truth: Mapping[str, str]) -> Scores:
    """Score the pairs implied by clusters, over the records in ``clusters``."""
    cluster_codes = _codes(list(clusters.values()))
    person_codes = _codes(_true_persons(clusters, truth))
    tp = _pairs_within(_cell_sizes(cluster_codes, person_codes))
    predicted = _pairs_within(np.bincount(cluster_codes))
    true_pairs = _pairs_within(np.bincount(person_codes))
    return Scores.from_counts(tp, predicted - tp, true_pairs - tp)


def best_threshold(
    pairs_with_probability: pa.Table, truth: Mapping[str, str]
) -> tuple[float, Scores]:
    """The match_probability cut-off with the best pairwise F1 (the highest one on ties)."""
    records, persons = _encode_truth(truth)
    low, high, probability = _distinct_pairs(records, pairs_with_probability)
    true_pairs = _pairs_within(np.bincount(persons))
    if not len(low):
        return 1.0, Scores.from_counts(0, 0, true_pairs)
    order = np.argsort(-probability, kind="stable")
    probability = probability[order]
    found = np.cumsum(persons[low[order]] == persons[high[order]])
    ends = np.flatnonzero(np.r_[probability[1:] != probability[:-1], True])
    f1 = 2 * found[ends] / (ends + 1 + true_pairs)
    best = int(ends[int(np.argmax(f1))])
    tp = int(found[best])
    return float(probability[best]), Scores.from_counts(tp, best + 1 - tp, true_pairs - tp)


def recall_by_kind(
    clusters: Mapping[str, int], truth: Mapping[str, str], distortions: Mapping[str, str]
) -> dict[str, KindRecall]:
    """Recall of true pairs where either record has each distortion kind.

    ``distortions`` maps record ID to a ';'-separated list of kinds (records missing have
    none). Kinds whose records take part in no true pair are left out.
    """
    persons = _true_persons(clusters, truth)
    cells = list(zip(clusters.values(), persons, strict=True))
    person_sizes, cell_sizes = Counter(persons), Counter(cells)
    by_person: dict[str, Counter[str]] = {}
    by_cell: dict[str, Counter[tuple[int, str]]] = {}
    for record, person, cell in zip(clusters, persons, cells, strict=True):
        for kind in _kinds(distortions.get(record, "")):
            by_person.setdefault(kind, Counter())[person] += 1
            by_cell.setdefault(kind, Counter())[cell] += 1
    recalls = {}
    for kind in sorted(by_person):
        true_pairs = _pairs_touching(person_sizes, by_person[kind])
        if true_pairs:
            found = _pairs_touching(cell_sizes, by_cell[kind])
            recalls[kind] = KindRecall(true_pairs, found, found / true_pairs)
    return recalls


def households_merged(
    clusters: Mapping[str, int], truth: Mapping[str, str], household_of: Mapping[str, str]
) -> int:
    """How many clusters hold records of two or more true persons of one household."""
    persons_by_place: dict[tuple[int, str], set[str]] = {}
    persons = _true_persons(clusters, truth)
    for cluster, person in zip(clusters.values(), persons, strict=True):
        household = household_of.get(person)
        if household is not None:
            persons_by_place.setdefault((cluster, household), set()).add(person)
    return len({cluster for (cluster, _), found in persons_by_place.items() if len(found) > 1})


def _pairs_within(group_sizes: Indices) -> int:
    """Number of pairs inside groups of the given sizes."""
    sizes = group_sizes.astype(np.int64)
    return int((sizes * (sizes - 1) // 2).sum())


def _pairs_touching(sizes: Mapping[Any, int], marked: Mapping[Any, int]) -> int:
    """Pairs inside groups that include at least one of the group's marked records."""
    return sum(
        (sizes[group] * (sizes[group] - 1) - (sizes[group] - m) * (sizes[group] - m - 1)) // 2
        for group, m in marked.items()
    )


def _kinds(listed: str) -> set[str]:
    return {kind.strip() for kind in listed.split(";") if kind.strip()}


def _true_persons(clusters: Mapping[str, int], truth: Mapping[str, str]) -> list[str]:
    missing = next((record for record in clusters if record not in truth), None)
    if missing is not None:
        raise ValueError(f"record {missing!r} has no true person in the ground truth")
    return [truth[record] for record in clusters]


def _codes(values: list[Any]) -> Indices:
    """Small integer codes 0..k-1 for arbitrary hashable values (strings or ints)."""
    encoded = pa.array(values).dictionary_encode().indices
    return np.asarray(encoded.to_numpy(zero_copy_only=False), dtype=np.int64)


def _cell_sizes(row_codes: Indices, column_codes: Indices) -> Indices:
    """Counts of each (row, column) combination that occurs: a sparse contingency table."""
    combined = row_codes * (int(column_codes.max(initial=0)) + 1) + column_codes
    _, counts = np.unique(combined, return_counts=True)
    return np.asarray(counts, dtype=np.int64)


def _encode_truth(truth: Mapping[str, str]) -> tuple[pa.Array[Any], Indices]:
    return pa.array(list(truth), pa.string()), _codes(list(truth.values()))


def _distinct_pairs(
    records: pa.Array[Any], pairs: PairsLike
) -> tuple[Indices, Indices, npt.NDArray[np.float64]]:
    """Pairs as truth positions (lower, higher) with probability, each pair once (highest)."""
    left_ids, right_ids, probability = _pair_columns(pairs)
    left, right = _positions(records, left_ids), _positions(records, right_ids)
    low, high = np.minimum(left, right), np.maximum(left, right)
    order = np.lexsort((-probability, high, low))
    low, high, probability = low[order], high[order], probability[order]
    keep = low != high
    keep[1:] &= (low[1:] != low[:-1]) | (high[1:] != high[:-1])
    return low[keep], high[keep], probability[keep]


def _pair_columns(pairs: PairsLike) -> tuple[Any, Any, npt.NDArray[np.float64]]:
    if isinstance(pairs, pa.Table):
        if "match_probability" in pairs.column_names:
            chance = pairs.column("match_probability").cast(pa.float64()).to_numpy()
        else:
            chance = np.ones(pairs.num_rows)
        return pairs.column("record_id_l"), pairs.column("record_id_r"), np.asarray(chance)
    listed = list(pairs)
    left = pa.array([first for first, _ in listed], pa.string())
    right = pa.array([second for _, second in listed], pa.string())
    return left, right, np.ones(len(listed))


def _positions(records: pa.Array[Any], values: Any) -> Indices:
    found = pc.index_in(values.cast(pa.string()), value_set=records)
    if found.null_count:
        missing = values.filter(pc.is_null(found))[0].as_py()
        raise ValueError(f"record {missing!r} has no true person in the ground truth")
    return np.asarray(found.to_numpy(), dtype=np.int64)
