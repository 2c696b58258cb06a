"""What a form offers: the children the organiser may see, locations found by a search,
the people who may chair or own actions, the agencies to invite.

Only children the organiser may open are offered (`persons_visible_to`), and only
locations held by agencies in their sharing agreement.
"""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Q, QuerySet

from joinedup.web.access.services import entitlements_for, persons_visible_to
from joinedup.web.home.services.children import names_of
from joinedup.web.meetings.services.visibility import users_who_may
from joinedup.web.people.models import Person
from joinedup.web.records.models import Agency, Place

__all__ = [
    "adult",
    "agency_choices",
    "carried_child",
    "child_choices",
    "find_places",
    "place_visible_to",
    "user_choices",
]

MAX_PLACES = 20


def carried_child(user: Any, person_id: str) -> str:
    """The child carried in `?person=` from a case, if the user may open them; else ''.

    A child the user may not open (or no child at all) is ignored, never an error.
    """
    wanted = person_id.strip()[:20]
    visible = persons_visible_to(user).filter(age_group="child", person_id=wanted)
    return wanted if wanted and visible.exists() else ""


def child_choices(user: Any) -> list[tuple[str, str]]:
    """(person id, 'Name (P-0000123)') for every child the user may open, by name."""
    children = persons_visible_to(user).filter(age_group="child")
    ids = list(children.values_list("person_id", flat=True))
    names = names_of(ids, entitlements_for(user)) if ids else {}
    labelled = [(pid, f"{names[pid]} ({pid})" if names[pid] != pid else pid) for pid in ids]
    return sorted(labelled, key=lambda pair: pair[1])


def _visible_places(user: Any) -> QuerySet[Place]:
    places = Place.objects.select_related("agency")
    visible = entitlements_for(user).agencies_visible
    if visible is not None:
        places = places.filter(agency__code__in=sorted(visible))
    return places


def find_places(user: Any, query: str) -> list[Place]:
    """Places whose name, postcode or entity id matches, one record per resolved place."""
    words = query.strip()
    if not words:
        return []
    postcode = re.sub(r"\s+", "", words).upper()
    match = Q(name__icontains=words) | Q(entity_id__iexact=words) | Q(postcode__iexact=words)
    match |= Q(postcode__iexact=postcode)
    found: dict[str, Place] = {}
    for place in _visible_places(user).filter(match).order_by("name", "pk")[: MAX_PLACES * 5]:
        found.setdefault(place.entity_id or f"record-{place.pk}", place)
    return list(found.values())[:MAX_PLACES]


def place_visible_to(user: Any, pk: int) -> Place | None:
    found: Place | None = _visible_places(user).filter(pk=pk).first()
    return found


def user_choices(capability: str) -> list[tuple[str, str]]:
    """(pk, 'Name (username), role') for active users whose role has the capability."""
    return [(str(u.pk), _user_label(u)) for u in users_who_may(capability)]


def _user_label(user: Any) -> str:
    name = user.get_full_name()
    who = f"{name} ({user.username})" if name else user.username
    agency = f", {user.agency.code}" if user.agency_id else ""
    return f"{who}, {user.role_label}{agency}"


def agency_choices() -> list[tuple[str, str]]:
    return [(a.code, f"{a.name} ({a.code})") for a in Agency.objects.order_by("code")]


def adult(person_id: str) -> Person | None:
    return Person.objects.filter(person_id=person_id.strip().upper(), active=True).first()
