"""Minutes: drafted while the meeting is in progress or held, approved by the chair,
then locked. Corrections after approval are addenda, kept beside the minutes.

The draft carries the meeting's version: a draft saved over someone else's newer save
is refused with words that say so, so an edit is never lost silently.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.access.services import has_capability
from joinedup.web.audit.services import record_event
from joinedup.web.meetings import vocabulary
from joinedup.web.meetings.models import Meeting, MinutesAddendum

__all__ = ["add_addendum", "approve_minutes", "may_approve", "save_minutes"]

DRAFTING = ("in_progress", "held")
STALE = (
    "Someone else saved these minutes while you were editing. Your text is below: "
    "compare it with theirs on the meeting page, then save again"
)


def _check_runs(user: Any) -> None:
    if not has_capability(user, "run_meetings"):
        raise PermissionDenied("Your role does not record MACE meetings.")


def save_minutes(
    user: Any, meeting: Meeting, text: str, version: int, request: HttpRequest | None = None
) -> Meeting:
    """Save the draft minutes, unless the meeting changed since the form was shown."""
    _check_runs(user)
    if meeting.status not in DRAFTING:
        state = vocabulary.status_label(meeting.status).lower()
        raise InputError(f"The minutes cannot be changed: the meeting is {state}")
    with transaction.atomic():
        saved = Meeting.objects.filter(pk=meeting.pk, version=version).update(
            minutes=text.strip(), version=version + 1
        )
        if not saved:
            raise InputError(STALE)
        meeting.refresh_from_db()
        record_event(user, "meetings.minutes_draft", target_type="meeting",
                     target_id=meeting.reference, detail={"version": meeting.version},
                     request=request)  # fmt: skip
    return meeting


def may_approve(user: Any, meeting: Meeting) -> bool:
    return bool(meeting.status == "held" and meeting.chair_id == user.pk)


def approve_minutes(user: Any, meeting: Meeting, request: HttpRequest | None = None) -> Meeting:
    """The chair approves the minutes of a held meeting; from then on they are locked."""
    _check_runs(user)
    if meeting.chair_id != user.pk:
        raise PermissionDenied("Only the chair approves the minutes.")
    if meeting.status != "held":
        raise InputError("Minutes are approved once the meeting is marked as held")
    if not meeting.minutes.strip():
        raise InputError("Write the minutes before approving them")
    with transaction.atomic():
        meeting.status, meeting.version = "minutes_approved", meeting.version + 1
        meeting.minutes_approved_at, meeting.minutes_approved_by = timezone.now(), user
        meeting.save(update_fields=["status", "version", "minutes_approved_at",
                                    "minutes_approved_by"])  # fmt: skip
        record_event(user, "meetings.minutes_approved", target_type="meeting",
                     target_id=meeting.reference, detail={"version": meeting.version},
                     request=request)  # fmt: skip
    return meeting


def add_addendum(
    user: Any, meeting: Meeting, text: str, request: HttpRequest | None = None
) -> MinutesAddendum:
    """A correction to approved minutes, dated and signed; the minutes stay as approved."""
    _check_runs(user)
    if meeting.status != "minutes_approved":
        raise InputError("Addenda are for approved minutes: change the draft instead")
    if not text.strip():
        raise InputError("Enter the correction")
    with transaction.atomic():
        addendum = MinutesAddendum.objects.create(
            meeting=meeting, text=text.strip(), by=user, at=timezone.now()
        )
        record_event(user, "meetings.minutes_addendum", target_type="meeting",
                     target_id=meeting.reference, detail={"addendum": addendum.pk},
                     request=request)  # fmt: skip
    return addendum
