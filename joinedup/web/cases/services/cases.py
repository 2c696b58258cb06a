"""Opening a case, and which cases a user may see.

A case is about a child (a Person in the index) or a context (a place, peer group,
school, online space or other, data/context_kinds.yaml, optionally a Place from the
index). Who sees a case (docs/cases.md): the allocated worker, everyone in the team it
is allocated to, the manager of that team; a child's case only if the user may also
open the child's record (`persons_visible_to`). An unallocated case is seen by whoever
opened it and by everyone who may allocate cases, so that it can be allocated.
"""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from joinedup.web.access.services import has_capability, persons_visible_to
from joinedup.web.accounts.models import Team, User
from joinedup.web.audit.services import record_event
from joinedup.web.cases.models import Case, CaseChange, StatusChange
from joinedup.web.cases.services.vocabularies import context_kinds
from joinedup.web.people.models import Person
from joinedup.web.records.models import Place

__all__ = ["case_for", "cases_visible_to", "open_case", "record_view", "teams_seen_by"]


def open_case(
    *,
    opened_by: User,
    reason: str,
    person: Person | None = None,
    context_kind: str = "",
    context_name: str = "",
    place: Place | None = None,
    source: str = "",
    request: HttpRequest | None = None,
) -> Case:
    """Open a case about a child or a context; audited as `cases.open`."""
    if not (
        has_capability(opened_by, "work_cases") or has_capability(opened_by, "screen_referrals")
    ):
        raise PermissionDenied("Your role cannot open cases.")
    if not reason.strip():
        raise ValidationError("Enter why the case is being opened")
    subject = _subject(person, context_kind, context_name, place)
    with transaction.atomic():
        case = _create(opened_by, subject)
        _record_opening(case, opened_by, reason.strip(), source.strip())
        record_event(
            opened_by,
            "cases.open",
            target_type="case",
            target_id=case.reference,
            detail={
                "subject": str(case),
                "subject_kind": case.subject_kind,
                "person_id": person.person_id if person else "",
                "source": source.strip(),
            },
            request=request,
        )
    return case


def _subject(person: Person | None, kind: str, name: str, place: Place | None) -> dict[str, Any]:
    if person is not None:
        if kind or name.strip() or place is not None:
            raise ValidationError("A case is about a child or a context, not both")
        return {"subject_kind": Case.CHILD, "person": person}
    kind = kind or ("place" if place is not None else "")
    if kind not in context_kinds():
        raise ValidationError(f"Choose the kind of context, one of {sorted(context_kinds())}")
    name = name.strip() or (place.name if place is not None else "")
    if not name:
        raise ValidationError("Enter the name of the context")
    return {
        "subject_kind": Case.CONTEXT,
        "context_kind": kind,
        "context_name": name[:200],
        "place": place,
    }


def _create(opened_by: User, subject: dict[str, Any]) -> Case:
    case = Case.objects.create(
        reference=f"NEW-{uuid4().hex[:16]}",
        opened_by=opened_by,
        opened_at=timezone.now(),
        **subject,
    )
    case.reference = f"CASE-{case.pk:06d}"
    case.save(update_fields=["reference"])
    return case


def _record_opening(case: Case, user: User, reason: str, source: str) -> None:
    StatusChange.objects.create(
        case=case,
        status="open",
        reason=reason,
        source=source[:200],
        effective_on=timezone.localdate(case.opened_at),
        changed_by=user,
        changed_at=case.opened_at,
    )
    summary = f"Opened the case ({source})" if source else "Opened the case"
    CaseChange.objects.create(
        case=case,
        version=1,
        action="open",
        summary=summary[:300],
        changed_by=user,
        changed_at=case.opened_at,
    )


def teams_seen_by(user: User) -> list[int]:
    """The user's own team and every team they manage."""
    managed = list(Team.objects.filter(manager=user).values_list("pk", flat=True))
    return ([user.team_id] if user.team_id else []) + managed


def cases_visible_to(user: User) -> QuerySet[Case]:
    """Every case the user may list and open (none without `work_cases`)."""
    if not has_capability(user, "work_cases"):
        return Case.objects.none()
    managed = Team.objects.filter(manager=user).values("pk")
    allocated = Q(worker=user) | Q(team__in=teams_seen_by(user)) | Q(worker__team__in=managed)
    child_open = Q(subject_kind=Case.CONTEXT) | Q(person__in=persons_visible_to(user))
    unallocated = Q(worker__isnull=True, team__isnull=True)
    if not has_capability(user, "allocate_cases"):
        unallocated &= Q(opened_by=user)
    return Case.objects.filter((allocated & child_open) | unallocated)


def case_for(user: User, reference: str, request: HttpRequest | None = None) -> Case:
    """The case, if the user may see it; Http404 if there is none, else PermissionDenied
    (the refusal is audited as `cases.access_denied`)."""
    case = Case.objects.filter(reference=reference).select_related(*RELATED).first()
    if case is None:
        raise Http404("No such case")
    if not cases_visible_to(user).filter(pk=case.pk).exists():
        record_event(
            user,
            "cases.access_denied",
            target_type="case",
            target_id=reference,
            detail={"reason": "not allocated to the user or their team"},
            request=request,
        )
        raise PermissionDenied("This case is not allocated to you or your team.")
    return case


RELATED = ("person", "place", "worker", "team", "opened_by")


def record_view(
    user: User,
    case: Case,
    request: HttpRequest | None = None,
    section: str = "case",
    **detail: Any,
) -> None:
    """Audit that the user read the case, or one page of it (`cases.view`)."""
    person_id = case.person.person_id if case.person else ""
    record_event(
        user,
        "cases.view",
        target_type="case",
        target_id=case.reference,
        detail={"section": section, "person_id": person_id, **detail},
        request=request,
    )
