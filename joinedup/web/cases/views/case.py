"""One case: its page, closing and reopening it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.web.access.services import capability_required, has_capability
from joinedup.web.cases.forms import CloseForm, ReasonForm
from joinedup.web.cases.services.cases import record_view
from joinedup.web.cases.services.lifecycle import close_case, reopen_case
from joinedup.web.cases.services.summary import case_summary
from joinedup.web.cases.views.common import acting_user, edit_page, load_case, posted


@require_GET
@capability_required("work_cases")
def case_page(request: HttpRequest, reference: str) -> HttpResponse:
    case = load_case(request, reference)
    record_view(acting_user(request), case, request)
    user = acting_user(request)
    context = {
        "case": case,
        "summary": case_summary(case, user),
        "may_allocate": has_capability(user, "allocate_cases"),
        "may_run_meetings": has_capability(user, "run_meetings"),
        "may_record_sharing": has_capability(user, "record_sharing_decisions"),
    }
    return render(request, "cases/case.html", context)


@require_http_methods(["GET", "POST"])
@capability_required("work_cases")
def close(request: HttpRequest, reference: str) -> HttpResponse:
    case = load_case(request, reference)
    today = timezone.localdate()
    initial = {
        "version": case.version,
        "closed_day": today.day,
        "closed_month": today.month,
        "closed_year": today.year,
    }
    form = CloseForm(posted(request), initial=initial)

    def save(data: dict[str, Any]) -> None:
        close_case(
            case,
            seen_version=data["version"],
            by=acting_user(request),
            reason=data["reason"],
            closed_on=data["closed_on"],
            request=request,
        )

    return edit_page(
        request,
        case,
        form,
        save,
        template="cases/close.html",
        success=f"Case {case.reference} closed.",
    )


@require_http_methods(["GET", "POST"])
@capability_required("work_cases")
def reopen(request: HttpRequest, reference: str) -> HttpResponse:
    case = load_case(request, reference)
    form = ReasonForm(
        posted(request),
        "Why the case is being reopened",
        "Enter why the case is being reopened",
        initial={"version": case.version},
    )

    def save(data: dict[str, Any]) -> None:
        reopen_case(
            case,
            seen_version=data["version"],
            by=acting_user(request),
            reason=data["reason"],
            request=request,
        )

    return edit_page(
        request,
        case,
        form,
        save,
        template="cases/reopen.html",
        success=f"Case {case.reference} reopened. Allocate it to a worker and team.",
    )
