"""The gate every page of a child's record passes before its view runs.

1. The user's role must open children's records (`view_children`); a refusal is
   audited (`person.access_denied`) like every other.
2. A person merged into another is sent to that person's page.
3. The user needs an access basis now (`access_to_person`): allocation, team
   allocation, the sharing agreement or break-glass. Without one they see why, and
   a link to break-glass access when their role may use it (the access app's form).
4. They must have said why they are opening the record in this session: if not, they
   are sent to `access:purpose`, which brings them back here.
5. The page seen is audited (`person.view`, with purpose, basis and section).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from joinedup.web.access import purposes
from joinedup.web.access.services import (
    Access,
    access_to_person,
    entitlements_for,
    has_capability,
    person_capability_required,
)
from joinedup.web.audit.services import record_event
from joinedup.web.children.services.opening import Opening, audit_view
from joinedup.web.people.models import Person

__all__ = ["record_page"]

View = Callable[..., HttpResponse]
RecordView = Callable[..., HttpResponse]  # view(request, opening, **kwargs)


def record_page(section: str, *, audit: bool = True) -> Callable[[RecordView], View]:
    """Decorate `view(request, opening, **kwargs)` for a URL with `person_id`."""

    def decorate(view: RecordView) -> View:
        @person_capability_required("view_children")
        @wraps(view)
        def wrapped(request: HttpRequest, person_id: str, **kwargs: Any) -> HttpResponse:
            found = _open(request, person_id)
            if isinstance(found, HttpResponse):
                return found
            if audit:
                audit_view(found, section, request)
            return view(request, found, **kwargs)

        return wrapped

    return decorate


def _open(request: HttpRequest, person_id: str) -> Opening | HttpResponse:
    person = Person.objects.select_related("merged_into").filter(person_id=person_id).first()
    if person is None:
        raise Http404("No person with this id in the person index")
    if person.merged_into is not None:
        return _to_merged(request, person.merged_into)
    access = access_to_person(request.user, person)
    if not access.allowed:
        return _denied(request, person, access)
    purpose = purposes.purpose_for(request, person)
    if purpose is None:
        url = reverse("access:purpose", args=[person.person_id])
        return redirect(url + "?" + urlencode({"next": request.get_full_path()}))
    reader = entitlements_for(request.user, person)
    return Opening(request.user, person, access, purpose, reader)


def _to_merged(request: HttpRequest, merged_into: Person) -> HttpResponse:
    match = request.resolver_match
    name = match.view_name if match else "people:person"
    kwargs = {**(match.kwargs if match else {}), "person_id": merged_into.person_id}
    query = request.META.get("QUERY_STRING", "")
    return redirect(reverse(name, kwargs=kwargs) + (f"?{query}" if query else ""))


def _denied(request: HttpRequest, person: Person, access: Access) -> HttpResponse:
    """The access app's explanation page, with the break-glass link when allowed."""
    record_event(
        request.user,
        "person.access_denied",
        target_type="person",
        target_id=person.person_id,
        detail={"reason": access.reason},
        request=request,
    )
    context = {
        "person": person,
        "access": access,
        "can_break_glass": has_capability(request.user, "break_glass"),
        "next": request.get_full_path(),
    }
    return render(request, "access/denied.html", context, status=403)
