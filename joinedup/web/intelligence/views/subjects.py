"""Adding subjects to an item: a person from the index (found with the children's search,
so only people the user may open) and a place (from agencies in their agreement)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from joinedup.errors import InputError
from joinedup.web.access.services import capability_required, persons_visible_to
from joinedup.web.children.forms import SearchForm
from joinedup.web.children.services.search import search_people
from joinedup.web.intelligence.forms import AddPersonForm, PlaceSearchForm, role_choices
from joinedup.web.intelligence.services import workflow
from joinedup.web.intelligence.services.subjects import (
    add_subject,
    find_places,
    place_label,
    subject_for_person,
    subject_for_place,
)
from joinedup.web.intelligence.views.common import back_to_item, item_or_404
from joinedup.web.intelligence.views.item import USE, _refuse_unless
from joinedup.web.records.models import Place

SEARCH_FIELDS = ("name", "dob_day", "dob_month", "dob_year", "identifier")


@require_http_methods(["GET", "POST"])
@capability_required(USE, "view_children")
def add_person(request: HttpRequest, reference: str) -> HttpResponse:
    found = item_or_404(reference)
    _refuse_unless(
        workflow.may_work(request.user, found) or workflow.may_assign(request.user, found)
    )
    error = ""
    if request.method == "POST":
        form = AddPersonForm(request.POST)
        person = (
            persons_visible_to(request.user)
            .filter(person_id=request.POST.get("person_id", ""))
            .first()
        )
        if form.is_valid() and person is not None:
            try:
                add_subject(
                    found,
                    request.user,
                    subject_for_person(person, form.cleaned_data["role"]),
                    request,
                )
            except InputError as problem:
                error = str(problem)
            else:
                return back_to_item(
                    request, found, f"{person.person_id} added to {found.reference}."
                )
        error = error or "Select a person from the results"
    searched = any(f in request.GET for f in SEARCH_FIELDS)
    search = SearchForm(request.GET if searched else None)
    results = (
        search_people(request.user, search.cleaned_data["terms"], request)
        if searched and search.is_valid()
        else None
    )
    return render(
        request,
        "intelligence/add_person.html",
        {
            "item": found,
            "form": search,
            "results": results,
            "roles": role_choices(),
            "error": error,
        },
    )


@require_http_methods(["GET", "POST"])
@capability_required(USE)
def add_place(request: HttpRequest, reference: str) -> HttpResponse:
    found = item_or_404(reference)
    _refuse_unless(
        workflow.may_work(request.user, found) or workflow.may_assign(request.user, found)
    )
    error = ""
    if request.method == "POST":
        visible = {p.pk: p for p in find_places(request.user, request.POST.get("place", ""))}
        chosen = (
            visible.get(int(request.POST["place_id"]))
            if request.POST.get("place_id", "").isdigit()
            else None
        )
        if chosen is not None:
            try:
                add_subject(found, request.user, subject_for_place(chosen), request)
            except InputError as problem:
                error = str(problem)
            else:
                return back_to_item(
                    request, found, f"{place_label(chosen)} added to {found.reference}."
                )
        error = error or "Select a place from the results"
    form = PlaceSearchForm(request.GET if "place" in request.GET else None)
    places: list[Place] | None = (
        find_places(request.user, form.cleaned_data["place"]) if form.is_valid() else None
    )
    return render(
        request,
        "intelligence/add_place.html",
        {"item": found, "form": form, "places": places, "error": error},
    )
