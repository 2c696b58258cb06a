"""Alerts for an analyst: who or what links several children, and who newly links.

- `network_alerts`: an adult, place, vehicle, phone or organisation linked to `min_children`
  or more children with indicators (DOMAIN.md E16). Which children have indicators is an
  input (the screening package supplies it), so the threshold is about facts recorded,
  not a judgement made here. An adult reaches a child either directly (both recorded at
  the same event) or through a vehicle or phone the adult is linked to (configurable).
- `new_links_to_known_networks`: a child linked in the current graph to a member of a
  known network, who had no link to that network in the previous graph.

Each alert carries its evidence: the events (agency, date, roles, grade) behind every link.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

import igraph as ig

from joinedup.network.graph import EntityGraph, Provenance, neighbours_by_edge

__all__ = [
    "Alert",
    "ChildLink",
    "NewNetworkLink",
    "children_reached",
    "network_alerts",
    "networks_from_alerts",
    "new_links_to_known_networks",
]

NOT_OF_CONCERN_ROLES = frozenset({"victim", "witness", "reporter", "professional"})
"""An adult recorded with a child only in these roles (a mother who was the victim of an
incident her children were also at, the officer who reported it) is not counted as
linked to that child for an alert."""

DEFAULT_REACH_VIA = frozenset({"vehicle", "phone"})
"""Entity kinds through which an adult is taken to reach a child (their car, their phone)."""


@dataclass(frozen=True, slots=True)
class ChildLink:
    """How one child is linked to the alerted entity: directly or via another entity."""

    child_id: str
    via: str
    """Blank for a direct link, else the entity_id of the vehicle or phone in between."""
    provenance: tuple[Provenance, ...]


@dataclass(frozen=True, slots=True)
class Alert:
    """An entity linked to `min_children` or more children with indicators."""

    entity_kind: str
    entity_id: str
    label: str
    children: tuple[str, ...]
    evidence: tuple[ChildLink, ...]


@dataclass(frozen=True, slots=True)
class NewNetworkLink:
    """A child newly linked to a member of a known network."""

    child_id: str
    network_id: str
    linked_to: tuple[str, ...]
    provenance: tuple[Provenance, ...]


# A route from an alertable vertex to a child: (child vertex, via vertex or -1, edges).
_Route = tuple[int, int, tuple[int, ...]]


def network_alerts(
    graph: EntityGraph,
    children_with_indicators: set[str],
    min_children: int = 3,
    *,
    reach_via: Collection[str] = DEFAULT_REACH_VIA,
    max_via_links: int = 50,
) -> list[Alert]:
    """Every adult or entity linked to at least `min_children` of the given children.

    Vehicles or phones with more than `max_via_links` links (a taxi firm's switchboard)
    are not used to reach children through, though they can be alerted themselves.
    """
    routes = _routes_to_children(graph, children_with_indicators, reach_via, max_via_links)
    alerts = [
        _alert(graph, vertex, found)
        for vertex, found in routes.items()
        if len({child for child, _, _ in found}) >= min_children
    ]
    return sorted(alerts, key=lambda a: (-len(a.children), a.entity_kind, a.entity_id))


def children_reached(
    graph: EntityGraph,
    children_with_indicators: set[str],
    reach_via: Collection[str] = DEFAULT_REACH_VIA,
    max_via_links: int = 50,
) -> dict[int, set[int]]:
    """For every adult or entity, the vertices of the children with indicators it reaches."""
    routes = _routes_to_children(graph, children_with_indicators, reach_via, max_via_links)
    return {vertex: {child for child, _, _ in found} for vertex, found in routes.items()}


def _routes_to_children(
    graph: EntityGraph, children: set[str], reach_via: Collection[str], max_via_links: int
) -> dict[int, list[_Route]]:
    g = graph.graph
    routes: dict[int, list[_Route]] = defaultdict(list)
    for child in _vertices_of(g, children):
        for edge, other in neighbours_by_edge(g, child):
            if _alertable(g, other) and _of_concern(graph, edge, other):
                routes[other].append((child, -1, (edge,)))
            if g.vs[other]["kind"] in reach_via and g.degree(other) <= max_via_links:
                _add_adults_via(graph, child, other, edge, routes)
    return routes


def _add_adults_via(
    graph: EntityGraph, child: int, via: int, child_edge: int, routes: dict[int, list[_Route]]
) -> None:
    g = graph.graph
    for edge, adult in neighbours_by_edge(g, via):
        if adult == child or g.vs[adult]["kind"] != "person" or not _alertable(g, adult):
            continue
        if _of_concern(graph, edge, adult):
            routes[adult].append((child, via, (child_edge, edge)))


def _of_concern(graph: EntityGraph, edge: int, vertex: int) -> bool:
    """Whether a person was recorded on this link, at least once, in a role of concern.

    Places, vehicles, phones and organisations have no role and always count.
    """
    g = graph.graph
    if g.vs[vertex]["kind"] != "person":
        return True
    first = min(graph.ends(edge)) == g.vs[vertex]["name"]
    for provenance in graph.provenance(edge):
        roles = provenance.role.split("|")  # 'a|b' between two persons, in name order
        own = roles[0] if len(roles) == 1 or first else roles[1]
        if set(own.split("/")) - NOT_OF_CONCERN_ROLES:
            return True
    return False


def _alertable(g: ig.Graph, vertex: int) -> bool:
    attributes = g.vs[vertex]
    return bool(attributes["kind"] != "person" or attributes["age_group"] != "child")


def _vertices_of(g: ig.Graph, names: Iterable[str]) -> list[int]:
    index = _name_index(g)
    return sorted(index[n] for n in names if n in index)


def _name_index(g: ig.Graph) -> dict[str, int]:
    return {name: i for i, name in enumerate(g.vs["name"])}


def _alert(graph: EntityGraph, vertex: int, routes: list[_Route]) -> Alert:
    g = graph.graph
    names = g.vs["name"]
    evidence = tuple(
        ChildLink(names[child], names[via] if via >= 0 else "", _provenance(graph, edges))
        for child, via, edges in sorted(routes, key=lambda r: (names[r[0]], r[1]))
    )
    children = tuple(sorted({link.child_id for link in evidence}))
    attributes = g.vs[vertex]
    return Alert(attributes["kind"], names[vertex], attributes["label"], children, evidence)


def _provenance(graph: EntityGraph, edges: Iterable[int]) -> tuple[Provenance, ...]:
    found = {p.event_id: p for edge in edges for p in graph.provenance(edge)}
    return tuple(sorted(found.values(), key=lambda p: (p.date is None, p.date, p.event_id)))


def networks_from_alerts(alerts: Iterable[Alert]) -> dict[str, frozenset[str]]:
    """Known networks from alerts: each alerted entity with the children it links."""
    return {f"{a.entity_kind}:{a.entity_id}": frozenset({a.entity_id, *a.children}) for a in alerts}


def new_links_to_known_networks(
    previous: EntityGraph,
    current: EntityGraph,
    networks: Mapping[str, Collection[str]],
) -> list[NewNetworkLink]:
    """Children linked to a known network now who had no link to it before.

    `networks` maps a network id to its members (person and entity ids), for example
    from `networks_from_alerts` or `Communities.groups` of the previous graph. A child
    who is a member already is not reported.
    """
    found: list[NewNetworkLink] = []
    for network_id, members in sorted(networks.items()):
        found += _new_links_to(previous, current, network_id, frozenset(members))
    return found


def _new_links_to(
    previous: EntityGraph, current: EntityGraph, network_id: str, members: frozenset[str]
) -> list[NewNetworkLink]:
    edges_of_child = _child_edges_to_members(current.graph, members)
    before = _children_linked_before(previous.graph, members)
    names = current.graph.vs["name"]
    return [
        NewNetworkLink(
            child,
            network_id,
            tuple(sorted({n for e in edges for n in current.ends(e)} - {child})),
            _provenance(current, edges),
        )
        for child, edges in sorted(edges_of_child.items())
        if child not in before and child in names
    ]


def _child_edges_to_members(g: ig.Graph, members: frozenset[str]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = defaultdict(list)
    for member in _vertices_of(g, members):
        for edge, other in neighbours_by_edge(g, member):
            attributes = g.vs[other]
            if attributes["age_group"] == "child" and attributes["name"] not in members:
                found[attributes["name"]].append(edge)
    return found


def _children_linked_before(g: ig.Graph, members: frozenset[str]) -> set[str]:
    names = g.vs["name"]
    return {names[o] for m in _vertices_of(g, members) for _, o in neighbours_by_edge(g, m)}
