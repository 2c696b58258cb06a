"""Arranging a meeting: create it, build its agenda, and move it through its states.

Every write is audited in its own transaction (`record_event`). Rules a person can
break (an item the meeting's kind does not allow, a child they may not see, a state
that does not follow) raise `InputError` with words for the page; a role that may not
arrange meetings is refused with `PermissionDenied`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.access.services import access_to_person, has_capability
from joinedup.web.audit.services import record_event
from joinedup.web.meetings import vocabulary
from joinedup.web.meetings.models import AgendaItem, Meeting
from joinedup.web.meetings.services.visibility import place_label
from joinedup.web.people.models import Person
from joinedup.web.records.models import Agency, Place

__all__ = ["NewItem", "add_item", "change_status", "create_meeting", "move_item", "remove_item"]

AGENDA_OPEN = ("planned", "in_progress")
NEXT_STATES = {"planned": ("in_progress", "cancelled"), "in_progress": ("held", "cancelled")}


@dataclass(frozen=True)
class NewItem:
    kind: str
    person: Person | None = None
    place: Place | None = None
    theme: str = ""


def _may_arrange(user: Any) -> None:
    if not has_capability(user, "run_meetings"):
        raise PermissionDenied("Your role does not arrange MACE meetings.")


def _audit(user: Any, meeting: Meeting, action: str, request: HttpRequest | None,
           **detail: Any) -> None:  # fmt: skip
    record_event(user, action, target_type="meeting", target_id=meeting.reference,
                 detail={"kind": meeting.kind, **detail}, request=request)  # fmt: skip


def create_meeting(
    user: Any, *, kind: str, starts_at: datetime, venue: str, chair: Any,
    agencies: Iterable[Agency], request: HttpRequest | None = None,
) -> Meeting:  # fmt: skip
    """A planned meeting of this kind; its reference is made from its key (MACE-000012)."""
    _may_arrange(user)
    vocabulary.kind(kind)
    if not has_capability(chair, "run_meetings"):
        raise InputError("The chair must be someone whose role runs MACE meetings")
    with transaction.atomic():
        meeting = Meeting.objects.create(
            reference=f"NEW-{uuid.uuid4().hex[:16]}", kind=kind, starts_at=starts_at,
            venue=venue.strip(), chair=chair, organised_by=user, created_at=timezone.now(),
        )  # fmt: skip
        meeting.reference = f"MACE-{meeting.pk:06d}"
        meeting.save(update_fields=["reference"])
        meeting.invited_agencies.set(agencies)
        codes = sorted(a.code for a in meeting.invited_agencies.all())
        _audit(user, meeting, "meetings.create", request, starts_at=starts_at.isoformat(),
               chair=chair.username, agencies=codes)  # fmt: skip
    return meeting


def add_item(
    user: Any, meeting: Meeting, new: NewItem, request: HttpRequest | None = None
) -> AgendaItem:
    """Put a child, a person of concern, a location or a theme at the end of the agenda."""
    _may_arrange(user)
    _check_agenda_open(meeting)
    _check_item(user, meeting, new)
    with transaction.atomic():
        last = meeting.items.aggregate(last=Max("position"))["last"] or 0
        item = AgendaItem.objects.create(
            meeting=meeting, position=last + 1, kind=new.kind, person=new.person,
            place=new.place, theme=new.theme.strip(), added_by=user, added_at=timezone.now(),
        )  # fmt: skip
        _audit(user, meeting, "meetings.agenda_add", request, **_subject(item))
    return item


def _subject(item: AgendaItem) -> dict[str, Any]:
    """What the audit entry says the item is about (ids, never names)."""
    found: dict[str, Any] = {"item": item.pk, "item_kind": item.kind}
    if item.person is not None:
        found["person_id"] = item.person.person_id
    if item.place is not None:
        found["place"] = item.place.entity_id or f"{item.place.agency.code}:{item.place.source_id}"
    if item.theme:
        found["theme"] = item.theme
    return found


def _check_agenda_open(meeting: Meeting) -> None:
    if meeting.status not in AGENDA_OPEN:
        state = vocabulary.status_label(meeting.status).lower()
        raise InputError(f"The agenda cannot change: the meeting is {state}")


def _check_item(user: Any, meeting: Meeting, new: NewItem) -> None:
    allowed = vocabulary.kind(meeting.kind).item_kinds
    if new.kind not in allowed:
        label = vocabulary.kind(meeting.kind).label
        what = vocabulary.item_kind_label(new.kind).lower()
        raise InputError(f"A {label} meeting cannot have {what} on its agenda")
    if new.kind == "child":
        _check_child(user, meeting, new.person)
    elif new.kind == "person_of_concern":
        _check_person_of_concern(user, meeting, new.person)
    elif new.kind == "location":
        _check_place(meeting, new.place)
    elif not new.theme.strip():
        raise InputError("Enter the theme")


def _check_child(user: Any, meeting: Meeting, person: Person | None) -> None:
    if person is None or person.age_group != "child" or not person.active:
        raise InputError("Select a child from the list")
    if not access_to_person(user, person).allowed:
        raise InputError("Select a child whose record you may open")
    if meeting.items.filter(kind="child", person=person).exists():
        raise InputError("This child is already on the agenda")


def _check_person_of_concern(user: Any, meeting: Meeting, person: Person | None) -> None:
    if not has_capability(user, "view_criminal_offence"):
        raise PermissionDenied("Your role does not see criminal-offence data.")
    if person is None or person.age_group != "adult" or not person.active:
        raise InputError("Enter the person id of an adult in the person index, like P-0000123")
    if meeting.items.filter(kind="person_of_concern", person=person).exists():
        raise InputError("This person is already on the agenda")


def _check_place(meeting: Meeting, place: Place | None) -> None:
    if place is None:
        raise InputError("Select a location from the search results")
    same = meeting.items.filter(kind="location", place=place)
    if place.entity_id:
        same = meeting.items.filter(kind="location", place__entity_id=place.entity_id)
    if same.exists():
        raise InputError(f"{place_label(place)} is already on the agenda")


def move_item(
    user: Any, item: AgendaItem, direction: str, request: HttpRequest | None = None
) -> None:
    """Swap the item with the one above ('up') or below ('down')."""
    _may_arrange(user)
    meeting = item.meeting
    _check_agenda_open(meeting)
    items = list(meeting.items.order_by("position", "pk"))
    at = items.index(item)
    to = at - 1 if direction == "up" else at + 1
    if direction not in ("up", "down") or not 0 <= to < len(items):
        raise InputError("This item cannot move that way")
    items[at], items[to] = items[to], items[at]
    with transaction.atomic():
        for position, each in enumerate(items, start=1):
            AgendaItem.objects.filter(pk=each.pk).update(position=position)
        _audit(user, meeting, "meetings.agenda_move", request, item=item.pk,
               direction=direction, order=[i.pk for i in items])  # fmt: skip


def remove_item(user: Any, item: AgendaItem, request: HttpRequest | None = None) -> None:
    """Take an item off the agenda: only before anything is recorded against it."""
    _may_arrange(user)
    meeting = item.meeting
    _check_agenda_open(meeting)
    if item.discussion or item.decisions.exists() or item.actions.exists():
        raise InputError("This item has a discussion, decisions or actions recorded: keep it")
    with transaction.atomic():
        _audit(user, meeting, "meetings.agenda_remove", request, **_subject(item))
        item.delete()
        for position, each in enumerate(meeting.items.order_by("position", "pk"), start=1):
            AgendaItem.objects.filter(pk=each.pk).update(position=position)


def change_status(
    user: Any, meeting: Meeting, to: str, reason: str = "", request: HttpRequest | None = None
) -> Meeting:
    """Start (in progress), finish (held) or cancel (with a reason) the meeting."""
    _may_arrange(user)
    if to not in NEXT_STATES.get(meeting.status, ()):
        now = vocabulary.status_label(meeting.status).lower()
        raise InputError(f"The meeting is {now}: it cannot become {_state_words(to)}")
    if to == "cancelled" and not reason.strip():
        raise InputError("Enter why the meeting is cancelled")
    with transaction.atomic():
        before = meeting.status
        meeting.status, meeting.version = to, meeting.version + 1
        meeting.cancelled_reason = reason.strip() if to == "cancelled" else ""
        meeting.save(update_fields=["status", "version", "cancelled_reason"])
        _audit(user, meeting, "meetings.status", request, before=before, after=to,
               reason=meeting.cancelled_reason)  # fmt: skip
    return meeting


def _state_words(code: str) -> str:
    return vocabulary.status_label(code).lower()
