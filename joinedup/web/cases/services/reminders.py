"""Reminders of plan reviews, and the dashboard's list of the user's reviews due.

`send_reminders(now)` (run by `joinedup remind`, from cron): for each live plan of an
open case whose review is due within `review_due_soon_days` (data/timescales.yaml) or
overdue, the allocated worker is told (the team's manager when no worker is allocated);
an overdue review is escalated to the manager of the case's team too. Each person is
told about one plan at most once a day (`ReminderSent`), so a second run the same day
sends nothing. Notifications name the case reference, never the child.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from joinedup.web.accounts.models import User
from joinedup.web.accounts.notifications import notify
from joinedup.web.audit.services import record_event
from joinedup.web.cases.models import Case, Plan, ReminderSent
from joinedup.web.cases.services.vocabularies import label, plan_types, review_due_soon_days

__all__ = ["CaseReviewDue", "dashboard_items", "send_reminders"]


@dataclass(frozen=True)
class CaseReviewDue:
    """A plan review due soon or overdue on one of the user's cases (for the dashboard)."""

    reference: str
    subject: str
    plan_type: str
    review_date: date
    overdue: bool
    url: str


def _plans_due(today: date) -> QuerySet[Plan]:
    soon = today + timedelta(days=review_due_soon_days())
    return Plan.objects.filter(
        ended_on__isnull=True, case__status=Case.OPEN, review_date__lte=soon
    ).select_related("case__worker", "case__team__manager", "case__person")


def send_reminders(now: datetime) -> int:
    """Tell workers of reviews due soon or overdue, and managers of overdue ones.

    Returns how many notifications were sent."""
    today = timezone.localdate(now)
    sent = 0
    for plan in _plans_due(today):
        for recipient, kind in _recipients(plan, today):
            sent += _send_once(plan, recipient, kind, today)
    return sent


def _recipients(plan: Plan, today: date) -> list[tuple[User, str]]:
    overdue = plan.review_date < today
    worker, team = plan.case.worker, plan.case.team
    manager = team.manager if team is not None else None
    found: list[tuple[User, str]] = []
    owner = worker or manager
    if owner is not None and owner.is_active:
        found.append((owner, "overdue" if overdue else "due"))
    if overdue and manager is not None and manager.is_active and manager != owner:
        found.append((manager, "escalated"))
    return found


def _send_once(plan: Plan, recipient: User, kind: str, today: date) -> int:
    if ReminderSent.objects.filter(plan=plan, recipient=recipient, sent_on=today).exists():
        return 0
    try:
        with transaction.atomic():
            ReminderSent.objects.create(plan=plan, recipient=recipient, kind=kind, sent_on=today)
            subject, body = _message(plan, kind, today)
            notify(
                recipient,
                f"case_review_{kind}",
                subject,
                body,
                person_id=plan.case.person.person_id if plan.case.person else "",
            )
            record_event(
                None,
                "cases.reminder_sent",
                target_type="case",
                target_id=plan.case.reference,
                detail={"plan_id": plan.pk, "kind": kind, "recipient": recipient.username},
            )
    except IntegrityError:
        return 0  # told about this plan today by a run at the same time
    return 1


def _message(plan: Plan, kind: str, today: date) -> tuple[str, str]:
    name, ref, due = label(plan_types(), plan.plan_type), plan.case.reference, plan.review_date
    when = f"{due.day} {due:%B %Y}"
    if kind == "due":
        return (
            f"{ref}: plan review due {when}",
            f"The review of the {name} on case {ref} is due on {when}.",
        )
    late = (today - due).days
    subject = f"{ref}: plan review overdue by {late} day{'s' if late != 1 else ''}"
    body = f"The review of the {name} on case {ref} was due on {when} and has not been recorded."
    if kind == "escalated":
        body += " It is on a case allocated to your team; you are told as its manager."
    return subject, body


def dashboard_items(user: User, today: date | None = None) -> list[CaseReviewDue]:
    """Plan reviews due within the reminder window, or overdue, on cases allocated to the user."""
    today = today or timezone.localdate()
    plans = _plans_due(today).filter(case__worker=user).order_by("review_date", "pk")
    return [
        CaseReviewDue(
            plan.case.reference,
            _subject(plan.case),
            label(plan_types(), plan.plan_type),
            plan.review_date,
            plan.review_date < today,
            reverse("cases:case", args=[plan.case.reference]),
        )
        for plan in plans
    ]


def _subject(case: Case) -> str:
    return case.person.person_id if case.person else case.context_name
