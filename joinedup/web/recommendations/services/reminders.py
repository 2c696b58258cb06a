"""Reminders, escalation and the dashboard's items.

`send_reminders(now)` (run by `joinedup remind`, from cron) tells each open action's
owner when it is due within `due_soon_days` or overdue, and the owner's managers when it
is `escalate_after_days` overdue (data/tracker.yaml). An action with no owner goes to the
users who manage recommendations, so someone assigns one. Each reminder goes at most
once a day to each person (`ReminderSent`), so a second run the same day sends nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from joinedup.web.access.services import has_capability
from joinedup.web.accounts.models import User
from joinedup.web.accounts.notifications import managers_to_alert, notify
from joinedup.web.recommendations.models import Action, ReminderSent
from joinedup.web.recommendations.services.signoff import awaiting_sign_off
from joinedup.web.recommendations.services.tracker import actions_for
from joinedup.web.recommendations.services.vocabulary import owner_open_statuses, timescale

__all__ = ["DashboardItem", "dashboard_items", "send_reminders"]

SUBJECTS = {
    "due_soon": "Recommendation action {number} is due on {due}",
    "overdue": "Recommendation action {number} is overdue (due {due})",
    "escalated": "Recommendation action {number} is more than {days} days overdue",
}


@dataclass(frozen=True, slots=True)
class DashboardItem:
    section: str  # "Your recommendation actions due" or "Recommendation actions to sign off"
    label: str
    href: str
    due: date | None
    tag: str  # "Overdue", "Due soon", "" (GOV.UK tag text)


def _day(value: date) -> str:
    return format_date(value, "j F Y")


def _due_actions(today: date) -> list[Action]:
    horizon = today + timedelta(days=timescale("due_soon_days"))
    found = Action.objects.filter(status__in=owner_open_statuses(), due__lte=horizon)
    return list(found.select_related("owner", "recommendation__source").order_by("due", "pk"))


def _managers_of_recommendations() -> list[User]:
    users = User.objects.filter(is_active=True).order_by("username")
    return [u for u in users if has_capability(u, "manage_recommendations")]


def _owners(action: Action) -> list[User]:
    if action.owner is not None and action.owner.is_active:
        return [action.owner]
    return _managers_of_recommendations()


def _escalate_to(action: Action) -> list[User]:
    if action.owner is not None:
        return managers_to_alert(action.owner)
    return _managers_of_recommendations()


def send_reminders(now: datetime) -> int:
    """Send what is due today; return how many notifications were sent."""
    today = timezone.localdate(now)
    sent = 0
    for action in _due_actions(today):
        kind = "overdue" if action.due < today else "due_soon"
        sent += sum(_send(action, kind, user, today) for user in _owners(action))
        if (today - action.due).days >= timescale("escalate_after_days"):
            sent += sum(_send(action, "escalated", user, today) for user in _escalate_to(action))
    return sent


def _send(action: Action, kind: str, recipient: User, today: date) -> int:
    with transaction.atomic():
        _, created = ReminderSent.objects.get_or_create(
            action=action, kind=kind, recipient=recipient, sent_on=today
        )
        if not created:
            return 0
        subject = SUBJECTS[kind].format(
            number=action.number, due=_day(action.due), days=timescale("escalate_after_days")
        )
        source = action.recommendation.source.title
        body = f"{subject}. {source}, action {action.number}: {action.text}"
        email = f"{subject}. Sign in to joinedup to see the action and record progress."
        notify(recipient, f"recommendations.{kind}", subject[:200], body, email=email)
    return 1


def dashboard_items(user: Any, today: date | None = None) -> list[DashboardItem]:
    """The user's actions due within the reminder period or overdue, then the completed
    actions they may sign off (oldest first)."""
    today = today or timezone.localdate()
    items: list[DashboardItem] = []
    if has_capability(user, "update_recommendations"):
        items += [_due_item(a, today) for a in _my_due(user, today)]
    if has_capability(user, "sign_off_recommendations"):
        items += [_sign_off_item(a) for a in awaiting_sign_off(user)]
    return items


def _my_due(user: Any, today: date) -> list[Action]:
    horizon = today + timedelta(days=timescale("due_soon_days"))
    mine = actions_for(user).filter(status__in=owner_open_statuses(), due__lte=horizon)
    return list(mine.order_by("due", "pk"))


def _due_item(action: Action, today: date) -> DashboardItem:
    label = f"Action {action.number} ({action.recommendation.source.title}): due {_day(action.due)}"
    href = reverse("recommendations:action", args=[action.pk])
    tag = "Overdue" if action.due < today else "Due soon"
    return DashboardItem("Your recommendation actions due", label, href, action.due, tag)


def _sign_off_item(action: Action) -> DashboardItem:
    label = f"Action {action.number} ({action.recommendation.source.title}): completed"
    href = reverse("recommendations:sign-off", args=[action.pk])
    return DashboardItem("Recommendation actions to sign off", label, href, action.due, "")
