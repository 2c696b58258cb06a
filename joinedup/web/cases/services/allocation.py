"""Allocating a case to a worker and a team, and ending the allocation.

Access follows casework: allocating a child's case gives the worker and the team an
`access.Allocation` to the child's record from today, and ending the allocation
(reallocating, ending it, or closing the case) ends those from today, so the record
closes to them with the case. Each allocation is kept with who made it and when.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils import timezone

from joinedup.web.access.models import Allocation
from joinedup.web.access.services import has_capability
from joinedup.web.accounts.models import Team, User
from joinedup.web.audit.services import record_event
from joinedup.web.cases.models import Case, CaseAllocation
from joinedup.web.cases.services.versioning import case_edit

__all__ = ["allocate_case", "current_allocation", "end_allocation", "end_current_allocation"]


def allocate_case(
    case: Case,
    *,
    seen_version: int,
    team: Team,
    worker: User | None,
    by: User,
    request: HttpRequest | None = None,
) -> CaseAllocation:
    """Allocate the open case to `team` (and `worker`, a member of it); audited."""
    _check_allocation(case, team, worker, by)
    to = f"{worker.username} in {team.name}" if worker else f"{team.name} (no worker yet)"
    with case_edit(
        case,
        seen_version,
        by,
        action="allocate",
        summary=f"Allocated to {to}",
        fields={"worker": worker, "team": team},
        request=request,
    ):
        end_current_allocation(case, by, "Reallocated")
        allocation = CaseAllocation.objects.create(
            case=case, worker=worker, team=team, allocated_by=by, allocated_at=timezone.now()
        )
        if case.person_id:
            allocation.access_allocations.set(_grant_access(case, team, worker, by))
        record_event(
            by,
            "cases.allocate",
            target_type="case",
            target_id=case.reference,
            detail={
                "worker": worker.username if worker else "",
                "team": team.name,
                "person_id": case.person.person_id if case.person else "",
            },
            request=request,
        )
    return allocation


def _check_allocation(case: Case, team: Team, worker: User | None, by: User) -> None:
    if not has_capability(by, "allocate_cases"):
        raise PermissionDenied("Your role cannot allocate cases.")
    if case.status != Case.OPEN:
        raise ValidationError("A closed case cannot be allocated: reopen it first")
    if worker is None:
        return
    if not has_capability(worker, "work_cases"):
        raise ValidationError(f"{worker.username}'s role does not work cases")
    if worker.team_id != team.pk and team.manager_id != worker.pk:
        raise ValidationError(f"{worker.username} is not in {team.name}")


def _grant_access(case: Case, team: Team, worker: User | None, by: User) -> list[Allocation]:
    person, today = case.person, timezone.localdate()
    assert person is not None, "only a child's case gives access to a record"
    made = [Allocation(person=person, team=team, allocated_from=today, allocated_by=by)]
    if worker is not None:
        made.append(Allocation(person=person, user=worker, allocated_from=today, allocated_by=by))
    for allocation in made:
        allocation.save()
    return made


def current_allocation(case: Case) -> CaseAllocation | None:
    return case.allocations.filter(ended_at__isnull=True).select_related("worker", "team").first()


def end_current_allocation(case: Case, by: User, reason: str) -> CaseAllocation | None:
    """End the case's allocation (if any) and the record access it gave, from today.

    Call inside the case edit's transaction."""
    current = current_allocation(case)
    if current is None:
        return None
    current.ended_at, current.ended_by, current.end_reason = timezone.now(), by, reason[:200]
    current.save(update_fields=["ended_at", "ended_by", "end_reason"])
    yesterday = timezone.localdate() - timedelta(days=1)
    current.access_allocations.filter(allocated_to__isnull=True).update(allocated_to=yesterday)
    current.access_allocations.filter(allocated_to__gt=yesterday).update(allocated_to=yesterday)
    return current


def end_allocation(
    case: Case, *, seen_version: int, by: User, reason: str, request: HttpRequest | None = None
) -> None:
    """Take the case back into the unallocated queue; audited."""
    if not has_capability(by, "allocate_cases"):
        raise PermissionDenied("Your role cannot allocate cases.")
    if not reason.strip():
        raise ValidationError("Enter why the allocation is ending")
    with case_edit(
        case,
        seen_version,
        by,
        action="allocation_end",
        summary="Ended the allocation: the case is unallocated",
        fields={"worker": None, "team": None},
        request=request,
    ):
        ended = end_current_allocation(case, by, reason.strip())
        record_event(
            by,
            "cases.allocation_end",
            target_type="case",
            target_id=case.reference,
            detail={
                "reason": reason.strip(),
                "worker": ended.worker.username if ended and ended.worker else "",
                "team": ended.team.name if ended and ended.team else "",
            },
            request=request,
        )
