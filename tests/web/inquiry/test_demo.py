"""The demo's inquiry: what `seed_inquiry` makes, and that a second run adds nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.accounts.models import Team
from joinedup.web.demo.cast import Cast
from joinedup.web.demo.inquiry import seed_inquiry
from joinedup.web.inquiry.models import EvidenceRequest, Inquiry
from joinedup.web.inquiry.services import compliance, staff_may
from joinedup.web.records.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(agencies: dict[str, Agency], make_user: Callable[..., Any]) -> Cast:
    agencies["EDU"] = Agency.objects.create(code="EDU", name="Schools", kind="education")
    users = {
        role: make_user(role)
        for role in (
            "specialist_practitioner",
            "team_manager",
            "police_analyst",
            "health_safeguarding_lead",
            "school_safeguarding_lead",
            "inquiry_team",
            "core_participant",
            "survivor_panel",
        )
    }
    team = Team.objects.create(name="Demo team", manager=users["team_manager"])
    return Cast(
        practitioner=users["specialist_practitioner"],
        manager=users["team_manager"],
        police=users["police_analyst"],
        health=users["health_safeguarding_lead"],
        school=users["school_safeguarding_lead"],
        inquiry=users["inquiry_team"],
        participant=users["core_participant"],
        panel=users["survivor_panel"],
        team=team,
        agencies=agencies,
        own_children=[],
        team_children=[],
        place=None,
        now=timezone.now(),
    )


def test_the_demo_inquiry_has_its_lead_lines_participants_and_requests(cast: Cast) -> None:
    inquiry = seed_inquiry(cast)
    assert not inquiry.statutory and "Ashworth" in inquiry.title
    for power in ("is_lead", "reads_accounts", "approves_releases"):
        assert staff_may(cast.inquiry, power, inquiry)
    assert [line.reference for line in inquiry.lines.all()] == ["L1", "L2", "L3", "L4", "L5"]
    participants = {p.name: p for p in inquiry.core_participants.all()}
    assert len(participants) == 3
    assert list(participants["CP-1"].users.all()) == [cast.participant]
    assert any(p.agency == cast.agencies["CSC"] for p in participants.values())
    statuses = dict(inquiry.requests.values_list("reference", "status"))
    assert statuses == {
        "R9-0001": "complied",
        "R9-0002": "partly_returned",
        "R9-0003": "acknowledged",
        "VR-0001": "issued",
    }
    assert not inquiry.requests.filter(kind=EvidenceRequest.SECTION_21).exists()
    rows = {r.recipient: r for r in compliance(inquiry, cast.today).rows}
    assert rows["Health"].overdue == 1 and rows["Police"].partly_returned == 1
    assert rows["Children's social care"].complied == 1
    assert inquiry.requests.get(reference="R9-0002").extensions.count() == 1


def test_seeding_twice_adds_nothing(cast: Cast) -> None:
    first = seed_inquiry(cast)
    assert seed_inquiry(cast) == first
    assert Inquiry.objects.count() == 1 and EvidenceRequest.objects.count() == 4
