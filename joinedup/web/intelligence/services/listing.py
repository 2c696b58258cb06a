"""The log: items filtered by status, grade, overdue and subject; and the managers' list.

Filters narrow the list only; they are not sharing decisions. A page of the log is
audited (`intelligence.list`) with the filters and the references shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from joinedup.records.normalise import normalise_phone, normalise_registration
from joinedup.web.access.sharing import agency_levels_for
from joinedup.web.audit.services import record_event
from joinedup.web.intelligence.models import IntelligenceItem as Item
from joinedup.web.intelligence.services.presentation import STATUS_TAGS
from joinedup.web.intelligence.services.reading import content_access

__all__ = ["Filters", "Oversight", "Row", "audit_list", "filtered", "oversight", "rows"]

OPEN_STATUSES = [Item.LOGGED, Item.ASSIGNED, Item.UNDER_REVIEW]


@dataclass(frozen=True)
class Filters:
    status: str = ""  # '', 'open', or a status
    grade_source: str = ""
    grade_intelligence: str = ""
    overdue: bool = False
    subject: str = ""

    def audit_detail(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if v}


@dataclass(frozen=True)
class Row:
    item: Item
    summary: str  # '' when the reader may not see it
    overdue: bool
    status_tag: str


@dataclass(frozen=True)
class Oversight:
    unowned: list[Item] = field(default_factory=list)
    overdue: list[Item] = field(default_factory=list)
    escalated: list[Item] = field(default_factory=list)


def _subject_keys(text: str) -> list[str]:
    keys = [text.upper()]
    for normalise in (normalise_registration, normalise_phone):
        try:
            keys.append(normalise(text))
        except ValueError:
            pass
    return keys


def filtered(filters: Filters, now: datetime | None = None) -> QuerySet[Item]:
    items = Item.objects.select_related("owner", "source_agency")
    if filters.status == "open":
        items = items.filter(status__in=OPEN_STATUSES)
    elif filters.status:
        items = items.filter(status=filters.status)
    if filters.grade_source:
        items = items.filter(grade_source=filters.grade_source)
    if filters.grade_intelligence:
        items = items.filter(grade_intelligence=filters.grade_intelligence)
    if filters.overdue:
        items = items.filter(status__in=OPEN_STATUSES, decide_by__lt=now or timezone.now())
    if filters.subject.strip():
        text = filters.subject.strip()
        match = Q(subjects__key__in=_subject_keys(text)) | Q(subjects__label__icontains=text)
        items = items.filter(pk__in=Item.objects.filter(match).values("pk"))
    return items.order_by("-received_on", "-pk")


def rows(user: Any, items: list[Item], now: datetime | None = None) -> list[Row]:
    now = now or timezone.now()
    levels = agency_levels_for(user)
    return [
        Row(
            item,
            item.summary if content_access(user, item, levels).summary else "",
            item.is_open and item.decide_by < now,
            STATUS_TAGS.get(item.status, ""),
        )
        for item in items
    ]


def audit_list(
    user: Any, view: str, filters: dict[str, Any], shown: list[Item], request: HttpRequest | None
) -> None:
    record_event(
        user,
        "intelligence.list",
        target_type="intelligence_log",
        detail={"view": view, "filters": filters, "references": [i.reference for i in shown]},
        request=request,
    )


def oversight(now: datetime | None = None) -> Oversight:
    """Open items whose owner can no longer work them, overdue items, escalated items."""
    now = now or timezone.now()
    open_items = Item.objects.filter(status__in=OPEN_STATUSES).select_related("owner")
    unowned = [i for i in open_items if not _can_own(i.owner)]
    overdue = list(open_items.filter(decide_by__lt=now).order_by("decide_by"))
    escalated = list(open_items.filter(escalated_at__isnull=False).order_by("escalated_at"))
    return Oversight(unowned, overdue, escalated)


def _can_own(user: Any) -> bool:
    from joinedup.web.access.services import has_capability

    return has_capability(user, "log_intelligence")
