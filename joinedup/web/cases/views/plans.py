"""Plans: adding one, its page, its actions and its reviews (`work_cases`)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.web.access.services import capability_required
from joinedup.web.cases.forms import PlanActionForm, PlanForm, ReviewForm, VersionForm
from joinedup.web.cases.models import Case, Plan
from joinedup.web.cases.services.cases import record_view
from joinedup.web.cases.services.plans import (
    add_action,
    add_plan,
    default_review_date,
    mark_action_done,
    record_review,
)
from joinedup.web.cases.services.summary import plan_row
from joinedup.web.cases.services.vocabularies import plan_types
from joinedup.web.cases.views.common import acting_user, edit_page, load_case, posted


def _plan(case: Case, plan_id: int) -> Plan:
    plan = case.plans.filter(pk=plan_id).first()
    if plan is None:
        raise Http404("No such plan on this case")
    plan.case = case
    return plan


@require_http_methods(["GET", "POST"])
@capability_required("work_cases")
def plan_add(request: HttpRequest, reference: str) -> HttpResponse:
    case = load_case(request, reference)
    today = timezone.localdate()
    initial = {
        "version": case.version,
        "start_day": today.day,
        "start_month": today.month,
        "start_year": today.year,
    }
    form = PlanForm(posted(request), initial=initial)

    def save(data: dict[str, Any]) -> None:
        review = data["review_date"] or default_review_date(data["plan_type"], data["start_date"])
        add_plan(
            case,
            seen_version=data["version"],
            by=acting_user(request),
            plan_type=data["plan_type"],
            aims=data["aims"],
            start_date=data["start_date"],
            review_date=review,
            request=request,
        )

    intervals = [(t["label"], t["first_review_days"]) for t in plan_types().values()]
    return edit_page(
        request,
        case,
        form,
        save,
        template="cases/plan_add.html",
        success="Plan added.",
        intervals=intervals,
    )


@require_GET
@capability_required("work_cases")
def plan_page(request: HttpRequest, reference: str, plan_id: int) -> HttpResponse:
    case = load_case(request, reference)
    plan = _plan(case, plan_id)
    record_view(acting_user(request), case, request, section="plan", plan_id=plan.pk)
    context = {
        "case": case,
        "plan": plan,
        "row": plan_row(plan),
        "actions": plan.actions.select_related("done_by", "added_by"),
        "reviews": plan.reviews.select_related("recorded_by"),
        "done_form": VersionForm(None, initial={"version": case.version}),
    }
    return render(request, "cases/plan.html", context)


@require_http_methods(["GET", "POST"])
@capability_required("work_cases")
def action_add(request: HttpRequest, reference: str, plan_id: int) -> HttpResponse:
    case = load_case(request, reference)
    plan = _plan(case, plan_id)
    form = PlanActionForm(posted(request), initial={"version": case.version})

    def save(data: dict[str, Any]) -> None:
        add_action(
            plan,
            seen_version=data["version"],
            by=acting_user(request),
            what=data["what"],
            who=data["who"],
            due_on=data["due_on"],
            request=request,
        )

    return edit_page(
        request,
        case,
        form,
        save,
        template="cases/action_add.html",
        success="Action added.",
        then=_plan_url(case, plan),
        plan=plan,
        row=plan_row(plan),
    )


@require_http_methods(["POST"])
@capability_required("work_cases")
def action_done(request: HttpRequest, reference: str, plan_id: int, action_id: int) -> HttpResponse:
    case = load_case(request, reference)
    plan = _plan(case, plan_id)
    action = plan.actions.filter(pk=action_id).first()
    if action is None:
        raise Http404("No such action on this plan")
    action.plan = plan
    form = VersionForm(request.POST)

    def save(data: dict[str, Any]) -> None:
        mark_action_done(
            action, seen_version=data["version"], by=acting_user(request), request=request
        )

    return edit_page(
        request,
        case,
        form,
        save,
        template="cases/action_done.html",
        success=f"Marked done: {action.what}",
        then=_plan_url(case, plan),
        plan=plan,
        action=action,
    )


@require_http_methods(["GET", "POST"])
@capability_required("work_cases")
def review(request: HttpRequest, reference: str, plan_id: int) -> HttpResponse:
    case = load_case(request, reference)
    plan = _plan(case, plan_id)
    form = ReviewForm(posted(request), initial={"version": case.version})

    def save(data: dict[str, Any]) -> None:
        record_review(
            plan,
            seen_version=data["version"],
            by=acting_user(request),
            held_on=data["held_on"],
            outcome=data["outcome"],
            next_review_date=data["next_review_date"],
            request=request,
        )

    return edit_page(
        request,
        case,
        form,
        save,
        template="cases/review.html",
        success="Review recorded.",
        then=_plan_url(case, plan),
        plan=plan,
        row=plan_row(plan),
    )


def _plan_url(case: Case, plan: Plan) -> str:
    """Where a change to a plan returns: the plan's page."""
    return reverse("cases:plan", args=[case.reference, plan.pk])
