"""Alerts: an adult or entity linked to N or more children with indicators; new links."""

from __future__ import annotations

from datetime import date

from joinedup.network import (
    build_entity_graph,
    network_alerts,
    networks_from_alerts,
    new_links_to_known_networks,
)
from tests.network.hand_made import (
    CAR,
    CHILDREN_WITH_INDICATORS,
    EVENTS,
    HOTEL,
    LATER_EVENTS,
    hand_made_tables,
)


def test_adult_reaching_three_children_directly_and_through_their_car_is_alerted() -> None:
    alerts = network_alerts(build_entity_graph(hand_made_tables()), CHILDREN_WITH_INDICATORS)
    assert [(a.entity_kind, a.entity_id, a.label) for a in alerts] == [("person", "A1", "Adam One")]
    assert alerts[0].children == ("C1", "C2", "C3")
    via = {(link.child_id, link.via) for link in alerts[0].evidence}
    assert via == {("C1", ""), ("C2", ""), ("C1", CAR), ("C3", CAR)}


def test_threshold_is_inclusive_at_n_and_silent_above() -> None:
    graph = build_entity_graph(hand_made_tables())
    at_two = network_alerts(graph, CHILDREN_WITH_INDICATORS, min_children=2)
    assert {a.entity_id for a in at_two} == {"A1", HOTEL, CAR}
    assert network_alerts(graph, CHILDREN_WITH_INDICATORS, min_children=4) == []


def test_only_children_with_indicators_count() -> None:
    graph = build_entity_graph(hand_made_tables())
    assert network_alerts(graph, {"C1", "C4"}, min_children=2) == []
    assert network_alerts(graph, set(), min_children=1) == []


def test_without_reach_through_vehicles_the_adult_reaches_two() -> None:
    graph = build_entity_graph(hand_made_tables())
    alerts = network_alerts(graph, CHILDREN_WITH_INDICATORS, min_children=2, reach_via=())
    assert {a.entity_id: a.children for a in alerts}["A1"] == ("C1", "C2")


def test_alert_evidence_carries_events_agencies_and_grades() -> None:
    alert = network_alerts(build_entity_graph(hand_made_tables()), CHILDREN_WITH_INDICATORS)[0]
    c3 = next(link for link in alert.evidence if link.child_id == "C3")
    assert {(p.event_id, p.agency, p.grade) for p in c3.provenance} == {
        ("CSC:E3", "CSC", None),
        ("POL:E1", "POL", "2BP"),
    }


def test_a_child_newly_linked_to_a_known_network_is_reported_once() -> None:
    previous = build_entity_graph(hand_made_tables())
    current = build_entity_graph(hand_made_tables(EVENTS + LATER_EVENTS))
    networks = networks_from_alerts(network_alerts(previous, CHILDREN_WITH_INDICATORS))
    found = new_links_to_known_networks(previous, current, networks)
    assert [(f.child_id, f.network_id, f.linked_to) for f in found] == [
        ("C5", "person:A1", ("A1",))
    ]
    assert [p.event_id for p in found[0].provenance] == ["POL:E6"]


def test_no_change_means_no_new_links() -> None:
    graph = build_entity_graph(hand_made_tables())
    networks = {"N1": {"A1", CAR}}
    assert new_links_to_known_networks(graph, graph, networks) == []


def test_an_adult_recorded_with_the_children_only_as_victim_or_witness_is_not_alerted() -> None:
    events = [
        ("POL:F1", "POL", date(2021, 1, 1), None,
         [("A2", "victim"), ("C1", "associate"), ("C2", "associate"), ("C3", "associate")], []),
        ("POL:F2", "POL", date(2021, 2, 1), None, [("A2", "witness"), ("C1", "victim")], []),
    ]  # fmt: skip
    graph = build_entity_graph(hand_made_tables(events))
    assert network_alerts(graph, CHILDREN_WITH_INDICATORS) == []
    as_suspect = [(*events[0][:4], [("A2", "suspect"), *events[0][4][1:]], [])]
    alerts = network_alerts(
        build_entity_graph(hand_made_tables(as_suspect)), CHILDREN_WITH_INDICATORS
    )
    assert [(a.entity_id, a.children) for a in alerts] == [("A2", ("C1", "C2", "C3"))]
