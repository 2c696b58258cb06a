"""Auditor pages: thin views over queries.py and checking.py (docs/audit.md).

Each needs the `view_audit` capability (the inquiry's own log: `inquiry_work`), works
without JavaScript, and is itself audited (`audit.view`, `audit.verify`).
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from joinedup.web.access.services import capability_required
from joinedup.web.audit.checking import verify_audit_log
from joinedup.web.audit.forms import AuditFilterForm
from joinedup.web.audit.models import AuditEntry
from joinedup.web.audit.queries import break_glass_uses, entries_matching
from joinedup.web.audit.services import record_event

PER_PAGE = 50


@capability_required("view_audit")
def who_saw_what(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    entries = entries_matching(form.filters())
    return _listing(request, "audit/who_saw_what.html", "who_saw_what", form, entries)


@capability_required("view_audit")
def outside_allocation(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    entries = entries_matching(form.filters(), outside_allocation=True)
    return _listing(request, "audit/outside_allocation.html", "outside_allocation", form, entries)


@capability_required("view_audit")
def break_glass(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None, with_action=False)
    entries = break_glass_uses(form.filters())
    return _listing(request, "audit/break_glass.html", "break_glass", form, entries)


@capability_required("inquiry_work")
def inquiry_log(request: HttpRequest) -> HttpResponse:
    """The inquiry's own work (requests, documents, redaction, accounts, themes, panel),
    which the council's auditors do not see: for the inquiry's staff."""
    form = AuditFilterForm(request.GET or None, area="inquiry")
    entries = entries_matching(form.filters(), inquiry=True)
    return _listing(request, "audit/inquiry_log.html", "inquiry", form, entries)


@capability_required("view_audit")
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    report = None
    if request.method == "POST":
        report = verify_audit_log()
        record_event(
            request.user, "audit.verify", request=request,
            detail={"intact": report.intact, "entries": report.entries_checked,
                    "problems": len(report.problems)},
        )  # fmt: skip
    return render(request, "audit/verify.html", {"report": report, "section": "verify"})


def _listing(
    request: HttpRequest,
    template: str,
    section: str,
    form: AuditFilterForm,
    entries: QuerySet[AuditEntry],
) -> HttpResponse:
    valid = form.is_bound and form.is_valid() or not form.is_bound
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)  # read before this view's own entry is added
    record_event(
        request.user, "audit.view", request=request,
        detail={"page": section, "filters": form.filters().as_detail(), "page_number": page.number},
    )  # fmt: skip
    context: dict[str, Any] = {
        "form": form,
        "valid": valid,
        "page": page,
        "section": section,
        "query": _query_without_page(request),
    }
    return render(request, template, context)


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
