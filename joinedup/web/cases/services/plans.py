"""Plans: a type (data/plan_types.yaml), a start, the next review, actions and reviews.

Every change to a plan is an edit of its case (a new case version, so two people
cannot silently overwrite each other) and is audited as `cases.plan_*`. A review
records when it was held, what it concluded and the next review date; a review with no
next date ends the plan. A review date before today is overdue.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Min, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event
from joinedup.web.cases.models import Case, Plan, PlanAction, PlanReview
from joinedup.web.cases.services.versioning import case_edit
from joinedup.web.cases.services.vocabularies import label, plan_types

__all__ = [
    "add_action",
    "add_plan",
    "default_review_date",
    "live_plans",
    "mark_action_done",
    "next_review_dates",
    "record_review",
]


def default_review_date(plan_type: str, start: date) -> date:
    """The start plus the type's usual interval to a first review (data/plan_types.yaml)."""
    return start + timedelta(days=int(plan_types()[plan_type]["first_review_days"]))


def add_plan(
    case: Case,
    *,
    seen_version: int,
    by: User,
    plan_type: str,
    aims: str,
    start_date: date,
    review_date: date,
    request: HttpRequest | None = None,
) -> Plan:
    """Add a plan to the open case; audited as `cases.plan_add`."""
    if plan_type not in plan_types():
        raise ValidationError(f"Choose a type of plan, one of {sorted(plan_types())}")
    _check_open(case)
    if review_date < start_date:
        raise ValidationError("The review date must be on or after the start date")
    name = label(plan_types(), plan_type)
    with case_edit(
        case, seen_version, by, action="plan_add", summary=f"Added a {name}", request=request
    ):
        plan = Plan.objects.create(
            case=case,
            plan_type=plan_type,
            aims=aims.strip(),
            start_date=start_date,
            review_date=review_date,
            created_by=by,
            created_at=timezone.now(),
        )
        _audit(
            by, "cases.plan_add", plan, request, type=plan_type, review_date=review_date.isoformat()
        )
    return plan


def add_action(
    plan: Plan,
    *,
    seen_version: int,
    by: User,
    what: str,
    who: str,
    due_on: date,
    request: HttpRequest | None = None,
) -> PlanAction:
    """Add an action (what, who, by when) to a live plan; audited."""
    _check_live(plan)
    if not what.strip() or not who.strip():
        raise ValidationError("Enter what is to be done and who will do it")
    with case_edit(
        plan.case,
        seen_version,
        by,
        action="plan_action_add",
        summary=f"Added an action to the {_name(plan)}: {what.strip()}",
        request=request,
    ):
        action = PlanAction.objects.create(
            plan=plan,
            what=what.strip()[:300],
            who=who.strip()[:150],
            due_on=due_on,
            added_by=by,
            added_at=timezone.now(),
        )
        _audit(
            by,
            "cases.plan_action_add",
            plan,
            request,
            action_id=action.pk,
            due_on=due_on.isoformat(),
        )
    return action


def mark_action_done(
    action: PlanAction, *, seen_version: int, by: User, request: HttpRequest | None = None
) -> None:
    """Record that the action was done, today, by `by`; audited."""
    _check_live(action.plan)
    if action.done_on is not None:
        raise ValidationError("This action is already done")
    with case_edit(
        action.plan.case,
        seen_version,
        by,
        action="plan_action_done",
        summary=f"Marked done: {action.what}",
        request=request,
    ):
        action.done_on, action.done_by = timezone.localdate(), by
        action.save(update_fields=["done_on", "done_by"])
        _audit(by, "cases.plan_action_done", action.plan, request, action_id=action.pk)


def record_review(
    plan: Plan,
    *,
    seen_version: int,
    by: User,
    held_on: date,
    outcome: str,
    next_review_date: date | None,
    request: HttpRequest | None = None,
) -> PlanReview:
    """Record a review of the plan; no next review date ends the plan. Audited."""
    _check_live(plan)
    _check_review(plan, held_on, outcome, next_review_date)
    ends = "; the plan ended" if next_review_date is None else ""
    with case_edit(
        plan.case,
        seen_version,
        by,
        action="plan_review",
        summary=f"Recorded a review of the {_name(plan)}{ends}",
        request=request,
    ):
        review = PlanReview.objects.create(
            plan=plan,
            held_on=held_on,
            outcome=outcome.strip(),
            next_review_date=next_review_date,
            recorded_by=by,
            recorded_at=timezone.now(),
        )
        _move_review_date(plan, held_on, next_review_date)
        _audit(
            by,
            "cases.plan_review",
            plan,
            request,
            held_on=held_on.isoformat(),
            next_review_date=next_review_date.isoformat() if next_review_date else "",
        )
    return review


def _check_review(plan: Plan, held_on: date, outcome: str, following: date | None) -> None:
    if not outcome.strip():
        raise ValidationError("Enter what the review concluded")
    if held_on > timezone.localdate():
        raise ValidationError("The date the review was held must be today or in the past")
    if held_on < plan.start_date:
        raise ValidationError("The review cannot be before the plan started")
    if following is not None and following <= held_on:
        raise ValidationError("The next review must be after this one")


def _move_review_date(plan: Plan, held_on: date, following: date | None) -> None:
    if following is None:
        plan.ended_on = held_on
        plan.save(update_fields=["ended_on"])
    else:
        plan.review_date = following
        plan.save(update_fields=["review_date"])


def _check_open(case: Case) -> None:
    if case.status != Case.OPEN:
        raise ValidationError("The case is closed: reopen it to change its plans")


def _check_live(plan: Plan) -> None:
    _check_open(plan.case)
    if plan.ended_on is not None:
        raise ValidationError("This plan has ended")


def _name(plan: Plan) -> str:
    return label(plan_types(), plan.plan_type)


def _audit(
    by: User, action: str, plan: Plan, request: HttpRequest | None, **detail: object
) -> None:
    record_event(
        by,
        action,
        target_type="case",
        target_id=plan.case.reference,
        detail={"plan_id": plan.pk, **detail},
        request=request,
    )


def live_plans(case: Case) -> QuerySet[Plan]:
    return case.plans.filter(ended_on__isnull=True)


def next_review_dates(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The cases annotated with `next_review`: the earliest review date of a live plan."""
    return cases.annotate(
        next_review=Min("plans__review_date", filter=Q(plans__ended_on__isnull=True))
    )
