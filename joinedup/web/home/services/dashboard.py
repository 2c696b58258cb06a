"""The dashboard: what the signed-in user should look at first.

For a user who opens children's records: new screening prompts, network alerts and
agreed-grade reviews due among the children they may see, and the children allocated to
them. For a reviewer: how many links wait. For everyone: their unread notifications
(break-glass alerts for managers). Each list is capped, with the full count, so the page
stays quick on a large borough; the children named are audited (`dashboard.view`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from joinedup.web.access.services import entitlements_for, has_capability, persons_visible_to
from joinedup.web.accounts.models import Notification
from joinedup.web.audit.services import record_event
from joinedup.web.home.services.alerts import NetworkAlert, NewNetworkLink, network_alerts
from joinedup.web.home.services.caseload import (
    Allocated,
    LinksWaiting,
    allocated_children,
    links_waiting,
    notifications,
)
from joinedup.web.home.services.casework import WorkPanel, casework_panels, persons_named
from joinedup.web.home.services.children import ChildLink, child_links, names_of
from joinedup.web.home.services.prompts import DueReview, NewPrompt, new_prompts, reviews_due_among

__all__ = ["Dashboard", "audit_dashboard", "dashboard_for"]

SHOWN = 10  # items listed per section; the section says how many there are in all
CASELOAD_SHOWN = 25


@dataclass(frozen=True)
class Dashboard:
    sees_children: bool
    prompts: list[tuple[ChildLink, NewPrompt]] = field(default_factory=list)
    prompts_total: int = 0
    network_run_at: datetime | None = None
    alerts: list[tuple[NetworkAlert, list[ChildLink]]] = field(default_factory=list)
    new_links: list[tuple[ChildLink, NewNetworkLink]] = field(default_factory=list)
    reviews_due: list[tuple[ChildLink, DueReview]] = field(default_factory=list)
    reviews_due_total: int = 0
    allocated: list[tuple[ChildLink, Allocated]] = field(default_factory=list)
    allocated_total: int = 0
    links: LinksWaiting | None = None
    notifications: list[Notification] = field(default_factory=list)
    unread: int = 0
    named: tuple[str, ...] = ()  # every child named on the page, for the audit entry
    todo: list[WorkPanel] = field(default_factory=list)  # casework waiting for the user


def dashboard_for(user: Any, today: date | None = None) -> Dashboard:
    today = today or timezone.localdate()
    unread, unread_count = notifications(user)
    links = links_waiting() if has_capability(user, "review_links") else None
    todo = casework_panels(user)
    if not has_capability(user, "view_children"):
        return Dashboard(
            False, links=links, notifications=unread, unread=unread_count, todo=todo,
            named=tuple(sorted(set(persons_named(todo)))),
        )  # fmt: skip
    visible, reader = persons_visible_to(user), entitlements_for(user)
    prompts, due = new_prompts(visible), reviews_due_among(visible, today)
    network = network_alerts(visible, reader)
    alerts, new_links = network.alerts[:SHOWN], network.new_links[:SHOWN]
    allocated = allocated_children(user, reader, today)
    named = (
        [p.person_id for p in prompts[:SHOWN]] + [d.person_id for d in due[:SHOWN]]
        + [c for a in alerts for c in a.children] + [n.child for n in new_links]
        + [a.person_id for a in allocated[:CASELOAD_SHOWN]] + persons_named(todo)
    )  # fmt: skip
    names = names_of(named, reader)
    screening = child_links(
        [*(p.person_id for p in prompts[:SHOWN]), *(d.person_id for d in due[:SHOWN])],
        names,
        "people:screening",
    )
    network_pages = child_links({*network.person_ids()} & set(named), names, "people:network")
    records = child_links([a.person_id for a in allocated[:CASELOAD_SHOWN]], names)
    return Dashboard(
        sees_children=True,
        prompts=[(screening[p.person_id], p) for p in prompts[:SHOWN]],
        prompts_total=len(prompts),
        network_run_at=network.run_at,
        alerts=[(a, [network_pages[c] for c in a.children]) for a in alerts],
        new_links=[(network_pages[n.child], n) for n in new_links],
        reviews_due=[(screening[d.person_id], d) for d in due[:SHOWN]],
        reviews_due_total=len(due),
        allocated=[(records[a.person_id], a) for a in allocated[:CASELOAD_SHOWN]],
        allocated_total=len(allocated),
        links=links, notifications=unread, unread=unread_count,
        named=tuple(sorted(set(named))), todo=todo,
    )  # fmt: skip


def audit_dashboard(user: Any, dashboard: Dashboard, request: HttpRequest | None = None) -> None:
    """Audit the children named on the dashboard (nothing when it names none)."""
    if dashboard.named:
        record_event(user, "dashboard.view", target_type="dashboard",
                     detail={"persons": list(dashboard.named)}, request=request)  # fmt: skip
