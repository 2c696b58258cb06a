"""Who may open which child's record, and what of it they may see.

- `has_capability(user, capability)`: what the user's role may do (data/roles.yaml).
- `access_to_person(user, person)`: whether the user may open this person's record,
  and on which basis: allocation, team allocation, the sharing agreement, or
  break-glass.
- `persons_visible_to(user)`: every person the user may open, as a QuerySet.
- `entitlements_for(user, person)`: the chronology core's Entitlements: which
  agencies' entries, whether narratives, special-category and criminal-offence data.
- `record_purpose`, `grant_break_glass`: the two writes, each audited.

docs/security.md states the rule for each role, with its sources.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import wraps
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from joinedup.chronology.entitlements import Entitlements
from joinedup.web.access import roles
from joinedup.web.access.models import AccessPurpose, Allocation, BreakGlassAccess
from joinedup.web.access.sharing import agency_levels_for
from joinedup.web.accounts.models import Team, User
from joinedup.web.accounts.notifications import alert_managers_of_break_glass
from joinedup.web.audit.services import record_event
from joinedup.web.people.models import Person, PersonLink

__all__ = [
    "Access",
    "access_to_person",
    "capability_required",
    "entitlements_for",
    "grant_break_glass",
    "has_capability",
    "narrative_agencies_for",
    "person_capability_required",
    "persons_visible_to",
    "record_purpose",
]

ALLOCATION, TEAM_ALLOCATION, AGREEMENT, BREAK_GLASS = (
    "allocation",
    "team_allocation",
    "agreement",
    "break_glass",
)
NOTHING = Entitlements(agencies_visible=frozenset())
MIN_BREAK_GLASS_REASON = 20
ROLE_REFUSED = "Your role does not allow this page of a child's record."
View = TypeVar("View", bound=Callable[..., HttpResponse])


@dataclass(frozen=True, slots=True)
class Access:
    allowed: bool
    basis: str | None
    reason: str


def has_capability(user: Any, capability: str) -> bool:
    """Whether the user's role may do this (an unknown capability is a programming error)."""
    if capability not in roles.CAPABILITIES:
        raise ValueError(f"unknown capability {capability!r}; see access/data/roles.yaml")
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    return capability in roles.capabilities(str(user.role))


def capability_required(*capabilities: str) -> Callable[[View], View]:
    """View decorator: a 403 page unless the user's role has every capability named."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if all(has_capability(request.user, c) for c in capabilities):
                return view(request, *args, **kwargs)
            return render(request, "403.html", status=403)

        return cast(View, wrapped)

    return decorate


def person_capability_required(*capabilities: str) -> Callable[[View], View]:
    """As `capability_required`, for a view of one person's record (kwarg `person_id`):
    the refusal is audited as `person.access_denied`, like any other refused opening."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            missing = [c for c in capabilities if not has_capability(request.user, c)]
            if not missing:
                return view(request, *args, **kwargs)
            record_event(
                request.user,
                "person.access_denied",
                target_type="person",
                target_id=str(kwargs.get("person_id", "")),
                detail={"reason": ROLE_REFUSED, "capabilities": missing},
                request=request,
            )
            return render(request, "403.html", status=403)

        return cast(View, wrapped)

    return decorate


def _active_allocations(today: date | None = None) -> QuerySet[Allocation]:
    today = today or timezone.localdate()
    return Allocation.objects.filter(
        Q(allocated_to__isnull=True) | Q(allocated_to__gte=today), allocated_from__lte=today
    )


def _teams_seen(user: User) -> list[int]:
    """The user's own team, and for a team manager every team they manage."""
    teams = [user.team_id] if user.team_id else []
    if roles.role_rules(user.role).sees_children_by == "team":
        teams += list(Team.objects.filter(manager=user).values_list("pk", flat=True))
    return teams


def _allocations_to(user: User) -> tuple[QuerySet[Allocation], QuerySet[Allocation]]:
    """(allocations to the user, allocations to their teams or, for a manager, members)."""
    active = _active_allocations()
    teams = _teams_seen(user)
    to_team = Q(team__in=teams)
    if roles.role_rules(user.role).sees_children_by == "team":
        to_team |= Q(user__team__in=teams) & ~Q(user=user)
    return active.filter(user=user), active.filter(to_team)


def _break_glass_grants(user: User) -> QuerySet[BreakGlassAccess]:
    return BreakGlassAccess.objects.filter(user=user, expires_at__gt=timezone.now())


def _agency_persons(agency_id: int) -> QuerySet[PersonLink]:
    return PersonLink.objects.filter(source_person__agency_id=agency_id)


def persons_visible_to(user: Any) -> QuerySet[Person]:
    """Every person the user may open (merged-away persons excluded)."""
    if not has_capability(user, "view_children"):
        return Person.objects.none()
    scope = roles.role_rules(user.role).sees_children_by
    if scope == "everyone":
        return Person.objects.filter(active=True)
    mine, teams = _allocations_to(user)
    q = Q(pk__in=mine.values("person")) | Q(pk__in=teams.values("person"))
    q |= Q(pk__in=_break_glass_grants(user).values("person"))
    if scope == "agreement" and user.agency_id:
        q |= Q(pk__in=_agency_persons(user.agency_id).values("person"))
    return Person.objects.filter(q, active=True)


def access_to_person(user: Any, person: Person) -> Access:
    """Whether the user may open this person's record, on which basis, and why."""
    if not has_capability(user, "view_children"):
        return Access(False, None, "Your role does not open children's records.")
    scope = roles.role_rules(user.role).sees_children_by
    if scope == "everyone":
        return Access(True, AGREEMENT, "The inquiry's terms of reference cover every person.")
    mine, teams = _allocations_to(user)
    if mine.filter(person=person).exists():
        return Access(True, ALLOCATION, "Allocated to you.")
    team_allocation = teams.filter(person=person).select_related("team", "user").first()
    if team_allocation is not None:
        if team_allocation.team is not None:
            return Access(True, TEAM_ALLOCATION, f"Allocated to your team, {team_allocation.team}.")
        return Access(True, TEAM_ALLOCATION, f"Allocated to {team_allocation.user} in your team.")
    if (
        scope == "agreement"
        and user.agency_id
        and _agency_persons(user.agency_id).filter(person=person).exists()
    ):
        return Access(
            True,
            AGREEMENT,
            f"{user.agency.name} holds records of this person; the sharing agreement applies.",
        )
    grant = _break_glass_grants(user).filter(person=person).order_by("-expires_at").first()
    if grant is not None:
        until = timezone.localtime(grant.expires_at)
        return Access(True, BREAK_GLASS, f"Break-glass access until {until:%H:%M on %d %B %Y}.")
    return Access(False, None, _denied_reason(scope))


def _denied_reason(scope: str) -> str:
    if scope == "agreement":
        return "Your agency holds no records of this person, and they are not allocated to you."
    return "This person is not allocated to you or your team."


def entitlements_for(user: Any, person: Person | None = None) -> Entitlements:
    """What of a chronology the user may see; nothing at all if they may not open `person`.

    Narratives follow the agreement agency by agency: a reader sees the restricted
    narratives of the agencies whose agreement gives narratives, and the summaries of
    the rest. docs/security.md.
    """
    if not has_capability(user, "view_children"):
        return NOTHING
    if person is not None and not access_to_person(user, person).allowed:
        return NOTHING
    levels = agency_levels_for(user)
    visible = frozenset(code for code, level in levels.items() if level != "none")
    narrative_agencies = narrative_agencies_for(user)
    return Entitlements(
        agencies_visible=visible,
        narratives=bool(narrative_agencies),
        narrative_agencies=narrative_agencies,
        special_category=has_capability(user, "view_special_category"),
        criminal_offence=has_capability(user, "view_criminal_offence"),
    )


def narrative_agencies_for(user: Any) -> frozenset[str]:
    """Agencies whose restricted narratives the user may read (for per-agency display)."""
    if not has_capability(user, "view_narratives"):
        return frozenset()
    return frozenset(c for c, level in agency_levels_for(user).items() if level == "narratives")


def record_purpose(user: Any, person: Person, purpose: str, detail: str = "") -> AccessPurpose:
    """Record (and audit) why the user is opening this person's record."""
    if purpose not in roles.purposes():
        raise ValidationError(f"unknown purpose {purpose!r}; see access/data/purposes.yaml")
    if purpose == "other" and not detail.strip():
        raise ValidationError("a purpose of 'other' needs a description")
    access = access_to_person(user, person)
    if not access.allowed:
        raise PermissionDenied(access.reason)
    with transaction.atomic():
        record = AccessPurpose.objects.create(
            user=user,
            person=person,
            purpose=purpose,
            detail=detail.strip(),
            basis=access.basis or "",
            recorded_at=timezone.now(),
        )
        record_event(
            user,
            "person.open",
            target_type="person",
            target_id=person.person_id,
            purpose=purpose,
            basis=access.basis or "",
            detail={"purpose_detail": record.detail, "reason": access.reason},
        )
    return record


def grant_break_glass(
    user: Any, person: Person, reason: str, request: HttpRequest | None = None
) -> BreakGlassAccess:
    """Open one person's record for a while outside the usual rules; tell a manager."""
    if not has_capability(user, "break_glass"):
        raise PermissionDenied("Your role cannot use break-glass access.")
    if len(reason.strip()) < MIN_BREAK_GLASS_REASON:
        raise ValidationError(f"a reason of at least {MIN_BREAK_GLASS_REASON} characters")
    now = timezone.now()
    with transaction.atomic():
        grant = BreakGlassAccess.objects.create(
            user=user,
            person=person,
            reason=reason.strip(),
            granted_at=now,
            expires_at=now + settings.BREAK_GLASS_DURATION,
        )
        told = alert_managers_of_break_glass(user, person.person_id, grant.reason, grant.expires_at)
        grant.manager_notified = ",".join(m.username for m in told)[:150]
        grant.save(update_fields=["manager_notified"])
        record_event(
            user,
            "break_glass",
            target_type="person",
            target_id=person.person_id,
            basis=BREAK_GLASS,
            detail={
                "reason": grant.reason,
                "expires_at": grant.expires_at.isoformat(),
                "managers_told": [m.username for m in told],
            },
            request=request,
        )
    return grant
