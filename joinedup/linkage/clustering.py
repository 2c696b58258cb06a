"""Cluster scored record pairs into persons without chaining weak links.

Why not connected components: joining every pair above a threshold lets one wrong link
(a sibling at the same address, a twin with the same date of birth) join two real people,
and then a third, until clusters of a dozen records appear.

The rule (greedy average linkage with vetoes). Clusters start as the must-link groups, every
other record alone. Scored pairs are visited once, strongest first (ties by record ID, so the
result never depends on input order). A pair at or above ``threshold`` proposes merging the
two clusters its records are in. The merge happens only if, over the *scored* pairs between
the two clusters (the cross pairs):

1. no cannot-link crosses them: a reviewer has said these are different people;
2. no cross pair scored below ``veto_below``: the model is confident that some record of one
   is not the person of some record of the other, and one person cannot be both;
3. the average cross-pair match weight (log2 odds, as Splink reports it) is at least the
   weight of ``threshold``: the merge must be supported by the typical comparison between the
   clusters, not only by the best one. Averaging weights pools the pairs' odds geometrically,
   so one near-certain pair (same NHS number) outweighs a pair that is merely unsure (0.3),
   while one confident non-match pulls the average down hard;
4. when both clusters already hold two or more records, at least ``bridge_support`` cross
   pairs reach ``threshold``. A single bridge between two established groups is the classic
   chaining error (twins, siblings), while records of one person share blocking keys and are
   usually compared, and matched, several times.

Pairs never scored (not blocked together) are unknown rather than evidence against, so they
do not lower the average. Must-link groups are never split; a must-link group that contains a
cannot-link pair raises ValueError naming the pair. Constraints naming records absent from
``record_ids`` are ignored: they concern records not in this run.

Speed and memory: merges can only happen inside connected components of the graph of pairs
at or above ``threshold`` plus must-links (found with numpy), so scored pairs across components
are dropped. Components are independent, so they are processed in batches of about
``_BATCH_PAIRS`` pairs: numpy sorts each batch once and tallies the pairs between starting
clusters, then one Python pass proposes merges with union-find, keeping one tally (count,
summed weight, lowest weight, supporting pairs, forbidden) per pair of neighbouring clusters,
merged small-into-large. Memory is bounded by the input arrays plus one batch.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple, TypedDict, cast

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

__all__ = [
    "ClusterSizeSummary",
    "cluster_records",
    "cluster_sizes_summary",
    "component_labels",
    "match_weights",
]

Indices = npt.NDArray[np.int64]
_PAIR_COLUMNS = ("record_id_l", "record_id_r", "match_probability")
_BATCH_PAIRS = 250_000


class ClusterSizeSummary(TypedDict):
    """How records are spread over clusters."""

    records: int
    clusters: int
    singletons: int
    max_size: int
    histogram: dict[int, int]


def cluster_records(
    record_ids: Sequence[str],
    pairs: pa.Table,
    threshold: float = 0.9,
    must_link: Iterable[tuple[str, str]] = (),
    cannot_link: Iterable[tuple[str, str]] = (),
    *,
    veto_below: float = 0.05,
    bridge_support: int = 2,
) -> dict[str, int]:
    """Map every record ID to a cluster number (0, 1, ... in order of each cluster's least ID).

    ``pairs`` has columns record_id_l, record_id_r, match_probability. See the module
    docstring for the merge rule and what each argument controls.
    """
    _check_rule(threshold, veto_below, bridge_support)
    ids = _sorted_unique_ids(record_ids)
    left, right, probability = _scored_pairs(ids, pairs)
    must = _constraint_pairs(ids, must_link)
    cannot = _constraint_pairs(ids, cannot_link)
    seeds = component_labels(len(ids), *must)
    _check_constraints_agree(ids, seeds, cannot)
    merger = _GreedyMerger(seeds, threshold, veto_below, bridge_support)
    _merge_components(merger, (left, right, probability), must, cannot)
    numbers = _number_clusters(_compress(np.asarray(merger.parent, dtype=np.int64)))
    names = cast(list[str], ids.to_pylist())  # missing IDs were rejected
    return dict(zip(names, numbers.tolist(), strict=True))


def cluster_sizes_summary(clusters: Mapping[str, int]) -> ClusterSizeSummary:
    """Count records, clusters, singletons, the largest cluster and clusters of each size."""
    sizes = Counter(clusters.values())
    histogram = Counter(sizes.values())
    return {
        "records": len(clusters),
        "clusters": len(sizes),
        "singletons": histogram.get(1, 0),
        "max_size": max(histogram, default=0),
        "histogram": dict(sorted(histogram.items())),
    }


def component_labels(count: int, left: Indices, right: Indices) -> Indices:
    """Label each of ``count`` nodes with the least node of its connected component."""
    labels = np.arange(count, dtype=np.int64)
    while len(left):
        low = np.minimum(labels[left], labels[right])
        high = np.maximum(labels[left], labels[right])
        crossing = low != high
        np.minimum.at(labels, high[crossing], low[crossing])
        labels = _compress(labels)
        left, right = left[crossing], right[crossing]
    return labels


def match_weights(probability: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Log2 odds of each probability, held within about ±40 so 0 and 1 stay finite."""
    clipped = np.clip(probability, 1e-12, 1 - 1e-12)
    return np.asarray(np.log2(clipped / (1 - clipped)), dtype=np.float64)


def _compress(labels: Indices) -> Indices:
    """Follow pointers until every node points straight at its root."""
    while True:
        pointed = labels[labels]
        if np.array_equal(pointed, labels):
            return labels
        labels = pointed


def _check_rule(threshold: float, veto_below: float, bridge_support: int) -> None:
    if not 0.0 <= veto_below <= threshold <= 1.0:
        raise ValueError("need 0 <= veto_below <= threshold <= 1")
    if bridge_support < 1:
        raise ValueError("bridge_support must be at least 1")


def _sorted_unique_ids(record_ids: Sequence[str]) -> pa.Array[Any]:
    ids = pa.array(record_ids, type=pa.string())
    if ids.null_count:
        raise ValueError("record_ids contains a missing record ID")
    unique = pc.unique(ids)
    return unique.take(pc.array_sort_indices(unique))


def _record_indices(
    ids: pa.Array[Any], values: pa.ChunkedArray[Any] | pa.Array[Any], what: str
) -> Indices:
    positions = pc.index_in(values.cast(pa.string()), value_set=ids)
    if positions.null_count:
        unknown = values.filter(pc.is_null(positions))[0].as_py()
        raise ValueError(f"{what} names record ID {unknown!r}, which is not in record_ids")
    return np.asarray(positions.to_numpy(), dtype=np.int64)


def _scored_pairs(
    ids: pa.Array[Any], pairs: pa.Table
) -> tuple[Indices, Indices, npt.NDArray[np.float64]]:
    """Pairs as (lower index, higher index, probability), deduplicated keeping the highest."""
    missing = [name for name in _PAIR_COLUMNS if name not in pairs.column_names]
    if missing:
        raise ValueError(f"pairs lacks column(s) {', '.join(missing)}")
    left = _record_indices(ids, pairs.column("record_id_l"), "pairs")
    right = _record_indices(ids, pairs.column("record_id_r"), "pairs")
    probability = _probabilities(pairs.column("match_probability"))
    low, high = np.minimum(left, right), np.maximum(left, right)
    order = np.lexsort((-probability, high, low))
    low, high, probability = low[order], high[order], probability[order]
    keep = low != high
    keep[1:] &= (low[1:] != low[:-1]) | (high[1:] != high[:-1])
    return low[keep], high[keep], probability[keep]


def _probabilities(column: pa.ChunkedArray[Any]) -> npt.NDArray[np.float64]:
    probability = np.asarray(column.cast(pa.float64()).to_numpy(), dtype=np.float64)
    if column.null_count or not np.all((probability >= 0.0) & (probability <= 1.0)):
        raise ValueError("match_probability must be a number from 0 to 1 in every pair")
    return probability


def _constraint_pairs(
    ids: pa.Array[Any], pairs: Iterable[tuple[str, str]]
) -> tuple[Indices, Indices]:
    """Constraint pairs as index arrays, leaving out pairs naming records not in this run."""
    listed = list(pairs)
    left = pc.index_in(pa.array([a for a, _ in listed], pa.string()), value_set=ids)
    right = pc.index_in(pa.array([b for _, b in listed], pa.string()), value_set=ids)
    known = pc.and_(pc.is_valid(left), pc.is_valid(right))
    return (
        np.asarray(left.filter(known).to_numpy(), dtype=np.int64),
        np.asarray(right.filter(known).to_numpy(), dtype=np.int64),
    )


def _check_constraints_agree(
    ids: pa.Array[Any], seeds: Indices, cannot: tuple[Indices, Indices]
) -> None:
    clashes = np.flatnonzero(seeds[cannot[0]] == seeds[cannot[1]])
    if len(clashes):
        first, second = ids[int(cannot[0][clashes[0]])], ids[int(cannot[1][clashes[0]])]
        raise ValueError(
            f"cannot-link ({first}, {second}) contradicts must-links that put both records "
            "in one person"
        )


def _number_clusters(roots: Indices) -> Indices:
    """Renumber roots 0, 1, ... in order of each cluster's least record index."""
    _, first, inverse = np.unique(roots, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first)] = np.arange(len(first), dtype=np.int64)
    return rank[inverse]


def _merge_components(
    merger: _GreedyMerger,
    scored: tuple[Indices, Indices, npt.NDArray[np.float64]],
    must: tuple[Indices, Indices],
    cannot: tuple[Indices, Indices],
) -> None:
    """Run the greedy merge over each batch of whole components, strongest pair first."""
    components = _components_that_could_merge(merger, scored, must)
    left, right, weights, pair_components = _pairs_within_components(components, *scored)
    cannot_components, cannot_left, cannot_right = _cannot_links_by_component(components, cannot)
    for start, stop in _batches(pair_components):
        first, last = pair_components[start], pair_components[stop - 1]
        low, high = np.searchsorted(cannot_components, [first, last + 1])
        batch = slice(start, stop)
        merger.start_batch(_seed_tallies(merger, left[batch], right[batch], weights[batch]))
        merger.forbid(cannot_left[low:high].tolist(), cannot_right[low:high].tolist())
        proposing = weights[batch] >= merger.threshold_weight
        merger.propose(left[batch][proposing].tolist(), right[batch][proposing].tolist())


def _components_that_could_merge(
    merger: _GreedyMerger,
    scored: tuple[Indices, Indices, npt.NDArray[np.float64]],
    must: tuple[Indices, Indices],
) -> Indices:
    """Connected components over must-links and the pairs that may propose a merge."""
    left, right, probability = scored
    proposing = probability >= merger.threshold
    return component_labels(
        len(merger.parent),
        np.concatenate([left[proposing], must[0]]),
        np.concatenate([right[proposing], must[1]]),
    )


def _pairs_within_components(
    components: Indices, left: Indices, right: Indices, probability: npt.NDArray[np.float64]
) -> tuple[Indices, Indices, npt.NDArray[np.float64], Indices]:
    """Pairs inside one component as match weights, by component then strongest first."""
    inside = components[left] == components[right]
    left, right, probability = left[inside], right[inside], probability[inside]
    order = np.lexsort((right, left, -probability, components[left]))
    left, right = left[order], right[order]
    return left, right, match_weights(probability[order]), components[left]


def _seed_tallies(
    merger: _GreedyMerger, left: Indices, right: Indices, weights: npt.NDArray[np.float64]
) -> _Tallies:
    """Tallies between the starting (must-link) clusters of a batch, aggregated with numpy."""
    one, other = merger.seeds[left], merger.seeds[right]
    low, high = np.minimum(one, other), np.maximum(one, other)
    crossing = low != high
    low, high, weights = low[crossing], high[crossing], weights[crossing]
    order = np.lexsort((high, low))
    low, high, weights = low[order], high[order], weights[order]
    if not len(low):
        return _Tallies([], [], [], [], [], [])
    starts = np.flatnonzero(np.r_[True, (low[1:] != low[:-1]) | (high[1:] != high[:-1])])
    supporting = (weights >= merger.threshold_weight).astype(np.int64)
    return _Tallies(
        low[starts].tolist(),
        high[starts].tolist(),
        np.diff(np.r_[starts, len(low)]).tolist(),
        np.add.reduceat(weights, starts).tolist(),
        np.minimum.reduceat(weights, starts).tolist(),
        np.add.reduceat(supporting, starts).tolist(),
    )


def _cannot_links_by_component(
    components: Indices, cannot: tuple[Indices, Indices]
) -> tuple[Indices, Indices, Indices]:
    inside = components[cannot[0]] == components[cannot[1]]
    left, right = cannot[0][inside], cannot[1][inside]
    order = np.argsort(components[left], kind="stable")
    return components[left][order], left[order], right[order]


def _batches(pair_components: Indices) -> list[tuple[int, int]]:
    """Split sorted pairs into runs of about _BATCH_PAIRS, never splitting a component."""
    total = len(pair_components)
    if total == 0:
        return []
    starts = np.flatnonzero(np.r_[True, pair_components[1:] != pair_components[:-1]])
    targets = np.arange(0, total, _BATCH_PAIRS)
    cuts = np.unique(starts[np.searchsorted(starts, targets, side="right") - 1]).tolist()
    return list(zip(cuts, [*cuts[1:], total], strict=True))


class _Tallies(NamedTuple):
    """Scored pairs between pairs of clusters (one, other), tallied column by column."""

    one: list[int]
    other: list[int]
    pairs: list[int]
    total: list[float]
    lowest: list[float]
    supporting: list[int]


class _GreedyMerger:
    """Union-find over record indices with a tally of the cross pairs between clusters.

    Tallies are held column-wise in lists and each cluster maps its neighbouring clusters to
    a tally number, so the bookkeeping creates no Python object per pair. When two clusters
    merge, the smaller neighbour map moves into the larger and shared neighbours' tallies add.
    """

    def __init__(self, seeds: Indices, threshold: float, veto_below: float, bridge_support: int):
        self.seeds = seeds
        self.parent: list[int] = seeds.tolist()
        self.size: list[int] = np.bincount(seeds, minlength=len(seeds)).tolist()
        self.threshold = threshold
        weights = match_weights(np.array([threshold, veto_below])).tolist()
        self.threshold_weight, self.veto_weight = weights
        self.bridge_support = bridge_support
        self.start_batch(_Tallies([], [], [], [], [], []))

    def start_batch(self, tallies: _Tallies) -> None:
        """Forget the last batch; start from the tallies between its starting clusters."""
        self.count, self.total = tallies.pairs, tallies.total
        self.lowest, self.supporting = tallies.lowest, tallies.supporting
        self.forbidden = [False] * len(tallies.pairs)
        neighbours: defaultdict[int, dict[int, int]] = defaultdict(dict)
        for tally, (one, other) in enumerate(zip(tallies.one, tallies.other, strict=True)):
            neighbours[one][other] = neighbours[other][one] = tally
        self.neighbours = neighbours

    def forbid(self, left: list[int], right: list[int]) -> None:
        """Record cannot-links: each marks the tally between two clusters as forbidden."""
        for first, second in zip(left, right, strict=True):
            one, other = self._find(first), self._find(second)
            tally = self.neighbours[one].get(other)
            if tally is None:
                tally = self.neighbours[one][other] = self.neighbours[other][one] = len(self.count)
                self.count.append(0)
                self.total.append(0.0)
                self.lowest.append(math.inf)
                self.supporting.append(0)
                self.forbidden.append(False)
            self.forbidden[tally] = True

    def propose(self, left: list[int], right: list[int]) -> None:
        """Consider merging the clusters of each pair, in the order given."""
        for first, second in zip(left, right, strict=True):
            one, other = self._find(first), self._find(second)
            if one != other and self._supported(one, other):
                self._merge(one, other)

    def _find(self, node: int) -> int:
        parent = self.parent
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def _supported(self, one: int, other: int) -> bool:
        tally = self.neighbours[one][other]
        bridging = min(self.size[one], self.size[other]) >= 2
        return (
            not self.forbidden[tally]
            and self.lowest[tally] >= self.veto_weight
            and self.total[tally] >= self.threshold_weight * self.count[tally] - 1e-9
            and (not bridging or self.supporting[tally] >= self.bridge_support)
        )

    def _merge(self, keep: int, gone: int) -> None:
        """Merge cluster ``gone`` into ``keep``, moving the smaller neighbour map."""
        if len(self.neighbours[keep]) < len(self.neighbours[gone]):
            keep, gone = gone, keep
        self.parent[gone] = keep
        self.size[keep] += self.size[gone]
        kept = self.neighbours[keep]
        del kept[gone]
        for other, tally in self.neighbours.pop(gone).items():
            if other == keep:
                continue
            theirs = self.neighbours[other]
            del theirs[gone]
            if other in kept:
                self._add_tally(kept[other], tally)
            else:
                kept[other] = theirs[keep] = tally

    def _add_tally(self, into: int, tally: int) -> None:
        self.count[into] += self.count[tally]
        self.total[into] += self.total[tally]
        self.lowest[into] = min(self.lowest[into], self.lowest[tally])
        self.supporting[into] += self.supporting[tally]
        self.forbidden[into] = self.forbidden[into] or self.forbidden[tally]
