"""Who is on the panel, under which name, and who runs it.

Inquiry staff (`inquiry_work`) add a member: an account of role survivor_panel, under a
display name chosen with them ("Panel member 4", or a first name they pick). Other
members see only that name; nothing published carries any name. A member may leave
(their contributions stay under their display name) and may ask that what they said be
kept out of publication: withdrawing unpublishes every item of theirs and stops it
being published again.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.access.services import has_capability
from joinedup.web.accounts.models import Role, User
from joinedup.web.audit.services import record_event
from joinedup.web.inquiry.models import Inquiry
from joinedup.web.inquiry.services import current_inquiry
from joinedup.web.panel.models import PanelMember, Publication

__all__ = [
    "NOT_A_MEMBER",
    "active_members",
    "add_member",
    "end_membership",
    "is_staff",
    "may_read_panel",
    "membership_of",
    "panel_inquiry",
    "possible_members",
    "rejoin_member",
    "require_inquiry",
    "withdraw_contributions",
]

NOT_A_MEMBER = (
    "You are not a member of the survivors' panel. If you think you should be, "
    "contact the inquiry team."
)
NO_INQUIRY = "The inquiry has not been set up yet: set it up before the panel can start."


def panel_inquiry() -> Inquiry | None:
    """The inquiry the panel belongs to (the inquiry app's `current_inquiry`)."""
    return current_inquiry()


def require_inquiry() -> Inquiry:
    inquiry = panel_inquiry()
    if inquiry is None:
        raise InputError(NO_INQUIRY)
    return inquiry


def is_staff(user: Any) -> bool:
    """Whether the user runs the panel (the inquiry team)."""
    return has_capability(user, "inquiry_work")


def may_read_panel(user: Any) -> bool:
    """Whether the user may read the panel's proposals, drafts and log: staff, or a
    current member (an account of the panel role that is not, or no longer, on it may not)."""
    return is_staff(user) or membership_of(user) is not None


def membership_of(user: Any, *, active_only: bool = True) -> PanelMember | None:
    """The user's membership of the panel, if any (an ended one only if asked for)."""
    inquiry = panel_inquiry()
    if inquiry is None or not getattr(user, "is_authenticated", False):
        return None
    found = PanelMember.objects.filter(inquiry=inquiry, user_id=user.pk).first()
    if found is None or (active_only and not found.is_active):
        return None
    return found


def active_members(inquiry: Inquiry) -> list[PanelMember]:
    found = PanelMember.objects.filter(inquiry=inquiry, left_at__isnull=True)
    return list(found.select_related("user").filter(user__is_active=True))


def possible_members(inquiry: Inquiry) -> list[User]:
    """Accounts of role survivor_panel not yet on the panel."""
    taken = PanelMember.objects.filter(inquiry=inquiry).values("user")
    found = User.objects.filter(role=Role.SURVIVOR_PANEL, is_active=True).exclude(pk__in=taken)
    return list(found.order_by("username"))


def add_member(
    staff: User, user: User, display_name: str, request: HttpRequest | None = None
) -> PanelMember:
    if not is_staff(staff):
        raise PermissionDenied("Only the inquiry team adds members to the panel.")
    inquiry = require_inquiry()
    name = " ".join(display_name.split())
    if not name:
        raise InputError("Enter the name other members will see")
    if user.role != Role.SURVIVOR_PANEL:
        raise InputError("Only an account of the survivors' panel role can join the panel")
    if PanelMember.objects.filter(inquiry=inquiry, user=user).exists():
        raise InputError("This account is already on the panel, or has left it")
    if PanelMember.objects.filter(inquiry=inquiry, display_name__iexact=name).exists():
        raise InputError("Another member already has this name: choose a different one")
    try:
        with transaction.atomic():
            member = PanelMember.objects.create(
                inquiry=inquiry,
                user=user,
                display_name=name,
                joined_at=timezone.now(),
                added_by=staff,
            )
            record_event(
                staff, "panel.member_added", target_type="panel_member",
                target_id=member.pk, detail={"user_id": user.pk}, request=request,
            )  # fmt: skip
    except IntegrityError:
        raise InputError("This account or name is already on the panel") from None
    return member


def end_membership(
    by: User, member: PanelMember, withdraw: bool, request: HttpRequest | None = None
) -> PanelMember:
    """The member leaves (by themselves, or staff record it for them)."""
    if by.pk != member.user_id and not is_staff(by):
        raise PermissionDenied("Only the member or the inquiry team can end a membership.")
    if not member.is_active:
        raise InputError("This membership has already ended")
    with transaction.atomic():
        member.left_at = timezone.now()
        member.save(update_fields=["left_at"])
        record_event(
            by, "panel.member_left", target_type="panel_member", target_id=member.pk,
            detail={"withdraw": withdraw}, request=request,
        )  # fmt: skip
        if withdraw:
            withdraw_contributions(by, member, request)
    return member


def rejoin_member(
    staff: User, member: PanelMember, reason: str, request: HttpRequest | None = None
) -> PanelMember:
    """Bring a member who left back onto the panel, under the same display name. What they
    said before is still theirs; a withdrawal from publication stands (it is not undone)."""
    if not is_staff(staff):
        raise PermissionDenied("Only the inquiry team brings a member back onto the panel.")
    reason = reason.strip()
    if not reason:
        raise InputError("Say why the member is coming back onto the panel")
    if member.is_active:
        raise InputError(f"{member.display_name} is already on the panel")
    others = PanelMember.objects.filter(inquiry_id=member.inquiry_id).exclude(pk=member.pk)
    if others.filter(display_name__iexact=member.display_name).exists():
        raise InputError(
            f"Another member now uses the name {member.display_name}: "
            "agree a different name with one of them before bringing this member back"
        )
    with transaction.atomic():
        member.left_at, member.rejoined_at = None, timezone.now()
        member.save(update_fields=["left_at", "rejoined_at"])
        record_event(
            staff, "panel.member_rejoined", target_type="panel_member", target_id=member.pk,
            detail={"user_id": member.user_id, "reason_length": len(reason)}, request=request,
        )  # fmt: skip
    return member


def withdraw_contributions(
    by: User, member: PanelMember, request: HttpRequest | None = None
) -> int:
    """Keep everything the member said out of publication; return how many items were
    taken out. It cannot be undone here: a member who changes their mind asks staff."""
    if by.pk != member.user_id and not is_staff(by):
        raise PermissionDenied("Only the member or the inquiry team can withdraw contributions.")
    with transaction.atomic():
        if member.withdrawn_at is None:
            member.withdrawn_at = timezone.now()
            member.save(update_fields=["withdrawn_at"])
        theirs = Publication.objects.filter(
            Q(proposal__member=member) | Q(comment__member=member), published=True
        )
        taken_out = theirs.update(published=False, changed_at=timezone.now(), changed_by=by)
        record_event(
            by, "panel.contributions_withdrawn", target_type="panel_member",
            target_id=member.pk, detail={"unpublished": taken_out}, request=request,
        )  # fmt: skip
    return taken_out
