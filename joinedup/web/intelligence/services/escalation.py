"""Reminders and escalation (`send_reminders`), and what the dashboard shows.

`send_reminders(now)` is called by `joinedup remind` (cron). For each open item:

- less than `remind_hours` (data/deadlines.yaml) to its deadline: the owner is reminded;
- past its deadline: the owner is told, the owner's team manager too (every active team
  manager when the owner has no team or manages it), and the item is marked escalated
  (`intelligence.escalated`).

At most one reminder per item per day (`ItemReminder`), so a second run the same day
sends nothing. Notifications name the item's reference, never its contents.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from joinedup.web.access.services import has_capability
from joinedup.web.accounts.models import Role, User
from joinedup.web.accounts.notifications import notify
from joinedup.web.intelligence.models import IntelligenceItem as Item
from joinedup.web.intelligence.models import ItemReminder
from joinedup.web.intelligence.services.changes import record_change
from joinedup.web.intelligence.services.deadlines import remind_before
from joinedup.web.intelligence.services.listing import OPEN_STATUSES

__all__ = ["DashboardItem", "dashboard_items", "managers_of", "send_reminders"]

KIND = "intelligence"
EMAIL = "An intelligence item in joinedup needs a decision. Sign in to joinedup to see it."


def managers_of(owner: User) -> list[User]:
    """The owner's team manager; failing that every active team manager but the owner."""
    team = owner.team
    if team is not None and team.manager is not None and team.manager.is_active:
        if team.manager != owner:
            return [team.manager]
    managers = User.objects.filter(role=Role.TEAM_MANAGER, is_active=True).exclude(pk=owner.pk)
    return list(managers.order_by("username"))


def send_reminders(now: datetime | None = None) -> int:
    """Remind and escalate; return how many notifications were sent."""
    now = now or timezone.now()
    due = Item.objects.filter(status__in=OPEN_STATUSES, decide_by__lt=now + remind_before())
    sent = 0
    for item in due.select_related("owner__team__manager").order_by("decide_by", "pk"):
        sent += _remind(item, now)
    return sent


def _remind(item: Item, now: datetime) -> int:
    overdue = item.decide_by < now
    try:
        with transaction.atomic():
            reminder = ItemReminder.objects.create(
                item=item,
                kind="overdue" if overdue else "due_soon",
                sent_on=timezone.localdate(now),
            )
            told = _tell(item, overdue)
            reminder.recipients = ",".join(u.username for u in told)[:500]
            reminder.save(update_fields=["recipients"])
    except IntegrityError:
        return 0  # reminded already today
    return len(told)


def _tell(item: Item, overdue: bool) -> list[User]:
    due = timezone.localtime(item.decide_by)
    when = f"{due:%H:%M} on {due.day} {due:%B %Y}"
    if not overdue:
        notify(
            item.owner,
            KIND,
            f"Intelligence item {item.reference} is due",
            f"{item.reference} needs a decision by {when}.",
            email=EMAIL,
        )
        return [item.owner]
    managers = managers_of(item.owner)
    subject = f"Intelligence item {item.reference} is overdue"
    body = f"{item.reference}, owned by {item.owner.username}, was due a decision by {when}."
    for user in [item.owner, *managers]:
        notify(user, KIND, subject, body, email=EMAIL)
    item.escalated_at = item.escalated_at or timezone.now()
    item.save(update_fields=["escalated_at"])
    record_change(
        item,
        None,
        "escalated",
        from_status=item.status,
        detail={"managers_told": [m.username for m in managers]},
    )
    return [item.owner, *managers]


@dataclass(frozen=True)
class DashboardItem:
    reference: str
    href: str
    grade: str
    decide_by: datetime
    overdue: bool
    escalated: bool
    why: str  # 'yours' or 'escalated'


def dashboard_items(user: Any, now: datetime | None = None) -> list[DashboardItem]:
    """The user's open items due within `remind_hours` or overdue; for holders of
    `allocate_cases`, every escalated item too. Soonest first, each once."""
    if not has_capability(user, "log_intelligence"):
        return []
    now = now or timezone.now()
    open_items = Item.objects.filter(status__in=OPEN_STATUSES)
    mine = open_items.filter(owner=user, decide_by__lt=now + remind_before())
    found = {i.pk: _dashboard(i, now, "yours") for i in mine}
    if has_capability(user, "allocate_cases"):
        for item in open_items.filter(escalated_at__isnull=False).exclude(pk__in=found):
            found[item.pk] = _dashboard(item, now, "escalated")
    return sorted(found.values(), key=lambda d: (d.decide_by, d.reference))


def _dashboard(item: Item, now: datetime, why: str) -> DashboardItem:
    return DashboardItem(
        item.reference,
        reverse("intelligence:item", args=[item.reference]),
        item.grade,
        item.decide_by,
        item.decide_by < now,
        item.escalated_at is not None,
        why,
    )
