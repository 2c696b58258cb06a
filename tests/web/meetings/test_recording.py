"""Running the meeting: attendance, discussion, decisions and actions, minutes drafted,
approved by the chair and locked; corrections as addenda. Each write is audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from joinedup.web.audit.models import AuditEntry
from joinedup.web.meetings.models import Action, Attendance
from joinedup.web.meetings.services.arranging import NewItem, add_item, change_status
from joinedup.web.records.models import Place
from tests.web.conftest import SignedInClient
from tests.web.meetings.conftest import Borough, agency

pytestmark = pytest.mark.django_db

Client = Callable[..., SignedInClient]


@pytest.fixture
def running(signed_in_client: Client, borough: Borough, arrange: Any) -> Any:
    """A manager's client, and their meeting in progress with a location on the agenda."""
    client = signed_in_client("team_manager", agency=agency("CSC"), first_name="Ali",
                              last_name="Khan")  # fmt: skip
    meeting = arrange(client.user, agencies=("CSC", "POL"))
    add_item(client.user, meeting, NewItem("location", place=Place.objects.get(pk=borough.place)))
    change_status(client.user, meeting, "in_progress")
    client.meeting = meeting  # type: ignore[attr-defined]
    return client


def _actions(meeting: Any) -> list[str]:
    return list(AuditEntry.objects.filter(target_id=meeting.reference).order_by("sequence")
                .values_list("action", flat=True))  # fmt: skip


def test_attendance_is_recorded_per_invited_agency(running: Any) -> None:
    url = f"/meetings/{running.meeting.reference}/attendance/"
    refused = running.post(url, {"agency": "HLT", "name": "Dr Pat Lee", "status": "attended"})
    assert refused.status_code == 200 and "Select the agency" in refused.text
    posted = running.post(url, {"agency": "POL", "name": "DS Sam Ward", "job_title": "Detective",
                                "status": "apologies"})  # fmt: skip
    assert posted.status_code == 302
    row = Attendance.objects.get()
    assert (row.agency.code, row.name, row.status) == ("POL", "DS Sam Ward", "apologies")
    page = running.get(url)
    assert "Sent apologies" in page.text
    assert "No one recorded yet for:" in page.text and "(CSC)." in page.text
    assert "meetings.attendance" in _actions(running.meeting)


def test_a_discussion_a_decision_and_an_action_are_recorded(
    running: Any, make_user: Callable[..., Any]
) -> None:
    owner = make_user("police_analyst", agency=agency("POL"), first_name="Jo", last_name="Ray")
    item = running.meeting.items.get()
    url = f"/meetings/{running.meeting.reference}/items/{item.pk}/"
    running.post(url, {"form": "discussion", "discussion": "Two children seen there late"})
    running.post(url, {"form": "decision", "decision": "Ask licensing to visit"})
    bad = running.post(url, {"form": "action", "description": "Visit", "owner": str(owner.pk),
                             "agency": "POL", "due_day": "30", "due_month": "2",
                             "due_year": "2026"})  # fmt: skip
    assert bad.status_code == 200 and "The due date must be a real date" in bad.text
    added = running.post(url, {"form": "action", "description": "Visit with licensing",
                               "owner": str(owner.pk), "agency": "POL", "due_day": "27",
                               "due_month": "3", "due_year": "2026"})  # fmt: skip
    assert added.status_code == 302
    item.refresh_from_db()
    assert item.discussion == "Two children seen there late"
    assert item.decisions.get().text == "Ask licensing to visit"
    action = Action.objects.get()
    assert (action.owner, action.agency.code, str(action.due_on)) == (owner, "POL", "2026-03-27")
    assert {"meetings.discussion", "meetings.decision", "meetings.action_add"} <= set(
        _actions(running.meeting))  # fmt: skip


def test_only_the_chair_approves_and_approved_minutes_are_locked(
    running: Any, signed_in_client: Client
) -> None:
    meeting = running.meeting
    url = f"/meetings/{meeting.reference}/minutes/"
    running.post(
        url, {"form": "draft", "minutes": "Apologies from health.", "version": meeting.version}
    )
    early = running.post(url, {"form": "approve"})
    assert "once the meeting is marked as held" in early.text
    change_status(running.user, meeting, "held")
    colleague = signed_in_client("specialist_practitioner")
    assert colleague.post(url, {"form": "approve"}).status_code == 403
    approved = running.post(url, {"form": "approve"})
    assert approved.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "minutes_approved" and meeting.minutes_approved_by == running.user
    locked = running.post(url, {"form": "draft", "minutes": "Changed", "version": meeting.version})
    meeting.refresh_from_db()
    assert meeting.minutes == "Apologies from health." and "Add the correction" in locked.text
    item = meeting.items.get()
    late = running.post(f"/meetings/{meeting.reference}/items/{item.pk}/",
                        {"form": "decision", "decision": "Afterthought"})  # fmt: skip
    assert "Nothing can be recorded" in late.text and not item.decisions.exists()
    running.post(url, {"form": "addendum", "addendum": "Health did attend, late."})
    assert meeting.addenda.get().text == "Health did attend, late."
    assert {"meetings.minutes_approved", "meetings.minutes_addendum"} <= set(_actions(meeting))


def test_a_draft_saved_over_a_newer_one_is_refused(running: Any) -> None:
    meeting = running.meeting
    url = f"/meetings/{meeting.reference}/minutes/"
    shown = meeting.version
    running.post(url, {"form": "draft", "minutes": "First draft", "version": shown})
    stale = running.post(url, {"form": "draft", "minutes": "My draft", "version": shown})
    assert stale.status_code == 200 and "Someone else saved these minutes" in stale.text
    assert "My draft" in stale.text
    meeting.refresh_from_db()
    assert meeting.minutes == "First draft"
