"""The child's ego network and contexts, drawn only from events the reader may see."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from joinedup.network import ANALYST_AID_NOTE
from joinedup.web.access.services import entitlements_for
from joinedup.web.children.services.contexts import contexts_of
from joinedup.web.children.services.network import EgoNetwork, ego_network
from joinedup.web.people.models import LinkageRun, Person, PersonLink
from joinedup.web.records.models import Agency, Event, EventParticipant, SourcePerson

from .conftest import Borough

pytestmark = pytest.mark.django_db


@pytest.fixture
def network_as(make_user: Callable[..., Any], borough: Borough) -> Callable[..., EgoNetwork]:
    def build(role: str, agency: str | None = None) -> EgoNetwork:
        user = make_user(role, agency=Agency.objects.get(code=agency) if agency else None)
        person = Person.objects.get(person_id=borough.child)
        return ego_network(person, entitlements_for(user, person))

    return build


def test_the_network_reaches_two_links_with_the_evidence_of_each(
    network_as: Callable[..., EgoNetwork],
) -> None:
    network = network_as("inquiry_team")
    centre = network.nodes[0]
    assert (centre.key, centre.steps) == ("n0", 0)
    assert {n.steps for n in network.nodes} == {0, 1, 2}
    assert {"person", "place", "vehicle", "phone"} <= {n.kind for n in network.nodes}
    assert all(link.agencies and link.events >= 1 and link.first_seen for link in network.links)
    assert any(link.grade == "2CP" for link in network.links)
    assert all(min(link.source.steps, link.target.steps) < 2 for link in network.links)
    elements = network.elements()
    ids = {e["data"]["id"] for e in elements if "source" not in e["data"]}
    edges = [e["data"] for e in elements if "source" in e["data"]]
    assert len(edges) == len(network.links) and all(
        {e["source"], e["target"]} <= ids for e in edges
    )
    assert not any(re.fullmatch(r"P-\d+", e["data"]["id"]) for e in elements)


def test_analyst_aids_are_listed_alphabetically_with_the_caution(
    network_as: Callable[..., EgoNetwork],
) -> None:
    network = network_as("inquiry_team")
    assert network.aids_note == ANALYST_AID_NOTE
    labels = [(node.label, node.key) for node, _, _ in network.aids]
    assert labels == sorted(labels) and len(labels) == len(network.nodes)


def test_links_only_police_records_show_are_not_drawn_for_a_school(
    network_as: Callable[..., EgoNetwork],
) -> None:
    assert network_as("inquiry_team").links
    school = network_as("school_safeguarding_lead", "EDU")
    assert school.links == () and [n.steps for n in school.nodes] == [0]


def add_participant(event: Event, person_id: str, name: str, role: str) -> None:
    """Someone else in one of the child's events, linked to a person of their own."""
    run = LinkageRun.objects.first()
    forenames, surname = name.split()
    record = SourcePerson.objects.create(
        agency=event.agency, source_id=f"X-{person_id}", content_hash="-",
        imported_in=event.imported_in, updated_in=event.imported_in,
        forenames=forenames, surname=surname, age_group="adult",
    )  # fmt: skip
    person = Person.objects.create(person_id=person_id, age_group="adult", created_in=run,
                                   updated_in=run)  # fmt: skip
    PersonLink.objects.create(source_person=record, person=person, model_version="t",
                              decided_by="model", run=run)  # fmt: skip
    EventParticipant.objects.create(event=event, person=record, role=role)


def test_witnesses_are_never_named_and_suspects_only_with_criminal_offence_data(
    network_as: Callable[..., EgoNetwork], borough: Borough
) -> None:
    event = Event.objects.filter(
        agency__code="POL", sensitivity="standard",
        participants__person__link__person__person_id=borough.child,
    ).first()  # fmt: skip
    assert event is not None
    add_participant(event, "P-9000010", "Wendy Witness", "witness")
    add_participant(event, "P-9000011", "Sid Suspect", "suspect")
    police = {n.label for n in network_as("police_analyst", "POL").nodes}
    assert "Sid Suspect" in police and "Person not named (Witness)" in police
    assert "Wendy Witness" not in police
    health = {n.label for n in network_as("health_safeguarding_lead", "HLT").nodes}
    assert {"Person not named (Suspect)", "Person not named (Witness)"} <= health
    assert not {"Sid Suspect", "Wendy Witness"} & health


def test_the_page_draws_the_diagram_beside_a_table_of_every_link(
    signed_in_client: Callable[..., Any], opened: Callable[..., None], borough: Borough
) -> None:
    client = signed_in_client("inquiry_team")
    opened(client, borough.child)
    page = client.get(f"/people/{borough.child}/network/").text
    data = re.search(r'<script id="network-elements" type="application/json">(.*?)</script>', page)
    assert data is not None and json.loads(data.group(1))[0]["data"]["id"] == "n0"
    assert '<script defer src="/static/cytoscape/cytoscape.min.js"></script>' in page
    assert "Every link in the network" in page and "never as a score, rank or risk level" in page


def test_contexts_name_the_place_or_group_and_count_other_children(
    make_user: Callable[..., Any],
    signed_in_client: Callable[..., Any],
    opened: Callable[..., None],
    borough: Borough,
) -> None:
    person = Person.objects.get(person_id=borough.child)
    inquiry = make_user("inquiry_team")
    [group] = [c for c in contexts_of(person, entitlements_for(inquiry, person))
               if c.kind == "Peer group"]  # fmt: skip
    assert group.other_children >= 2 and group.events and group.linked_through
    school = make_user("school_safeguarding_lead", agency=Agency.objects.get(code="EDU"))
    assert contexts_of(person, entitlements_for(school, person)) == []
    client = signed_in_client(user=inquiry)
    opened(client, borough.child)
    page = client.get(f"/people/{borough.child}/contexts/").text
    assert f"Peer group: {group.label}" in page and "counted, not named" in page
