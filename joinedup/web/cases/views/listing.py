"""The case list (tabs and filters) and opening a case about a child or a context."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.web.access.services import capability_required, persons_visible_to
from joinedup.web.cases.forms import CaseFiltersForm, OpenChildCaseForm, OpenContextCaseForm
from joinedup.web.cases.services import listing
from joinedup.web.cases.services.cases import open_case
from joinedup.web.cases.services.places import place_choices, place_for
from joinedup.web.cases.services.vocabularies import context_kinds
from joinedup.web.cases.views.common import acting_user
from joinedup.web.children.forms import SearchForm
from joinedup.web.children.services.search import search_people

PER_PAGE = 25
SEARCH_FIELDS = ("name", "dob_day", "dob_month", "dob_year", "identifier")


@require_GET
@capability_required("work_cases")
def case_list(request: HttpRequest) -> HttpResponse:
    tab = request.GET.get("tab", "mine")
    tab = tab if tab in listing.TABS else "mine"
    form = CaseFiltersForm(request.GET)
    filters = listing.CaseFilters(**form.chosen())
    cases = listing.cases_in_tab(acting_user(request), tab, filters).order_by("-opened_at", "-pk")
    page = Paginator(cases, PER_PAGE).get_page(request.GET.get("page"))
    rows = listing.case_rows(list(page.object_list))
    listing.audit_list(acting_user(request), rows, request)
    query = request.GET.copy()
    query.pop("page", None)
    filters_only = query.copy()
    filters_only.pop("tab", None)
    counts = listing.tab_counts(acting_user(request), filters)
    context = {
        "form": form,
        "tab": tab,
        "tab_label": listing.TABS[tab],
        "tabs": _tabs(tab, counts, filters_only.urlencode()),
        "rows": rows,
        "page": page,
        "query": query.urlencode(),
        "filter_query": filters_only.urlencode(),
    }
    return render(request, "cases/list.html", context)


def _tabs(current: str, counts: dict[str, int], filters: str) -> list[dict[str, Any]]:
    more = f"&{filters}" if filters else ""
    return [
        {
            "label": label,
            "count": counts[tab],
            "current": tab == current,
            "href": f"?tab={tab}{more}",
        }
        for tab, label in listing.TABS.items()
    ]


@require_http_methods(["GET", "POST"])
@capability_required("work_cases")
def open_a_case(request: HttpRequest) -> HttpResponse:
    """Choose a child (with the search) or describe a context, give a reason, open."""
    kind = request.POST.get("kind") or request.GET.get("kind", "")
    if kind == "child":
        return _open_child_case(request)
    if kind == "context":
        return _open_context_case(request)
    return render(request, "cases/open_start.html", {})


def _open_child_case(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    chosen_id = request.POST.get("person_id") if posted else request.GET.get("person")
    person = persons_visible_to(acting_user(request)).filter(person_id=chosen_id or "").first()
    form = OpenChildCaseForm(request.POST if posted else None, initial={"person_id": chosen_id})
    if posted and form.is_valid():
        if person is None:
            form.add_error(None, "Choose a child whose record you may open: search for them")
        else:
            return _open(request, form, {"person": person})
    searching = any(field in request.GET for field in SEARCH_FIELDS)
    search = SearchForm(request.GET if searching else None)
    results = None
    if searching and search.is_valid():
        results = search_people(acting_user(request), search.cleaned_data["terms"], request)
    context = {"form": form, "search": search, "results": results, "person": person}
    return render(request, "cases/open_child.html", context)


def _open_context_case(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = OpenContextCaseForm(request.POST if posted else None)
    if posted and form.is_valid():
        data = form.cleaned_data
        place = place_for(data["place_id"])
        if data["place_id"].strip() and place is None:
            form.add_error("place_id", "No place in the index has this ID")
        else:
            subject = {
                "context_kind": data["context_kind"],
                "place": place,
                "context_name": data["context_name"],
            }
            return _open(request, form, subject)
    place_query = request.GET.get("place_q", "").strip()
    context = {
        "form": form,
        "kinds": context_kinds(),
        "place_query": place_query,
        "places": place_choices(place_query) if place_query else None,
    }
    return render(request, "cases/open_context.html", context)


def _open(request: HttpRequest, form: Any, subject: dict[str, Any]) -> HttpResponse:
    try:
        case = open_case(
            opened_by=acting_user(request),
            reason=form.cleaned_data["reason"],
            request=request,
            **subject,
        )
    except ValidationError as error:
        form.add_error(None, error.messages[0])
        template = "cases/open_child.html" if "person" in subject else "cases/open_context.html"
        return render(request, template, {"form": form, "kinds": context_kinds(), **subject})
    messages.success(request, f"Case {case.reference} opened. Allocate it to a worker and team.")
    return redirect("cases:case", case.reference)
