"""Derived associations between people: recorded together, or sharing an entity.

Two persons are associated when an event records them both (`present_together`), or
when each is linked to the same place, vehicle, phone or organisation. Each association
keeps its evidence: which entities it runs through and every event behind it. Entities
linked to very many persons (a hospital, a busy hotel) would associate everyone with
everyone, so those above `max_entity_links` are left out, and the result names them.

`association_matrix` lays the associations out as the association matrix of the "seven
steps of link analysis": a table that comes before a chart and is an accessible
alternative to one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import combinations

import igraph as ig

from joinedup.network.graph import EntityGraph, Provenance, neighbours_by_edge

__all__ = ["Association", "Associations", "association_matrix", "derive_associations"]

PRESENT_TOGETHER = "present_together"


@dataclass(frozen=True, slots=True)
class Association:
    """Two persons associated through shared events or entities, with the evidence."""

    person_a: str
    person_b: str
    via: tuple[str, ...]
    """'present_together' and/or the entity ids both are linked to."""
    provenance: tuple[Provenance, ...]

    @property
    def event_ids(self) -> tuple[str, ...]:
        return tuple(p.event_id for p in self.provenance)


@dataclass(frozen=True)
class Associations:
    associations: tuple[Association, ...]
    skipped_entities: tuple[str, ...]
    """Entities with more than `max_entity_links` person links, not used."""


def derive_associations(
    graph: EntityGraph, persons: Collection[str] | None = None, max_entity_links: int = 30
) -> Associations:
    """Associations among `persons` (default: everyone), with their evidence."""
    g = graph.graph
    wanted = _person_vertices(g, persons)
    routes: dict[tuple[int, int], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    _add_direct(g, wanted, routes)
    skipped = _add_shared_entities(g, wanted, max_entity_links, routes)
    return Associations(
        tuple(_association(graph, pair, via) for pair, via in sorted(routes.items())),
        tuple(sorted(g.vs[v]["name"] for v in skipped)),
    )


def _person_vertices(g: ig.Graph, persons: Collection[str] | None) -> set[int]:
    chosen = set(persons) if persons is not None else None
    return {
        v.index for v in g.vs if v["kind"] == "person" and (chosen is None or v["name"] in chosen)
    }


def _add_direct(
    g: ig.Graph, wanted: set[int], routes: dict[tuple[int, int], dict[str, list[int]]]
) -> None:
    for vertex in sorted(wanted):
        for edge, other in neighbours_by_edge(g, vertex):
            if other in wanted and vertex < other:
                routes[(vertex, other)][PRESENT_TOGETHER].append(edge)


def _add_shared_entities(
    g: ig.Graph,
    wanted: set[int],
    max_entity_links: int,
    routes: dict[tuple[int, int], dict[str, list[int]]],
) -> set[int]:
    skipped = set()
    for entity in _entities_linked_to(g, wanted):
        linked = [(e, p) for e, p in neighbours_by_edge(g, entity) if p in wanted]
        if len(linked) > max_entity_links:
            skipped.add(entity)
            continue
        for (edge_a, a), (edge_b, b) in combinations(sorted(linked, key=lambda x: x[1]), 2):
            routes[(a, b)][g.vs[entity]["name"]] += [edge_a, edge_b]
    return skipped


def _entities_linked_to(g: ig.Graph, wanted: set[int]) -> list[int]:
    found = {o for v in wanted for o in g.neighbors(v) if g.vs[o]["kind"] != "person"}
    return sorted(found)


def _association(
    graph: EntityGraph, pair: tuple[int, int], via: dict[str, list[int]]
) -> Association:
    names = graph.graph.vs["name"]
    edges = {e for found in via.values() for e in found}
    found = {p.event_id: p for e in sorted(edges) for p in graph.provenance(e)}
    provenance = sorted(found.values(), key=lambda p: (p.date is None, p.date, p.event_id))
    return Association(names[pair[0]], names[pair[1]], tuple(sorted(via)), tuple(provenance))


def association_matrix(
    associations: Sequence[Association], persons: Sequence[str]
) -> tuple[tuple[int, ...], ...]:
    """Square matrix over `persons`: how many events associate each pair (0 if none)."""
    position = {p: i for i, p in enumerate(persons)}
    cells = [[0] * len(persons) for _ in persons]
    for a in associations:
        if a.person_a in position and a.person_b in position:
            i, j = position[a.person_a], position[a.person_b]
            cells[i][j] = cells[j][i] = len(a.provenance)
    return tuple(tuple(row) for row in cells)
