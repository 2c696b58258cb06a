"""Places and peer groups as context candidates."""

from __future__ import annotations

from joinedup.network import build_entity_graph, context_candidates
from tests.network.hand_made import CHILDREN_WITH_INDICATORS, HOTEL, hand_made_tables


def test_a_place_two_children_were_at_is_a_context_with_its_events() -> None:
    graph = build_entity_graph(hand_made_tables())
    found = context_candidates(graph, CHILDREN_WITH_INDICATORS, min_children=2)
    places = [c for c in found if c.context_kind == "place"]
    assert [(c.context_id, c.children) for c in places] == [(HOTEL, ("C1", "C2"))]
    assert [p.event_id for p in places[0].evidence[1].provenance] == ["POL:E2"]


def test_children_sharing_a_hotel_and_a_car_form_a_peer_group() -> None:
    graph = build_entity_graph(hand_made_tables())
    found = context_candidates(graph, CHILDREN_WITH_INDICATORS, min_children=3)
    assert [(c.context_kind, c.children) for c in found] == [("peer_group", ("C1", "C2", "C3"))]
    assert found[0].context_id.startswith("PG-")
    assert found == context_candidates(graph, CHILDREN_WITH_INDICATORS, min_children=3)


def test_excluded_place_kinds_are_not_proposed() -> None:
    graph = build_entity_graph(hand_made_tables())
    found = context_candidates(
        graph, CHILDREN_WITH_INDICATORS, min_children=2, exclude_place_kinds=("hotel",)
    )
    assert all(c.context_kind == "peer_group" for c in found)
