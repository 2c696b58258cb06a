"""Degree and betweenness are analyst aids, worded as such."""

from __future__ import annotations

from joinedup.network import ANALYST_AID_NOTE, analyst_aids, build_entity_graph
from tests.network.hand_made import CAR, HOTEL, hand_made_tables


def test_the_adult_between_the_children_is_the_gatekeeper_of_the_chart() -> None:
    aids = analyst_aids(build_entity_graph(hand_made_tables()), ["A1", "C1", "C2", "C3", CAR])
    position = {p.node_id: p for p in aids.positions}
    assert set(position) == {"A1", "C1", "C2", "C3", CAR}
    assert position["A1"].links == 3 and position[CAR].links == 3
    assert position["A1"].betweenness > position["C1"].betweenness
    assert position["C2"].betweenness == 0.0
    assert aids.cutoff is None


def test_the_note_says_they_are_not_scores() -> None:
    aids = analyst_aids(build_entity_graph(hand_made_tables()), cutoff=2)
    assert aids.note == ANALYST_AID_NOTE
    assert "never as a score" in aids.note
    assert aids.cutoff == 2 and any(p.node_id == HOTEL for p in aids.positions)
