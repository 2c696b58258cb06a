"""The two tabs of the review queue, with how many pairs wait in each."""

from __future__ import annotations

from django.urls import reverse

from joinedup.web.people.entity_review import open_entity_pairs
from joinedup.web.people.review import open_review_pairs

__all__ = ["tabs"]


def tabs(current: str) -> list[dict[str, object]]:
    """[{href, label, count, current}] for the people and the entity queues."""
    found = (
        ("reviews:queue", "People", open_review_pairs().count()),
        ("reviews:entities", "Places, vehicles, phones and organisations",
         open_entity_pairs().count()),
    )  # fmt: skip
    return [{"href": reverse(name), "label": label, "count": count, "current": name == current}
            for name, label, count in found]  # fmt: skip
