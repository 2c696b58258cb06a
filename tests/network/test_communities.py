"""Components and seeded Leiden communities."""

from __future__ import annotations

from pathlib import Path

from joinedup.analysis.borough import analysis_tables_from_borough
from joinedup.network import build_entity_graph, find_communities
from tests.network.hand_made import CAR, HOME, HOTEL, hand_made_tables


def test_disconnected_groups_are_separate_components_and_communities() -> None:
    communities = find_communities(build_entity_graph(hand_made_tables()))
    component = dict(zip(communities.names, communities.component, strict=True))
    assert component["A1"] == component["C1"] == component[HOTEL] == component[CAR]
    assert component["C4"] == component[HOME] != component["A1"]
    assert communities.community_of("C4") != communities.community_of("A1")
    assert "C4" in communities.members(communities.community_of(HOME))


def test_groups_leave_out_isolated_vertices() -> None:
    groups = find_communities(build_entity_graph(hand_made_tables())).groups(min_size=2)
    assert all("C5" not in members for members in groups.values())
    assert sum(len(m) for m in groups.values()) == 10


def test_same_seed_gives_the_same_communities(small_borough: Path) -> None:
    graph = build_entity_graph(analysis_tables_from_borough(small_borough))
    one, two = find_communities(graph, seed=3), find_communities(graph, seed=3)
    assert one == two
    assert len(set(one.community)) > 1 and one.modularity > 0
