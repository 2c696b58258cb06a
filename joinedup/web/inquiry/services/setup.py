"""The inquiry itself: finding it, setting it up, its details and terms of reference.

The first member of the inquiry team to set the inquiry up becomes its lead. The terms
of reference are never overwritten: each change adds a `TermsOfReferenceVersion`, and
`Inquiry.terms_of_reference` holds the latest text. Every write is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.audit.services import record_event
from joinedup.web.inquiry.models import (
    EvidenceRequest,
    Inquiry,
    InquiryStaff,
    TermsOfReferenceVersion,
)

__all__ = [
    "InquiryDetails",
    "change_details",
    "change_terms",
    "current_inquiry",
    "set_up_inquiry",
]

ALREADY_SET_UP = "The inquiry is already set up"


@dataclass(frozen=True, slots=True)
class InquiryDetails:
    title: str
    chair: str
    statutory: bool
    set_up_on: date | None


def current_inquiry() -> Inquiry | None:
    """The inquiry this deployment holds (the first set up), or None before set-up."""
    return Inquiry.objects.order_by("pk").first()


def set_up_inquiry(
    user: Any, details: InquiryDetails, terms: str, request: HttpRequest | None = None
) -> Inquiry:
    """Set up the inquiry, with `user` as its lead; refused once one exists."""
    with transaction.atomic():
        if Inquiry.objects.select_for_update().exists():
            raise InputError(ALREADY_SET_UP)
        now = timezone.now()
        inquiry = Inquiry.objects.create(
            title=details.title.strip(),
            chair=details.chair.strip(),
            statutory=details.statutory,
            set_up_on=details.set_up_on,
            terms_of_reference="",
            created_at=now,
            created_by=user,
        )
        InquiryStaff.objects.create(inquiry=inquiry, user=user, is_lead=True, named_at=now)
        record_event(
            user,
            "inquiry.set_up",
            target_type="inquiry",
            target_id=inquiry.pk,
            detail={"statutory": inquiry.statutory, "lead": user.pk},
            request=request,
        )
        if terms.strip():
            change_terms(user, inquiry, terms, "First terms of reference", request)
    inquiry.refresh_from_db()
    return inquiry


def change_details(
    user: Any, inquiry: Inquiry, details: InquiryDetails, request: HttpRequest | None = None
) -> Inquiry:
    """Change the title, chair, statutory basis or set-up date (the lead's call)."""
    title = details.title.strip()
    if Inquiry.objects.filter(title__iexact=title).exclude(pk=inquiry.pk).exists():
        raise InputError(f"There is already an inquiry called {title!r}")
    notices = inquiry.requests.filter(kind=EvidenceRequest.SECTION_21)
    if not details.statutory and notices.exclude(status=EvidenceRequest.WITHDRAWN).exists():
        raise InputError(
            "The inquiry has section 21 notices that are not withdrawn, so it must stay "
            "statutory: withdraw them first"
        )
    changed = [
        name
        for name in ("title", "chair", "statutory", "set_up_on")
        if getattr(inquiry, name) != getattr(details, name)
    ]
    with transaction.atomic():
        inquiry.title, inquiry.chair = title, details.chair.strip()
        inquiry.statutory, inquiry.set_up_on = details.statutory, details.set_up_on
        inquiry.save()
        record_event(
            user,
            "inquiry.details_changed",
            target_type="inquiry",
            target_id=inquiry.pk,
            detail={"fields": changed, "statutory": inquiry.statutory},
            request=request,
        )
    return inquiry


def change_terms(
    user: Any, inquiry: Inquiry, text: str, reason: str, request: HttpRequest | None = None
) -> TermsOfReferenceVersion:
    """A new version of the terms of reference; the old ones stay."""
    text = text.strip()
    if not text:
        raise InputError("Enter the terms of reference")
    if text == inquiry.terms_of_reference.strip():
        raise InputError("The terms of reference are unchanged")
    with transaction.atomic():
        latest = inquiry.terms_versions.select_for_update().order_by("-number").first()
        version = TermsOfReferenceVersion.objects.create(
            inquiry=inquiry,
            number=(latest.number + 1) if latest else 1,
            text=text,
            reason=reason.strip(),
            changed_at=timezone.now(),
            changed_by=user,
        )
        inquiry.terms_of_reference = text
        inquiry.save(update_fields=["terms_of_reference"])
        record_event(
            user,
            "inquiry.terms_changed",
            target_type="inquiry",
            target_id=inquiry.pk,
            detail={"version": version.number},
            request=request,
        )
    return version
