"""Roles from outside the partnership reach only their own areas of the site.

Core participants' representatives and members of the survivors' panel sign in to the
same site as council staff. Their role's `only_areas` in data/roles.yaml lists the URL
namespaces (or `namespace:name`) they may reach; every other page answers 403 here,
before any view runs, so a view that forgets a capability check still cannot show them
council or inquiry work. Pages open to everyone (sign-in, /public/) are not limited. A
refused page of a child's record is audited as `person.access_denied`, like every other
refused opening.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from joinedup.web.access.roles import role_rules
from joinedup.web.accounts.middleware import is_open_path
from joinedup.web.audit.services import record_event

__all__ = ["OUTSIDE_AREAS", "AreasMiddleware", "may_reach"]

OUTSIDE_AREAS = "the role reaches only its own areas of the site"


def may_reach(role: str, namespace: str, url_name: str) -> bool:
    """Whether a role may reach the page `namespace:url_name` at all."""
    areas = role_rules(role).only_areas
    if areas is None:
        return True
    return namespace in areas or f"{namespace}:{url_name}" in areas


class AreasMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = getattr(request, "user", None)
        match = request.resolver_match
        if user is None or not user.is_authenticated or match is None:
            return None
        if is_open_path(request.path_info):
            return None
        namespace = match.namespaces[0] if match.namespaces else ""
        if may_reach(user.role, namespace, match.url_name or ""):
            return None
        if "person_id" in match.kwargs:
            record_event(
                user,
                "person.access_denied",
                target_type="person",
                target_id=str(match.kwargs["person_id"]),
                detail={"reason": OUTSIDE_AREAS},
                request=request,
            )
        return render(request, "403.html", status=403)
