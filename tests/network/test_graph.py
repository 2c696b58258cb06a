"""The entity graph carries every link's provenance and grade."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from joinedup.analysis.borough import analysis_tables_from_borough
from joinedup.network import EntityGraph, Provenance, build_entity_graph
from joinedup.network.grades import best_grade, split_grade
from tests.network.hand_made import CAR, HOTEL, PHONE, hand_made_tables


def _edge(ends: tuple[str, str], graph: EntityGraph) -> int:
    return int(graph.graph.get_eid(graph.vertex(ends[0]), graph.vertex(ends[1])))


def test_vertices_are_typed_persons_and_entities() -> None:
    graph = build_entity_graph(hand_made_tables())
    kinds = dict(zip(graph.graph.vs["name"], graph.graph.vs["kind"], strict=True))
    assert kinds["A1"] == "person" and kinds[HOTEL] == "place"
    assert kinds[CAR] == "vehicle" and kinds[PHONE] == "phone"
    assert graph.graph.vs[graph.vertex("C5")]["age_group"] == "child"  # no events, still there
    assert graph.graph.vs[graph.vertex(HOTEL)]["place_kind"] == "hotel"


def test_provenance_and_grade_are_carried_to_each_edge() -> None:
    graph = build_entity_graph(hand_made_tables())
    edge = _edge(("A1", "C1"), graph)
    assert graph.graph.es[edge]["link_type"] == "present_together"
    assert graph.graph.es[edge]["grade"] == "2BP"
    assert graph.provenance(edge) == (
        Provenance("POL:E1", "POL", date(2020, 1, 1), "suspect|victim", "2BP"),
    )


def test_a_link_seen_twice_keeps_both_events_first_and_last_seen_and_best_grade() -> None:
    graph = build_entity_graph(hand_made_tables())
    edge = graph.graph.es[_edge(("A1", HOTEL), graph)]
    assert edge["link_type"] == "linked_to_place"
    assert (edge["first_seen"], edge["last_seen"], edge["events"]) == (
        "2020-01-01",
        "2020-02-01",
        2,
    )
    assert edge["grades"] == "1AC;2BP" and edge["grade"] == "1AC"
    assert [p.event_id for p in graph.provenance(edge.index)] == ["POL:E1", "POL:E2"]


def test_ungraded_evidence_leaves_the_grade_blank() -> None:
    graph = build_entity_graph(hand_made_tables())
    edge = graph.graph.es[_edge(("C3", CAR), graph)]
    assert edge["grade"] == "" and edge["agencies"] == "CSC"
    assert graph.provenance(edge.index)[0].grade is None


def test_best_grade_takes_most_reliable_evaluation_and_most_restrictive_handling() -> None:
    assert best_grade("2AP;1BP") == "1BP"
    assert best_grade("1BP;2AC") == "1BC"
    assert best_grade("") == "" and best_grade("9ZZ") == ""
    assert split_grade("3EC") == ("3", "E", "C") and split_grade("") == ("", "", "")


def test_same_tables_give_the_same_graph() -> None:
    one, two = build_entity_graph(hand_made_tables()), build_entity_graph(hand_made_tables())
    assert one.graph.get_edgelist() == two.graph.get_edgelist()
    assert one.graph.vs["name"] == two.graph.vs["name"]
    assert one.evidence.equals(two.evidence)


def test_every_edge_of_a_borough_has_as_many_events_as_provenance(small_borough: Path) -> None:
    graph = build_entity_graph(analysis_tables_from_borough(small_borough))
    assert graph.graph.ecount() > 50
    for edge in graph.graph.es:
        provenance = graph.provenance(edge.index)
        assert len(provenance) == edge["events"] >= 1
        assert min(p.event_id for p in provenance)
