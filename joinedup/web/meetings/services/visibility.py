"""Who sees which meeting, and what of each agenda item.

- Roles that run meetings (`run_meetings`) see every meeting: they arrange and record
  them. Roles that attend (`attend_meetings`) see the meetings their agency is invited
  to, and any meeting they chair or own an action from. Others see none.
- An item about a child shows the child only to a user who may open that child's
  record now (`access_to_person`); to anyone else it is "A child (restricted)", and
  its discussion, decisions and other people's actions are not shown.
- An item about a person of concern (an adult, usually a suspect) shows them only to
  roles entitled to criminal-offence data; to others it is restricted the same way.
- Locations and themes are shown to everyone who sees the meeting.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from joinedup.web.access.services import access_to_person, has_capability
from joinedup.web.accounts.models import User
from joinedup.web.meetings.models import AgendaItem, Meeting
from joinedup.web.records.models import Place

__all__ = [
    "can_record",
    "find_meeting",
    "item_restricted_for",
    "meetings_visible_to",
    "place_label",
    "users_who_may",
]


def meetings_visible_to(user: Any) -> QuerySet[Meeting]:
    if has_capability(user, "run_meetings"):
        return Meeting.objects.all()
    if not has_capability(user, "attend_meetings"):
        return Meeting.objects.none()
    mine = Q(chair=user) | Q(items__actions__owner=user)
    if user.agency_id:
        mine |= Q(invited_agencies=user.agency_id)
    return Meeting.objects.filter(pk__in=Meeting.objects.filter(mine).values("pk"))


def find_meeting(user: Any, reference: str) -> Meeting | None:
    """The meeting, if the user may see it (None either way, so none is revealed)."""
    found = meetings_visible_to(user).filter(reference=reference)
    return found.select_related("chair", "organised_by", "minutes_approved_by").first()


def can_record(user: Any) -> bool:
    return has_capability(user, "run_meetings")


def item_restricted_for(user: Any, item: AgendaItem) -> bool:
    """Whether the user may not see who or what this item is about."""
    if item.kind == "child" and item.person is not None:
        return not access_to_person(user, item.person).allowed
    if item.kind == "person_of_concern":
        return not has_capability(user, "view_criminal_offence")
    return False


def place_label(place: Place) -> str:
    """'Rose Street Takeaway, TF1 2AB (PL-0000012)'."""
    words = ", ".join(p for p in (place.name, place.postcode) if p) or place.source_id
    return f"{words} ({place.entity_id})" if place.entity_id else words


def users_who_may(capability: str) -> QuerySet[User]:
    """Active users whose role has the capability (for choosing a chair or an owner)."""
    from joinedup.web.access import roles

    holding = [r for r in roles.roles() if capability in roles.capabilities(r)]
    return (
        User.objects.select_related("agency")
        .filter(is_active=True, role__in=holding)
        .order_by("first_name", "last_name", "username")
    )
