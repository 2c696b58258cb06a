"""Closing a case (reason, date) ends its allocation and the record access it gave;
reopening (reason) puts it back in the unallocated queue."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.access.services import access_to_person
from joinedup.web.accounts.models import Team
from joinedup.web.cases.models import Case, StatusChange
from joinedup.web.cases.services.allocation import allocate_case

pytestmark = pytest.mark.django_db


def _close(client: Any, case: Case, version: int, **changes: Any) -> Any:
    today = timezone.localdate()
    form = {
        "version": version,
        "reason": "The plan's aims were met",
        "closed_day": today.day,
        "closed_month": today.month,
        "closed_year": today.year,
    }
    return client.post(f"/cases/{case.reference}/close/", {**form, **changes})


def test_closing_ends_the_allocation_and_the_access_and_reopening_needs_a_reason(
    child_case: Case,
    team: Team,
    manager: Any,
    worker: Any,
    client_of: Callable[..., Any],
    audit: Callable[..., Any],
) -> None:
    allocate_case(child_case, seen_version=1, team=team, worker=worker, by=manager)
    closed = _close(client_of(worker), child_case, 2)
    assert closed.status_code == 302
    child_case.refresh_from_db()
    assert (child_case.status, child_case.worker, child_case.team) == ("closed", None, None)
    assert child_case.closure_reason == "The plan's aims were met"
    assert not access_to_person(worker, child_case.person).allowed
    assert audit("cases.close")[0].detail["reason"] == "The plan's aims were met"
    client = client_of(manager)
    queue = client.get("/cases/?tab=unallocated&status=closed")
    assert child_case.reference in queue.text
    refused = client.post(f"/cases/{child_case.reference}/reopen/", {"version": 3, "reason": ""})
    assert "Enter why the case is being reopened" in refused.text
    reopened = client.post(
        f"/cases/{child_case.reference}/reopen/",
        {"version": 3, "reason": "Seen with the same adults again"},
    )
    assert reopened.status_code == 302
    child_case.refresh_from_db()
    assert (child_case.status, child_case.closed_at) == ("open", None)
    assert [s.status for s in StatusChange.objects.filter(case=child_case)] == [
        "open",
        "closed",
        "reopened",
    ]
    assert len(audit("cases.reopen")) == 1


def test_a_case_cannot_close_in_the_future_or_without_a_reason(
    context_case: Case, manager: Any, client_of: Callable[..., Any]
) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    posted = _close(
        client_of(manager),
        context_case,
        1,
        reason="",
        closed_day=tomorrow.day,
        closed_month=tomorrow.month,
        closed_year=tomorrow.year,
    )
    assert posted.status_code == 200
    assert "Enter why the case is being closed" in posted.text
    assert "The date the case closed must be today or in the past" in posted.text
    context_case.refresh_from_db()
    assert context_case.status == "open"


def test_a_closed_case_takes_no_plans_or_flags(
    context_case: Case, manager: Any, client_of: Callable[..., Any]
) -> None:
    client = client_of(manager)
    _close(client, context_case, 1)
    posted = client.post(
        f"/cases/{context_case.reference}/flags/set/",
        {"version": 2, "flag": "cse", "reason": "Seen"},
    )
    assert "reopen it to change its flags" in posted.text
