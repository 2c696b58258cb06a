"""Contacts coming in: the agency and school referral forms, and what referrers see.

`receive_contact` stores what the referrer told us (the free text encrypted at rest),
gives it its reference ("REF-000042"), audits it, and, when the referrer says the child
needs action now, tells the duty manager in the same transaction. A referrer sees the
referrals they made and the outcome, never other people's.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from joinedup.web.access.services import has_capability
from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event
from joinedup.web.frontdoor.models import Contact
from joinedup.web.frontdoor.services.urgent import alert_duty_managers

__all__ = ["CHILD_FIELDS", "REFERRAL_FIELDS", "SCHOOL_FIELDS", "receive_contact", "referrals_of"]

CHILD_FIELDS = frozenset(
    {
        "child_forenames",
        "child_surname",
        "child_dob",
        "child_age",
        "child_address",
        "child_postcode",
        "child_school",
    }
)
SCHOOL_FIELDS = frozenset(
    {"attendance_percent", "attendance_notes", "exclusions", "exclusion_notes", "changes_seen"}
)
REFERRAL_FIELDS = (
    CHILD_FIELDS
    | SCHOOL_FIELDS
    | frozenset(
        {
            "concerns",
            "child_views",
            "family_aware",
            "consent",
            "consent_notes",
            "urgent",
            "urgent_reason",
            "referrer_name",
            "referrer_role",
            "referrer_organisation",
            "referrer_phone",
            "referrer_email",
        }
    )
)
REFERENCE_PREFIX = "REF-"


def receive_contact(
    user: User,
    details: Mapping[str, Any],
    *,
    form: str = Contact.AGENCY_FORM,
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> Contact:
    """Store a referral from `user` (fields of REFERRAL_FIELDS); audited, urgent told."""
    if not has_capability(user, "make_referrals"):
        raise PermissionDenied("Your role does not make referrals.")
    unknown = set(details) - REFERRAL_FIELDS
    if unknown:
        raise ValueError(f"not fields of a referral: {sorted(unknown)}")
    now = now or timezone.now()
    with transaction.atomic():
        contact = _create(user, details, form, now)
        record_event(
            user,
            "frontdoor.contact_received",
            target_type="contact",
            target_id=contact.reference,
            detail={"form": form, "urgent": contact.urgent, "agency": _agency_code(contact)},
            request=request,
        )
        if contact.urgent:
            alert_duty_managers(user, contact, now, request)
    return contact


def _create(user: User, details: Mapping[str, Any], form: str, now: datetime) -> Contact:
    contact = Contact.objects.create(
        reference=f"new-{uuid.uuid4().hex[:16]}",
        form=form,
        referred_by=user,
        referrer_agency_id=user.agency_id,
        received_at=now,
        **details,
    )
    if contact.urgent:
        contact.urgent_marked_by, contact.urgent_marked_at = user, now
    contact.reference = f"{REFERENCE_PREFIX}{contact.pk:06d}"
    contact.save(update_fields=["reference", "urgent_marked_by", "urgent_marked_at"])
    return contact


def _agency_code(contact: Contact) -> str:
    return contact.referrer_agency.code if contact.referrer_agency else ""


def referrals_of(user: User) -> QuerySet[Contact]:
    """The referrals this user made, newest first."""
    return Contact.objects.filter(referred_by=user).order_by("-received_at", "-pk")
