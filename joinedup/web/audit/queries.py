"""What the auditor pages show: audit entries filtered by who, which child, what, when."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet

from joinedup.web.audit.models import AuditEntry
from joinedup.web.audit.vocabulary import actions_in_area

__all__ = ["OUTSIDE_ALLOCATION", "AuditFilters", "break_glass_uses", "entries_matching"]

OUTSIDE_ALLOCATION = ("agreement", "break_glass")


@dataclass(frozen=True, slots=True)
class AuditFilters:
    username: str = ""
    person: str = ""
    action: str = ""
    start: date | None = None
    end: date | None = None

    def as_detail(self) -> dict[str, str]:
        """The filters as the auditor's own audit entry records them."""
        return {
            k: v.isoformat() if isinstance(v, date) else v for k, v in asdict(self).items() if v
        }


def entries_matching(
    filters: AuditFilters, *, outside_allocation: bool = False, inquiry: bool = False
) -> QuerySet[AuditEntry]:
    """Newest first; `outside_allocation` keeps access by agreement or break-glass only.

    The council's pages never list the inquiry's own work (`inquiry=False`); the inquiry's
    audit page lists only that (`inquiry=True`). The inquiry's reads of agency records are
    council entries (`person.view`, ...): the council's auditors see them like anyone's."""
    entries = AuditEntry.objects.order_by("-sequence")
    inquiry_actions = actions_in_area("inquiry")
    if inquiry:
        entries = entries.filter(action__in=inquiry_actions)
    else:
        entries = entries.exclude(action__in=inquiry_actions)
    if outside_allocation:
        entries = entries.filter(basis__in=OUTSIDE_ALLOCATION)
    if filters.username:
        entries = entries.filter(actor_username__iexact=filters.username.strip())
    if filters.person:
        entries = entries.filter(target_id__iexact=filters.person.strip())
    if filters.action:
        entries = entries.filter(action=filters.action)
    zone = ZoneInfo(settings.TIME_ZONE)
    if filters.start:
        entries = entries.filter(occurred_at__gte=datetime.combine(filters.start, time.min, zone))
    if filters.end:
        next_day = datetime.combine(filters.end + timedelta(days=1), time.min, zone)
        entries = entries.filter(occurred_at__lt=next_day)
    return entries


def break_glass_uses(filters: AuditFilters) -> QuerySet[AuditEntry]:
    return entries_matching(AuditFilters(filters.username, filters.person, "break_glass",
                                         filters.start, filters.end))  # fmt: skip
