"""The entity graph: persons, places, vehicles, phones and organisations, linked by events.

Every link is derived from the events both ends appear in, and keeps that evidence: one
`Provenance` per event (event id, agency, date, roles, 3x5x2 grade), with the dates the
link was first and last seen and the best grade among its evidence.

Vertex attributes: `name` (the person_id or entity_id), `kind` (person, place, vehicle,
phone, organisation), `label`, `age_group` (child, adult or not_known; blank for
entities) and `place_kind` (home, hotel, park, ...; blank otherwise).

Edge attributes: `link_type` (`present_together` between two persons, otherwise
`linked_to_<kind>`), `first_seen` and `last_seen` (ISO dates, blank when unknown),
`events` (how many events support it), `agencies` (';'-joined), `grade` (the most
reliable 3x5x2 grade among the evidence, blank when none of it is graded) and `grades`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import igraph as ig
import numpy as np
import pyarrow as pa

from joinedup.analysis.borough import AnalysisTables
from joinedup.network import grades
from joinedup.network._sql import (
    EDGE_KEYS_SQL,
    EDGES_SQL,
    EVIDENCE_BY_EDGE_SQL,
    EVIDENCE_SQL,
    VERTICES_SQL,
)

__all__ = [
    "ENTITY_KINDS",
    "EntityGraph",
    "Provenance",
    "build_entity_graph",
    "neighbours_by_edge",
]

ENTITY_KINDS = ("place", "vehicle", "phone", "organisation")
"""The kinds of vertex other than `person`."""


@dataclass(frozen=True, slots=True)
class Provenance:
    """One event that supports a link: where the link comes from."""

    event_id: str
    agency: str
    date: date | None
    role: str
    """The participant role(s): 'suspect' for a person-entity link, 'suspect|victim' for
    two persons (in the order of the link's ends)."""
    grade: str | None
    """The event's 3x5x2 grade such as '1AP'; None when the record is not graded."""


@dataclass(frozen=True)
class EntityGraph:
    """A typed igraph graph and the per-event evidence of each of its edges."""

    graph: ig.Graph
    evidence: pa.Table
    """One row per (edge, event), sorted by edge: columns edge, event_id, agency, date,
    role, grade."""
    _offsets: np.ndarray

    def vertex(self, node_id: str) -> int:
        """The igraph vertex index of a person_id or entity_id."""
        return int(self.graph.vs.find(node_id).index)

    def provenance(self, edge: int) -> tuple[Provenance, ...]:
        """Every event behind one edge, oldest first."""
        start, stop = int(self._offsets[edge]), int(self._offsets[edge + 1])
        rows = self.evidence.slice(start, stop - start).to_pylist()
        return tuple(Provenance(**{k: r[k] for k in _PROVENANCE_FIELDS}) for r in rows)

    def ends(self, edge: int) -> tuple[str, str]:
        """The person_id/entity_id at each end of an edge."""
        source, target = self.graph.es[edge].tuple
        names = self.graph.vs["name"]
        return str(names[source]), str(names[target])


_PROVENANCE_FIELDS = ("event_id", "agency", "date", "role", "grade")


def build_entity_graph(tables: AnalysisTables) -> EntityGraph:
    """The entity graph of every person and entity in the analysis tables."""
    con = _connect(tables)
    vertices = con.sql(VERTICES_SQL).to_arrow_table()
    con.register("vertices", vertices)
    con.execute(f"create temp table evidence_rows as {EVIDENCE_SQL}")
    con.execute(f"create temp table edge_keys as {EDGE_KEYS_SQL}")
    edges = con.sql(EDGES_SQL).to_arrow_table()
    evidence = con.sql(EVIDENCE_BY_EDGE_SQL).to_arrow_table()
    graph = _igraph(vertices, edges)
    return EntityGraph(graph, evidence, _offsets(evidence, edges.num_rows))


def _connect(tables: AnalysisTables) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("set enable_progress_bar = false")
    con.register("events", tables.events)
    con.register("participants", tables.participants)
    con.register("persons", tables.persons)
    con.register("event_entities", tables.event_entities)
    return con


def _igraph(vertices: pa.Table, edges: pa.Table) -> ig.Graph:
    pairs = np.column_stack(
        [edges.column("source").to_numpy(), edges.column("target").to_numpy()]
    ).astype(np.int64)
    graph = ig.Graph(n=vertices.num_rows, edges=pairs, directed=False)
    for column in ("name", "kind", "label", "age_group", "place_kind"):
        graph.vs[column] = vertices.column(column).to_pylist()
    for column in ("link_type", "first_seen", "last_seen", "events", "agencies", "grades"):
        graph.es[column] = edges.column(column).to_pylist()
    graph.es["grade"] = [grades.best_grade(g) for g in graph.es["grades"]]
    return graph


def _offsets(evidence: pa.Table, edge_count: int) -> np.ndarray:
    edge_of_row = evidence.column("edge").to_numpy()
    return np.searchsorted(edge_of_row, np.arange(edge_count + 1), side="left")


def neighbours_by_edge(graph: ig.Graph, vertex: int) -> list[tuple[int, int]]:
    """(edge, neighbour vertex) for every link of a vertex, in edge order."""
    pairs = []
    for edge in graph.incident(vertex):
        source, target = graph.es[edge].tuple
        pairs.append((edge, target if source == vertex else source))
    return pairs
