"""Placeholder clustering: connected components of the pairs at or above a threshold.

This is deliberately simple and known to chain (A~B and B~C put A and C together even
when A and C clearly differ); a non-chaining clusterer will replace it behind the same
`cluster_pairs` signature. Records in no pair get a person of their own.
"""

from __future__ import annotations

from collections.abc import Sequence

import igraph as ig
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["cluster_pairs"]


def cluster_pairs(record_ids: Sequence[str], pairs: pa.Table, threshold: float) -> pa.Table:
    """record_id, person_id for every record; person_id numbers clusters in the order of
    their smallest record_id ('P000001', ...)."""
    ids = sorted(record_ids)
    index = {record_id: position for position, record_id in enumerate(ids)}
    kept = pairs.filter(pc.field("match_probability") >= threshold)
    edges = [
        (index[left], index[right])
        for left, right in zip(
            kept.column("record_id_l").to_pylist(),
            kept.column("record_id_r").to_pylist(),
            strict=True,
        )
        if left in index and right in index
    ]
    membership = ig.Graph(n=len(ids), edges=edges).connected_components().membership
    return pa.table({"record_id": ids, "person_id": _person_ids(membership)})


def _person_ids(membership: list[int]) -> list[str]:
    """Renumber components by first appearance (ids are sorted, so by smallest id)."""
    numbers: dict[int, int] = {}
    for component in membership:
        numbers.setdefault(component, len(numbers) + 1)
    return [f"P{numbers[component]:06d}" for component in membership]
