"""Screening a contact: the states, the steps, and the refusals.

    received ──start──▶ in screening ──decide──▶ decided
                        (link the child or record "not in the index", rate, re-rate)

Marking a contact urgent is allowed while received or in screening. Every step takes
the `version` of the contact the screener was looking at, and is refused when the
contact has changed since (`ContactChanged`) or the step is not allowed in its state
(`StepRefused`); each is audited in its own transaction. DOMAIN.md F20.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.access.services import has_capability
from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event
from joinedup.web.frontdoor.models import Contact
from joinedup.web.frontdoor.services.index_search import linkable_children
from joinedup.web.frontdoor.services.urgent import alert_duty_managers
from joinedup.web.frontdoor.services.vocabulary import ratings
from joinedup.web.people.models import Person

__all__ = [
    "ALLOWED",
    "ContactChanged",
    "StepRefused",
    "link_child",
    "locked",
    "mark_urgent",
    "rate_contact",
    "record_not_in_index",
    "save_step",
    "start_screening",
]

RECEIVED, IN_SCREENING, DECIDED = Contact.RECEIVED, Contact.IN_SCREENING, Contact.DECIDED
ALLOWED: dict[str, frozenset[str]] = {
    "start": frozenset({RECEIVED}),
    "link": frozenset({IN_SCREENING}),
    "rate": frozenset({IN_SCREENING}),
    "decide": frozenset({IN_SCREENING}),
    "mark_urgent": frozenset({RECEIVED, IN_SCREENING}),
}


class StepRefused(InputError):
    """The step is not allowed for the contact in its present state."""


class ContactChanged(StepRefused):
    """Someone changed the contact after the screener opened it."""


def locked(user: User, contact: Contact, version: int | None, step: str) -> Contact:
    """The contact, locked for this transaction, if the step is allowed now."""
    if not has_capability(user, "screen_referrals"):
        raise PermissionDenied("Your role does not screen contacts.")
    fresh = Contact.objects.select_for_update().get(pk=contact.pk)
    if version is not None and fresh.version != version:
        raise ContactChanged(
            f"{fresh.reference} was changed by someone else after you opened it. "
            "Check what changed below, then try again."
        )
    if fresh.status not in ALLOWED[step]:
        raise StepRefused(_why_not(fresh, step))
    return fresh


def _why_not(contact: Contact, step: str) -> str:
    if contact.status == DECIDED:
        return f"{contact.reference} has been decided: it can no longer be changed."
    if contact.status == RECEIVED:
        return f"Start screening {contact.reference} first."
    return f"Screening of {contact.reference} has already started."


def save_step(contact: Contact, fields: Iterable[str]) -> None:
    contact.version += 1
    contact.save(update_fields=[*fields, "version"])


def _audit(
    user: User, action: str, contact: Contact, request: HttpRequest | None, **detail: object
) -> None:
    record_event(
        user,
        action,
        target_type="contact",
        target_id=contact.reference,
        detail=detail,
        request=request,
    )


def start_screening(
    user: User,
    contact: Contact,
    *,
    version: int | None,
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> Contact:
    """received -> in screening, with the user as its screener."""
    with transaction.atomic():
        fresh = locked(user, contact, version, "start")
        fresh.status, fresh.screener = IN_SCREENING, user
        fresh.screening_started_at = now or timezone.now()
        save_step(fresh, ["status", "screener", "screening_started_at"])
        _audit(user, "frontdoor.screening_started", fresh, request)
    return fresh


def link_child(
    user: User,
    contact: Contact,
    person: Person,
    *,
    version: int | None,
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> Contact:
    """Link the contact to a child anywhere in the person index.

    The screener need not be able to open the child's record, and linking does not open
    it to them: that needs an allocation (opening and allocating a case), the agreement
    or break-glass.
    """
    with transaction.atomic():
        fresh = locked(user, contact, version, "link")
        if not linkable_children().filter(pk=person.pk).exists():
            raise PermissionDenied("A contact can only be linked to a child in the index.")
        fresh.person, fresh.not_in_index = person, False
        _checked(fresh, user, now)
        save_step(fresh, ["person", "not_in_index", "child_checked_at", "child_checked_by"])
        _audit(user, "frontdoor.child_linked", fresh, request, person_id=person.person_id)
    return fresh


def record_not_in_index(
    user: User,
    contact: Contact,
    *,
    version: int | None,
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> Contact:
    """Record that the screener searched and did not find the child in the index."""
    with transaction.atomic():
        fresh = locked(user, contact, version, "link")
        fresh.person, fresh.not_in_index = None, True
        _checked(fresh, user, now)
        save_step(fresh, ["person", "not_in_index", "child_checked_at", "child_checked_by"])
        _audit(user, "frontdoor.not_in_index", fresh, request)
    return fresh


def _checked(contact: Contact, user: User, now: datetime | None) -> None:
    contact.child_checked_at, contact.child_checked_by = now or timezone.now(), user


def rate_contact(
    user: User,
    contact: Contact,
    rag: str,
    rationale: str,
    *,
    version: int | None,
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> Contact:
    """Record (or change) the RAG rating and its rationale; it sets the timescale."""
    if rag not in ratings():
        raise StepRefused(f"{rag!r} is not a RAG rating (data/timescales.yaml)")
    if not rationale.strip():
        raise StepRefused("Enter the rationale for the rating")
    with transaction.atomic():
        fresh = locked(user, contact, version, "rate")
        previous = fresh.rag
        fresh.rag, fresh.rag_rationale = rag, rationale.strip()  # type: ignore[assignment]
        fresh.screened_at, fresh.screened_by = now or timezone.now(), user
        save_step(fresh, ["rag", "rag_rationale", "screened_at", "screened_by"])
        _audit(user, "frontdoor.screened", fresh, request, rag=rag, previous=previous)
    return fresh


def mark_urgent(
    user: User,
    contact: Contact,
    reason: str,
    *,
    version: int | None,
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> Contact:
    """Mark the contact as needing action now, and tell the duty manager at once."""
    if not reason.strip():
        raise StepRefused("Enter why the contact needs action now")
    now = now or timezone.now()
    with transaction.atomic():
        fresh = locked(user, contact, version, "mark_urgent")
        if fresh.urgent:
            raise StepRefused(f"{fresh.reference} is already urgent.")
        fresh.urgent, fresh.urgent_reason = True, reason.strip()  # type: ignore[assignment]
        fresh.urgent_marked_by, fresh.urgent_marked_at = user, now
        save_step(fresh, ["urgent", "urgent_reason", "urgent_marked_by", "urgent_marked_at"])
        _audit(user, "frontdoor.marked_urgent", fresh, request)
        alert_duty_managers(user, fresh, now, request)
    return fresh
