"""Reminders (run by `joinedup remind`, from cron).

- A draft whose comment deadline is `draft_reminder_days` away or nearer: each current
  member who has not commented on it is reminded, once (a survivor is not chased daily).
- A proposal unanswered after `proposal_answer_days`: the inquiry's named staff (or, if
  none are named, every inquiry team account) are reminded, at most once a day.

Each reminder is recorded (`ReminderSent`), so a second run the same day sends nothing.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from joinedup.web.access.services import has_capability
from joinedup.web.accounts.models import User
from joinedup.web.accounts.notifications import notify
from joinedup.web.inquiry.models import Inquiry, InquiryStaff
from joinedup.web.panel.models import Draft, PanelMember, Proposal, ReminderSent
from joinedup.web.panel.services.membership import active_members, panel_inquiry
from joinedup.web.panel.services.vocabulary import timescale

__all__ = ["send_reminders"]

DRAFT_CLOSING, PROPOSAL_WAITING = "draft_closing", "proposal_waiting"


def send_reminders(now: datetime) -> int:
    """Send what is due today; return how many notifications were sent."""
    inquiry = panel_inquiry()
    if inquiry is None:
        return 0
    today = timezone.localdate(now)
    return _drafts_closing(inquiry, today) + _proposals_waiting(inquiry, now, today)


def _drafts_closing(inquiry: Inquiry, today: date) -> int:
    horizon = today + timedelta(days=timescale("draft_reminder_days"))
    drafts = Draft.objects.filter(inquiry=inquiry, deadline__gte=today, deadline__lte=horizon)
    sent = 0
    for draft in drafts.order_by("deadline", "pk"):
        commented = set(draft.comments.values_list("member_id", flat=True))
        for member in active_members(inquiry):
            if member.pk not in commented and not _reminded_before(draft, member):
                sent += _send(DRAFT_CLOSING, draft.pk, member.user, today, _closing(draft))
    return sent


def _reminded_before(draft: Draft, member: PanelMember) -> bool:
    return ReminderSent.objects.filter(
        kind=DRAFT_CLOSING, item_id=draft.pk, recipient_id=member.user_id
    ).exists()


def _closing(draft: Draft) -> tuple[str, str, str]:
    day = f"{draft.deadline.day} {draft.deadline:%B %Y}"
    where = reverse("panel:draft", args=[draft.pk])
    subject = f"Comments on a draft close on {day}"
    body = f"The inquiry would value your comments on \u201c{draft.title}\u201d by {day}: {where}"
    email = f"{subject}. Sign in to read the draft and comment, if you wish to."
    return subject, body, email


def _proposals_waiting(inquiry: Inquiry, now: datetime, today: date) -> int:
    cutoff = now - timedelta(days=timescale("proposal_answer_days"))
    waiting = Proposal.objects.filter(inquiry=inquiry, status="open", proposed_at__lte=cutoff)
    staff = _staff(inquiry)
    sent = 0
    for proposal in waiting.order_by("proposed_at", "pk"):
        message = _waiting(proposal, today)
        sent += sum(_send(PROPOSAL_WAITING, proposal.pk, u, today, message) for u in staff)
    return sent


def _waiting(proposal: Proposal, today: date) -> tuple[str, str, str]:
    days = (today - timezone.localdate(proposal.proposed_at)).days
    subject = f"A panel proposal has waited {days} days for an answer"
    where = reverse("panel:proposal-answer", args=[proposal.pk])
    body = f"{subject}: \u201c{proposal.title}\u201d. Record the answer at {where}"
    return subject, body, f"{subject}. Sign in to joinedup to answer it."


def _staff(inquiry: Inquiry) -> list[User]:
    named = InquiryStaff.objects.filter(inquiry=inquiry, user__is_active=True)
    users = [s.user for s in named.select_related("user").order_by("user__username")]
    users = [u for u in users if has_capability(u, "inquiry_work")]
    if users:
        return users
    everyone = User.objects.filter(is_active=True).order_by("username")
    return [u for u in everyone if has_capability(u, "inquiry_work")]


def _send(kind: str, item_id: int, recipient: User, today: date, message: tuple[str, ...]) -> int:
    subject, body, email = message
    with transaction.atomic():
        _, created = ReminderSent.objects.get_or_create(
            kind=kind, item_id=item_id, recipient=recipient, sent_on=today
        )
        if not created:
            return 0
        notify(recipient, f"panel.{kind}", subject[:200], body, email=email)
    return 1
