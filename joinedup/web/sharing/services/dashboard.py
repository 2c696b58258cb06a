"""What the dashboard shows of sharing decisions: the user's recent decisions, and the
decisions on their register awaiting a Caldicott Guardian's advice.

Items name children by person id only (never by name); each item's `person_id` is for
the dashboard's own `dashboard.view` audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from joinedup.web.sharing.models import SharingDecision
from joinedup.web.sharing.services.caldicott import awaiting_advice
from joinedup.web.sharing.services.visibility import decisions_on_register

__all__ = ["AWAITING_ADVICE", "RECENT", "DashboardItem", "dashboard_items"]

RECENT, AWAITING_ADVICE = "recent", "awaiting_caldicott_advice"
RECENT_DAYS = 30
SHOWN = 5


@dataclass(frozen=True)
class DashboardItem:
    kind: str  # RECENT or AWAITING_ADVICE
    reference: str
    label: str  # "Shared with Northshire Police" / "Not shared with ..."
    href: str
    decided_at: datetime
    person_id: str  # "" for a decision about a context


def dashboard_items(user: Any, now: datetime | None = None) -> list[DashboardItem]:
    """Up to five of the user's decisions of the last 30 days (newest first), then up to
    five decisions awaiting Caldicott advice (oldest first)."""
    since = (now or timezone.now()) - timedelta(days=RECENT_DAYS)
    mine = decisions_on_register(user).filter(decided_by=user, decided_at__gte=since)
    recent = [_item(RECENT, d, "sharing:decision") for d in mine[:SHOWN]]
    waiting = awaiting_advice(user).select_related("recipient_agency", "person")[:SHOWN]
    return recent + [_item(AWAITING_ADVICE, d, "sharing:caldicott-advice") for d in waiting]


def _item(kind: str, decision: SharingDecision, url_name: str) -> DashboardItem:
    outcome = "Shared with" if decision.outcome == SharingDecision.SHARED else "Not shared with"
    return DashboardItem(
        kind, decision.reference, f"{outcome} {decision.recipient}",
        reverse(url_name, args=[decision.reference]), decision.decided_at,
        decision.person.person_id if decision.person else "",
    )  # fmt: skip
