"""Alert networks: alerted adults and entities grouped with the adults and entities around them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pyarrow as pa

from joinedup.analysis import tables
from joinedup.network import alert_networks, build_entity_graph, network_alerts
from joinedup.network.graph import EntityGraph
from tests.network.hand_made import (
    CAR,
    CHILDREN_WITH_INDICATORS,
    EVENTS,
    HOTEL,
    PHONE,
    hand_made_tables,
)

# A3 is recorded with C2 and, in another incident, with A1: a member of A1's network.
# A4 is a youth worker recorded with A1 and C1 as a professional: not a member.
# A5 is recorded with A1 and with C4, who has no indicators: not a member.
# A6 and A7 are recorded together with C1; A6 also with C2, C3: a second alert, which
# joins A1's network because both are linked to A3.
EXTRA_PERSONS = [
    ("A3", "Amir Three", "adult"),
    ("A4", "Ann Four", "adult"),
    ("A5", "Abel Five", "adult"),
    ("A6", "Aled Six", "adult"),
]
WIDER_EVENTS: list[Any] = [
    ("POL:E8", "POL", date(2020, 5, 1), None, [("C2", "victim"), ("A3", "suspect")], []),
    ("POL:E9", "POL", date(2020, 6, 1), "2BP", [("A1", "suspect"), ("A3", "suspect")], []),
    ("CSC:E10", "CSC", date(2020, 7, 1), None,
     [("A1", "subject"), ("C1", "subject"), ("A4", "professional")], []),
    ("POL:E11", "POL", date(2020, 8, 1), None, [("A1", "suspect"), ("A5", "associate")], []),
    ("HLT:E12", "HLT", date(2020, 9, 1), None, [("C4", "subject"), ("A5", "associate")], []),
]  # fmt: skip


def _graph(events: list[Any]) -> EntityGraph:
    base = hand_made_tables(events)
    extra = pa.Table.from_pylist(
        [
            {"person_id": p, "display_name": name, "age_group": group}
            for p, name, group in EXTRA_PERSONS
        ],
        schema=tables.PERSONS,
    )
    return build_entity_graph(replace(base, persons=pa.concat_tables([base.persons, extra])))


def _networks(events: list[Any]) -> list[Any]:
    graph = _graph(events)
    alerts = network_alerts(graph, CHILDREN_WITH_INDICATORS, min_children=3)
    return alert_networks(graph, alerts, CHILDREN_WITH_INDICATORS)


def test_members_are_linked_to_the_alert_and_to_a_child_with_indicators() -> None:
    [network] = _networks(EVENTS + WIDER_EVENTS)
    assert network.network_id == "AN001"
    assert network.alerted == ("A1",)
    members = {m.entity_id: m for m in network.members}
    assert set(members) == {"A3", HOTEL, CAR}
    assert members["A3"].linked_to == ("A1",)
    assert members["A3"].children == ("C2",)
    assert [p.event_id for p in members["A3"].provenance] == ["POL:E9"]
    assert PHONE not in members  # linked to A1 but to no child


def test_professionals_and_adults_linked_only_to_children_without_indicators_are_not_members() -> (
    None
):
    [network] = _networks(EVENTS + WIDER_EVENTS)
    member_ids = {m.entity_id for m in network.members}
    assert "A4" not in member_ids
    assert "A5" not in member_ids


def test_without_the_linking_incident_the_adult_is_not_a_member() -> None:
    events = [e for e in EVENTS + WIDER_EVENTS if e[0] != "POL:E9"]
    [network] = _networks(events)
    assert "A3" not in {m.entity_id for m in network.members}


def test_alerts_sharing_a_member_form_one_network() -> None:
    second_group: list[Any] = [
        ("POL:E13", "POL", date(2021, 1, 1), None, [("C1", "victim"), ("A6", "suspect")], []),
        ("POL:E14", "POL", date(2021, 2, 1), None, [("C2", "victim"), ("A6", "suspect")], []),
        ("POL:E15", "POL", date(2021, 3, 1), None, [("C3", "victim"), ("A6", "suspect")], []),
        ("POL:E16", "POL", date(2021, 4, 1), None, [("A6", "suspect"), ("A3", "suspect")], []),
    ]
    networks = _networks(EVENTS + WIDER_EVENTS + second_group)
    assert len(networks) == 1
    assert networks[0].alerted == ("A1", "A6")
    a3 = next(m for m in networks[0].members if m.entity_id == "A3")
    assert a3.linked_to == ("A1", "A6")
    assert networks[0].children == ("C1", "C2", "C3")


def test_no_alerts_no_networks() -> None:
    graph = _graph(EVENTS + WIDER_EVENTS)
    assert alert_networks(graph, [], CHILDREN_WITH_INDICATORS) == []
