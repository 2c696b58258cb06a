"""What the front door adds to the dashboard (`dashboard_items`, the casework contract).

For a screener: how many contacts wait for a decision, how many are urgent and how many
are past their timescale, each linking to the queue. For a referrer: their latest
referrals with the status or outcome, each linking to the referral. No child is named,
so the dashboard's own audit entry is not needed for these items.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils import timezone

from joinedup.web.access.services import has_capability
from joinedup.web.accounts.models import User
from joinedup.web.frontdoor.services.intake import referrals_of
from joinedup.web.frontdoor.services.performance import waiting_now
from joinedup.web.frontdoor.services.vocabulary import decisions

__all__ = ["DashboardItem", "dashboard_items"]

REFERRALS_SHOWN = 5


@dataclass(frozen=True, slots=True)
class DashboardItem:
    """One line of the front door's dashboard panel."""

    label: str
    href: str
    count: int | None = None
    tag: str = ""  # words for a GOV.UK tag, "" for none
    tag_colour: str = ""  # red, orange, green, grey, ...


def dashboard_items(user: User, now: datetime | None = None) -> list[DashboardItem]:
    now = now or timezone.now()
    items = []
    if has_capability(user, "screen_referrals"):
        items += _screening(now)
    if has_capability(user, "make_referrals"):
        items += _referrals(user)
    return items


def _screening(now: datetime) -> list[DashboardItem]:
    waiting, queue = waiting_now(now), reverse("frontdoor:queue")
    items = [DashboardItem("Contacts waiting for a decision", queue, waiting.total)]
    if waiting.urgent:
        items.append(
            DashboardItem("Urgent contacts waiting", queue, waiting.urgent, "Urgent", "red")
        )
    if waiting.past_target:
        items.append(
            DashboardItem(
                "Contacts past their timescale", queue, waiting.past_target, "Overdue", "red"
            )
        )
    return items


def _referrals(user: User) -> list[DashboardItem]:
    labels = {code: d.label for code, d in decisions().items()}
    found = referrals_of(user)[:REFERRALS_SHOWN]
    return [
        DashboardItem(
            f"Your referral {c.reference}",
            reverse("frontdoor:contact", args=[c.reference]),
            tag=labels.get(c.decision, "") or c.get_status_display(),
            tag_colour="green" if c.decision else "blue",
        )
        for c in found
    ]
