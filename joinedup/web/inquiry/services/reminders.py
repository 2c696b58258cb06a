"""Reminders about evidence requests, and the dashboard's items.

`send_reminders(now)` (run by `joinedup remind`, from cron) tells the member of staff
who drafted each outstanding request when its deadline is within `due_soon_days`
(data/requests.yaml) and, after the deadline, that it is overdue. Each request's owner
hears at most once a day (`RequestReminderSent`), so a second run the same day sends
nothing. Notifications name the request's reference and deadline only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from joinedup.web.access.services import has_capability
from joinedup.web.accounts.notifications import notify
from joinedup.web.inquiry.models import EvidenceRequest, RequestReminderSent
from joinedup.web.inquiry.services import vocabulary as vocab

__all__ = ["DashboardItem", "dashboard_items", "send_reminders"]

SUBJECTS = {
    "due_soon": "Evidence request {reference} is due on {deadline}",
    "overdue": "Evidence request {reference} is overdue (due {deadline})",
}


@dataclass(frozen=True, slots=True)
class DashboardItem:
    section: str  # "Evidence requests overdue" or "Your evidence requests due soon"
    label: str
    href: str
    due: date
    tag: str  # "Overdue" or "Due soon" (GOV.UK tag text)


def _day(value: date) -> str:
    return format_date(value, "j F Y")


def _due(today: date) -> list[EvidenceRequest]:
    horizon = today + timedelta(days=vocab.reminder_days())
    found = EvidenceRequest.objects.filter(
        status__in=vocab.outstanding_statuses(), deadline__lte=horizon
    )
    return list(found.select_related("created_by").order_by("deadline", "reference"))


def send_reminders(now: datetime) -> int:
    """Send what is due today; return how many notifications were sent."""
    today = timezone.localdate(now)
    sent = 0
    for found in _due(today):
        owner = found.created_by
        if not (owner.is_active and has_capability(owner, "inquiry_work")):
            continue
        kind = "overdue" if found.deadline < today else "due_soon"
        sent += _send(found, kind, owner, today)
    return sent


def _send(found: EvidenceRequest, kind: str, recipient: Any, today: date) -> int:
    try:
        with transaction.atomic():
            RequestReminderSent.objects.create(
                request=found, recipient=recipient, kind=kind, sent_on=today
            )
            subject = SUBJECTS[kind].format(
                reference=found.reference, deadline=_day(found.deadline)
            )
            body = f"{subject}. Status: {vocab.status_label(found.status).lower()}."
            email = f"{subject}. Sign in to joinedup to see the request."
            notify(recipient, f"inquiry.request_{kind}", subject[:200], body, email=email)
    except IntegrityError:
        return 0  # already reminded today
    return 1


def dashboard_items(user: Any, today: date | None = None) -> list[DashboardItem]:
    """For the inquiry's staff: every overdue request, then their own due soon."""
    if not has_capability(user, "inquiry_work"):
        return []
    today = today or timezone.localdate()
    items = []
    for found in _due(today):
        if found.deadline < today:
            items.append(_item("Evidence requests overdue", found, "Overdue"))
        elif found.created_by_id == user.pk:
            items.append(_item("Your evidence requests due soon", found, "Due soon"))
    return items


def _item(section: str, found: EvidenceRequest, tag: str) -> DashboardItem:
    label = f"{found.reference} ({vocab.kind_label(found.kind)}): due {_day(found.deadline)}"
    href = reverse("inquiry:request", args=[found.pk])
    return DashboardItem(section, label, href, found.deadline, tag)
