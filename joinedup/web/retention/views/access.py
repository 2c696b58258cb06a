"""Who may use the retention pages: a decorator for "any of these capabilities"."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from joinedup.web.access.services import has_capability
from joinedup.web.accounts.models import User

__all__ = ["HOLDS", "RECORDS", "RECORDS_OR_HOLDS", "acting_user", "any_capability_required"]

View = TypeVar("View", bound=Callable[..., HttpResponse])
RECORDS = "manage_retention"
HOLDS = "place_legal_holds"
RECORDS_OR_HOLDS = (RECORDS, HOLDS)


def any_capability_required(*capabilities: str) -> Callable[[View], View]:
    """View decorator: a 403 page unless the user's role has one of the capabilities."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if any(has_capability(request.user, c) for c in capabilities):
                return view(request, *args, **kwargs)
            return render(request, "403.html", status=403)

        return cast(View, wrapped)

    return decorate


def acting_user(request: HttpRequest) -> User:
    """The signed-in user (every retention page needs one; the decorator checked)."""
    return cast(User, request.user)
