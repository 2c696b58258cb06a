"""The child's ego network: the people, places, vehicles, phones and organisations
within two links of them, drawn only from events the reader may see.

Each link keeps its evidence (first and last seen, agencies, events, 3x5x2 grade), and
the page lists every link in a table beside the diagram. An item linked to very many
others (a hospital, a busy hotel) is shown but its own links are not followed, and the
page says so. A person other than the child is named only if some event the reader may
see names them in a role the chronology would name (`may_name`); otherwise they appear
as "Person not named". Degree and betweenness are analyst aids, listed alphabetically,
never as a score or rank of a person (network/measures.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

import igraph as ig

from joinedup.chronology import Entitlements
from joinedup.chronology.entitlements import may_name
from joinedup.network import AnalystAids, EntityGraph, analyst_aids
from joinedup.network.graph import neighbours_by_edge
from joinedup.records import vocabularies
from joinedup.web.children.services.display import display_date
from joinedup.web.children.services.identity import headline
from joinedup.web.children.services.tables import network_graph, network_tables
from joinedup.web.people.models import Person

__all__ = ["EgoNetwork", "NetworkLink", "NetworkNode", "ego_network"]

MAX_FANOUT = 30  # an item with more links than this is shown but not followed
MAX_NODES = 150
KIND_LABELS = {"person": "Person", "place": "Place", "vehicle": "Vehicle", "phone": "Phone",
               "organisation": "Organisation"}  # fmt: skip


@dataclass(frozen=True)
class NetworkNode:
    key: str  # 'n0' for the child; never a person id
    kind: str
    label: str
    steps: int  # 0 the child, 1 linked to them, 2 linked through one item


@dataclass(frozen=True)
class NetworkLink:
    source: NetworkNode
    target: NetworkNode
    kind: str
    first_seen: str
    last_seen: str
    agencies: tuple[str, ...]
    events: int
    grade: str


@dataclass(frozen=True)
class EgoNetwork:
    nodes: tuple[NetworkNode, ...]
    links: tuple[NetworkLink, ...]
    not_followed: tuple[tuple[str, int], ...]  # (label, links) of items not expanded
    truncated: int  # items two links away left out to keep the diagram readable
    aids: tuple[tuple[NetworkNode, int, float], ...]  # (item, links, betweenness), by label
    aids_note: str

    def elements(self) -> list[dict[str, Any]]:
        """The diagram for Cytoscape.js: nodes and edges with their classes."""
        nodes = [{"data": {"id": n.key, "label": n.label, "steps": n.steps},
                  "classes": f"{n.kind} steps-{n.steps}"} for n in self.nodes]  # fmt: skip
        edges = [{"data": {"id": f"e{i}", "source": link.source.key, "target": link.target.key}}
                 for i, link in enumerate(self.links)]  # fmt: skip
        return nodes + edges


def ego_network(person: Person, reader: Entitlements) -> EgoNetwork:
    """The network within two links of the child, from the events the reader may see."""
    graph = network_graph(reader)
    names = graph.graph.vs["name"] if graph.graph.vcount() else []
    if person.person_id not in set(names):
        return EgoNetwork((), (), (), 0, (), "")
    centre = graph.vertex(person.person_id)
    steps, not_followed, truncated = _reach(graph, centre)
    nodes = _nodes(graph, steps, reader)
    nodes[centre] = replace(nodes[centre], label=headline(person, reader).name)
    links = _links(graph, steps, nodes)
    aids = analyst_aids(graph, [names[v] for v in steps])
    return EgoNetwork(tuple(nodes.values()), links, not_followed, truncated,
                      _aids(aids, graph, nodes), aids.note)  # fmt: skip


def _reach(
    graph: EntityGraph, centre: int
) -> tuple[dict[int, int], tuple[tuple[str, int], ...], int]:
    g = graph.graph
    steps = {centre: 0} | {v: 1 for v in g.neighbors(centre) if v != centre}
    hubs = [v for v in steps if steps[v] == 1 and g.degree(v) > MAX_FANOUT]
    further = sorted({w for v in steps if steps[v] == 1 and v not in hubs
                      for w in g.neighbors(v)} - set(steps))  # fmt: skip
    room = max(0, MAX_NODES - len(steps))
    steps |= {w: 2 for w in further[:room]}
    followed = tuple(sorted((g.vs[v]["label"] or g.vs[v]["name"], g.degree(v)) for v in hubs))
    return steps, followed, max(0, len(further) - room)


def _nodes(
    graph: EntityGraph, steps: dict[int, int], reader: Entitlements
) -> dict[int, NetworkNode]:
    g = graph.graph
    roles = _roles_of(reader, {g.vs[v]["name"] for v in steps})
    ordered = sorted(steps, key=lambda v: (steps[v], g.vs[v]["kind"], g.vs[v]["label"] or ""))
    return {v: NetworkNode(f"n{i}", g.vs[v]["kind"], _label(g.vs[v], steps[v], roles, reader),
                           steps[v]) for i, v in enumerate(ordered)}  # fmt: skip


def _label(vertex: ig.Vertex, steps: int, roles: dict[str, set[str]], reader: Entitlements) -> str:
    kind, label, name = vertex["kind"], vertex["label"], vertex["name"]
    if kind != "person":
        return str(label or name)
    if any(may_name(role, False, reader) for role in roles.get(name, ())):
        return str(label).title() if label else "Person"
    seen = sorted({vocabularies.label("participant_role", r) for r in roles.get(name, ())})
    return "Person not named" + (f" ({', '.join(seen)})" if seen else "")


def _roles_of(reader: Entitlements, names: set[str]) -> dict[str, set[str]]:
    participants = network_tables(reader).participants.select(["person_id", "role"]).to_pylist()
    found: dict[str, set[str]] = defaultdict(set)
    for row in participants:
        if row["person_id"] in names:
            found[row["person_id"]].add(row["role"])
    return found


def _links(
    graph: EntityGraph, steps: dict[int, int], nodes: dict[int, NetworkNode]
) -> tuple[NetworkLink, ...]:
    g, found = graph.graph, {}
    for v in (v for v in steps if steps[v] < 2):
        for edge, other in neighbours_by_edge(g, v):
            if other in nodes and edge not in found:
                found[edge] = _link(graph, edge, nodes)
    return tuple(
        found[e] for e in sorted(found, key=lambda e: (found[e].source.key, found[e].target.key))
    )


def _link(graph: EntityGraph, edge: int, nodes: dict[int, NetworkNode]) -> NetworkLink:
    e = graph.graph.es[edge]
    source, target = sorted((nodes[e.source], nodes[e.target]), key=lambda n: (n.steps, n.key))
    return NetworkLink(
        source=source, target=target, kind=_link_kind(e["link_type"]),
        first_seen=display_date(e["first_seen"] or ""),
        last_seen=display_date(e["last_seen"] or ""),
        agencies=tuple(a for a in (e["agencies"] or "").split(";") if a),
        events=int(e["events"]), grade=e["grade"] or "",
    )  # fmt: skip


def _link_kind(link_type: str) -> str:
    if link_type == "present_together":
        return "Recorded together"
    kind = link_type.removeprefix("linked_to_")
    return f"Linked to a {KIND_LABELS.get(kind, kind).lower()}"


def _aids(
    aids: AnalystAids, graph: EntityGraph, nodes: dict[int, NetworkNode]
) -> tuple[tuple[NetworkNode, int, float], ...]:
    by_name = {graph.graph.vs[v]["name"]: node for v, node in nodes.items()}
    rows = [(by_name[p.node_id], p.links, round(p.betweenness, 1)) for p in aids.positions
            if p.node_id in by_name]  # fmt: skip
    return tuple(sorted(rows, key=lambda row: (row[0].label, row[0].key)))
