"""Reminders to a request's owner (once a day at most) and the dashboard's items."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.accounts.models import Notification
from joinedup.web.inquiry.models import EvidenceRequest
from joinedup.web.inquiry.services import dashboard_items, send_reminders
from joinedup.web.inquiry.services.requests import change_status

pytestmark = pytest.mark.django_db
Make = Callable[..., EvidenceRequest]


def _at(days: int) -> datetime:
    return timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=days), time(7))
    )


def test_the_owner_is_reminded_before_the_deadline_once_a_day(
    lead: Any, make_request: Make
) -> None:
    found = make_request(issued=10, deadline=5)
    make_request(issued=10, deadline=30)  # not due for weeks
    make_request(deadline=2)  # a draft: nobody has been asked yet
    assert send_reminders(_at(0)) == 1
    assert send_reminders(_at(0)) == 0, "a second run the same day sends nothing"
    note = Notification.objects.get(recipient=lead)
    assert note.kind == "inquiry.request_due_soon" and found.reference in note.subject
    assert send_reminders(_at(1)) == 1


def test_an_overdue_request_is_reminded_until_it_is_complied_with(
    lead: Any, make_request: Make
) -> None:
    found = make_request(issued=30, deadline=-1)
    assert send_reminders(_at(0)) == 1
    assert Notification.objects.get(recipient=lead).kind == "inquiry.request_overdue"
    change_status(lead, found, "complied", timezone.localdate())
    assert send_reminders(_at(1)) == 0


def test_the_dashboard_lists_overdue_requests_for_all_staff_and_your_own_due_soon(
    lead: Any, make_request: Make, make_user: Callable[..., Any]
) -> None:
    late = make_request(issued=30, deadline=-1)
    soon = make_request(issued=3, deadline=3)
    mine = [(i.section, i.label.split()[0], i.tag) for i in dashboard_items(lead)]
    assert mine == [
        ("Evidence requests overdue", late.reference, "Overdue"),
        ("Your evidence requests due soon", soon.reference, "Due soon"),
    ]
    colleague = make_user("inquiry_team")
    assert [i.label.split()[0] for i in dashboard_items(colleague)] == [late.reference]
    assert dashboard_items(make_user("team_manager")) == []
    assert dashboard_items(make_user("administrator")) == []
