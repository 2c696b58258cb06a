"""Recording a meeting: attendance, and for each agenda item its discussion, decisions
and actions; then each action's updates until it is done or cancelled.

Attendance, discussions, decisions and new actions are recorded while the meeting is
in progress or held (a minute-taker often writes up afterwards), never once its
minutes are approved. Nothing is recorded against an item whose subject the recorder
may not see. Each write is audited in its own transaction.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.access.services import has_capability
from joinedup.web.audit.services import record_event
from joinedup.web.meetings import vocabulary
from joinedup.web.meetings.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
)
from joinedup.web.meetings.services.visibility import item_restricted_for
from joinedup.web.records.models import Agency

__all__ = [
    "add_action",
    "may_update",
    "record_attendance",
    "record_decision",
    "record_discussion",
    "update_action",
]

RECORDING = ("in_progress", "held")


def _check_recording(user: Any, meeting: Meeting) -> None:
    if not has_capability(user, "run_meetings"):
        raise PermissionDenied("Your role does not record MACE meetings.")
    if meeting.status not in RECORDING:
        state = vocabulary.status_label(meeting.status).lower()
        raise InputError(f"Nothing can be recorded: the meeting is {state}")


def _check_item(user: Any, item: AgendaItem) -> None:
    _check_recording(user, item.meeting)
    if item_restricted_for(user, item):
        raise PermissionDenied("You may not see who this agenda item is about.")


def _audit(user: Any, meeting: Meeting, event: str, request: HttpRequest | None,
           **detail: Any) -> None:  # fmt: skip
    record_event(user, event, target_type="meeting", target_id=meeting.reference,
                 detail=detail, request=request)  # fmt: skip


def record_attendance(
    user: Any, meeting: Meeting, *, agency: Agency, name: str, job_title: str, status: str,
    request: HttpRequest | None = None,
) -> Attendance:  # fmt: skip
    _check_recording(user, meeting)
    if status not in vocabulary.labels("attendance"):
        raise InputError("Select whether they attended, sent apologies or were absent")
    if not meeting.invited_agencies.filter(pk=agency.pk).exists():
        raise InputError(f"{agency.name} was not invited to this meeting")
    with transaction.atomic():
        row = Attendance.objects.create(
            meeting=meeting, agency=agency, name=name.strip(), job_title=job_title.strip(),
            status=status, recorded_by=user, recorded_at=timezone.now(),
        )  # fmt: skip
        _audit(user, meeting, "meetings.attendance", request, agency=agency.code,
               status=status, attendance=row.pk)  # fmt: skip
    return row


def record_discussion(
    user: Any, item: AgendaItem, text: str, request: HttpRequest | None = None
) -> AgendaItem:
    """The summary of the item's discussion (replacing the draft; the audit keeps when)."""
    _check_item(user, item)
    with transaction.atomic():
        item.discussion = text.strip()
        item.save(update_fields=["discussion"])
        _audit(user, item.meeting, "meetings.discussion", request, item=item.pk,
               **_about(item))  # fmt: skip
    return item


def _about(item: AgendaItem) -> dict[str, str]:
    return {"person_id": item.person.person_id} if item.person is not None else {}


def record_decision(
    user: Any, item: AgendaItem, text: str, request: HttpRequest | None = None
) -> Decision:
    _check_item(user, item)
    if not text.strip():
        raise InputError("Enter the decision")
    with transaction.atomic():
        decision = Decision.objects.create(
            item=item, text=text.strip(), recorded_by=user, recorded_at=timezone.now()
        )
        _audit(user, item.meeting, "meetings.decision", request, item=item.pk,
               decision=decision.pk, **_about(item))  # fmt: skip
    return decision


def add_action(
    user: Any, item: AgendaItem, *, description: str, owner: Any, agency: Agency,
    due_on: date, request: HttpRequest | None = None,
) -> Action:  # fmt: skip
    _check_item(user, item)
    if not (has_capability(owner, "attend_meetings") or has_capability(owner, "run_meetings")):
        raise InputError("The owner must be someone whose role takes part in MACE meetings")
    with transaction.atomic():
        action = Action.objects.create(
            item=item, description=description.strip(), owner=owner, agency=agency,
            due_on=due_on, created_by=user, created_at=timezone.now(),
        )  # fmt: skip
        _audit(user, item.meeting, "meetings.action_add", request, item=item.pk,
               action=action.pk, owner=owner.username, agency=agency.code,
               due_on=due_on.isoformat(), **_about(item))  # fmt: skip
    return action


def may_update(user: Any, action: Action) -> bool:
    """The owner, or anyone who runs meetings."""
    return bool(action.owner_id == user.pk or has_capability(user, "run_meetings"))


def update_action(
    user: Any, action: Action, *, status: str, note: str, request: HttpRequest | None = None
) -> ActionUpdate:
    """A progress note, and the action's status now (open, done or cancelled)."""
    if not may_update(user, action):
        raise PermissionDenied("Only the action's owner, or whoever runs the meeting, updates it.")
    if status not in vocabulary.labels("action_statuses"):
        raise InputError("Select the action's status")
    if not note.strip():
        raise InputError("Enter what has been done, or why the status changed")
    with transaction.atomic():
        update = ActionUpdate.objects.create(
            action=action, status=status, note=note.strip(), by=user, at=timezone.now()
        )
        before, action.status = action.status, status
        action.save(update_fields=["status"])
        _audit(user, action.item.meeting, "meetings.action_update", request,
               action=action.pk, before=before, after=status)  # fmt: skip
    return update
