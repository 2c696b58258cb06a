"""The screening queue, a referrer's own referrals, and who may open which contact.

The queue holds every contact not yet decided: urgent ones first, then the one whose
decision is due soonest (its RAG timescale from receipt), then the longest waiting.
Screeners (`screen_referrals`) may open every contact; a referrer may open only the
referrals they made, and sees what they sent and the outcome. Each list that names a
child, and each opening, is audited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from joinedup.web.access.services import has_capability
from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event
from joinedup.web.children.services.display import display_date, full_name
from joinedup.web.frontdoor.models import Contact
from joinedup.web.frontdoor.services.timescales import Clock, clock
from joinedup.web.frontdoor.services.vocabulary import decisions

__all__ = [
    "REFERRER",
    "SCREENER",
    "ContactRow",
    "audit_list",
    "audit_opening",
    "contact_for",
    "decided_contacts",
    "describe_child",
    "queue_rows",
    "rows_of",
    "waiting_contacts",
]

SCREENER, REFERRER = "screener", "referrer"
RELATED = ("referrer_agency", "screener", "person", "case", "referred_by")


@dataclass(frozen=True)
class ContactRow:
    """One contact as a list shows it."""

    contact: Contact
    clock: Clock
    child: str  # the name as referred, or a description when there is none
    born: str  # "4 March 2011", "about 14 years old", ""
    outcome: str  # the decision's label, "" while undecided


def describe_child(contact: Contact) -> tuple[str, str]:
    """(name, born) as the referrer gave them."""
    name = full_name(contact.child_forenames, contact.child_surname) or "Name not known"
    if contact.child_dob:
        return name, f"Born {display_date(contact.child_dob)}"
    return name, f"About {contact.child_age} years old" if contact.child_age is not None else ""


def rows_of(contacts: Iterable[Contact], now: datetime) -> list[ContactRow]:
    labels = {code: d.label for code, d in decisions().items()}
    return [
        ContactRow(c, clock(c, now), *describe_child(c), labels.get(c.decision, ""))
        for c in contacts
    ]


def waiting_contacts() -> QuerySet[Contact]:
    return Contact.objects.exclude(status=Contact.DECIDED).select_related(*RELATED)


def queue_rows(now: datetime) -> list[ContactRow]:
    """Contacts waiting for a decision: urgent first, then due soonest, then oldest."""
    rows = rows_of(waiting_contacts(), now)
    return sorted(
        rows,
        key=lambda r: (not r.contact.urgent, r.clock.due_at, r.contact.received_at, r.contact.pk),
    )


def decided_contacts() -> QuerySet[Contact]:
    found = Contact.objects.filter(status=Contact.DECIDED).select_related(*RELATED)
    return found.order_by("-decided_at", "-pk")


def contact_for(user: User, reference: str) -> tuple[Contact, str]:
    """The contact and how the user sees it (screener or referrer); 404 otherwise, so
    a referrer cannot learn which references exist."""
    contact = Contact.objects.filter(reference=reference).select_related(*RELATED).first()
    if contact is None:
        raise Http404("No contact with this reference")
    if has_capability(user, "screen_referrals"):
        return contact, SCREENER
    if has_capability(user, "make_referrals") and contact.referred_by_id == user.pk:
        return contact, REFERRER
    raise Http404("No contact with this reference")


def audit_opening(user: User, contact: Contact, seen_as: str, request: HttpRequest) -> None:
    """`frontdoor.view`: who opened which contact, as screener or referrer."""
    record_event(
        user,
        "frontdoor.view",
        target_type="contact",
        target_id=contact.reference,
        detail={"as": seen_as, "person_id": contact.person.person_id if contact.person else ""},
        request=request,
    )


def audit_list(user: User, which: str, rows: Iterable[ContactRow], request: HttpRequest) -> None:
    """`frontdoor.list_view` with the references shown; nothing when none were."""
    references = [row.contact.reference for row in rows]
    if references:
        record_event(
            user,
            "frontdoor.list_view",
            detail={"list": which, "contacts": references},
            request=request,
        )
