"""Progress by the owner or their agency: statuses, reasons, history, concurrency, audit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from joinedup.web.audit.models import AuditEntry
from joinedup.web.recommendations.models import Action
from tests.web.recommendations.conftest import Tracker

pytestmark = pytest.mark.django_db


def _post(client: Any, action: Action, status: str, note: str, version: int | None = None) -> Any:
    data = {"status": status, "note": note, "version": version or action.version}
    return client.post(f"/recommendations/actions/{action.pk}/progress/", data)


def test_the_owner_records_progress_and_the_history_keeps_every_step(
    signed_in_client: Callable[..., Any], tracker: Tracker
) -> None:
    client = signed_in_client(user=tracker.owner)
    assert _post(client, tracker.action, "in_progress", "Met the data leads").status_code == 302
    tracker.action.refresh_from_db()
    assert (
        _post(client, tracker.action, "in_progress", "Drafted the definitions").status_code == 302
    )
    tracker.action.refresh_from_db()
    assert tracker.action.status == "in_progress"
    notes = list(tracker.action.updates.values_list("kind", "status", "note"))
    assert notes == [
        ("added", "not_started", ""),
        ("progress", "in_progress", "Met the data leads"),
        ("progress", "in_progress", "Drafted the definitions"),
    ]
    entries = AuditEntry.objects.filter(action="recommendations.progress")
    assert entries.count() == 2 and entries.first().detail["to"] == "in_progress"  # type: ignore[union-attr]
    page = client.get(f"/recommendations/actions/{tracker.action.pk}/")
    assert "Drafted the definitions" in page.text and "Met the data leads" in page.text


def test_a_user_of_the_owning_agency_may_update_but_another_agencys_may_not(
    signed_in_client: Callable[..., Any], tracker: Tracker, agencies: dict[str, Any]
) -> None:
    colleague = signed_in_client("health_safeguarding_lead", agency=agencies["CSC"])
    assert _post(colleague, tracker.action, "in_progress", "Started").status_code == 302
    tracker.action.refresh_from_db()
    police = signed_in_client("police_analyst", agency=agencies["POL"])
    assert police.get(f"/recommendations/actions/{tracker.action.pk}/progress/").status_code == 403
    assert _post(police, tracker.action, "completed", "Done").status_code == 403
    tracker.action.refresh_from_db()
    assert tracker.action.status == "in_progress"
    assert AuditEntry.objects.filter(action="recommendations.progress").count() == 1


@pytest.mark.parametrize("role", ["inquiry_team", "administrator", "auditor"])
def test_roles_without_update_recommendations_are_refused(
    role: str, signed_in_client: Callable[..., Any], tracker: Tracker, agencies: dict[str, Any]
) -> None:
    client = signed_in_client(role, agency=agencies["CSC"])
    assert _post(client, tracker.action, "in_progress", "x").status_code == 403


def test_completing_records_who_completed_and_writes_its_own_audit_action(
    signed_in_client: Callable[..., Any], tracker: Tracker
) -> None:
    client = signed_in_client(user=tracker.owner)
    _post(client, tracker.action, "completed", "Definitions signed by every agency")
    tracker.action.refresh_from_db()
    assert (tracker.action.status, tracker.action.completed_by) == ("completed", tracker.owner)
    assert AuditEntry.objects.filter(action="recommendations.completed").count() == 1
    assert (
        "Record progress" not in client.get(f"/recommendations/actions/{tracker.action.pk}/").text
    )
    refused = _post(client, tracker.action, "in_progress", "Changed my mind")
    assert refused.status_code == 200 and "Choose a status from the list" in refused.text


def test_not_accepted_needs_a_reason_and_keeps_it(
    signed_in_client: Callable[..., Any], tracker: Tracker
) -> None:
    client = signed_in_client(user=tracker.owner)
    page = _post(client, tracker.action, "not_accepted", "")
    assert page.status_code == 200 and "There is a problem" in page.text
    assert "why the action is not accepted" in page.text
    _post(client, tracker.action, "not_accepted", "Needs a change in national law")
    tracker.action.refresh_from_db()
    assert tracker.action.status == "not_accepted"
    assert tracker.action.updates.last().note == "Needs a change in national law"  # type: ignore[union-attr]


def test_an_update_made_on_a_stale_page_is_refused(
    signed_in_client: Callable[..., Any], tracker: Tracker
) -> None:
    client = signed_in_client(user=tracker.owner)
    seen = tracker.action.version
    _post(client, tracker.action, "in_progress", "First")
    page = _post(client, tracker.action, "completed", "Second, from an old page", version=seen)
    assert page.status_code == 200 and "Someone else changed this action" in page.text
    tracker.action.refresh_from_db()
    assert tracker.action.status == "in_progress"
    assert tracker.action.updates.count() == 2


def test_my_actions_lists_what_i_and_my_agency_own(
    signed_in_client: Callable[..., Any], tracker: Tracker, make_action: Callable[..., Action]
) -> None:
    make_action("1.5", agency="POL")
    page = signed_in_client(user=tracker.owner).get("/recommendations/mine/")
    assert "Agree how to count" in page.text and "Action 1.5" not in page.text
