"""Access by allocation, by team allocation and by the sharing agreement."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.access.services import access_to_person, persons_visible_to
from joinedup.web.accounts.models import Team
from tests.web.access.conftest import Index

pytestmark = pytest.mark.django_db


def visible(user: Any) -> set[str]:
    return set(persons_visible_to(user).values_list("person_id", flat=True))


def assert_consistent(user: Any, index: Index) -> None:
    """persons_visible_to and access_to_person agree on every person."""
    allowed = {pid for pid, p in index.persons.items() if access_to_person(user, p).allowed}
    assert allowed == visible(user)


@pytest.fixture
def team(make_user: Callable[..., Any]) -> Team:
    manager = make_user("team_manager", "mo.manager")
    team = Team.objects.create(name="Child exploitation team", manager=manager)
    manager.team = team
    manager.save()
    return team


def test_a_practitioner_sees_children_allocated_to_them_or_their_team(
    index: Index, team: Team, make_user: Callable[..., Any], allocate: Callable[..., Any]
) -> None:
    sam = make_user(team=team)
    colleague = make_user(team=team)
    allocate(index["P-000001"], sam)
    allocate(index["P-000002"], team)
    allocate(index["P-000003"], colleague)
    assert visible(sam) == {"P-000001", "P-000002"}
    assert access_to_person(sam, index["P-000001"]).basis == "allocation"
    shared = access_to_person(sam, index["P-000002"])
    assert shared.basis == "team_allocation" and "Child exploitation team" in shared.reason
    refused = access_to_person(sam, index["P-000003"])
    assert not refused.allowed and refused.basis is None
    assert "not allocated to you or your team" in refused.reason
    assert_consistent(sam, index)


def test_a_team_manager_also_sees_children_allocated_to_their_team_members(
    index: Index, team: Team, make_user: Callable[..., Any], allocate: Callable[..., Any]
) -> None:
    member = make_user(team=team)
    outsider = make_user()
    allocate(index["P-000001"], member)
    allocate(index["P-000004"], outsider)
    manager = team.manager
    assert visible(manager) == {"P-000001"}
    assert access_to_person(manager, index["P-000001"]).basis == "team_allocation"
    assert_consistent(manager, index)


def test_ended_and_future_allocations_give_no_access(
    index: Index, make_user: Callable[..., Any], allocate: Callable[..., Any]
) -> None:
    sam = make_user()
    today = timezone.localdate()
    allocate(index["P-000001"], sam, allocated_to=today - timedelta(days=1))
    allocate(index["P-000002"], sam, allocated_from=today + timedelta(days=1))
    allocate(index["P-000003"], sam, allocated_from=date(2024, 1, 1), allocated_to=today)
    assert visible(sam) == {"P-000003"}


def test_agency_leads_see_the_people_their_agency_holds_records_of(
    index: Index, make_user: Callable[..., Any]
) -> None:
    police = make_user("police_analyst", agency=index.agencies["POL"])
    health = make_user("health_safeguarding_lead", agency=index.agencies["HLT"])
    school = make_user("school_safeguarding_lead", agency=index.agencies["EDU"])
    assert visible(police) == {"P-000001"}
    assert visible(health) == {"P-000002"}
    assert visible(school) == {"P-000003"}
    access = access_to_person(police, index["P-000001"])
    assert access.basis == "agreement" and "Midshire police holds records" in access.reason
    assert "Your agency holds no records" in access_to_person(police, index["P-000002"]).reason
    for user in (police, health, school):
        assert_consistent(user, index)


def test_an_agency_lead_without_an_agency_sees_only_allocations(
    index: Index, make_user: Callable[..., Any], allocate: Callable[..., Any]
) -> None:
    lead = make_user("health_safeguarding_lead")
    allocate(index["P-000004"], lead)
    assert visible(lead) == {"P-000004"}


def test_the_inquiry_sees_everyone_and_auditors_and_administrators_no_one(
    index: Index, make_user: Callable[..., Any], allocate: Callable[..., Any]
) -> None:
    inquiry = make_user("inquiry_team")
    assert visible(inquiry) == set(index.persons)
    for role in ("auditor", "administrator"):
        user = make_user(role)
        allocate(index["P-000001"], user)
        assert visible(user) == set(), role
        assert not access_to_person(user, index["P-000001"]).allowed


def test_merged_away_people_are_not_listed(
    index: Index, make_user: Callable[..., Any], allocate: Callable[..., Any]
) -> None:
    sam = make_user()
    allocate(index["P-000001"], sam)
    index["P-000001"].active = False
    index["P-000001"].save()
    assert visible(sam) == set()
