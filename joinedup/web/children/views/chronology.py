"""The child's chronology: filters, pages of entries, and the CSV and PDF downloads.

The filter form is a GET form, so every filtered view has its own address and works
without JavaScript; with htmx the form and the entries are replaced in place.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.http import require_GET

from joinedup.web.children.forms import ChronologyFiltersForm
from joinedup.web.children.gate import record_page
from joinedup.web.children.services.chronology import (
    FORMATS,
    chronology_of,
    download_chronology,
    filter_choices,
)
from joinedup.web.children.services.opening import Opening
from joinedup.web.children.views.page import render_record

PAGE_SIZE = 100


def _filters_form(request: HttpRequest, opening: Opening) -> ChronologyFiltersForm:
    agencies, event_types = filter_choices(opening.person, opening.reader)
    return ChronologyFiltersForm(request.GET, agencies, event_types)


@require_GET
@record_page("chronology")
def chronology(request: HttpRequest, opening: Opening) -> HttpResponse:
    form = _filters_form(request, opening)
    found = chronology_of(opening.person, opening.reader, form.filters())
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "chronology": found,
        "page": Paginator(found.entries, PAGE_SIZE).get_page(request.GET.get("page")),
        "query": query.urlencode(),
        "narrowed": bool(query),
    }
    if getattr(request, "htmx", False):
        return render(request, "children/person/_chronology_section.html",
                      {"opening": opening, "person": opening.person, **context})  # fmt: skip
    return render_record(request, opening, "people:chronology",
                         "children/person/chronology.html", **context)  # fmt: skip


@require_GET
@record_page("chronology_download", audit=False)
def download(request: HttpRequest, opening: Opening) -> HttpResponse:
    """The chronology as shown (same filters) as CSV or PDF: audited as a download."""
    fmt = request.GET.get("format", "pdf")
    if fmt not in FORMATS:
        return HttpResponseBadRequest("format: expected csv or pdf")
    file = download_chronology(opening, _filters_form(request, opening).filters(), fmt, request)
    response = HttpResponse(file.content, content_type=file.content_type)
    response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    response["Cache-Control"] = "no-store"
    return response
