"""Contexts that can be opened as cases in their own right: places and peer groups.

Contextual safeguarding (DOMAIN.md E17) treats a park, a hotel, a takeaway or a peer
group as a subject of referral and assessment. This module proposes candidates; a
practitioner decides whether to open one.

- A **place** is a candidate when `min_children` or more children (by default only
  those with indicators, if given) are linked to it, with the events that link them.
- A **peer group** is a Leiden community of the children's own association graph
  (present together, or sharing a place, vehicle, phone or organisation) with at least
  `min_children` members, with the associations between them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass

import igraph as ig

from joinedup.network.associations import Association, derive_associations
from joinedup.network.communities import leiden_membership
from joinedup.network.graph import EntityGraph, Provenance, neighbours_by_edge

__all__ = ["ContextCandidate", "ContextMember", "context_candidates"]


@dataclass(frozen=True, slots=True)
class ContextMember:
    """One child of a context and the events that place them in it."""

    child_id: str
    linked_through: tuple[str, ...]
    provenance: tuple[Provenance, ...]


@dataclass(frozen=True, slots=True)
class ContextCandidate:
    context_kind: str
    """'place' or 'peer_group'."""
    context_id: str
    label: str
    children: tuple[str, ...]
    evidence: tuple[ContextMember, ...]


def context_candidates(
    graph: EntityGraph,
    children: Collection[str] | None = None,
    min_children: int = 3,
    *,
    seed: int = 1,
    exclude_place_kinds: Collection[str] = (),
) -> list[ContextCandidate]:
    """Places and peer groups linking `min_children` or more of `children`.

    `children` defaults to every child in the graph; pass the children with indicators
    to see the contexts that matter most. Home addresses can be left out with
    `exclude_place_kinds=("home",)`.
    """
    chosen = set(children) if children is not None else _all_children(graph.graph)
    places = _place_candidates(graph, chosen, min_children, set(exclude_place_kinds))
    return places + _peer_group_candidates(graph, chosen, min_children, seed)


def _all_children(g: ig.Graph) -> set[str]:
    return {v["name"] for v in g.vs if v["kind"] == "person" and v["age_group"] == "child"}


def _place_candidates(
    graph: EntityGraph, children: set[str], min_children: int, excluded: set[str]
) -> list[ContextCandidate]:
    found = []
    for place in graph.graph.vs.select(kind_eq="place"):
        if place["place_kind"] in excluded:
            continue
        members = _children_at(graph, place.index, children)
        if len(members) >= min_children:
            found.append(_candidate("place", place["name"], place["label"], members))
    return found


def _children_at(graph: EntityGraph, place: int, children: set[str]) -> list[ContextMember]:
    names = graph.graph.vs["name"]
    return [
        ContextMember(names[child], (names[place],), graph.provenance(edge))
        for edge, child in neighbours_by_edge(graph.graph, place)
        if names[child] in children
    ]


def _candidate(kind: str, cid: str, label: str, members: list[ContextMember]) -> ContextCandidate:
    members = sorted(members, key=lambda m: m.child_id)
    children = tuple(m.child_id for m in members)
    return ContextCandidate(kind, cid, label, children, tuple(members))


def _peer_group_candidates(
    graph: EntityGraph, children: set[str], min_children: int, seed: int
) -> list[ContextCandidate]:
    associations = derive_associations(graph, children).associations
    names = sorted({n for a in associations for n in (a.person_a, a.person_b)})
    groups = _leiden_groups(names, associations, seed)
    return [_peer_group(group, associations) for group in groups if len(group) >= min_children]


def _leiden_groups(
    names: list[str], associations: tuple[Association, ...], seed: int
) -> list[list[str]]:
    position = {n: i for i, n in enumerate(names)}
    g = ig.Graph(n=len(names), edges=[(position[a.person_a], position[a.person_b])
                                      for a in associations])  # fmt: skip
    membership, _ = leiden_membership(g, seed, [len(a.provenance) for a in associations])
    groups: dict[int, list[str]] = {}
    for name, community in zip(names, membership, strict=True):
        groups.setdefault(community, []).append(name)
    return [sorted(members) for _, members in sorted(groups.items())]


def _peer_group(group: list[str], associations: tuple[Association, ...]) -> ContextCandidate:
    inside = set(group)
    members = []
    for child in group:
        links = [a for a in associations if child in (a.person_a, a.person_b)
                 and {a.person_a, a.person_b} <= inside]  # fmt: skip
        through = tuple(sorted({v for a in links for v in a.via}))
        events = {p.event_id: p for a in links for p in a.provenance}
        members.append(ContextMember(child, through, tuple(events[e] for e in sorted(events))))
    context_id = "PG-" + hashlib.sha256("|".join(group).encode()).hexdigest()[:12]
    return _candidate("peer_group", context_id, f"Peer group of {len(group)} children", members)
