"""Reminders: contacts past their timescale without a decision (the casework contract).

`send_reminders(now)` tells the duty managers (`urgent.duty_managers`) of each contact
waiting past its target, and the screener who took it, once per contact per day (UK
time): a `ReminderSent` row per contact and day makes a second call the same day send
nothing. The lead's `joinedup remind` command calls it from cron.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from joinedup.web.accounts.models import User
from joinedup.web.accounts.notifications import notify
from joinedup.web.audit.services import record_event
from joinedup.web.frontdoor.models import Contact, ReminderSent
from joinedup.web.frontdoor.services.queue import waiting_contacts
from joinedup.web.frontdoor.services.timescales import clock
from joinedup.web.frontdoor.services.urgent import duty_managers

__all__ = ["OVERDUE_KIND", "overdue_contacts", "send_reminders"]

OVERDUE_KIND = "frontdoor_overdue"


def overdue_contacts(now: datetime) -> list[Contact]:
    """Contacts waiting for a decision whose time ran out before `now`, oldest first."""
    late = [c for c in waiting_contacts() if clock(c, now).breached]
    return sorted(late, key=lambda c: (c.received_at, c.pk))


def send_reminders(now: datetime) -> int:
    """Tell each overdue contact's managers and screener once today; the notifications sent."""
    managers, _ = duty_managers(now)
    return sum(_remind(contact, managers, now) for contact in overdue_contacts(now))


def _remind(contact: Contact, managers: list[User], now: datetime) -> int:
    told = list(dict.fromkeys([*managers, *([contact.screener] if contact.screener else [])]))
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                contact=contact,
                day=timezone.localdate(now),
                sent_at=now,
                recipients=[u.username for u in told],
            )
            for user in told:
                _tell(user, contact, now)
            record_event(
                None,
                "frontdoor.reminder_sent",
                target_type="contact",
                target_id=contact.reference,
                detail={"told": [u.username for u in told], "overdue": clock(contact, now).words},
            )
    except IntegrityError:
        return 0  # already reminded today (by another run)
    return len(told)


def _tell(user: User, contact: Contact, now: datetime) -> None:
    state = clock(contact, now)
    subject = f"Contact {contact.reference} is past its timescale"
    body = (
        f"Contact {contact.reference} ({state.rating.label.lower()}: a decision within "
        f"{state.rating.target.total_seconds() / 3600:g} hours of receipt) has no decision "
        f"yet. {state.words}."
    )
    email = (
        "A contact at the front door is past its timescale without a decision. "
        f"Sign in to joinedup and open contact {contact.reference}."
    )
    notify(user, OVERDUE_KIND, subject, body, email=email)
