"""What the dashboard shows from meetings: the user's next meetings and open actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from joinedup.web.access.services import has_capability
from joinedup.web.meetings import vocabulary
from joinedup.web.meetings.models import Action
from joinedup.web.meetings.services.visibility import meetings_visible_to

__all__ = ["DashboardItem", "dashboard_items", "open_actions_of"]

SHOWN = 5


@dataclass(frozen=True)
class DashboardItem:
    """One line of the dashboard's meetings panel."""

    kind: str  # "meeting" or "action"
    label: str  # "Operational MACE, 3 March 2026 at 10:00" / "Action 12: ..."
    href: str
    when: date
    tag: str  # "", "Due soon" or "Overdue"


def open_actions_of(user: Any) -> QuerySet[Action]:
    return Action.objects.filter(owner=user, status="open").select_related("item__meeting")


def dashboard_items(user: Any, today: date | None = None) -> list[DashboardItem]:
    """The user's next five meetings, then their five open actions due first."""
    if not (has_capability(user, "attend_meetings") or has_capability(user, "run_meetings")):
        return []
    today = today or timezone.localdate()
    return _meetings(user, today) + [_action(a, today) for a in open_actions_of(user)[:SHOWN]]


def _meetings(user: Any, today: date) -> list[DashboardItem]:
    upcoming = (
        meetings_visible_to(user)
        .filter(status__in=("planned", "in_progress"), starts_at__date__gte=today)
        .order_by("starts_at", "pk")[:SHOWN]
    )
    items = []
    for meeting in upcoming:
        at = timezone.localtime(meeting.starts_at)
        label = f"{vocabulary.kind(meeting.kind).label}, {at.day} {at:%B %Y} at {at:%H:%M}"
        href = reverse("meetings:meeting", args=[meeting.reference])
        items.append(DashboardItem("meeting", label, href, at.date(), ""))
    return items


def _action(action: Action, today: date) -> DashboardItem:
    soon = vocabulary.reminder_days("due_soon_days")
    tag = "Overdue" if action.due_on < today else ""
    if not tag and (action.due_on - today).days <= soon:
        tag = "Due soon"
    label = f"Action {action.pk} ({action.item.meeting.reference}): {action.description[:80]}"
    href = reverse("meetings:action", args=[action.pk])
    return DashboardItem("action", label, href, action.due_on, tag)
