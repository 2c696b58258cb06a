"""Closing a case (a reason and a date) and reopening it (a reason).

Closing ends the allocation and the record access it gave: a closed case returns to the
unallocated queue, seen by those who may allocate cases, and reopening it puts it there
for allocation again. Each change is kept in `StatusChange`.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone

from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event
from joinedup.web.cases.models import Case, StatusChange
from joinedup.web.cases.services.allocation import end_current_allocation
from joinedup.web.cases.services.versioning import case_edit

__all__ = ["close_case", "reopen_case"]


def close_case(
    case: Case,
    *,
    seen_version: int,
    by: User,
    reason: str,
    closed_on: date,
    request: HttpRequest | None = None,
) -> None:
    """Close the open case on `closed_on` (today or earlier); audited as `cases.close`."""
    _check_closing(case, reason, closed_on)
    now = timezone.now()
    fields = {
        "status": Case.CLOSED,
        "closed_at": now,
        "closure_reason": reason.strip(),
        "worker": None,
        "team": None,
    }
    with case_edit(
        case,
        seen_version,
        by,
        action="close",
        summary=f"Closed the case on {closed_on.day} {closed_on:%B %Y}",
        fields=fields,
        request=request,
    ):
        end_current_allocation(case, by, "The case was closed")
        StatusChange.objects.create(
            case=case,
            status="closed",
            reason=reason.strip(),
            effective_on=closed_on,
            changed_by=by,
            changed_at=now,
        )
        record_event(
            by,
            "cases.close",
            target_type="case",
            target_id=case.reference,
            detail={"closed_on": closed_on.isoformat(), "reason": reason.strip()},
            request=request,
        )


def _check_closing(case: Case, reason: str, closed_on: date) -> None:
    if case.status != Case.OPEN:
        raise ValidationError("The case is already closed")
    if not reason.strip():
        raise ValidationError("Enter why the case is being closed")
    if closed_on > timezone.localdate():
        raise ValidationError("The date the case closed must be today or in the past")
    if closed_on < timezone.localdate(case.opened_at):
        raise ValidationError("The date the case closed must be on or after the day it opened")


def reopen_case(
    case: Case, *, seen_version: int, by: User, reason: str, request: HttpRequest | None = None
) -> None:
    """Reopen the closed case (unallocated, to be allocated); audited as `cases.reopen`."""
    if case.status != Case.CLOSED:
        raise ValidationError("The case is already open")
    if not reason.strip():
        raise ValidationError("Enter why the case is being reopened")
    fields = {"status": Case.OPEN, "closed_at": None, "closure_reason": ""}
    with case_edit(
        case,
        seen_version,
        by,
        action="reopen",
        summary="Reopened the case",
        fields=fields,
        request=request,
    ):
        StatusChange.objects.create(
            case=case,
            status="reopened",
            reason=reason.strip(),
            effective_on=timezone.localdate(),
            changed_by=by,
            changed_at=timezone.now(),
        )
        record_event(
            by,
            "cases.reopen",
            target_type="case",
            target_id=case.reference,
            detail={"reason": reason.strip()},
            request=request,
        )
