"""Building the agenda: add a child, a person of concern, a location or a theme; move
items up and down; take an item off. One page, several small POST forms (each names
itself in `form`), so it all works without JavaScript."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from joinedup.errors import InputError
from joinedup.web.access.services import capability_required, has_capability
from joinedup.web.meetings import vocabulary
from joinedup.web.meetings.forms import ChildItemForm, PersonOfConcernForm, ThemeForm
from joinedup.web.meetings.models import Meeting
from joinedup.web.meetings.services import arranging, choices
from joinedup.web.meetings.services.arranging import NewItem
from joinedup.web.meetings.services.pages import audit_meeting_view, meeting_page
from joinedup.web.meetings.services.visibility import place_label
from joinedup.web.meetings.views.common import done, item_or_404, meeting_or_404
from joinedup.web.people.models import Person

ADDED = "Added to the agenda."
# Where the error summary's link goes for an error of each form.
ERROR_AT = {"child": "id_child-person", "concern": "id_concern-person_id",
            "theme": "id_theme-theme", "location": "location"}  # fmt: skip


@require_http_methods(["GET", "POST"])
@capability_required("run_meetings")
def agenda(request: HttpRequest, reference: str) -> HttpResponse:
    meeting = meeting_or_404(request, reference)
    posted = request.POST if request.method == "POST" else None
    which = posted.get("form", "") if posted else ""
    forms_ = _forms(request, meeting, posted, which)
    error = ""
    if posted is not None:
        try:
            message = _act(request, meeting, which, forms_)
        except InputError as failed:
            error = str(failed)
        else:
            if message:
                return done(request, message, "meetings:agenda", meeting.reference)
    return _page(request, meeting, forms_, error, which)


def _forms(request: HttpRequest, meeting: Meeting, posted: Any, which: str) -> dict[str, Any]:
    allowed = vocabulary.kind(meeting.kind).item_kinds
    bound = {name: posted if which == name else None for name in ("child", "concern", "theme")}
    found: dict[str, Any] = {}
    if "child" in allowed:
        chosen = choices.carried_child(request.user, request.GET.get("person", ""))
        found["child"] = ChildItemForm(bound["child"], choices.child_choices(request.user), chosen)
    if "person_of_concern" in allowed and has_capability(request.user, "view_criminal_offence"):
        found["concern"] = PersonOfConcernForm(bound["concern"])
    if "theme" in allowed:
        found["theme"] = ThemeForm(bound["theme"])
    return found


def _act(request: HttpRequest, meeting: Meeting, which: str, forms_: dict[str, Any]) -> str:
    """Do what the form posted asks; the banner's words, or "" when a form is invalid."""
    user = request.user
    if which in ("up", "down", "remove"):
        item = item_or_404(meeting, _int(request.POST.get("item")))
        if which == "remove":
            arranging.remove_item(user, item, request)
            return "Taken off the agenda."
        arranging.move_item(user, item, which, request)
        return f"Moved {which}."
    if which == "location":
        place = choices.place_visible_to(user, _int(request.POST.get("place")))
        arranging.add_item(user, meeting, NewItem("location", place=place), request)
        return ADDED
    form = forms_.get(which)
    if form is None:
        raise InputError("Choose what to add to the agenda")
    if not form.is_valid():
        return ""
    arranging.add_item(user, meeting, _new_item(which, form), request)
    return ADDED


def _new_item(which: str, form: forms.Form) -> NewItem:
    data = form.cleaned_data
    if which == "child":
        return NewItem("child", person=Person.objects.filter(person_id=data["person"]).first())
    if which == "concern":
        return NewItem("person_of_concern", person=choices.adult(data["person_id"]))
    return NewItem("theme", theme=data["theme"])


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InputError("Choose an item from the list") from None


def _page(request: HttpRequest, meeting: Meeting, forms_: dict[str, Any], error: str,
          which: str) -> HttpResponse:  # fmt: skip
    page = meeting_page(request.user, meeting)
    audit_meeting_view(request.user, meeting, "agenda", page.items, request)
    allowed = vocabulary.kind(meeting.kind).item_kinds
    query = request.GET.get("location", "").strip()
    found = choices.find_places(request.user, query) if "location" in allowed else []
    return render(request, "meetings/agenda.html", {
        "meeting": meeting, "page": page, "forms": forms_, "error": error,
        "editable": meeting.status in arranging.AGENDA_OPEN, "allowed": allowed,
        "location_query": query, "searched": bool(query),
        "error_at": ERROR_AT.get(which, "agenda"), "posted": forms_.get(which),
        "places": [(place, place_label(place)) for place in found],
    })  # fmt: skip
