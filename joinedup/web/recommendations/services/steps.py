"""One step in an action's history, written the same way by every change.

`take_step` locks the action, checks it has not changed since the user saw it (its
`version`), moves its status, appends an `ActionUpdate` and writes the audit entry, all
in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event
from joinedup.web.recommendations.models import Action, ActionUpdate

__all__ = ["STALE", "Step", "take_step"]

STALE = (
    "Someone else changed this action after you opened it. "
    "Check its latest history below and try again."
)


@dataclass(frozen=True)
class Step:
    kind: str  # progress, evidence, completed, signed_off, returned
    status: str  # the status after the step
    note: str
    audit_action: str
    changes: dict[str, Any] = field(default_factory=dict)  # more fields of the action
    detail: dict[str, Any] = field(default_factory=dict)  # more for the audit entry


def take_step(
    user: User, action: Action, step: Step, version: int | None, request: HttpRequest | None = None
) -> Action:
    """Apply the step to the action (a fresh, locked copy of it) and return that copy."""
    with transaction.atomic():
        locked = Action.objects.select_for_update().get(pk=action.pk)
        if version is not None and locked.version != version:
            raise InputError(STALE)
        before = locked.status
        now = timezone.now()
        _apply(locked, step, now)
        ActionUpdate.objects.create(
            action=locked,
            kind=step.kind,
            status=step.status,
            note=step.note,
            made_by=user,
            made_at=now,
        )
        detail = {"number": locked.number, "from": before, "to": step.status, **step.detail}
        record_event(
            user,
            step.audit_action,
            target_type="recommendation_action",
            target_id=locked.pk,
            detail=detail,
            request=request,
        )
    return locked


def _apply(action: Action, step: Step, now: Any) -> None:
    for name, value in step.changes.items():
        setattr(action, name, value)
    action.status = step.status
    action.last_update_at = now
    action.version += 1
    action.save()
