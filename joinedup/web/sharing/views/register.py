"""The register of decisions (filtered and paginated) and its CSV export."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from joinedup.web.access.services import capability_required
from joinedup.web.sharing.forms import FiltersForm
from joinedup.web.sharing.services.register import audit_register_view, export_csv, register_of
from joinedup.web.sharing.services.visibility import decisions_on_register

PAGE_SIZE = 25


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_GET
@capability_required("record_sharing_decisions")
def register(request: HttpRequest) -> HttpResponse:
    form = FiltersForm(request.GET or None)
    filters = form.filters()
    page = Paginator(register_of(request.user, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    audit_register_view(request.user, list(page.object_list), filters, request)
    query = _query_without_page(request)
    return render(request, "sharing/register.html", {
        "form": form, "page": page, "query": query, "narrowed": bool(query),
        "any": decisions_on_register(request.user).exists(),
    })  # fmt: skip


@require_GET
@capability_required("record_sharing_decisions")
def export(request: HttpRequest) -> HttpResponse:
    form = FiltersForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return redirect(f"{reverse('sharing:register')}?{request.GET.urlencode()}")
    text = export_csv(request.user, form.filters(), request)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    name = f"sharing-decisions-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
