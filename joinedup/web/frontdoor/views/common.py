"""What the front door's views share: the capability check for pages open to referrers
and screeners alike, and paging."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any, TypeVar, cast

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from joinedup.web.access.services import has_capability
from joinedup.web.accounts.models import User

__all__ = [
    "PAGE_SIZE",
    "any_capability_required",
    "page_of",
    "query_without_page",
    "signed_in",
]

PAGE_SIZE = 25
View = TypeVar("View", bound=Callable[..., HttpResponse])


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


def signed_in(request: HttpRequest) -> User:
    """The user of a request the sign-in middleware let through."""
    return cast(User, request.user)


def page_of(request: HttpRequest, items: Sequence[Any] | QuerySet[Any]) -> Page[Any]:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
