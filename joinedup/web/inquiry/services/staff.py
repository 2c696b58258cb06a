"""The inquiry's named staff, and what each may do inside the inquiry.

Only a lead names staff or changes them, and the inquiry always keeps at least one
lead. Other apps ask `staff_may(user, "reads_accounts")` (named to read survivors'
accounts, DOMAIN.md I32), `"approves_releases"` or `"is_lead"`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.access.services import has_capability
from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event
from joinedup.web.inquiry.models import Inquiry, InquiryStaff
from joinedup.web.inquiry.services.setup import current_inquiry

__all__ = [
    "POWERS",
    "StaffDraft",
    "change_staff",
    "name_staff",
    "possible_staff",
    "remove_staff",
    "staff_may",
]

POWERS = ("is_lead", "reads_accounts", "approves_releases")
LAST_LEAD = "The inquiry must always have a lead: name another lead first"


@dataclass(frozen=True, slots=True)
class StaffDraft:
    position: str
    is_lead: bool
    reads_accounts: bool
    approves_releases: bool


def staff_may(user: Any, power: str, inquiry: Inquiry | None = None) -> bool:
    """Whether the user is named on the inquiry's staff with this power."""
    if power not in POWERS:
        raise ValueError(f"unknown inquiry staff power {power!r}; one of {POWERS}")
    if not has_capability(user, "inquiry_work"):
        return False
    inquiry = inquiry or current_inquiry()
    if inquiry is None:
        return False
    return InquiryStaff.objects.filter(inquiry=inquiry, user=user, **{power: True}).exists()


def possible_staff(inquiry: Inquiry) -> list[User]:
    """Active users of the inquiry team not yet named on its staff."""
    named = inquiry.staff.values_list("user_id", flat=True)
    users = User.objects.filter(is_active=True).exclude(pk__in=named).order_by("username")
    return [u for u in users if has_capability(u, "inquiry_work")]


def _require_lead(user: Any, inquiry: Inquiry) -> None:
    if not staff_may(user, "is_lead", inquiry):
        raise InputError("Only a lead of the inquiry may change its staff")


def _detail(post: InquiryStaff) -> dict[str, Any]:
    return {"user": post.user_id, **{p: getattr(post, p) for p in POWERS}}


def name_staff(
    lead: Any, inquiry: Inquiry, user: User, draft: StaffDraft, request: HttpRequest | None = None
) -> InquiryStaff:
    _require_lead(lead, inquiry)
    if not has_capability(user, "inquiry_work"):
        raise InputError("Only members of the inquiry team can be named on its staff")
    if inquiry.staff.filter(user=user).exists():
        raise InputError(f"{user.username} is already on the inquiry's staff")
    with transaction.atomic():
        post = InquiryStaff.objects.create(
            inquiry=inquiry, user=user, named_at=timezone.now(), **_fields(draft)
        )
        record_event(
            lead,
            "inquiry.staff_named",
            target_type="inquiry_staff",
            target_id=post.pk,
            detail=_detail(post),
            request=request,
        )
    return post


def _fields(draft: StaffDraft) -> dict[str, Any]:
    return {
        "position": draft.position.strip(),
        "is_lead": draft.is_lead,
        "reads_accounts": draft.reads_accounts,
        "approves_releases": draft.approves_releases,
    }


def change_staff(
    lead: Any, post: InquiryStaff, draft: StaffDraft, request: HttpRequest | None = None
) -> InquiryStaff:
    _require_lead(lead, post.inquiry)
    with transaction.atomic():
        locked = InquiryStaff.objects.select_for_update().get(pk=post.pk)
        if locked.is_lead and not draft.is_lead:
            _keep_a_lead(locked)
        for name, value in _fields(draft).items():
            setattr(locked, name, value)
        locked.save()
        record_event(
            lead,
            "inquiry.staff_changed",
            target_type="inquiry_staff",
            target_id=locked.pk,
            detail=_detail(locked),
            request=request,
        )
    return locked


def remove_staff(lead: Any, post: InquiryStaff, request: HttpRequest | None = None) -> None:
    _require_lead(lead, post.inquiry)
    with transaction.atomic():
        locked = InquiryStaff.objects.select_for_update().get(pk=post.pk)
        if locked.is_lead:
            _keep_a_lead(locked)
        detail = _detail(locked)
        post_id = locked.pk
        locked.delete()
        record_event(
            lead,
            "inquiry.staff_removed",
            target_type="inquiry_staff",
            target_id=post_id,
            detail=detail,
            request=request,
        )


def _keep_a_lead(post: InquiryStaff) -> None:
    others = InquiryStaff.objects.select_for_update().filter(inquiry=post.inquiry, is_lead=True)
    if not others.exclude(pk=post.pk).exists():
        raise InputError(LAST_LEAD)
