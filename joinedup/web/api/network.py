"""A person's network: the people, places, vehicles, phones and organisations within two
links of them, drawn only from events the reader may see, each link with its provenance.

Node keys ('n0' for the person) are not person ids: a person other than the subject is
named only where an event the reader may see names them in a role the chronology would
name, and otherwise appears as "Person not named".
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from joinedup.web.api.errors import answers
from joinedup.web.api.opening import PERSON_ERRORS, PurposeParams, open_person
from joinedup.web.api.people import OpeningOut, opening_out
from joinedup.web.children.services.network import EgoNetwork, NetworkLink, ego_network

__all__ = ["router"]

router = Router(tags=["Network"])


class NodeOut(Schema):
    key: str = Field(description="'n0' is the person; keys are not person ids.")
    kind: str = Field(description="person, place, vehicle, phone or organisation.")
    label: str
    steps: int = Field(description="0 the person, 1 linked to them, 2 through one item.")


class LinkOut(Schema):
    source: str = Field(description="A node key.")
    target: str
    kind: str
    first_seen: str = Field(description="The first event showing the link, in words.")
    last_seen: str
    agencies: list[str] = Field(description="Agencies whose events show the link.")
    events: int
    grade: str = Field(description="The best 3x5x2 grade of intelligence behind it, if any.")


class NotFollowedOut(Schema):
    label: str
    links: int


class AnalystAidOut(Schema):
    node: str
    links: int
    betweenness: float


class NetworkOut(Schema):
    person: OpeningOut
    nodes: list[NodeOut]
    links: list[LinkOut]
    not_followed: list[NotFollowedOut] = Field(description="Items with too many links to follow.")
    truncated: int = Field(description="Items two links away left out.")
    analyst_aids: list[AnalystAidOut] = Field(description="Alphabetical: never a rank of people.")
    analyst_aids_note: str


@router.get(
    "/people/{person_id}/network",
    response=answers(NetworkOut, *PERSON_ERRORS),
    summary="A person's network",
)
def network(request: HttpRequest, person_id: str, purpose: Query[PurposeParams]) -> NetworkOut:
    """Nodes and links within two links of the person, from the events the reader may see;
    each link with first and last seen, agencies, number of events and grade."""
    opening = open_person(request, person_id, purpose, "network")
    found = ego_network(opening.person, opening.reader)
    return _network(found, opening_out(opening))


def _network(found: EgoNetwork, person: OpeningOut) -> NetworkOut:
    return NetworkOut(
        person=person,
        nodes=[NodeOut(**vars(n)) for n in found.nodes],
        links=[_link(link) for link in found.links],
        not_followed=[NotFollowedOut(label=label, links=n) for label, n in found.not_followed],
        truncated=found.truncated,
        analyst_aids=[AnalystAidOut(node=node.key, links=links, betweenness=b)
                      for node, links, b in found.aids],
        analyst_aids_note=found.aids_note,
    )  # fmt: skip


def _link(link: NetworkLink) -> LinkOut:
    return LinkOut(
        source=link.source.key, target=link.target.key, kind=link.kind,
        first_seen=link.first_seen, last_seen=link.last_seen, agencies=list(link.agencies),
        events=link.events, grade=link.grade,
    )  # fmt: skip
