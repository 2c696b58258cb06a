"""The duty rota: which manager is on duty when, kept by holders of `allocate_cases`.

Entries may overlap (two managers on duty at once are both told). An entry can be
removed while it has not ended; past entries are kept as the record of who was on duty.
Both changes are audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.access.services import has_capability
from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event
from joinedup.web.frontdoor.models import DutyRota
from joinedup.web.frontdoor.services.urgent import escalation_holders

__all__ = ["RotaRefused", "Rota", "add_to_rota", "remove_from_rota", "rota_now"]

PAST_SHOWN = timedelta(days=7)


class RotaRefused(InputError):
    """The rota entry cannot be added or removed."""


@dataclass(frozen=True)
class Rota:
    current: list[DutyRota]
    upcoming: list[DutyRota]
    recent: list[DutyRota]  # ended in the last week


def rota_now(now: datetime) -> Rota:
    entries = DutyRota.objects.select_related("manager", "added_by")
    return Rota(
        current=list(entries.filter(starts_at__lte=now, ends_at__gt=now)),
        upcoming=list(entries.filter(starts_at__gt=now)),
        recent=list(
            entries.filter(ends_at__lte=now, ends_at__gt=now - PAST_SHOWN).order_by("-ends_at")
        ),
    )


def _check(user: User) -> None:
    if not has_capability(user, "allocate_cases"):
        raise PermissionDenied("Your role does not keep the duty rota.")


def add_to_rota(
    user: User,
    manager: User,
    starts_at: datetime,
    ends_at: datetime,
    request: HttpRequest | None = None,
) -> DutyRota:
    """Put a manager on duty from `starts_at` to `ends_at`; audited."""
    _check(user)
    if not escalation_holders().filter(pk=manager.pk).exists():
        raise RotaRefused(f"{manager.username}'s role does not take escalations.")
    if ends_at <= starts_at:
        raise RotaRefused("The end of the duty must be after its start")
    with transaction.atomic():
        entry = DutyRota.objects.create(
            manager=manager,
            starts_at=starts_at,
            ends_at=ends_at,
            added_by=user,
            added_at=timezone.now(),
        )
        record_event(
            user,
            "frontdoor.rota_added",
            target_type="duty_rota",
            target_id=entry.pk,
            detail=_detail(entry),
            request=request,
        )
    return entry


def remove_from_rota(user: User, entry: DutyRota, request: HttpRequest | None = None) -> None:
    """Take an entry that has not ended off the rota; audited."""
    _check(user)
    if entry.ends_at <= timezone.now():
        raise RotaRefused("A duty that has ended stays on the rota: it records who was on duty.")
    with transaction.atomic():
        record_event(
            user,
            "frontdoor.rota_removed",
            target_type="duty_rota",
            target_id=entry.pk,
            detail=_detail(entry),
            request=request,
        )
        entry.delete()


def _detail(entry: DutyRota) -> dict[str, str]:
    return {
        "manager": entry.manager.username,
        "starts_at": entry.starts_at.isoformat(),
        "ends_at": entry.ends_at.isoformat(),
    }
