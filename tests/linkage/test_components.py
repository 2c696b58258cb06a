"""The clustering step of a link run: non-chaining clusters named P-0000001, ..."""

from __future__ import annotations

import pyarrow as pa

from joinedup.linkage.components import cluster_pairs, connected_components


def scored(*rows: tuple[str, str, float]) -> pa.Table:
    return pa.table(
        {
            "record_id_l": [left for left, _, _ in rows],
            "record_id_r": [right for _, right, _ in rows],
            "match_probability": pa.array([p for _, _, p in rows], pa.float64()),
        }
    )


def persons(table: pa.Table) -> dict[str, str]:
    return dict(
        zip(
            table.column("record_id").to_pylist(),
            table.column("person_id").to_pylist(),
            strict=True,
        )
    )


CHAIN = scored(("A", "B", 0.99), ("B", "C", 0.95), ("A", "C", 0.01))


def test_connected_components_chain_through_a_shared_record() -> None:
    assert set(persons(connected_components(["C", "B", "A", "D"], CHAIN, 0.9)).values()) == {
        "P-0000001", "P-0000002",
    }  # fmt: skip


def test_cluster_pairs_does_not_chain_and_numbers_persons_by_least_record_id() -> None:
    assert persons(cluster_pairs(["C", "B", "A", "D"], CHAIN, 0.9)) == {
        "A": "P-0000001", "B": "P-0000001", "C": "P-0000002", "D": "P-0000003",
    }  # fmt: skip


def test_cluster_pairs_obeys_must_and_cannot_links() -> None:
    pairs = scored(("A", "B", 0.99))
    clusters = persons(cluster_pairs("ABC", pairs, 0.9, must_link=[("C", "D")],
                                     cannot_link=[("A", "B")]))  # fmt: skip
    assert clusters == {"A": "P-0000001", "B": "P-0000002", "C": "P-0000003"}
