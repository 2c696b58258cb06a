"""Reminders for contacts past their timescale (once per contact per day), and what the
front door gives the dashboard for screeners and for referrers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from joinedup.web.accounts.models import Notification, Team
from joinedup.web.audit.models import AuditEntry
from joinedup.web.frontdoor.models import Contact, ReminderSent
from joinedup.web.frontdoor.services import (
    dashboard_items,
    decide_contact,
    link_child,
    rate_contact,
    send_reminders,
    start_screening,
)
from tests.web.conftest import SignedInClient
from tests.web.frontdoor.conftest import RECEIVED_AT, Index

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)
Make = Callable[..., Contact]


@pytest.fixture
def manager(make_user: Callable[..., Any]) -> Any:
    user = make_user("team_manager")
    Team.objects.create(name="Exploitation team", manager=user)
    return user


def test_a_contact_past_its_timescale_is_reminded_once_a_day(
    manager: Any, make_contact: Make, make_user: Callable[..., Any]
) -> None:
    contact = make_contact(make_user("police_analyst"))  # not rated: due in 24 hours
    assert send_reminders(RECEIVED_AT + 23 * HOUR) == 0
    assert send_reminders(RECEIVED_AT + 25 * HOUR) == 1
    assert send_reminders(RECEIVED_AT + 26 * HOUR) == 0, "twice the same day"
    told = Notification.objects.get(recipient=manager)
    assert told.kind == "frontdoor_overdue"
    assert told.subject == f"Contact {contact.reference} is past its timescale"
    assert "Overdue by 1 hour" in told.body
    assert send_reminders(RECEIVED_AT + 49 * HOUR) == 1, "the next day"
    assert ReminderSent.objects.filter(contact=contact).count() == 2
    entry = AuditEntry.objects.filter(action="frontdoor.reminder_sent").first()
    assert entry is not None and entry.actor_username == "" and entry.target_id == contact.reference


def test_the_screener_who_took_the_contact_is_reminded_too(
    manager: Any, screener: SignedInClient, make_contact: Make, make_user: Callable[..., Any]
) -> None:
    contact = make_contact(make_user("police_analyst"))
    start_screening(screener.user, contact, version=None)
    assert send_reminders(RECEIVED_AT + 30 * HOUR) == 2
    assert Notification.objects.filter(recipient=screener.user).count() == 1
    recipients = set(ReminderSent.objects.get().recipients)
    assert recipients == {manager.username, screener.user.username}


def test_decided_and_on_time_contacts_are_not_reminded(
    manager: Any, screener: SignedInClient, make_contact: Make, make_user: Callable[..., Any],
    index: Index,
) -> None:  # fmt: skip
    referrer = make_user("police_analyst")
    decided = start_screening(screener.user, make_contact(referrer), version=None)
    decided = link_child(screener.user, decided, index.persons["P-000001"], version=None)
    decided = rate_contact(screener.user, decided, "green", "Low concern", version=None)
    decide_contact(screener.user, decided, "advice", "", version=None)
    green = make_contact(referrer)
    green.rag = "green"
    green.save()
    assert send_reminders(RECEIVED_AT + 30 * HOUR) == 0
    assert not Notification.objects.filter(kind="frontdoor_overdue").exists()


def test_the_duty_manager_on_the_rota_is_reminded_instead_of_every_team_manager(
    manager: Any, make_contact: Make, make_user: Callable[..., Any]
) -> None:
    from joinedup.web.frontdoor.models import DutyRota

    duty = make_user("team_manager")
    now = RECEIVED_AT + 30 * HOUR
    DutyRota.objects.create(manager=duty, starts_at=now - HOUR, ends_at=now + HOUR,
                            added_by=manager, added_at=now)  # fmt: skip
    make_contact(make_user("police_analyst"))
    assert send_reminders(now) == 1
    assert Notification.objects.get(kind="frontdoor_overdue").recipient == duty


# --- The dashboard ----------------------------------------------------------------------------
def test_screeners_see_how_many_contacts_wait_are_urgent_and_are_overdue(
    screener: SignedInClient, make_contact: Make, make_user: Callable[..., Any]
) -> None:
    referrer = make_user("police_analyst")
    make_contact(referrer)
    make_contact(referrer, urgent=True, urgent_reason="Now")
    items = {i.label: i for i in dashboard_items(screener.user, now=RECEIVED_AT + 5 * HOUR)}
    assert items["Contacts waiting for a decision"].count == 2
    assert items["Urgent contacts waiting"].count == 1
    assert items["Contacts past their timescale"].count == 1
    assert items["Contacts waiting for a decision"].href == "/front-door/queue/"


def test_referrers_see_their_own_referrals_with_the_outcome(
    signed_in_client: Callable[..., SignedInClient], make_contact: Make,
    make_user: Callable[..., Any],
) -> None:  # fmt: skip
    police = signed_in_client("police_analyst")
    mine = make_contact(police.user)
    make_contact(make_user("school_safeguarding_lead"))
    items = dashboard_items(police.user)
    assert [(i.label, i.tag) for i in items] == [(f"Your referral {mine.reference}", "Received")]
    assert items[0].href == f"/front-door/contacts/{mine.reference}/"


def test_roles_without_front_door_capabilities_get_nothing(make_user: Callable[..., Any]) -> None:
    assert dashboard_items(make_user("auditor")) == []


def test_the_front_door_page_offers_each_role_what_it_may_do(
    signed_in_client: Callable[..., SignedInClient],
) -> None:
    school = signed_in_client("school_safeguarding_lead").get("/front-door/").text
    assert "Make a referral from a school" in school and "Screening queue" not in school
    manager = signed_in_client("team_manager").get("/front-door/").text
    assert "Screening queue" in manager and "Duty rota" in manager
    assert signed_in_client("auditor").get("/front-door/").status_code == 403
