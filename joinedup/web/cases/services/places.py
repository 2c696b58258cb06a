"""Places from the index, for a context case: find them by name or postcode, by ID."""

from __future__ import annotations

from django.db.models import Q

from joinedup.web.records.models import Place

__all__ = ["place_choices", "place_for"]

SHOWN = 20


def place_for(entity_id: str) -> Place | None:
    """A Place record of the resolved place `entity_id` (PL-0000001), or None."""
    entity_id = entity_id.strip().upper()
    if not entity_id:
        return None
    return Place.objects.filter(entity_id=entity_id).order_by("pk").first()


def place_choices(query: str) -> list[Place]:
    """Up to 20 places whose name or postcode contains `query`, one per resolved place."""
    query = query.strip()
    found = Place.objects.exclude(entity_id="").filter(
        Q(name__icontains=query) | Q(postcode__icontains=query)
    )
    chosen: dict[str, Place] = {}
    for place in found.order_by("entity_id", "pk")[: SHOWN * 5]:
        chosen.setdefault(place.entity_id, place)
    return list(chosen.values())[:SHOWN]
