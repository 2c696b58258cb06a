"""Break-glass: a reason, time-limited access, a record, and the manager is told."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from joinedup.web.access.models import BreakGlassAccess
from joinedup.web.access.services import access_to_person
from joinedup.web.accounts.models import Notification, Team
from joinedup.web.audit.models import AuditEntry
from tests.web.access.conftest import Index

pytestmark = pytest.mark.django_db

REASON = "Police report the child missing tonight; I need the history of missing episodes."


@pytest.fixture
def team(make_user: Callable[..., Any]) -> Team:
    manager = make_user("team_manager", "mo.manager", email="mo@example.org")
    return Team.objects.create(name="Child exploitation team", manager=manager)


def test_the_form_asks_for_a_reason_of_some_length(
    index: Index, signed_in_client: Callable[..., Client]
) -> None:
    client = signed_in_client()
    url = "/people/P-000001/break-glass/"
    page = client.get(url)
    assert page.status_code == 200 and "Your team manager will be told" in page.text
    empty = client.post(url, {"reason": ""})
    assert '<a href="#id_reason">Enter why you need to see this record now</a>' in empty.text
    short = client.post(url, {"reason": "urgent"})
    assert "Reason must be 20 characters or more" in short.text
    assert not BreakGlassAccess.objects.exists()


def test_breaking_the_glass_records_it_opens_the_record_and_tells_the_manager(
    index: Index,
    team: Team,
    signed_in_client: Callable[..., Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = signed_in_client(team=team)
    person = index["P-000001"]
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            "/people/P-000001/break-glass/", {"reason": REASON, "next": "/people/P-000001/"}
        )
    assert done.status_code == 302
    assert done["Location"] == "/people/P-000001/purpose/?next=%2Fpeople%2FP-000001%2F"
    grant = BreakGlassAccess.objects.get()
    assert grant.user == client.user and grant.person == person and grant.reason == REASON
    assert timedelta(hours=7) < grant.expires_at - grant.granted_at <= timedelta(hours=8)
    assert access_to_person(client.user, person).basis == "break_glass"

    notification = Notification.objects.get()
    assert notification.recipient == team.manager and notification.kind == "break_glass"
    assert REASON in notification.body and notification.person_id == "P-000001"
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["mo@example.org"] and "break-glass" in email.body
    assert REASON not in email.body and "P-000001" not in email.body, "no details by e-mail"

    entry = AuditEntry.objects.get(action="break_glass")
    assert entry.basis == "break_glass" and entry.target_id == "P-000001"
    assert entry.detail["reason"] == REASON and entry.detail["managers_told"] == ["mo.manager"]


def test_break_glass_access_runs_out(
    index: Index, signed_in_client: Callable[..., Client], make_user: Callable[..., Any]
) -> None:
    make_user("team_manager")
    client = signed_in_client()
    client.post("/people/P-000002/break-glass/", {"reason": REASON})
    grant = BreakGlassAccess.objects.get()
    assert access_to_person(client.user, index["P-000002"]).allowed
    grant.expires_at = timezone.now() - timedelta(seconds=1)
    grant.save()
    assert not access_to_person(client.user, index["P-000002"]).allowed


def test_without_a_team_manager_every_team_manager_is_told(
    index: Index, signed_in_client: Callable[..., Client], make_user: Callable[..., Any]
) -> None:
    managers = {make_user("team_manager").username for _ in range(2)}
    client = signed_in_client("police_analyst")
    client.post("/people/P-000003/break-glass/", {"reason": REASON})
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert told == managers


def test_roles_without_break_glass_are_refused(
    index: Index, signed_in_client: Callable[..., Client]
) -> None:
    for role in ("inquiry_team", "auditor", "administrator"):
        page = signed_in_client(role).post("/people/P-000001/break-glass/", {"reason": REASON})
        assert page.status_code == 403, role
    assert not BreakGlassAccess.objects.exists()


def test_someone_who_already_has_access_goes_straight_to_the_purpose(
    index: Index, signed_in_client: Callable[..., Client], allocate: Callable[..., Any]
) -> None:
    client = signed_in_client()
    allocate(index["P-000001"], client.user)
    page = client.get("/people/P-000001/break-glass/")
    assert page.status_code == 302 and page["Location"].startswith("/people/P-000001/purpose/")
