"""The purpose recorded for this opening of a child's record, kept in the session.

The child's page asks `purpose_for(request, person)`; when it is None it sends the
user to `access:purpose` first (`purpose_required` does this for a view).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from joinedup.web.access.models import AccessPurpose
from joinedup.web.people.models import Person

__all__ = ["forget", "purpose_for", "purpose_required", "remember"]

SESSION_KEY = "joinedup.purposes"
View = TypeVar("View", bound=Callable[..., HttpResponse])


def remember(request: HttpRequest, record: AccessPurpose) -> None:
    purposes = dict(request.session.get(SESSION_KEY, {}))
    purposes[record.person.person_id] = record.pk
    request.session[SESSION_KEY] = purposes


def forget(request: HttpRequest, person: Person) -> None:
    purposes = dict(request.session.get(SESSION_KEY, {}))
    purposes.pop(person.person_id, None)
    request.session[SESSION_KEY] = purposes


def purpose_for(request: HttpRequest, person: Person) -> AccessPurpose | None:
    """The purpose this user gave for opening this person's record in this session."""
    pk = request.session.get(SESSION_KEY, {}).get(person.person_id)
    if pk is None or not request.user.is_authenticated:
        return None
    return AccessPurpose.objects.filter(pk=pk, user=request.user, person=person).first()


def purpose_required(view: View) -> View:
    """For a view taking `person_id`: ask the purpose first if none was given yet."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        person_id = str(kwargs["person_id"])
        pk = request.session.get(SESSION_KEY, {}).get(person_id)
        if pk is None:
            url = reverse("access:purpose", args=[person_id])
            return redirect(url + "?" + urlencode({"next": request.get_full_path()}))
        return view(request, *args, **kwargs)

    return cast(View, wrapped)
