"""The dashboard's "To do" panels: what each casework app says is waiting for the user.

Each casework app offers `dashboard_items(user)` in its own shape; this module turns
them into one: a panel per area (front door, cases, MACE, intelligence, sharing
decisions, recommendations, retention) of lines with a link, a date and a tag. A panel
with nothing in it is left out. Items that name a child carry its person id, so the
dashboard's audit entry lists every child named on the page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from joinedup.web.access.services import has_capability

__all__ = ["WorkItem", "WorkPanel", "casework_panels"]

TAG_COLOURS = {"Overdue": "red", "Escalated": "red", "Urgent": "red", "Due soon": "yellow"}


@dataclass(frozen=True, slots=True)
class WorkItem:
    text: str
    href: str
    when: str = ""  # "3 March 2026", or "" when the item has no date
    tag: str = ""
    tag_colour: str = ""
    person_id: str = ""  # the child the line names, for the audit entry


@dataclass(frozen=True, slots=True)
class WorkPanel:
    title: str
    items: tuple[WorkItem, ...]
    more_text: str
    more_href: str


def _day(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return format_date(value, "j F Y")


def _tagged(text: str, href: str, when: Any = None, tag: str = "", **more: str) -> WorkItem:
    colour = more.pop("tag_colour", "") or TAG_COLOURS.get(tag, "grey" if tag else "")
    return WorkItem(text, href, _day(when), tag, colour, more.get("person_id", ""))


def _front_door(user: Any, now: datetime) -> list[WorkItem]:
    from joinedup.web.frontdoor.services import dashboard_items

    return [
        _tagged(
            f"{i.label}: {i.count}" if i.count is not None else i.label,
            i.href, tag=i.tag, tag_colour=i.tag_colour,
        )
        for i in dashboard_items(user, now=now)
    ]  # fmt: skip


def _cases(user: Any, now: datetime) -> list[WorkItem]:
    from joinedup.web.cases.services import dashboard_items
    from joinedup.web.cases.services.listing import CaseFilters, cases_in_tab

    items = []
    if has_capability(user, "allocate_cases"):
        waiting = cases_in_tab(user, "unallocated", CaseFilters()).count()
        if waiting:
            text = f"Open cases waiting to be allocated: {waiting}"
            items.append(_tagged(text, reverse("cases:list") + "?tab=unallocated"))
    for due in dashboard_items(user, today=timezone.localdate(now)):
        named = due.subject if due.subject.startswith("P-") else ""
        text = f"{due.reference} ({due.subject}): {due.plan_type} review"
        tag = "Overdue" if due.overdue else "Due soon"
        items.append(_tagged(text, due.url, due.review_date, tag, person_id=named))
    return items


def _meetings(user: Any, now: datetime) -> list[WorkItem]:
    from joinedup.web.meetings.services import dashboard_items

    return [
        _tagged(i.label, i.href, i.when, i.tag)
        for i in dashboard_items(user, today=timezone.localdate(now))
    ]


def _intelligence(user: Any, now: datetime) -> list[WorkItem]:
    from joinedup.web.intelligence.services import dashboard_items

    items = []
    for i in dashboard_items(user, now=now):
        tag = "Escalated" if i.escalated else "Overdue" if i.overdue else "Due soon"
        text = f"{i.reference}, graded {i.grade}: decide by"
        items.append(_tagged(text, i.href, i.decide_by, tag))
    return items


def _sharing(user: Any, now: datetime) -> list[WorkItem]:
    from joinedup.web.sharing.services import dashboard_items

    return [
        _tagged(
            f"{i.reference}: {i.label}", i.href, i.decided_at,
            "Awaiting Caldicott advice" if i.kind != "recent" else "",
            person_id=i.person_id,
        )
        for i in dashboard_items(user, now=now)
    ]  # fmt: skip


def _recommendations(user: Any, now: datetime) -> list[WorkItem]:
    from joinedup.web.recommendations.services import dashboard_items

    return [
        _tagged(i.label, i.href, i.due, i.tag)
        for i in dashboard_items(user, today=timezone.localdate(now))
    ]


def _inquiry(user: Any, now: datetime) -> list[WorkItem]:
    from joinedup.web.inquiry.services import dashboard_items

    return [
        _tagged(i.label, i.href, i.due, i.tag)
        for i in dashboard_items(user, today=timezone.localdate(now))
    ]


def _retention(user: Any, now: datetime) -> list[WorkItem]:
    from joinedup.web.retention.services import dashboard_items

    return [_tagged(f"{i.label}: {i.count}", i.href) for i in dashboard_items(user) if i.count]


# title, capability needed (any one), the app's items, "see all" text and URL name
Source = tuple[str, tuple[str, ...], Callable[[Any, datetime], list[WorkItem]], str, str]
SOURCES: tuple[Source, ...] = (
    ("Front door", ("make_referrals",), _front_door, "Go to the front door", "frontdoor:index"),
    ("Cases", ("work_cases",), _cases, "All your cases", "cases:list"),
    ("MACE meetings and actions", ("attend_meetings",), _meetings, "All meetings",
     "meetings:list"),
    ("Intelligence to decide", ("log_intelligence",), _intelligence, "The intelligence log",
     "intelligence:log"),
    ("Sharing decisions", ("record_sharing_decisions",), _sharing, "The register",
     "sharing:register"),
    ("Recommendation actions", ("update_recommendations", "sign_off_recommendations"),
     _recommendations, "The recommendations tracker", "recommendations:index"),
    ("Records retention", ("manage_retention", "place_legal_holds"), _retention,
     "Records retention", "retention:index"),
    ("Evidence requests", ("inquiry_work",), _inquiry, "The register of requests",
     "inquiry:requests"),
)  # fmt: skip


def casework_panels(user: Any, now: datetime | None = None) -> list[WorkPanel]:
    """The panels with something in them for this user, in the order of SOURCES."""
    now = now or timezone.now()
    panels = []
    for title, capabilities, items_for, more_text, more_url in SOURCES:
        if not any(has_capability(user, c) for c in capabilities):
            continue
        items = tuple(items_for(user, now))
        if items:
            panels.append(WorkPanel(title, items, more_text, reverse(more_url)))
    return panels


def persons_named(panels: Iterable[WorkPanel]) -> list[str]:
    return [item.person_id for panel in panels for item in panel.items if item.person_id]
