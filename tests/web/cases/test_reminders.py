"""Reminders of plan reviews: due within 7 days or overdue to the worker, overdue to the
team's manager too, at most once a day; and the dashboard's list."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.accounts.models import Notification, Team
from joinedup.web.cases.models import Case
from joinedup.web.cases.services import dashboard_items, send_reminders
from joinedup.web.cases.services.allocation import allocate_case
from joinedup.web.cases.services.lifecycle import close_case
from joinedup.web.cases.services.plans import add_plan

pytestmark = pytest.mark.django_db


def _plan(case: Case, worker: Any, review_in_days: int) -> None:
    today = timezone.localdate()
    add_plan(
        case,
        seen_version=case.version,
        by=worker,
        plan_type="safety_plan",
        aims="",
        start_date=today - timedelta(days=60),
        review_date=today + timedelta(days=review_in_days),
    )


@pytest.fixture
def allocated(child_case: Case, team: Team, manager: Any, worker: Any) -> Case:
    allocate_case(child_case, seen_version=1, team=team, worker=worker, by=manager)
    return child_case


def _told(user: Any) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_a_review_due_soon_reminds_the_worker_once_a_day(allocated: Case, worker: Any) -> None:
    _plan(allocated, worker, review_in_days=5)
    now = timezone.now()
    assert send_reminders(now) == 1
    assert send_reminders(now) == 0, "the same day: nothing again"
    assert _told(worker) == ["case_review_due"]
    assert send_reminders(now + timedelta(days=1)) == 1


def test_an_overdue_review_is_escalated_to_the_manager(
    allocated: Case, worker: Any, manager: Any, audit: Any
) -> None:
    _plan(allocated, worker, review_in_days=-3)
    assert send_reminders(timezone.now()) == 2
    assert _told(worker) == ["case_review_overdue"]
    assert _told(manager) == ["case_review_escalated"]
    escalation = Notification.objects.get(recipient=manager)
    assert allocated.reference in escalation.subject and "overdue by 3 days" in escalation.subject
    assert "P-0000100" not in escalation.body, "the child is not named in the text"
    assert len(audit("cases.reminder_sent")) == 2


def test_reviews_far_off_ended_or_on_closed_cases_send_nothing(
    allocated: Case, worker: Any
) -> None:
    _plan(allocated, worker, review_in_days=30)
    assert send_reminders(timezone.now()) == 0
    _plan(allocated, worker, review_in_days=-1)
    allocated.refresh_from_db()
    close_case(
        allocated,
        seen_version=allocated.version,
        by=worker,
        reason="Aims met",
        closed_on=timezone.localdate(),
    )
    assert send_reminders(timezone.now()) == 0


def test_the_dashboard_lists_the_workers_reviews_due(
    allocated: Case, worker: Any, manager: Any
) -> None:
    _plan(allocated, worker, review_in_days=-2)
    _plan(allocated, worker, review_in_days=3)
    items = dashboard_items(worker)
    assert [(i.reference, i.overdue) for i in items] == [
        (allocated.reference, True),
        (allocated.reference, False),
    ]
    assert items[0].url == f"/cases/{allocated.reference}/"
    assert dashboard_items(manager) == []


def test_send_reminders_takes_the_day_from_now(allocated: Case, worker: Any) -> None:
    _plan(allocated, worker, review_in_days=10)
    later = timezone.now() + timedelta(days=4)
    assert isinstance(later, datetime)
    assert send_reminders(later) == 1
