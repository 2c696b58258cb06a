"""The urgent path: who is on duty, and telling them at once.

An urgent contact (marked so by the referrer, or later by a screener) is told to the
duty manager with a notification on their dashboard and an e-mail that names no one.
Who is on duty is the rota (`DutyRota`, kept by holders of `allocate_cases`); when the
rota has nobody now, every team's manager is told; when no team has a manager, every
active user whose role may take escalations (`allocate_cases`). DOMAIN.md F22.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from joinedup.web.access import roles
from joinedup.web.accounts.models import Team, User
from joinedup.web.accounts.notifications import notify
from joinedup.web.audit.services import record_event
from joinedup.web.frontdoor.models import Contact, DutyRota

__all__ = [
    "FROM_ROTA",
    "FROM_TEAM_MANAGERS",
    "URGENT_KIND",
    "alert_duty_managers",
    "duty_managers",
    "escalation_holders",
    "on_duty",
]

URGENT_KIND = "frontdoor_urgent"
FROM_ROTA, FROM_TEAM_MANAGERS, FROM_CAPABILITY = "rota", "team_managers", "allocate_cases"


def on_duty(now: datetime) -> QuerySet[DutyRota]:
    """The rota entries covering `now`, active managers only."""
    return DutyRota.objects.filter(
        starts_at__lte=now, ends_at__gt=now, manager__is_active=True
    ).select_related("manager")


def escalation_holders() -> QuerySet[User]:
    """Active users whose role may take escalations (and so may be on the rota)."""
    holding = [role for role in roles.roles() if "allocate_cases" in roles.capabilities(role)]
    return User.objects.filter(role__in=holding, is_active=True).order_by("username")


def duty_managers(now: datetime) -> tuple[list[User], str]:
    """Who to tell now, and how they were chosen: the rota, team managers, or escalations."""
    rota = list(dict.fromkeys(entry.manager for entry in on_duty(now)))
    if rota:
        return rota, FROM_ROTA
    managers = User.objects.filter(
        pk__in=Team.objects.filter(manager__isnull=False).values("manager"), is_active=True
    ).order_by("username")
    if managers:
        return list(managers), FROM_TEAM_MANAGERS
    return list(escalation_holders()), FROM_CAPABILITY


def alert_duty_managers(
    actor: User, contact: Contact, now: datetime, request: HttpRequest | None = None
) -> list[User]:
    """Tell the duty managers of an urgent contact; audited. Call inside the transaction."""
    told, chosen_by = duty_managers(now)
    for manager in told:
        _tell(manager, contact)
    contact.urgent_told = [manager.username for manager in told]
    contact.save(update_fields=["urgent_told"])
    record_event(
        actor,
        "frontdoor.urgent_notified",
        target_type="contact",
        target_id=contact.reference,
        detail={"told": contact.urgent_told, "chosen_by": chosen_by},
        request=request,
    )
    return told


def _tell(manager: User, contact: Contact) -> None:
    received = timezone.localtime(contact.received_at)
    agency = contact.referrer_agency.name if contact.referrer_agency else "a referrer"
    body = (
        f"Urgent contact {contact.reference} from {agency}, received at "
        f"{received:%H:%M} on {received.day} {received:%B %Y}, needs action now. "
        "Open it from the front door queue."
    )
    email = (
        "An urgent contact about a child has come to the front door and needs action now. "
        f"Sign in to joinedup and open contact {contact.reference} from the screening queue."
    )
    notify(
        manager,
        URGENT_KIND,
        f"Urgent contact {contact.reference}",
        body,
        person_id=contact.person.person_id if contact.person else "",
        email=email,
    )
