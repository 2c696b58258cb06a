"""The review queue: person pairs (first tab) and entity pairs (second tab), filtered
by GET forms and paginated, so every filtered page has its own address."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from joinedup.web.access.services import capability_required, entitlements_for
from joinedup.web.reviews.forms import EntityFiltersForm, QueueFiltersForm
from joinedup.web.reviews.services.entity_pairs import entity_queue, entity_rows
from joinedup.web.reviews.services.queue import agency_choices, person_queue, queue_rows
from joinedup.web.reviews.views.tabs import tabs

PAGE_SIZE = 25


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_GET
@capability_required("review_links")
def queue(request: HttpRequest) -> HttpResponse:
    form = QueueFiltersForm(request.GET or None, agency_choices())
    pairs = person_queue(form.filters())
    page = Paginator(pairs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = queue_rows(list(page.object_list), entitlements_for(request.user))
    return render(request, "reviews/queue.html", {
        "form": form, "page": page, "rows": rows, "query": _query_without_page(request),
        "tabs": tabs("reviews:queue"), "narrowed": bool(_query_without_page(request)),
    })  # fmt: skip


@require_GET
@capability_required("review_links")
def entities(request: HttpRequest) -> HttpResponse:
    form = EntityFiltersForm(request.GET or None, agency_choices())
    pairs = entity_queue(form.filters())
    page = Paginator(pairs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = entity_rows(list(page.object_list), entitlements_for(request.user))
    return render(request, "reviews/entity_queue.html", {
        "form": form, "page": page, "rows": rows, "query": _query_without_page(request),
        "tabs": tabs("reviews:entities"), "narrowed": bool(_query_without_page(request)),
    })  # fmt: skip
