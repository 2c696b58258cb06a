"""Who sees which meeting, and what a partner without access to a child sees of it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from joinedup.web.audit.models import AuditEntry
from joinedup.web.meetings.services.arranging import NewItem, add_item, change_status
from joinedup.web.meetings.services.recording import record_decision, record_discussion
from joinedup.web.people.models import Person
from tests.web.conftest import SignedInClient
from tests.web.meetings.conftest import Borough, agency

pytestmark = pytest.mark.django_db

Client = Callable[..., SignedInClient]
DISCUSSION = "Missing three times this month; seen with an older adult at the takeaway"


@pytest.fixture
def child_meeting(make_user: Callable[..., Any], borough: Borough, allocate: Any,
                  arrange: Any) -> Any:  # fmt: skip
    """A meeting inviting CSC and the police, about a child the police hold no record of."""
    manager = make_user("team_manager", agency=agency("CSC"))
    allocate(borough.child, manager)
    meeting = arrange(manager, agencies=("CSC", "POL"))
    item = add_item(manager, meeting, NewItem("child", person=Person.objects.get(
        person_id=borough.child)))  # fmt: skip
    change_status(manager, meeting, "in_progress")
    record_discussion(manager, item, DISCUSSION)
    record_decision(manager, item, "Refer to the exploitation team for a plan")
    return meeting


def test_an_invited_agency_sees_the_meeting_but_not_a_child_it_may_not_open(
    signed_in_client: Client, child_meeting: Any, borough: Borough
) -> None:
    police = signed_in_client("police_analyst", agency=agency("POL"))
    page = police.get(f"/meetings/{child_meeting.reference}/")
    assert page.status_code == 200
    assert "A child (restricted: you may not open this child&#x27;s record)" in page.text
    assert borough.child not in page.text
    assert DISCUSSION not in page.text and "Refer to the exploitation team" not in page.text
    entry = AuditEntry.objects.filter(action="meetings.view").latest("sequence")
    assert entry.detail["persons_named"] == [] and entry.detail["restricted_items"] == 1


def test_the_organiser_sees_the_child_named_with_the_discussion(
    child_meeting: Any, borough: Borough
) -> None:
    from joinedup.web.meetings.services.pages import meeting_page

    page = meeting_page(child_meeting.organised_by, child_meeting)
    (item,) = page.items
    assert not item.restricted and borough.child in item.title
    assert item.discussion == DISCUSSION and len(item.decisions) == 1
    assert item.href.startswith(f"/people/{borough.child}/purpose/")


def test_an_agency_not_invited_does_not_find_the_meeting(
    signed_in_client: Client, child_meeting: Any
) -> None:
    health = signed_in_client("health_safeguarding_lead", agency=agency("HLT"))
    assert health.get(f"/meetings/{child_meeting.reference}/").status_code == 404
    listed = health.get("/meetings/")
    assert listed.status_code == 200 and child_meeting.reference not in listed.text
    assert health.get(f"/meetings/{child_meeting.reference}/papers/").status_code == 404


@pytest.mark.parametrize("role", ["inquiry_team", "auditor", "administrator"])
def test_roles_outside_meetings_are_refused(
    role: str, signed_in_client: Client, child_meeting: Any
) -> None:
    client = signed_in_client(role)
    assert client.get("/meetings/").status_code == 403
    assert client.get(f"/meetings/{child_meeting.reference}/").status_code == 403


def test_operational_and_strategic_meetings_are_listed_apart(
    signed_in_client: Client, borough: Borough, arrange: Any
) -> None:
    client = signed_in_client("team_manager")
    operational, strategic = arrange(client.user), arrange(client.user, kind="strategic")
    first = client.get("/meetings/")
    assert operational.reference in first.text and strategic.reference not in first.text
    second = client.get("/meetings/?kind=strategic")
    assert strategic.reference in second.text and operational.reference not in second.text


def test_a_partner_cannot_record_anything(signed_in_client: Client, child_meeting: Any) -> None:
    police = signed_in_client("police_analyst", agency=agency("POL"))
    item = child_meeting.items.get()
    for url in (f"/meetings/{child_meeting.reference}/agenda/",
                f"/meetings/{child_meeting.reference}/items/{item.pk}/",
                f"/meetings/{child_meeting.reference}/minutes/"):  # fmt: skip
        assert police.post(url, {"form": "decision", "decision": "Close"}).status_code == 403
    assert item.decisions.count() == 1
