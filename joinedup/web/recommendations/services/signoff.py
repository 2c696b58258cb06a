"""Independent sign-off: an action marked completed is signed off or returned.

Only roles with `sign_off_recommendations` (the inquiry team, independent of the
agencies that did the work: DOMAIN.md F23) sign off, and never the person who completed
the action or owns it (separation of duties). Only signed-off actions count as done; a
returned action goes back to in progress with the reason in its history.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from joinedup.errors import InputError
from joinedup.web.access.services import has_capability
from joinedup.web.accounts.models import User
from joinedup.web.recommendations.models import Action
from joinedup.web.recommendations.services.steps import Step, take_step

__all__ = ["awaiting_sign_off", "record_sign_off", "sign_off_refusal"]

NOT_INDEPENDENT = (
    "You completed or own this action, so you cannot sign it off: "
    "sign-off must be by someone independent of the work."
)


def sign_off_refusal(user: Any, action: Action) -> str:
    """Why the user may not sign off or return this action now; '' when they may."""
    if not has_capability(user, "sign_off_recommendations"):
        return "Your role does not sign off recommendation actions."
    if action.status != "completed":
        return "Only an action marked completed can be signed off or returned."
    if user.pk in (action.completed_by_id, action.owner_id):
        return NOT_INDEPENDENT
    return ""


def record_sign_off(
    user: User,
    action: Action,
    signed_off: bool,
    note: str,
    version: int | None = None,
    request: HttpRequest | None = None,
) -> Action:
    """Sign the action off, or return it to in progress with a reason."""
    refusal = sign_off_refusal(user, action)
    if refusal:
        raise PermissionDenied(refusal)
    if not signed_off and not note.strip():
        raise InputError("Enter why the action is returned: what is still needed")
    return take_step(user, action, _step(signed_off, note.strip()), version, request)


def _step(signed_off: bool, note: str) -> Step:
    if signed_off:
        return Step("signed_off", "signed_off", note, "recommendations.signed_off")
    return Step(
        "returned",
        "in_progress",
        note,
        "recommendations.returned",
        changes={"completed_by": None},
        detail={"reason": note[:500]},
    )


def awaiting_sign_off(user: Any | None = None) -> QuerySet[Action]:
    """Completed actions waiting for sign-off; for a user, those they may sign off."""
    found = Action.objects.filter(status="completed")
    if user is not None:
        found = found.exclude(completed_by_id=user.pk).exclude(owner_id=user.pk)
    return found.select_related("recommendation__source", "owning_agency").order_by(
        "last_update_at"
    )
