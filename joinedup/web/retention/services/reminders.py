"""Telling records managers what is due, and what the dashboard shows them.

`send_reminders(now)` (called by `joinedup remind`, for cron) tells every records
manager (roles with `manage_retention`) once when records newly fall due for review.
Each record is noticed once (`DueNotice`): a second call the same day, or any later day,
sends nothing until another record falls due. A decision to keep a record for longer
forgets its notice, so the records managers are told again at its new review date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from joinedup.web.access import roles
from joinedup.web.access.services import has_capability
from joinedup.web.accounts.models import User
from joinedup.web.accounts.notifications import notify
from joinedup.web.retention.models import DueNotice, LegalHold, RetentionDecision
from joinedup.web.retention.services.due import records_due

__all__ = ["NOTIFICATION_KIND", "DashboardItem", "dashboard_items", "records_managers",
           "send_reminders"]  # fmt: skip

NOTIFICATION_KIND = "retention_due"


@dataclass(frozen=True, slots=True)
class DashboardItem:
    label: str
    count: int
    href: str


def records_managers() -> QuerySet[User]:
    able = [role for role in roles.roles() if "manage_retention" in roles.capabilities(role)]
    return User.objects.filter(role__in=able, is_active=True)


def send_reminders(now: datetime) -> int:
    """Tell the records managers of records newly due; return how many were told."""
    due = records_due(timezone.localdate(now))
    noticed = set(DueNotice.objects.values_list("kind", "key"))
    new = [d.record for d in due if (d.record.kind, d.record.key) not in noticed]
    if not new:
        return 0
    managers = list(records_managers())
    with transaction.atomic():
        DueNotice.objects.bulk_create(
            [DueNotice(kind=r.kind, key=r.key, due_date=r.due, noticed_at=now) for r in new],
            ignore_conflicts=True,
        )
        for manager in managers:
            _tell(manager, len(new), len(due))
    return len(managers)


def _tell(manager: User, new: int, total: int) -> None:
    records = f"{new} record{'s' if new != 1 else ''}"
    subject = f"{records} newly due for retention review"
    body = (f"{records} passed their retention date and wait for a decision "
            f"({total} due for review in all). Nothing is destroyed until a records "
            "manager decides and another approves.")  # fmt: skip
    email = "Records are due for retention review in joinedup. Sign in to see them."
    notify(manager, NOTIFICATION_KIND, subject, body, email=email)


def dashboard_items(user: User) -> list[DashboardItem]:
    """What the dashboard shows a records manager or the inquiry team (empty for others)."""
    items = []
    if has_capability(user, "manage_retention"):
        due = len(records_due(timezone.localdate()))
        waiting = RetentionDecision.objects.filter(status=RetentionDecision.AWAITING)
        items += [
            DashboardItem("Records due for review", due, reverse("retention:due")),
            DashboardItem("Destructions awaiting your approval",
                          waiting.exclude(decided_by=user).count(),
                          reverse("retention:approvals")),
        ]  # fmt: skip
    if has_capability(user, "place_legal_holds"):
        held = LegalHold.objects.filter(lifted_at__isnull=True).count()
        items.append(DashboardItem("Legal holds in place", held, reverse("retention:holds")))
    return items
