"""From a case to an agenda with the child chosen: `?person=` is carried from the case's
link through the meetings list (or arranging a meeting) to the agenda page, where the
child is preselected in "Add a child" — only if the organiser may open that child."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from joinedup.web.meetings.models import AgendaItem, Meeting
from tests.web.conftest import SignedInClient
from tests.web.meetings.conftest import Borough, agency

pytestmark = pytest.mark.django_db

Client = Callable[..., SignedInClient]
NEW = {
    "kind": "operational", "on_day": "3", "on_month": "3", "on_year": "2026", "at": "10:30",
    "venue": "Room 2, Civic Centre", "agencies": ["CSC", "POL"],
}  # fmt: skip


@pytest.fixture
def organiser(signed_in_client: Client, borough: Borough, allocate: Any) -> SignedInClient:
    client = signed_in_client("team_manager", agency=agency("CSC"))
    allocate(borough.child, client.user)
    return client


def _selected(page: Any) -> list[str]:
    select = page.text.split('id="id_child-person"')[1].split("</select>")[0]
    return re.findall(r'<option value="([^"]*)" selected>', select)


def test_the_agenda_preselects_the_child_carried_in_the_address(
    organiser: SignedInClient, borough: Borough, arrange: Any
) -> None:
    meeting = arrange(organiser.user)
    page = organiser.get(f"/meetings/{meeting.reference}/agenda/?person={borough.child}")
    assert page.status_code == 200
    assert _selected(page) == [borough.child]
    assert _selected(organiser.get(f"/meetings/{meeting.reference}/agenda/")) == []
    assert not AgendaItem.objects.filter(meeting=meeting).exists()  # chosen, not added


def test_a_child_the_organiser_may_not_open_is_ignored(
    organiser: SignedInClient, borough: Borough, arrange: Any
) -> None:
    meeting = arrange(organiser.user)
    for person in (borough.with_police, borough.adult, "P-NOSUCH", "<script>"):
        page = organiser.get(f"/meetings/{meeting.reference}/agenda/", {"person": person})
        assert page.status_code == 200
        assert _selected(page) == [], person
        assert borough.with_police not in page.text


def test_the_list_carries_the_child_to_each_open_meetings_agenda_and_to_arranging(
    organiser: SignedInClient, borough: Borough, arrange: Any
) -> None:
    meeting = arrange(organiser.user)
    page = organiser.get("/meetings/", {"kind": "operational", "person": borough.child})
    assert f'href="/meetings/{meeting.reference}/agenda/?person={borough.child}"' in page.text
    assert f'href="/meetings/new/?person={borough.child}"' in page.text
    assert f"To put child {borough.child} on an agenda" in page.text


def test_the_list_ignores_a_child_the_organiser_may_not_open(
    organiser: SignedInClient, borough: Borough, arrange: Any
) -> None:
    meeting = arrange(organiser.user)
    page = organiser.get("/meetings/", {"kind": "operational", "person": borough.with_police})
    assert borough.with_police not in page.text
    assert f'href="/meetings/{meeting.reference}/"' in page.text


def test_arranging_a_meeting_carries_the_child_to_its_agenda(
    organiser: SignedInClient, borough: Borough
) -> None:
    posted = organiser.post(f"/meetings/new/?person={borough.child}",
                            {**NEW, "chair": str(organiser.user.pk)})  # fmt: skip
    meeting = Meeting.objects.get()
    assert posted.status_code == 302
    assert posted["Location"] == f"/meetings/{meeting.reference}/agenda/?person={borough.child}"
    assert _selected(organiser.get(posted["Location"])) == [borough.child]


def test_arranging_drops_a_child_the_organiser_may_not_open(
    organiser: SignedInClient, borough: Borough
) -> None:
    posted = organiser.post(f"/meetings/new/?person={borough.with_police}",
                            {**NEW, "chair": str(organiser.user.pk)})  # fmt: skip
    assert posted["Location"] == f"/meetings/{Meeting.objects.get().reference}/agenda/"
