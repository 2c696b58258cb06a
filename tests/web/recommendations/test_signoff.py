"""Independent sign-off: signed off or returned, never by whoever completed the action."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from joinedup.web.audit.models import AuditEntry
from joinedup.web.recommendations.services import progress_report, record_progress, record_sign_off
from joinedup.web.recommendations.services.pages import recommendation_rows
from tests.web.recommendations.conftest import Tracker

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(tracker: Tracker) -> Tracker:
    record_progress(
        tracker.owner, tracker.action, "completed", "All agencies signed the definitions"
    )
    tracker.action.refresh_from_db()
    return tracker


def _post(client: Any, tracker: Tracker, decision: str, note: str = "") -> Any:
    data = {"decision": decision, "note": note, "version": tracker.action.version}
    return client.post(f"/recommendations/actions/{tracker.action.pk}/sign-off/", data)


def test_the_inquiry_team_signs_off_and_only_then_the_action_counts_as_done(
    signed_in_client: Callable[..., Any], completed: Tracker
) -> None:
    assert progress_report().actions.by_status["signed_off"] == 0
    client = signed_in_client("inquiry_team")
    assert completed.action.number in client.get("/recommendations/sign-off/").text
    assert _post(client, completed, "sign_off", "Seen the signed document").status_code == 302
    completed.action.refresh_from_db()
    assert completed.action.status == "signed_off"
    entry = AuditEntry.objects.get(action="recommendations.signed_off")
    assert entry.actor_username == client.user.username
    report = progress_report()
    assert report.actions.by_status["signed_off"] == 1
    assert report.recommendation_states["implemented"] == 1
    assert recommendation_rows(completed.source)[0].state == "implemented"


def test_a_returned_action_goes_back_to_in_progress_with_the_reason(
    signed_in_client: Callable[..., Any], completed: Tracker
) -> None:
    client = signed_in_client("inquiry_team")
    page = _post(client, completed, "return")
    assert page.status_code == 200 and "Enter why the action is returned" in page.text
    _post(client, completed, "return", "The minutes do not show health agreed")
    completed.action.refresh_from_db()
    assert (completed.action.status, completed.action.completed_by) == ("in_progress", None)
    assert completed.action.updates.last().note == "The minutes do not show health agreed"  # type: ignore[union-attr]
    entry = AuditEntry.objects.get(action="recommendations.returned")
    assert entry.detail["reason"] == "The minutes do not show health agreed"


def test_the_person_who_completed_an_action_cannot_sign_it_off(
    signed_in_client: Callable[..., Any], completed: Tracker
) -> None:
    """Separation of duties: the owner joins the inquiry team (a role that signs off)
    after completing the action, and is still refused."""
    owner = completed.owner
    owner.role, owner.agency = "inquiry_team", None
    owner.save()
    client = signed_in_client(user=owner)
    page = client.get(f"/recommendations/actions/{completed.action.pk}/sign-off/")
    assert page.status_code == 200 and "you cannot sign it off" in page.text
    assert 'name="decision"' not in page.text
    assert _post(client, completed, "sign_off", "Mine").status_code == 403
    completed.action.refresh_from_db()
    assert completed.action.status == "completed"
    assert not AuditEntry.objects.filter(action="recommendations.signed_off").exists()
    with pytest.raises(PermissionDenied):
        record_sign_off(owner, completed.action, True, "Directly")


def test_roles_without_sign_off_are_refused(
    signed_in_client: Callable[..., Any], completed: Tracker
) -> None:
    for role in ("team_manager", "administrator", "specialist_practitioner"):
        client = signed_in_client(role)
        assert _post(client, completed, "sign_off").status_code == 403, role
        assert client.get("/recommendations/sign-off/").status_code == 403, role
    completed.action.refresh_from_db()
    assert completed.action.status == "completed"


def test_an_action_not_completed_cannot_be_signed_off(
    signed_in_client: Callable[..., Any], tracker: Tracker
) -> None:
    client = signed_in_client("inquiry_team")
    page = client.get(f"/recommendations/actions/{tracker.action.pk}/sign-off/")
    assert "Only an action marked completed can be signed off" in page.text
    assert _post(client, tracker, "sign_off").status_code == 403
    tracker.action.refresh_from_db()
    assert tracker.action.status == "not_started"
