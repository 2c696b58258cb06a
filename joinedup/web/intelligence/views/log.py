"""The log (filtered, paginated), logging an item, the managers' list, and importing."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from joinedup.web.access.services import capability_required, has_capability
from joinedup.web.intelligence.forms import FiltersForm, LogItemForm, grade_options
from joinedup.web.intelligence.services import listing
from joinedup.web.intelligence.services.choices import agency_choices
from joinedup.web.intelligence.services.imports import log_imported_reports, reports_not_logged
from joinedup.web.intelligence.services.logbook import NewItem, log_item
from joinedup.web.intelligence.services.vocabulary import grade_part
from joinedup.web.intelligence.views.common import query_without_page
from joinedup.web.records.models import Agency

PAGE_SIZE = 25


@require_GET
@capability_required("log_intelligence")
def log(request: HttpRequest) -> HttpResponse:
    form = FiltersForm(request.GET or None)
    filters = listing.Filters(**form.cleaned_data) if form.is_valid() else listing.Filters()
    page = Paginator(listing.filtered(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    listing.audit_list(request.user, "log", filters.audit_detail(), shown, request)
    return render(
        request,
        "intelligence/log.html",
        {
            "form": form,
            "page": page,
            "rows": listing.rows(request.user, shown),
            "query": query_without_page(request),
            "narrowed": bool(query_without_page(request)),
            "may_import": has_capability(request.user, "allocate_cases"),
        },
    )


def _grade_fields(form: LogItemForm) -> list[dict[str, object]]:
    parts = (
        ("grade_source", "source_evaluation"),
        ("grade_intelligence", "intelligence_assessment"),
        ("grade_handling", "handling_code"),
    )
    return [
        {
            "field": form[field],
            "legend": grade_part(part).label,
            "hint": grade_part(part).hint,
            "options": grade_options(part),
        }
        for field, part in parts
    ]


@require_http_methods(["GET", "POST"])
@capability_required("log_intelligence")
def new(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = LogItemForm(request.POST if posted else None, agency_choices())
    if posted and form.is_valid():
        data = form.cleaned_data
        item = log_item(
            request.user,
            NewItem(
                received_on=data["received_on"],
                source_agency=Agency.objects.get(code=data["source_agency"]),
                source_type=data["source_type"],
                grade_source=data["grade_source"],
                grade_intelligence=data["grade_intelligence"],
                grade_handling=data["grade_handling"],
                handling_conditions=data["handling_conditions"].strip(),
                summary=data["summary"].strip(),
                text=data["text"].strip(),
                subjects=data["subjects"],
            ),
            request=request,
        )
        messages.success(request, f"{item.reference} logged. You own it until it is assigned.")
        return redirect("intelligence:item", item.reference)
    agency = getattr(request.user, "agency", None)
    if not posted and agency is not None:
        form.initial["source_agency"] = agency.code
    return render(request, "intelligence/new.html", {"form": form, "grades": _grade_fields(form)})


@require_GET
@capability_required("log_intelligence", "allocate_cases")
def oversight(request: HttpRequest) -> HttpResponse:
    return _oversight_page(request)


def _oversight_page(request: HttpRequest) -> HttpResponse:
    found = listing.oversight()
    shown = [*found.unowned, *found.overdue, *found.escalated]
    listing.audit_list(request.user, "oversight", {}, shown, request)
    context = {"oversight": found, "waiting": reports_not_logged().count()}
    return render(request, "intelligence/oversight.html", context)


@require_POST
@capability_required("log_intelligence", "allocate_cases")
def import_reports(request: HttpRequest) -> HttpResponse:
    """Log the imported reports, then show the managers' list with how many (a page, not a
    redirect: logging the reports again finds none, so a reload changes nothing)."""
    count = log_imported_reports(request.user)
    noun = "report" if count == 1 else "reports"
    messages.success(
        request,
        f"{count} imported intelligence {noun} logged for triage. "
        "You own them until you assign them.",
    )
    return _oversight_page(request)
