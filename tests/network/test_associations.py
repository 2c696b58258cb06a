"""Person-person associations with their evidence, and the association matrix."""

from __future__ import annotations

from joinedup.network import association_matrix, build_entity_graph, derive_associations
from tests.network.hand_made import CAR, HOTEL, hand_made_tables


def test_associations_run_through_shared_events_and_entities() -> None:
    found = derive_associations(build_entity_graph(hand_made_tables()))
    by_pair = {(a.person_a, a.person_b): a for a in found.associations}
    assert by_pair[("A1", "C1")].via == (HOTEL, CAR, "present_together")
    assert by_pair[("A1", "C3")].via == (CAR,)
    assert by_pair[("A1", "C3")].event_ids == ("POL:E1", "CSC:E3")
    assert by_pair[("C1", "C2")].via == (HOTEL,)
    assert ("A2", "C4") in by_pair and ("C1", "C4") not in by_pair


def test_busy_entities_are_skipped_and_named() -> None:
    found = derive_associations(build_entity_graph(hand_made_tables()), max_entity_links=2)
    assert HOTEL in found.skipped_entities
    pairs = {(a.person_a, a.person_b) for a in found.associations}
    assert ("C1", "C2") not in pairs and ("A1", "C1") in pairs


def test_association_matrix_counts_events_between_each_pair() -> None:
    found = derive_associations(build_entity_graph(hand_made_tables()), ["A1", "C1", "C3"])
    matrix = association_matrix(found.associations, ["A1", "C1", "C3"])
    assert matrix == ((0, 2, 2), (2, 0, 2), (2, 2, 0))
