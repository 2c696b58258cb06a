"""Connected components and Leiden communities of the entity graph (seeded, repeatable).

Components answer "what is linked to what at all"; Leiden communities (modularity, links
weighted by how many events support them) split a large component into groups more
tightly linked inside than out. The same graph and seed always give the same
communities. Communities are a way into the chart for an analyst, not a finding that
the people in one are a network.

The Leiden algorithm (Traag, Waltman and van Eck, 2019) runs in igraph's C core
(`Graph.community_leiden`), not in the `leidenalg` package by the same author: on a
graph of one million links it finds partitions of the same modularity (0.3156 against
0.3166) in 16 s instead of 123 s (docs/benchmarks.md). igraph draws its random numbers
from a Python generator, which is seeded here for the call and then restored.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import igraph as ig

from joinedup.network.graph import EntityGraph

__all__ = ["Communities", "find_communities", "leiden_membership"]


@dataclass(frozen=True)
class Communities:
    """Per vertex (in graph order): its node id, component and Leiden community."""

    names: tuple[str, ...]
    component: tuple[int, ...]
    community: tuple[int, ...]
    seed: int
    modularity: float

    def members(self, community: int) -> tuple[str, ...]:
        """The node ids of one community, sorted."""
        return tuple(
            sorted(n for n, c in zip(self.names, self.community, strict=True) if c == community)
        )

    def groups(self, min_size: int = 2) -> dict[str, tuple[str, ...]]:
        """Communities with at least `min_size` members, as 'C000001' -> node ids."""
        grouped: dict[int, list[str]] = {}
        for name, community in zip(self.names, self.community, strict=True):
            grouped.setdefault(community, []).append(name)
        return {
            f"C{community:06d}": tuple(sorted(members))
            for community, members in sorted(grouped.items())
            if len(members) >= min_size
        }

    def community_of(self, node_id: str) -> int:
        return self.community[self.names.index(node_id)]


def find_communities(graph: EntityGraph, seed: int = 1) -> Communities:
    """Components and seeded Leiden communities of the whole graph."""
    g = graph.graph
    membership, quality = leiden_membership(g, seed, weights=g.es["events"] if g.ecount() else None)
    return Communities(
        names=tuple(g.vs["name"]),
        component=tuple(g.connected_components().membership),
        community=tuple(membership),
        seed=seed,
        modularity=quality,
    )


def leiden_membership(
    g: ig.Graph, seed: int, weights: list[int] | None = None
) -> tuple[list[int], float]:
    """Leiden (modularity) membership of every vertex and the partition's modularity."""
    ig.set_random_number_generator(random.Random(seed))
    try:
        clustering = g.community_leiden(
            objective_function="modularity", weights=weights, n_iterations=2
        )
    finally:
        ig.set_random_number_generator(random)
    membership = list(clustering.membership)
    return membership, float(g.modularity(membership, weights=weights)) if g.ecount() else 0.0
