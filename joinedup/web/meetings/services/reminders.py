"""Reminders about MACE actions, for the `joinedup remind` command (run daily by cron).

An open action due within a few days, or overdue, is sent to its owner; one overdue
by a week or more is escalated to the owner's manager (`managers_to_alert`). The
timescales are in data/meetings.yaml (`reminders`). Each person hears about an action
at most once a day: every reminder sent is stored (`ActionReminder`), so a second run
the same day sends nothing. Notifications name the meeting and the due date, never a
child.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from joinedup.web.accounts.models import User
from joinedup.web.accounts.notifications import managers_to_alert, notify
from joinedup.web.meetings import vocabulary
from joinedup.web.meetings.models import Action, ActionReminder

__all__ = ["send_reminders"]

KIND = "meeting_action"


def send_reminders(now: datetime) -> int:
    """Tell owners (and, for long-overdue actions, managers); return how many were told."""
    today = timezone.localdate(now)
    soon = today + timedelta(days=vocabulary.reminder_days("due_soon_days"))
    escalate = today - timedelta(days=vocabulary.reminder_days("escalate_after_days"))
    sent = 0
    due = Action.objects.filter(status="open", due_on__lte=soon)
    for action in due.select_related("owner", "item__meeting").order_by("due_on", "pk"):
        kind = "overdue" if action.due_on < today else "due_soon"
        sent += _send(action, action.owner, kind, today)
        if action.due_on <= escalate:
            sent += sum(
                _send(action, m, "escalated", today) for m in managers_to_alert(action.owner)
            )
    return sent


def _send(action: Action, recipient: User, kind: str, today: date) -> int:
    """Notify once per recipient, action and day; 0 if already told today."""
    try:
        with transaction.atomic():
            ActionReminder.objects.create(action=action, recipient=recipient, kind=kind,
                                          sent_on=today)  # fmt: skip
            subject, body = _words(action, kind, today)
            notify(recipient, KIND, subject, body, email=_email(kind))
    except IntegrityError:
        return 0
    return 1


def _words(action: Action, kind: str, today: date) -> tuple[str, str]:
    meeting = action.item.meeting
    due = f"{action.due_on.day} {action.due_on:%B %Y}"
    if kind == "escalated":
        late = (today - action.due_on).days
        owner = action.owner.get_full_name() or action.owner.username
        subject = f"A MACE action from {meeting.reference} is {late} days overdue"
        return subject, f"Action {action.pk}, owned by {owner}, was due on {due} and is still open."
    when = "was due" if kind == "overdue" else "is due"
    return (f"Your MACE action from {meeting.reference} {when} on {due}",
            f"Action {action.pk}: {action.description}")  # fmt: skip


def _email(kind: str) -> str:
    what = "overdue" if kind == "escalated" else "due soon or overdue"
    return (f"A MACE action is {what}. Sign in to joinedup to see it on your dashboard "
            "and under Meetings, My actions.")  # fmt: skip
