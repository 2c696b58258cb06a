"""GraphML and i2 CSV exports read back with what was written."""

from __future__ import annotations

import csv
from pathlib import Path

import igraph as ig

from joinedup.network import build_entity_graph, export_graphml, export_i2_csv
from tests.network.hand_made import HOTEL, hand_made_tables


def test_graphml_round_trip_keeps_vertices_edges_and_attributes(tmp_path: Path) -> None:
    graph = build_entity_graph(hand_made_tables())
    read = ig.Graph.Read_GraphML(str(export_graphml(graph, tmp_path / "net.graphml")))
    assert read.vs["name"] == graph.graph.vs["name"]
    assert read.get_edgelist() == graph.graph.get_edgelist()
    assert read.es["grade"] == graph.graph.es["grade"]
    edge = read.get_eid(graph.vertex("A1"), graph.vertex(HOTEL))
    assert read.es[edge]["sources"] == "POL:E1;POL:E2"
    assert read.es[edge]["events"] == "2"


def test_i2_csv_has_entities_and_graded_links_with_sources(tmp_path: Path) -> None:
    graph = build_entity_graph(hand_made_tables())
    entities, links = export_i2_csv(graph, tmp_path / "i2")
    with entities.open(newline="", encoding="utf-8") as f:
        types = {r["Entity ID"]: r["Entity Type"] for r in csv.DictReader(f)}
    assert types["A1"] == "Person" and types[HOTEL] == "Location"
    with links.open(newline="", encoding="utf-8") as f:
        rows = {(r["From ID"], r["To ID"]): r for r in csv.DictReader(f)}
    assert len(rows) == graph.graph.ecount()
    hotel = rows[("A1", HOTEL)]
    assert (hotel["Link Type"], hotel["Date First"], hotel["Date Last"]) == (
        "linked_to_place", "2020-01-01", "2020-02-01",
    )  # fmt: skip
    assert (hotel["Grade"], hotel["Grade 1"], hotel["Grade 2"], hotel["Grade 3"]) == (
        "1AC", "1", "A", "C",
    )  # fmt: skip
    assert hotel["Source References"] == "POL:E1;POL:E2"
