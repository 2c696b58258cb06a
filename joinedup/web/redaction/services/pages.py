"""What the review pages show: a redaction in its context, the next one to do, the
people a version's suggestions name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from joinedup.disclosure.redaction import categories
from joinedup.web.documents.models import DocumentVersion
from joinedup.web.redaction.models import Redaction
from joinedup.web.redaction.services.protocol import grounds

__all__ = [
    "InContext",
    "category_label",
    "ground_label",
    "in_context",
    "next_to_check",
    "next_to_decide",
    "people_suggested",
]

CONTEXT = 240


@dataclass(frozen=True, slots=True)
class InContext:
    before: str
    marked: str
    after: str
    starts_text: bool
    ends_text: bool


def in_context(redaction: Redaction, width: int = CONTEXT) -> InContext:
    text = redaction.document_version.text
    start = max(0, redaction.start - width)
    end = min(len(text), redaction.end + width)
    return InContext(
        text[start : redaction.start],
        text[redaction.start : redaction.end],
        text[redaction.end : end],
        start == 0,
        end == len(text),
    )


def category_label(category: str) -> str:
    if category == "manual":
        return "Chosen by a reviewer"
    found = categories().get(category)
    return found.label if found else category


def ground_label(ground: str) -> str:
    found = grounds().get(ground)
    return found.label if found else ""


def next_to_decide(version: DocumentVersion, after: int = -1) -> Redaction | None:
    """The first suggestion (or sent-back decision) after position `after`, else the first."""
    waiting = Redaction.objects.filter(document_version=version).filter(
        Q(status=Redaction.SUGGESTED) | Q(check_status=Redaction.SENT_BACK)
    )
    return (
        waiting.filter(start__gt=after).order_by("start").first()
        or waiting.order_by("start").first()
    )


def next_to_check(version: DocumentVersion, user: Any, after: int = -1) -> Redaction | None:
    """The first decision `user` did not make that is waiting for a check."""
    waiting = (
        Redaction.objects.filter(document_version=version, check_status=Redaction.UNCHECKED)
        .exclude(status=Redaction.SUGGESTED)
        .exclude(decided_by_id=user.pk)
    )
    return (
        waiting.filter(start__gt=after).order_by("start").first()
        or waiting.order_by("start").first()
    )


def people_suggested(version: DocumentVersion) -> list[tuple[str, str]]:
    """(person ref, "P-0000012 (Jade Smith): 4 suggestions") for people with
    suggestions left, named by the first name suggested for them."""
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    rows = Redaction.objects.filter(document_version=version, status=Redaction.SUGGESTED)
    for redaction in rows.exclude(person_ref="").order_by("start"):
        ref = redaction.person_ref
        counts[ref] = counts.get(ref, 0) + 1
        if redaction.category == "name":
            names.setdefault(ref, str(redaction.text))
    return [
        (ref, f"{ref}{f' ({names[ref]})' if ref in names else ''}: {n} suggestion{'s' * (n != 1)}")
        for ref, n in sorted(counts.items())
    ]
