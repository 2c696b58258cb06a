"""Plans: type from the data file, start, review date, actions and reviews; overdue
reviews visible."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.accounts.models import Team
from joinedup.web.cases.models import Case, Plan, PlanAction, PlanReview
from joinedup.web.cases.services.allocation import allocate_case
from joinedup.web.cases.services.plans import add_plan
from joinedup.web.cases.services.vocabularies import plan_types

pytestmark = pytest.mark.django_db


def _boxes(prefix: str, day: date) -> dict[str, int]:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


@pytest.fixture
def worked(child_case: Case, team: Team, manager: Any, worker: Any) -> Case:
    allocate_case(child_case, seen_version=1, team=team, worker=worker, by=manager)
    child_case.refresh_from_db()
    return child_case


def test_a_plan_without_a_review_date_gets_its_types_usual_interval(
    worked: Case, worker: Any, client_of: Callable[..., Any], audit: Callable[..., Any]
) -> None:
    start = timezone.localdate()
    posted = client_of(worker).post(
        f"/cases/{worked.reference}/plans/add/",
        {
            "version": worked.version,
            "plan_type": "safety_plan",
            "aims": "Keep the child safe on the way to school",
            **_boxes("start", start),
        },
    )
    assert posted.status_code == 302
    plan = Plan.objects.get()
    days = plan_types()["safety_plan"]["first_review_days"]
    assert plan.review_date == start + timedelta(days=days)
    assert plan.aims == "Keep the child safe on the way to school"
    assert audit("cases.plan_add")[0].detail["type"] == "safety_plan"


def test_a_bad_plan_form_is_shown_again_with_its_errors(
    worked: Case, worker: Any, client_of: Callable[..., Any]
) -> None:
    posted = client_of(worker).post(
        f"/cases/{worked.reference}/plans/add/",
        {
            "version": worked.version,
            "aims": "",
            "start_day": "31",
            "start_month": "2",
            "start_year": "2026",
        },
    )
    assert posted.status_code == 200
    for message in (
        "Select the type of plan",
        "Enter what the plan is for",
        "The start date must be a real date",
    ):
        assert message in posted.text
    assert not Plan.objects.exists()


def test_actions_are_added_and_marked_done(
    worked: Case, worker: Any, client_of: Callable[..., Any]
) -> None:
    today = timezone.localdate()
    plan = add_plan(
        worked,
        seen_version=2,
        by=worker,
        plan_type="exploitation_plan",
        aims="Disrupt the exploitation",
        start_date=today,
        review_date=today + timedelta(days=30),
    )
    client = client_of(worker)
    added = client.post(
        f"/cases/{worked.reference}/plans/{plan.pk}/actions/add/",
        {
            "version": 3,
            "what": "Return home interview",
            "who": "Allocated worker",
            **_boxes("due", today + timedelta(days=3)),
        },
    )
    assert added.status_code == 302
    action = PlanAction.objects.get()
    done = client.post(
        f"/cases/{worked.reference}/plans/{plan.pk}/actions/{action.pk}/done/", {"version": 4}
    )
    assert done.status_code == 302
    action.refresh_from_db()
    assert (action.done_on, action.done_by) == (today, worker)
    page = client.get(f"/cases/{worked.reference}/plans/{plan.pk}/")
    assert "Return home interview" in page.text and "Mark done" not in page.text


def test_a_review_moves_the_next_review_date_and_one_without_a_next_date_ends_the_plan(
    worked: Case, worker: Any, client_of: Callable[..., Any], audit: Callable[..., Any]
) -> None:
    today = timezone.localdate()
    plan = add_plan(
        worked,
        seen_version=2,
        by=worker,
        plan_type="safety_plan",
        aims="",
        start_date=today - timedelta(days=40),
        review_date=today - timedelta(days=10),
    )
    client, url = client_of(worker), f"/cases/{worked.reference}/plans/{plan.pk}/review/"
    missing = client.post(url, {"version": 3, "outcome": "Better", **_boxes("held", today)})
    assert "Enter the next review date, or end the plan" in missing.text
    reviewed = client.post(
        url,
        {
            "version": 3,
            "outcome": "Going to school again",
            **_boxes("held", today),
            **_boxes("next", today + timedelta(days=28)),
        },
    )
    assert reviewed.status_code == 302
    plan.refresh_from_db()
    assert plan.review_date == today + timedelta(days=28) and plan.ended_on is None
    ended = client.post(
        url, {"version": 4, "outcome": "Aims met", "end_plan": "on", **_boxes("held", today)}
    )
    assert ended.status_code == 302
    plan.refresh_from_db()
    assert plan.ended_on == today
    assert PlanReview.objects.count() == 2 and len(audit("cases.plan_review")) == 2


def test_an_overdue_review_is_tagged_on_the_case_and_in_the_list(
    worked: Case, worker: Any, client_of: Callable[..., Any]
) -> None:
    today = timezone.localdate()
    add_plan(
        worked,
        seen_version=2,
        by=worker,
        plan_type="safety_plan",
        aims="",
        start_date=today - timedelta(days=40),
        review_date=today - timedelta(days=1),
    )
    client = client_of(worker)
    for url in (f"/cases/{worked.reference}/", "/cases/"):
        page = client.get(url)
        assert 'govuk-tag--red">Overdue' in page.text, url
