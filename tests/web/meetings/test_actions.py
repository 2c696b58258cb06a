"""Actions after the meeting: my actions, updates by the owner, reminders and
escalation at most once a day, and what the dashboard is given."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.accounts.models import Notification, Team
from joinedup.web.audit.models import AuditEntry
from joinedup.web.meetings.models import Action
from joinedup.web.meetings.services import dashboard_items, send_reminders
from joinedup.web.meetings.services.arranging import NewItem, add_item, change_status
from joinedup.web.meetings.services.recording import add_action
from tests.web.conftest import SignedInClient
from tests.web.meetings.conftest import Borough, agency

pytestmark = pytest.mark.django_db

Client = Callable[..., SignedInClient]
TODAY = date(2026, 3, 10)
NOW = timezone.make_aware(datetime(2026, 3, 10, 7, 0))


@pytest.fixture
def action_for(make_user: Callable[..., Any], borough: Borough, arrange: Any) -> Any:
    """Make an open action owned by `owner`, due on `due_on`, from a held meeting."""
    manager = make_user("team_manager", agency=agency("CSC"))
    meeting = arrange(manager, kind="strategic", agencies=("CSC", "POL"))
    item = add_item(manager, meeting, NewItem("theme", theme="Hotels used for exploitation"))
    change_status(manager, meeting, "in_progress")

    def make(owner: Any, due_on: date) -> Action:
        return add_action(manager, item, description="Brief hotel staff on signs of exploitation",
                          owner=owner, agency=agency("POL"), due_on=due_on)  # fmt: skip

    return make


def test_the_owner_sees_and_updates_their_action(signed_in_client: Client, action_for: Any) -> None:
    owner = signed_in_client("police_analyst", agency=agency("POL"))
    action = action_for(owner.user, TODAY)
    listed = owner.get("/meetings/actions/")
    assert f"Action {action.pk}" in listed.text and "Brief hotel staff" in listed.text
    bad = owner.post(f"/meetings/actions/{action.pk}/", {"status": "done"})
    assert bad.status_code == 200 and "Enter what has been done" in bad.text
    done = owner.post(f"/meetings/actions/{action.pk}/",
                      {"status": "done", "note": "Briefed two hotels on 9 March"})  # fmt: skip
    assert done.status_code == 302
    action.refresh_from_db()
    assert action.status == "done" and action.updates.get().note.startswith("Briefed")
    assert AuditEntry.objects.get(action="meetings.action_update").detail["after"] == "done"


def test_someone_else_from_an_invited_agency_reads_but_cannot_update_it(
    signed_in_client: Client, make_user: Callable[..., Any], action_for: Any
) -> None:
    action = action_for(make_user("police_analyst", agency=agency("POL")), TODAY)
    colleague = signed_in_client("police_analyst", agency=agency("POL"))
    assert colleague.get(f"/meetings/actions/{action.pk}/").status_code == 200
    posted = colleague.post(f"/meetings/actions/{action.pk}/", {"status": "done", "note": "x"})
    assert posted.status_code == 403
    action.refresh_from_db()
    assert action.status == "open"


def test_reminders_go_to_owners_and_long_overdue_actions_to_their_manager(
    make_user: Callable[..., Any], action_for: Any
) -> None:
    boss = make_user("team_manager")
    team = Team.objects.create(name="Police exploitation desk", manager=boss)
    owner = make_user("police_analyst", agency=agency("POL"), team=team)
    due_soon = action_for(owner, TODAY + timedelta(days=3))
    overdue = action_for(owner, TODAY - timedelta(days=2))
    long_overdue = action_for(owner, TODAY - timedelta(days=7))
    action_for(owner, TODAY + timedelta(days=4))  # not yet
    assert send_reminders(NOW) == 4
    told = Notification.objects.filter(kind="meeting_action")
    subjects = sorted(told.filter(recipient=owner).values_list("subject", flat=True))
    assert len(subjects) == 3 and sum("was due" in s for s in subjects) == 2
    escalated = told.get(recipient=boss)
    assert "7 days overdue" in escalated.subject and str(long_overdue.pk) in escalated.body
    bodies = " ".join(told.filter(recipient=owner).values_list("body", flat=True))
    assert f"Action {due_soon.pk}:" in bodies and f"Action {overdue.pk}:" in bodies
    assert send_reminders(NOW + timedelta(hours=6)) == 0, "a second run the same day sends nothing"
    assert send_reminders(NOW + timedelta(days=1)) == 5, "the next day they are told again"


def test_done_actions_are_not_reminded(make_user: Callable[..., Any], action_for: Any) -> None:
    owner = make_user("police_analyst", agency=agency("POL"))
    action = action_for(owner, TODAY)
    Action.objects.filter(pk=action.pk).update(status="done")
    assert send_reminders(NOW) == 0


def test_the_dashboard_gets_the_next_meetings_and_open_actions(
    make_user: Callable[..., Any], borough: Borough, arrange: Any, action_for: Any
) -> None:
    owner = make_user("police_analyst", agency=agency("POL"))
    action = action_for(owner, TODAY + timedelta(days=1))
    organiser = make_user("team_manager")
    later = arrange(organiser, agencies=("POL",),
                    starts_at=timezone.make_aware(datetime(2026, 4, 7, 14, 0)))  # fmt: skip
    arrange(organiser, agencies=("HLT",), starts_at=timezone.make_aware(datetime(2026, 4, 8, 9)))
    items = dashboard_items(owner, today=TODAY)
    meetings = [i for i in items if i.kind == "meeting"]
    assert [i.href for i in meetings] == [f"/meetings/{later.reference}/"]
    assert meetings[0].label == "Operational MACE, 7 April 2026 at 14:00"
    (mine,) = [i for i in items if i.kind == "action"]
    assert mine.href == f"/meetings/actions/{action.pk}/" and mine.tag == "Due soon"
    assert dashboard_items(make_user("auditor")) == []
