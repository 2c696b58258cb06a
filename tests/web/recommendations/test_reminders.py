"""Reminders and escalation (once a day at most) and the dashboard's items."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.accounts.models import Notification, Team
from joinedup.web.recommendations.models import Action
from joinedup.web.recommendations.services import dashboard_items, record_progress, send_reminders
from tests.web.recommendations.conftest import Tracker

pytestmark = pytest.mark.django_db


def _at(days: int) -> datetime:
    return timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=days), time(7))
    )


def test_the_owner_is_reminded_before_the_due_date_once_a_day(
    tracker: Tracker, make_action: Callable[..., Action]
) -> None:
    make_action("1.2", due=timezone.localdate() + timedelta(days=10), owner=tracker.owner)
    assert send_reminders(_at(0)) == 1
    assert send_reminders(_at(0)) == 0, "a second run the same day sends nothing"
    note = Notification.objects.get(recipient=tracker.owner)
    assert note.kind == "recommendations.due_soon" and "1.2" in note.subject
    assert send_reminders(_at(1)) == 1
    assert Notification.objects.filter(recipient=tracker.owner).count() == 2


def test_an_action_not_due_for_weeks_or_completed_sends_nothing(
    tracker: Tracker, make_action: Callable[..., Action]
) -> None:
    done = make_action("1.2", due=timezone.localdate() - timedelta(days=2), owner=tracker.owner)
    record_progress(tracker.owner, done, "completed", "Done")
    assert send_reminders(_at(0)) == 0  # 1.1 is due in 60 days
    assert not Notification.objects.exists()


def test_overdue_goes_to_the_owner_and_30_days_overdue_to_their_manager(
    tracker: Tracker, make_action: Callable[..., Action]
) -> None:
    team = Team.objects.create(name="Exploitation team", manager=tracker.manager)
    tracker.owner.team = team
    tracker.owner.save()
    make_action("1.2", due=timezone.localdate() - timedelta(days=5), owner=tracker.owner)
    assert send_reminders(_at(0)) == 1
    assert Notification.objects.get().kind == "recommendations.overdue"
    assert send_reminders(_at(25)) == 2
    escalated = Notification.objects.get(kind="recommendations.escalated")
    assert escalated.recipient == tracker.manager
    assert send_reminders(_at(25)) == 0


def test_an_action_with_no_owner_goes_to_those_who_manage_recommendations(
    tracker: Tracker, make_action: Callable[..., Action], make_user: Callable[..., Any]
) -> None:
    admin = make_user("administrator")
    make_action("1.2", due=timezone.localdate() + timedelta(days=3))
    assert send_reminders(_at(0)) == 2
    assert set(Notification.objects.values_list("recipient", flat=True)) == {
        admin.pk,
        tracker.manager.pk,
    }


def test_the_dashboard_lists_my_actions_due_and_what_awaits_my_sign_off(
    tracker: Tracker, make_action: Callable[..., Action], make_user: Callable[..., Any]
) -> None:
    late = make_action("1.2", due=timezone.localdate() - timedelta(days=1), owner=tracker.owner)
    make_action("1.3", due=timezone.localdate() + timedelta(days=100), owner=tracker.owner)
    items = dashboard_items(tracker.owner)
    assert [(i.label.split(" (")[0], i.tag) for i in items] == [("Action 1.2", "Overdue")]
    assert items[0].href == f"/recommendations/actions/{late.pk}/"
    record_progress(tracker.owner, late, "completed", "Done")
    inquiry = make_user("inquiry_team")
    (item,) = dashboard_items(inquiry)
    assert item.section == "Recommendation actions to sign off"
    assert item.href == f"/recommendations/actions/{late.pk}/sign-off/"
    assert dashboard_items(make_user("auditor")) == []
