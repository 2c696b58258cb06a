"""Reminders and escalation (once per item per day), the managers' list, the dashboard,
and imported intelligence reports logged for triage (once each)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.accounts.models import Notification, Team
from joinedup.web.audit.models import AuditEntry
from joinedup.web.intelligence.models import IntelligenceItem, ItemSubject
from joinedup.web.intelligence.services import dashboard_items, log_imported_reports, send_reminders
from tests.web.conftest import SignedInClient
from tests.web.intelligence.conftest import Index

pytestmark = pytest.mark.django_db

Log = Callable[..., IntelligenceItem]
NOON = timezone.make_aware(datetime(2026, 3, 10, 12, 0))


def _due(item: IntelligenceItem, at: datetime) -> None:
    IntelligenceItem.objects.filter(pk=item.pk).update(decide_by=at)


def _told(user: Any) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("subject", flat=True))


def test_the_owner_is_reminded_when_the_deadline_nears(make_user: Any, log: Log) -> None:
    owner = make_user("specialist_practitioner")
    item = log(owner)
    _due(item, NOON + timedelta(hours=5))
    assert send_reminders(NOON) == 1
    assert _told(owner) == [f"Intelligence item {item.reference} is due"]
    assert IntelligenceItem.objects.get(pk=item.pk).escalated_at is None


def test_an_overdue_item_is_escalated_to_the_owners_team_manager_once_a_day(
    make_user: Any, log: Log
) -> None:
    manager = make_user("team_manager")
    other_manager = make_user("team_manager")
    owner = make_user(
        "specialist_practitioner", team=Team.objects.create(name="CATE", manager=manager)
    )
    item = log(owner)
    _due(item, NOON - timedelta(hours=1))
    assert send_reminders(NOON) == 2
    assert _told(manager) == [f"Intelligence item {item.reference} is overdue"]
    assert _told(owner) == [f"Intelligence item {item.reference} is overdue"]
    assert _told(other_manager) == []
    assert IntelligenceItem.objects.get(pk=item.pk).escalated_at is not None
    entry = AuditEntry.objects.get(action="intelligence.escalated")
    assert entry.detail["managers_told"] == [manager.username] and entry.actor_username == ""
    assert send_reminders(NOON + timedelta(hours=3)) == 0
    assert send_reminders(NOON + timedelta(days=1)) == 2
    assert len(_told(manager)) == 2


def test_an_owner_without_a_team_is_escalated_to_every_team_manager(
    make_user: Any, log: Log, index: Index
) -> None:
    managers = [make_user("team_manager"), make_user("team_manager")]
    item = log(make_user("police_analyst", agency=index.pol))
    _due(item, NOON - timedelta(days=2))
    assert send_reminders(NOON) == 3
    assert all(_told(m) == [f"Intelligence item {item.reference} is overdue"] for m in managers)


def test_responded_items_are_never_chased(make_user: Any, log: Log) -> None:
    item = log(make_user("specialist_practitioner"))
    IntelligenceItem.objects.filter(pk=item.pk).update(status="responded")
    _due(item, NOON - timedelta(days=5))
    assert send_reminders(NOON) == 0


def test_the_dashboard_lists_my_items_due_and_escalated_items_for_managers(
    make_user: Any, log: Log
) -> None:
    owner, manager = make_user("specialist_practitioner"), make_user("team_manager")
    mine, later = log(owner), log(owner)
    _due(mine, timezone.now() - timedelta(hours=1))
    _due(later, timezone.now() + timedelta(days=5))
    assert [(d.reference, d.overdue) for d in dashboard_items(owner)] == [(mine.reference, True)]
    assert dashboard_items(manager) == []
    send_reminders()
    assert [(d.reference, d.why) for d in dashboard_items(manager)] == [
        (mine.reference, "escalated")
    ]
    assert dashboard_items(make_user("auditor")) == []


def test_the_managers_list_shows_overdue_escalated_and_unowned_items(
    signed_in_client: Callable[..., SignedInClient], make_user: Any, log: Log
) -> None:
    leaver = make_user("specialist_practitioner")
    orphan, late = log(leaver), log(make_user("specialist_practitioner"))
    leaver.is_active = False
    leaver.save()
    _due(late, timezone.now() - timedelta(hours=1))
    page = signed_in_client("team_manager").get("/intelligence/oversight/")
    assert page.status_code == 200
    unowned = page.text.split("Without an owner who can work them")[1].split("<h2")[0]
    overdue = page.text.split('<h2 class="govuk-heading-m">Overdue')[1].split("<h2")[0]
    assert orphan.reference in unowned and late.reference not in unowned
    assert late.reference in overdue
    assert (
        signed_in_client("specialist_practitioner").get("/intelligence/oversight/").status_code
        == 403
    )


def test_imported_reports_are_logged_once_with_their_grade_and_subjects(
    signed_in_client: Callable[..., SignedInClient], report: Callable[..., Any], index: Index
) -> None:
    event = report()
    client = signed_in_client("team_manager")
    page = client.post("/intelligence/import/")
    assert page.status_code == 200 and "1 imported intelligence report logged" in page.text
    item = IntelligenceItem.objects.get()
    assert (item.event, item.grade, item.owner, item.source_agency) == (
        event,
        "1BC",
        client.user,
        index.pol,
    )
    assert item.text == event.narrative and item.source_type == "partner_system"
    keys = set(ItemSubject.objects.filter(item=item).values_list("key", flat=True))
    assert keys == {"P-0000001", "P-0000003", "PL-0000001", "AB12CDE"}
    assert AuditEntry.objects.filter(action="intelligence.imported").count() == 1
    client.post("/intelligence/import/")
    assert log_imported_reports() == 0
    assert IntelligenceItem.objects.count() == 1


def test_without_a_user_imports_go_to_a_manager_for_triage(
    make_user: Any, report: Callable[..., Any]
) -> None:
    report()
    manager = make_user("team_manager", username="b.manager")
    make_user("specialist_practitioner", username="a.practitioner")
    assert log_imported_reports() == 1
    assert IntelligenceItem.objects.get().owner == manager


def test_only_managers_may_import(
    signed_in_client: Callable[..., SignedInClient], report: Callable[..., Any]
) -> None:
    report()
    assert signed_in_client("police_analyst").post("/intelligence/import/").status_code == 403
    assert not IntelligenceItem.objects.exists()
