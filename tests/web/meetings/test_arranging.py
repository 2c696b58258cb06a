"""Arranging a meeting and its agenda: who may, what each kind of meeting may carry,
the children offered, locations found, reordering without JavaScript, and the audit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.audit.models import AuditEntry
from joinedup.web.meetings.models import AgendaItem, Meeting
from joinedup.web.people.models import Person
from joinedup.web.records.models import Place
from tests.web.conftest import SignedInClient
from tests.web.meetings.conftest import Borough, agency

pytestmark = pytest.mark.django_db

Client = Callable[..., SignedInClient]
NEW = {
    "kind": "operational", "on_day": "3", "on_month": "3", "on_year": "2026", "at": "10:30",
    "venue": "Room 2, Civic Centre", "agencies": ["CSC", "POL"],
}  # fmt: skip


def test_a_manager_arranges_a_meeting_and_it_is_audited(
    signed_in_client: Client, borough: Borough
) -> None:
    client = signed_in_client("team_manager", agency=agency("CSC"))
    posted = client.post("/meetings/new/", {**NEW, "chair": str(client.user.pk)})
    meeting = Meeting.objects.get()
    assert (
        posted.status_code == 302 and posted["Location"] == f"/meetings/{meeting.reference}/agenda/"
    )
    assert meeting.reference == f"MACE-{meeting.pk:06d}" and meeting.status == "planned"
    assert timezone.localtime(meeting.starts_at).strftime("%d %m %Y %H:%M") == "03 03 2026 10:30"
    assert sorted(a.code for a in meeting.invited_agencies.all()) == ["CSC", "POL"]
    entry = AuditEntry.objects.get(action="meetings.create")
    assert entry.target_id == meeting.reference and entry.detail["agencies"] == ["CSC", "POL"]


def test_bad_input_is_listed_in_the_error_summary_and_nothing_is_made(
    signed_in_client: Client, borough: Borough
) -> None:
    client = signed_in_client("team_manager")
    page = client.post("/meetings/new/", {"on_day": "31", "on_month": "2", "on_year": "2026",
                                          "at": "25:00"})  # fmt: skip
    assert page.status_code == 200
    summary = page.text.split("There is a problem")[1].split("</ul>")[0]
    for message in ("Select the kind of meeting", "must be a real date",
                    "Enter the time the meeting starts", "Enter where the meeting is",
                    "Select the chair", "Select the agencies invited"):  # fmt: skip
        assert message in summary
    assert "<title>Error: " in page.text
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("role", ["police_analyst", "school_safeguarding_lead", "auditor"])
def test_roles_that_do_not_run_meetings_cannot_arrange_one(
    role: str, signed_in_client: Client, borough: Borough, make_user: Callable[..., Any]
) -> None:
    chair = make_user("team_manager")
    posted = signed_in_client(role).post("/meetings/new/", {**NEW, "chair": str(chair.pk)})
    assert posted.status_code == 403
    assert not Meeting.objects.exists()


def test_only_children_the_organiser_may_open_are_offered_and_accepted(
    signed_in_client: Client, borough: Borough, allocate: Any, arrange: Any
) -> None:
    client = signed_in_client("specialist_practitioner", agency=agency("CSC"))
    allocate(borough.child, client.user)
    meeting = arrange(client.user)
    page = client.get(f"/meetings/{meeting.reference}/agenda/")
    offered = page.text.split('id="id_child-person"')[1].split("</select>")[0]
    assert borough.child in offered and borough.with_police not in offered
    refused = client.post(f"/meetings/{meeting.reference}/agenda/",
                          {"form": "child", "child-person": borough.with_police})  # fmt: skip
    assert refused.status_code == 200 and "Select a child" in refused.text
    added = client.post(f"/meetings/{meeting.reference}/agenda/",
                        {"form": "child", "child-person": borough.child})  # fmt: skip
    assert added.status_code == 302
    item = AgendaItem.objects.get(meeting=meeting)
    assert (item.kind, item.person.person_id, item.position) == ("child", borough.child, 1)
    entry = AuditEntry.objects.get(action="meetings.agenda_add")
    assert entry.detail["person_id"] == borough.child and entry.target_id == meeting.reference


def test_a_strategic_meeting_never_takes_a_child(
    make_user: Callable[..., Any], borough: Borough, allocate: Any, arrange: Any
) -> None:
    from joinedup.errors import InputError
    from joinedup.web.meetings.services.arranging import NewItem, add_item

    organiser = make_user("team_manager")
    allocate(borough.child, organiser)
    meeting = arrange(organiser, kind="strategic")
    child = Person.objects.get(person_id=borough.child)
    with pytest.raises(InputError, match="cannot have a child on its agenda"):
        add_item(organiser, meeting, NewItem("child", person=child))
    add_item(organiser, meeting, NewItem("theme", theme="Missing episodes from care homes"))
    assert list(meeting.items.values_list("kind", flat=True)) == ["theme"]


def test_a_strategic_agenda_page_offers_no_child(
    signed_in_client: Client, borough: Borough, arrange: Any
) -> None:
    client = signed_in_client("team_manager")
    meeting = arrange(client.user, kind="strategic")
    page = client.get(f"/meetings/{meeting.reference}/agenda/")
    assert "Add a theme" in page.text and "Add a child" not in page.text
    assert "Add a person of concern" not in page.text


def test_a_location_is_found_by_postcode_and_added(
    signed_in_client: Client, borough: Borough, arrange: Any
) -> None:
    client = signed_in_client("team_manager", agency=agency("CSC"))
    meeting = arrange(client.user)
    place = Place.objects.get(pk=borough.place)
    found = client.get(f"/meetings/{meeting.reference}/agenda/", {"location": place.postcode})
    assert f'name="place" value="{place.pk}"' in found.text
    added = client.post(f"/meetings/{meeting.reference}/agenda/",
                        {"form": "location", "place": str(place.pk)})  # fmt: skip
    assert added.status_code == 302
    assert meeting.items.get().place == place
    again = client.post(f"/meetings/{meeting.reference}/agenda/",
                        {"form": "location", "place": str(place.pk)})  # fmt: skip
    assert "already on the agenda" in again.text and meeting.items.count() == 1


def test_a_person_of_concern_must_be_an_adult(
    signed_in_client: Client, borough: Borough, arrange: Any
) -> None:
    client = signed_in_client("team_manager")
    meeting = arrange(client.user)
    url = f"/meetings/{meeting.reference}/agenda/"
    refused = client.post(url, {"form": "concern", "concern-person_id": borough.child})
    assert "Enter the person id of an adult" in refused.text
    client.post(url, {"form": "concern", "concern-person_id": borough.adult.lower()})
    assert meeting.items.get().person.person_id == borough.adult


def test_items_move_up_and_down_and_come_off_with_buttons(
    signed_in_client: Client, borough: Borough, arrange: Any
) -> None:
    client = signed_in_client("team_manager")
    meeting = arrange(client.user, kind="strategic")
    url = f"/meetings/{meeting.reference}/agenda/"
    for theme in ("First", "Second", "Third"):
        client.post(url, {"form": "theme", "theme-theme": theme})
    third = meeting.items.get(theme="Third")
    assert client.post(url, {"form": "up", "item": str(third.pk)}).status_code == 302
    assert _themes(meeting) == ["First", "Third", "Second"]
    first = meeting.items.get(theme="First")
    client.post(url, {"form": "down", "item": str(first.pk)})
    assert _themes(meeting) == ["Third", "First", "Second"]
    refused = client.post(url, {"form": "up", "item": str(meeting.items.get(theme="Third").pk)})
    assert refused.status_code == 200 and "cannot move that way" in refused.text
    client.post(url, {"form": "remove", "item": str(first.pk)})
    assert _themes(meeting) == ["Third", "Second"]
    assert list(meeting.items.values_list("position", flat=True)) == [1, 2]
    actions = AuditEntry.objects.filter(target_id=meeting.reference).values_list(
        "action", flat=True
    )
    assert {"meetings.agenda_move", "meetings.agenda_remove"} <= set(actions)


def _themes(meeting: Meeting) -> list[str]:
    return list(meeting.items.order_by("position").values_list("theme", flat=True))


def test_the_agenda_is_locked_once_the_meeting_is_held(
    signed_in_client: Client, borough: Borough, arrange: Any
) -> None:
    client = signed_in_client("team_manager")
    meeting = arrange(client.user, kind="strategic")
    status = f"/meetings/{meeting.reference}/status/"
    assert client.post(status, {"to": "in_progress"}).status_code == 302
    assert client.post(status, {"to": "held"}).status_code == 302
    page = client.post(f"/meetings/{meeting.reference}/agenda/",
                       {"form": "theme", "theme-theme": "Late"})  # fmt: skip
    assert "The agenda cannot change: the meeting is held" in page.text
    assert not meeting.items.exists()


def test_cancelling_needs_a_reason(
    signed_in_client: Client, borough: Borough, arrange: Any
) -> None:
    client = signed_in_client("team_manager")
    meeting = arrange(client.user)
    status = f"/meetings/{meeting.reference}/status/"
    page = client.post(status, {"to": "cancelled"})
    assert "Enter why the meeting is cancelled" in page.text
    client.post(status, {"to": "cancelled", "reason": "The chair is ill; moved to next week"})
    meeting.refresh_from_db()
    assert meeting.status == "cancelled" and meeting.cancelled_reason.startswith("The chair")
    assert AuditEntry.objects.get(action="meetings.status").detail["after"] == "cancelled"
    held = client.post(status, {"to": "held"})
    assert held.status_code == 200 and "Nothing more can happen" in held.text
