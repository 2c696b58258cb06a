"""Alert networks: the alerted adults and entities, grouped with those directly around them.

An alert (`alerts.network_alerts`) names an adult or entity linked to N or more children
with indicators. The inquiries describe groups, not single men: several adults sharing
cars, phones and addresses, each recorded with one or two of the children. Taken one by
one, most of them stay under N. So each alert is also shown with its **members**:

- an adult, place, vehicle, phone or organisation that is itself linked to at least one
  child with indicators (directly, or an adult through their vehicle or phone), and
- is directly linked to an alerted adult or entity by an event in which neither took a
  protective role (professional, reporter, witness): the social worker who attended the
  same strategy meeting is not a member.

Alerts that share a member or are linked to each other form one network. Every member
carries the events behind its links, so an analyst sees why it is there. This widens
what an analyst is shown to look at; it says nothing about what anyone did.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import igraph as ig

from joinedup.network.alerts import DEFAULT_REACH_VIA, Alert, children_reached
from joinedup.network.graph import EntityGraph, Provenance, neighbours_by_edge

__all__ = ["PROTECTIVE_ROLES", "AlertNetwork", "NetworkMember", "alert_networks"]

PROTECTIVE_ROLES = frozenset({"professional", "reporter", "witness"})
"""Roles in which being recorded with someone does not make a person part of a network."""


@dataclass(frozen=True, slots=True)
class NetworkMember:
    """An adult or entity directly linked to one or more alerted adults or entities."""

    entity_kind: str
    entity_id: str
    label: str
    linked_to: tuple[str, ...]
    """The alerted entity ids it is directly linked to."""
    children: tuple[str, ...]
    """The children with indicators it is itself linked to."""
    provenance: tuple[Provenance, ...]
    """The events behind its links to the alerted entities."""


@dataclass(frozen=True, slots=True)
class AlertNetwork:
    """Alerts linked to each other or sharing members, with their members."""

    network_id: str
    alerted: tuple[str, ...]
    members: tuple[NetworkMember, ...]
    children: tuple[str, ...]
    """Every child with indicators linked to an alerted entity or a member."""


def alert_networks(
    graph: EntityGraph,
    alerts: Sequence[Alert],
    children_with_indicators: set[str],
    *,
    reach_via: Collection[str] = DEFAULT_REACH_VIA,
    max_entity_links: int = 50,
) -> list[AlertNetwork]:
    """The alerts grouped into networks with their members, biggest network first.

    Entities with more than `max_entity_links` links (a hospital, a busy station) neither
    become members nor join alerts together.
    """
    g = graph.graph
    alerted = {graph.vertex(a.entity_id) for a in alerts}
    reached = children_reached(graph, children_with_indicators, reach_via, max_entity_links)
    members = _members(graph, alerted, reached, max_entity_links)
    groups = _group(g, alerted, members)
    networks = [_network(graph, group, members, reached) for group in groups]
    networks.sort(key=lambda n: (-len(n.children), -len(n.alerted), n.alerted))
    return [
        AlertNetwork(f"AN{number:03d}", n.alerted, n.members, n.children)
        for number, n in enumerate(networks, start=1)
    ]


# member vertex -> alerted vertex -> edges linking them
_Links = dict[int, dict[int, list[int]]]


def _members(
    graph: EntityGraph, alerted: set[int], reached: dict[int, set[int]], max_links: int
) -> _Links:
    g = graph.graph
    links: _Links = defaultdict(lambda: defaultdict(list))
    for alert in alerted:
        for edge, other in neighbours_by_edge(g, alert):
            if other in alerted or other not in reached or g.degree(other) > max_links:
                continue
            if _not_protective(graph, edge):
                links[other][alert].append(edge)
    return links


def _not_protective(graph: EntityGraph, edge: int) -> bool:
    return any(not (set(p.role.split("|")) & PROTECTIVE_ROLES) for p in graph.provenance(edge))


def _group(g: ig.Graph, alerted: set[int], members: _Links) -> list[set[int]]:
    """Alerted vertices, each alone unless adults: two alerted adults recorded together or
    both recorded with one member adult are one network. Places, vehicles and phones do
    not join alerts, because one takeaway or taxi rank serves many unconnected groups."""
    parent = {v: v for v in alerted}

    def find(v: int) -> int:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    def join(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    kinds = g.vs["kind"]
    for alert in alerted:
        for other in g.neighbors(alert):
            if other in alerted and kinds[alert] == kinds[other] == "person":
                join(alert, other)
    for member, linked in members.items():
        adults = [a for a in linked if kinds[a] == "person"]
        for other in adults[1:] if kinds[member] == "person" else ():
            join(adults[0], other)
    groups: dict[int, set[int]] = defaultdict(set)
    for v in alerted:
        groups[find(v)].add(v)
    return list(groups.values())


def _network(
    graph: EntityGraph, group: set[int], members: _Links, reached: dict[int, set[int]]
) -> AlertNetwork:
    g = graph.graph
    names = g.vs["name"]
    own = [_member(graph, v, links, reached) for v, links in members.items() if set(links) & group]
    children = {c for v in group for c in reached.get(v, ())}
    children |= {c for v, links in members.items() if set(links) & group for c in reached[v]}
    return AlertNetwork(
        "",
        tuple(sorted(names[v] for v in group)),
        tuple(sorted(own, key=lambda m: (m.entity_kind, m.entity_id))),
        tuple(sorted(names[c] for c in children)),
    )


def _member(
    graph: EntityGraph, vertex: int, links: dict[int, list[int]], reached: dict[int, set[int]]
) -> NetworkMember:
    g = graph.graph
    names = g.vs["name"]
    attributes = g.vs[vertex]
    return NetworkMember(
        attributes["kind"],
        names[vertex],
        attributes["label"],
        tuple(sorted(names[a] for a in links)),
        tuple(sorted(names[c] for c in reached[vertex])),
        _provenance(graph, (e for edges in links.values() for e in edges)),
    )


def _provenance(graph: EntityGraph, edges: Iterable[int]) -> tuple[Provenance, ...]:
    found = {p.event_id: p for edge in edges for p in graph.provenance(edge)}
    return tuple(sorted(found.values(), key=lambda p: (p.date is None, p.date, p.event_id)))
