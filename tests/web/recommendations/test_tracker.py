"""Adding sources, recommendations and actions: pages, permissions, errors, audit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from joinedup.web.audit.models import AuditEntry
from joinedup.web.recommendations.models import Action, ActionUpdate, Recommendation, Source
from tests.web.recommendations.conftest import Tracker

pytestmark = pytest.mark.django_db


def test_a_manager_adds_a_source_and_it_is_audited(
    signed_in_client: Callable[..., Any], agencies: dict[str, Any]
) -> None:
    client = signed_in_client("team_manager")
    page = client.post(
        "/recommendations/sources/add/",
        {
            "title": "Invented review (2030)",
            "published_day": "12",
            "published_month": "7",
            "published_year": "2030",
            "description": "",
        },
    )
    source = Source.objects.get(title="Invented review (2030)")
    assert page.status_code == 302 and page["Location"] == f"/recommendations/sources/{source.pk}/"
    assert source.published_on is not None and source.published_on.isoformat() == "2030-07-12"
    entry = AuditEntry.objects.get(action="recommendations.source_added")
    assert (entry.actor_username, entry.target_id) == (client.user.username, str(source.pk))
    assert "12 July 2030" in client.get(page["Location"]).text


def test_the_source_form_reshows_with_an_error_summary_on_bad_input(
    signed_in_client: Callable[..., Any],
) -> None:
    client = signed_in_client("administrator")
    page = client.post(
        "/recommendations/sources/add/",
        {"title": "", "published_day": "31", "published_month": "2", "published_year": "2030"},
    )
    assert page.status_code == 200
    assert "There is a problem" in page.text
    assert "Enter the title of the inquiry, review or report" in page.text
    assert "must be a real date" in page.text
    assert not Source.objects.exists()
    assert not AuditEntry.objects.filter(action="recommendations.source_added").exists()


@pytest.mark.parametrize("role", ["specialist_practitioner", "inquiry_team", "auditor"])
def test_roles_without_manage_recommendations_cannot_add(
    role: str, signed_in_client: Callable[..., Any], tracker: Tracker
) -> None:
    client = signed_in_client(role)
    assert client.post("/recommendations/sources/add/", {"title": "X"}).status_code == 403
    url = f"/recommendations/{tracker.recommendation.pk}/add-action/"
    assert client.get(url).status_code == 403
    assert Source.objects.count() == 1


def test_a_manager_adds_a_recommendation_and_an_action(
    signed_in_client: Callable[..., Any], tracker: Tracker, agencies: dict[str, Any]
) -> None:
    client = signed_in_client("team_manager", user=tracker.manager)
    page = client.post(
        f"/recommendations/sources/{tracker.source.pk}/add/",
        {
            "number": "2",
            "text": "Train every taxi driver",
            "theme": "licensing",
            "lead_agency": "LIC",
        },
    )
    made = Recommendation.objects.get(source=tracker.source, number="2")
    assert page["Location"] == f"/recommendations/{made.pk}/"
    assert made.lead_agency.code == "LIC" and made.theme == "licensing"
    page = client.post(
        f"/recommendations/{made.pk}/add-action/",
        {
            "number": "2.1",
            "text": "Change the policy",
            "owning_agency": "LIC",
            "owner": str(tracker.owner.pk),
            "due_day": "30",
            "due_month": "4",
            "due_year": "2031",
            "success_measure": "Approved",
        },
    )
    action = Action.objects.get(recommendation=made, number="2.1")
    assert page["Location"] == f"/recommendations/actions/{action.pk}/"
    assert (action.owner, action.status, action.due.isoformat()) == (
        tracker.owner,
        "not_started",
        "2031-04-30",
    )
    assert list(action.updates.values_list("kind", flat=True)) == ["added"]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"recommendations.recommendation_added", "recommendations.action_added"} <= actions
    assert "30 April 2031" in client.get(page["Location"]).text


def test_a_number_already_used_is_refused_with_the_error_summary(
    signed_in_client: Callable[..., Any], tracker: Tracker
) -> None:
    client = signed_in_client("team_manager", user=tracker.manager)
    page = client.post(
        f"/recommendations/{tracker.recommendation.pk}/add-action/",
        {
            "number": "1.1",
            "text": "Again",
            "owning_agency": "CSC",
            "owner": "",
            "due_day": "1",
            "due_month": "1",
            "due_year": "2031",
        },
    )
    assert page.status_code == 200
    assert "Action 1.1 is already in recommendation 1" in page.text
    assert ActionUpdate.objects.filter(action__number="1.1").count() == 1


def test_an_action_without_a_due_date_or_agency_is_refused(
    signed_in_client: Callable[..., Any], tracker: Tracker
) -> None:
    client = signed_in_client("team_manager", user=tracker.manager)
    page = client.post(
        f"/recommendations/{tracker.recommendation.pk}/add-action/",
        {"number": "1.2", "text": "Do it"},
    )
    assert "Enter the due date" in page.text and "Choose the owning agency" in page.text
    assert not Action.objects.filter(number="1.2").exists()


@pytest.mark.parametrize("role", ["auditor", "school_safeguarding_lead", "inquiry_team"])
def test_every_role_can_read_the_tracker(
    role: str, signed_in_client: Callable[..., Any], tracker: Tracker
) -> None:
    client = signed_in_client(role)
    for url in (
        "/recommendations/",
        f"/recommendations/sources/{tracker.source.pk}/",
        f"/recommendations/{tracker.recommendation.pk}/",
        f"/recommendations/actions/{tracker.action.pk}/",
        "/recommendations/report/",
    ):
        assert client.get(url).status_code == 200, url
    assert "Add a source" not in client.get("/recommendations/").text


def test_a_manager_assigns_an_owner_and_it_is_audited(
    signed_in_client: Callable[..., Any], tracker: Tracker, make_user: Callable[..., Any]
) -> None:
    other = make_user("police_analyst")
    client = signed_in_client("administrator")
    page = client.post(
        f"/recommendations/actions/{tracker.action.pk}/owner/", {"owner": str(other.pk)}
    )
    assert page.status_code == 302
    tracker.action.refresh_from_db()
    assert tracker.action.owner == other
    entry = AuditEntry.objects.get(action="recommendations.owner_assigned")
    assert entry.detail["owner"] == other.username


def test_the_index_links_only_to_the_pages_the_role_may_use(
    signed_in_client: Callable[..., Any], tracker: Tracker
) -> None:
    inquiry = signed_in_client("inquiry_team").get("/recommendations/").text
    assert "Actions awaiting sign-off" in inquiry and "Your actions" not in inquiry
    practitioner = signed_in_client("specialist_practitioner").get("/recommendations/").text
    assert "Your actions" in practitioner and "Actions awaiting sign-off" not in practitioner
    assert tracker.source.title in practitioner
    assert "1 recommendation, 1 action: 0 signed off, 0 in progress, 0 overdue" in practitioner
