"""Degree and betweenness: aids for an analyst reading a chart, never a score of a person.

Both describe where a vertex sits among the links that agencies happened to record. A
high number can mean a person was recorded often (a parent at every school meeting, a
professional), not that they did anything. They help an analyst find their way around
a chart, as i2 Analyst's Notebook's centrality measures do; they must not be used to
rank, grade or decide about a person, and are never stored on a person's record.

On large graphs exact betweenness is too slow; beyond `EXACT_BETWEENNESS_LIMIT`
vertices, only paths up to `cutoff` links long are counted, and the result says so.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import igraph as ig

from joinedup.network.graph import EntityGraph

__all__ = ["ANALYST_AID_NOTE", "AnalystAids", "ChartPosition", "analyst_aids"]

ANALYST_AID_NOTE = (
    "Links and betweenness show where an item sits among the recorded links. They reflect "
    "what agencies recorded, not what anyone did: use them to find your way around the "
    "chart, never as a score, rank or risk level of a person."
)

EXACT_BETWEENNESS_LIMIT = 5_000
DEFAULT_CUTOFF = 4


@dataclass(frozen=True, slots=True)
class ChartPosition:
    """Where one item sits in the chart (an aid, not a score)."""

    node_id: str
    kind: str
    label: str
    links: int
    """Degree: how many other items it is linked to."""
    betweenness: float
    """How often it lies on the shortest paths between other items (a 'gatekeeper')."""


@dataclass(frozen=True)
class AnalystAids:
    note: str
    cutoff: int | None
    """None when betweenness is exact; else the longest path counted."""
    positions: tuple[ChartPosition, ...]


def analyst_aids(
    graph: EntityGraph, nodes: Collection[str] | None = None, cutoff: int | None = None
) -> AnalystAids:
    """Degree and betweenness of the given items (or all), within the chart they make up.

    With `nodes`, the measures are of the chart of those items alone, as an analyst
    would open it. `cutoff` limits betweenness to shorter paths; by default exact up to
    `EXACT_BETWEENNESS_LIMIT` vertices and `DEFAULT_CUTOFF` beyond.
    """
    chart = _chart(graph.graph, nodes)
    if cutoff is None and chart.vcount() > EXACT_BETWEENNESS_LIMIT:
        cutoff = DEFAULT_CUTOFF
    betweenness = chart.betweenness(directed=False, cutoff=cutoff)
    positions = tuple(
        ChartPosition(v["name"], v["kind"], v["label"], chart.degree(v.index), float(b))
        for v, b in zip(chart.vs, betweenness, strict=True)
    )
    return AnalystAids(ANALYST_AID_NOTE, cutoff, positions)


def _chart(g: ig.Graph, nodes: Collection[str] | None) -> ig.Graph:
    if nodes is None:
        return g
    wanted = set(nodes)
    return g.induced_subgraph([v.index for v in g.vs if v["name"] in wanted])
