"""Scored pairs to person IDs: the clustering step of a link run, as Arrow tables.

`cluster_pairs` puts every record in exactly one person with `clustering.cluster_records`
(greedy average linkage that does not chain weak links, obeys a reviewer's must-link and
cannot-link pairs, and vetoes a merge when any cross pair scores below `veto_below`), then
names the persons 'P-0000001', 'P-0000002', ... in order of each person's least record ID
(`stable_ids.mint_person_ids`). Records in no pair get a person of their own.

The clusterer needs the pairs *below* the threshold too (down to `veto_below`): they are
the evidence that stops a chain. `connected_components` is the old rule (every pair at or
above the threshold joins two records, so A~B and B~C join A and C), kept to measure
what the non-chaining rule gains.

`VETO_BELOW` and `BRIDGE_SUPPORT` were tuned on synthetic boroughs
(`benchmarks/linkage/tune_clustering.py`, docs/linkage.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from joinedup.linkage.clustering import cluster_records, component_labels
from joinedup.linkage.stable_ids import assign_person_ids, mint_person_ids

__all__ = ["BRIDGE_SUPPORT", "VETO_BELOW", "cluster_pairs", "connected_components"]

VETO_BELOW = 0.05
BRIDGE_SUPPORT = 3

RecordPairs = Iterable[tuple[str, str]]


def cluster_pairs(
    record_ids: Sequence[str],
    pairs: pa.Table,
    threshold: float,
    must_link: RecordPairs = (),
    cannot_link: RecordPairs = (),
) -> pa.Table:
    """record_id, person_id for every record, sorted by record_id (see the module docstring).

    A must-link group holding a cannot-link pair raises ValueError naming the pair.
    """
    veto_below = min(VETO_BELOW, threshold)
    clusters = cluster_records(
        record_ids, pairs, threshold, must_link, cannot_link,
        veto_below=veto_below, bridge_support=BRIDGE_SUPPORT,
    )  # fmt: skip
    return person_table(clusters)


def connected_components(record_ids: Sequence[str], pairs: pa.Table, threshold: float) -> pa.Table:
    """record_id, person_id by connected components of the pairs at or above `threshold`."""
    ids = pc.unique(pa.array(record_ids, pa.string()))
    ids = ids.take(pc.array_sort_indices(ids))
    kept = pairs.filter(pc.field("match_probability") >= threshold)
    left = pc.index_in(kept.column("record_id_l").cast(pa.string()), value_set=ids)
    right = pc.index_in(kept.column("record_id_r").cast(pa.string()), value_set=ids)
    known = pc.and_(pc.is_valid(left), pc.is_valid(right))
    labels = component_labels(
        len(ids),
        np.asarray(left.filter(known).to_numpy(), dtype=np.int64),
        np.asarray(right.filter(known).to_numpy(), dtype=np.int64),
    )
    names = [str(record) for record in ids.to_pylist()]
    return person_table(dict(zip(names, labels.tolist(), strict=True)))


def person_table(clusters: Mapping[str, int]) -> pa.Table:
    """record_id, person_id ('P-0000001' ...) for cluster numbers keyed by record ID."""
    persons = assign_person_ids(clusters, {}, mint_person_ids())
    ordered = sorted(persons)
    return pa.table(
        {"record_id": ordered, "person_id": [persons[record] for record in ordered]},
        schema=pa.schema([("record_id", pa.string()), ("person_id", pa.string())]),
    )
