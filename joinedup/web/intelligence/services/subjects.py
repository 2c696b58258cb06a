"""An item's subjects: people (from the index or described), places, vehicles and phones.

People from the index are only those the logger may open (`persons_visible_to`), picked
with the children's search; places only from agencies in the logger's sharing
agreement. A vehicle or phone is kept by its normalised registration or number, and
linked to the index's record of it when there is one, so items naming the same car,
phone, place or person find each other (`related_items`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.records.normalise import normalise_phone, normalise_postcode, normalise_registration
from joinedup.web.access.services import entitlements_for, persons_visible_to
from joinedup.web.intelligence.models import IntelligenceItem, ItemSubject
from joinedup.web.intelligence.services.changes import record_change
from joinedup.web.people.models import Person
from joinedup.web.records.models import Phone, Place, Vehicle

__all__ = [
    "SubjectInput",
    "add_subject",
    "create_subject",
    "find_places",
    "place_label",
    "related_items",
    "subject_for_person",
    "subject_for_place",
    "subject_for_phone",
    "subject_for_vehicle",
]

MAX_PLACES = 20
SubjectInput = dict[str, Any]  # ItemSubject fields other than item, added_at, added_by


def subject_for_person(person: Person, role: str = "") -> SubjectInput:
    kind = "child" if person.age_group == "child" else "person"
    return {
        "kind": ItemSubject.PERSON,
        "person": person,
        "key": person.person_id,
        "label": f"{person.person_id} ({kind})",
        "role": role,
    }


def subject_described(description: str, role: str = "") -> SubjectInput:
    return {
        "kind": ItemSubject.DESCRIBED,
        "key": "",
        "label": description.strip()[:300],
        "role": role,
    }


def place_label(place: Place) -> str:
    parts = [place.name or place.address_line, place.postcode]
    return ", ".join(p for p in parts if p) or f"Place {place.source_id}"


def subject_for_place(place: Place) -> SubjectInput:
    key = place.entity_id or f"place:{place.pk}"
    return {"kind": ItemSubject.PLACE, "place": place, "key": key, "label": place_label(place)}


def subject_for_vehicle(registration: str) -> SubjectInput:
    """A vehicle by its registration (normalised); InputError when it is not one."""
    try:
        mark = normalise_registration(registration)
    except ValueError as error:
        raise InputError(f"{registration!r} is not a vehicle registration: {error}") from None
    known = Vehicle.objects.filter(registration=mark).order_by("pk").first()
    return {"kind": ItemSubject.VEHICLE, "vehicle": known, "key": mark, "label": mark}


def subject_for_phone(number: str) -> SubjectInput:
    try:
        e164 = normalise_phone(number)
    except ValueError as error:
        raise InputError(f"{number!r} is not a phone number: {error}") from None
    known = Phone.objects.filter(number=e164).order_by("pk").first()
    return {"kind": ItemSubject.PHONE, "phone": known, "key": e164, "label": e164}


def create_subject(item: IntelligenceItem, by: Any, subject: SubjectInput) -> ItemSubject:
    """Store one subject (no audit: the caller's change audits it)."""
    added_by = by if getattr(by, "pk", None) else None
    return ItemSubject.objects.create(
        item=item, added_at=timezone.now(), added_by=added_by, **subject
    )


def add_subject(
    item: IntelligenceItem, by: Any, subject: SubjectInput, request: HttpRequest | None = None
) -> ItemSubject:
    """Add a subject to an open item, with its history entry and audit entry."""
    person = subject.get("person")
    if person is not None and not persons_visible_to(by).filter(pk=person.pk).exists():
        raise PermissionDenied("You may not open this person's record, so you cannot add them.")
    if not item.is_open:
        raise InputError("The item is closed: reopen it to add a subject.")
    with transaction.atomic():
        added = create_subject(item, by, subject)
        detail = {"kind": added.kind, "person_id": person.person_id if person else ""}
        record_change(
            item, by, "subject_added", from_status=item.status, detail=detail, request=request
        )
    return added


def find_places(user: Any, text: str) -> list[Place]:
    """Places whose name, address or postcode match, from agencies the user may see."""
    text = text.strip()
    if not text:
        return []
    agencies = entitlements_for(user).agencies_visible
    places = Place.objects.select_related("agency")
    if agencies is not None:
        places = places.filter(agency__code__in=sorted(agencies))
    match = Q(name__icontains=text) | Q(address_line__icontains=text)
    try:
        match |= Q(postcode__startswith=normalise_postcode(text))
    except ValueError:
        pass
    return list(places.filter(match).order_by("name", "postcode", "pk")[:MAX_PLACES])


def related_items(
    item: IntelligenceItem, subjects: Iterable[ItemSubject]
) -> list[tuple[ItemSubject, list[IntelligenceItem]]]:
    """For each subject with a key, the other items naming the same subject, newest first."""
    found = []
    for subject in subjects:
        if not subject.key:
            continue
        others = IntelligenceItem.objects.filter(subjects__key=subject.key).exclude(pk=item.pk)
        others = others.distinct().order_by("-received_on", "-pk")
        if others:
            found.append((subject, list(others)))
    return found
