"""Allocating a case to a worker and team, and ending the allocation (`allocate_cases`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from joinedup.web.access.services import capability_required
from joinedup.web.cases.forms import AllocateForm, EndAllocationForm
from joinedup.web.cases.services.allocation import allocate_case, end_allocation
from joinedup.web.cases.services.summary import case_summary
from joinedup.web.cases.views.common import acting_user, edit_page, load_case, posted


@require_http_methods(["GET", "POST"])
@capability_required("work_cases", "allocate_cases")
def allocate(request: HttpRequest, reference: str) -> HttpResponse:
    case = load_case(request, reference)
    initial = {"version": case.version, "team": case.team_id or "", "worker": case.worker_id or ""}
    form = AllocateForm(posted(request), initial=initial)

    def save(data: dict[str, Any]) -> None:
        team, worker = form.chosen()
        allocate_case(
            case,
            seen_version=data["version"],
            team=team,
            worker=worker,
            by=acting_user(request),
            request=request,
        )

    summary = case_summary(case, acting_user(request))
    return edit_page(
        request,
        case,
        form,
        save,
        template="cases/allocate.html",
        success=f"Case {case.reference} allocated.",
        summary=summary,
        end_form=EndAllocationForm(None, initial={"version": case.version}),
    )


@require_http_methods(["POST"])
@capability_required("work_cases", "allocate_cases")
def end(request: HttpRequest, reference: str) -> HttpResponse:
    case = load_case(request, reference)
    form = EndAllocationForm(request.POST)

    def save(data: dict[str, Any]) -> None:
        end_allocation(
            case,
            seen_version=data["version"],
            by=acting_user(request),
            reason=data["reason"],
            request=request,
        )

    summary = case_summary(case, acting_user(request))
    return edit_page(
        request,
        case,
        form,
        save,
        template="cases/allocate.html",
        success=f"The allocation of {case.reference} has ended.",
        summary=summary,
        end_form=form,
        form_is_end=True,
    )
