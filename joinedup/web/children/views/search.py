"""Search for a child by name, alias, date of birth or identifier."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from joinedup.web.access.services import capability_required
from joinedup.web.children.forms import SearchForm
from joinedup.web.children.services.search import search_people

FIELDS = ("name", "dob_day", "dob_month", "dob_year", "identifier")


@require_GET
@capability_required("view_children")
def search(request: HttpRequest) -> HttpResponse:
    """An empty form, or the results of the search typed (a GET form: a bookmarkable page)."""
    searched = any(field in request.GET for field in FIELDS)
    form = SearchForm(request.GET if searched else None)
    results = None
    if searched and form.is_valid():
        results = search_people(request.user, form.cleaned_data["terms"], request)
    return render(request, "children/search.html", {"form": form, "results": results})
