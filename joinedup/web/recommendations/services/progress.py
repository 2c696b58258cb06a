"""Progress on an action, recorded by its owner or a user of its owning agency.

An owner moves an action between not started, in progress, completed (awaiting sign-off)
and not accepted (with the reason in the note), as data/tracker.yaml's `owner_moves`
allows. Every update needs a note and is kept in the history. Completing an action
records who completed it: they may not sign it off (services/signoff.py).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from joinedup.errors import InputError
from joinedup.web.accounts.models import User
from joinedup.web.recommendations.models import Action
from joinedup.web.recommendations.services.steps import Step, take_step
from joinedup.web.recommendations.services.tracker import may_update
from joinedup.web.recommendations.services.vocabulary import owner_moves, status_label

__all__ = ["NOT_YOURS", "record_progress", "status_choices"]

NOT_YOURS = "Only the action's owner or a user of its owning agency may update it."


def status_choices(action: Action) -> list[tuple[str, str]]:
    """The statuses the owner may choose now, the current one first."""
    return [(s, status_label(s)) for s in owner_moves(action.status)]


def record_progress(
    user: User,
    action: Action,
    status: str,
    note: str,
    version: int | None = None,
    request: HttpRequest | None = None,
) -> Action:
    """Record a progress update, possibly moving the action's status."""
    if not may_update(user, action):
        raise PermissionDenied(NOT_YOURS)
    if status not in owner_moves(action.status):
        raise InputError(
            f"An action that is {status_label(action.status).lower()} "
            f"cannot be moved to {status_label(status).lower()} here"
        )
    if not note.strip():
        raise InputError("Enter what has been done")
    return take_step(user, action, _step(user, status, note.strip()), version, request)


def _step(user: User, status: str, note: str) -> Step:
    if status == "completed":
        return Step(
            "completed", status, note, "recommendations.completed", changes={"completed_by": user}
        )
    return Step(
        "progress", status, note, "recommendations.progress", changes={"completed_by": None}
    )
