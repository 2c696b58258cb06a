"""What the panel's views share: who may read, who is a member, refusals, reads audited."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from joinedup.errors import InputError
from joinedup.web.access.services import has_capability
from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event
from joinedup.web.panel.services.membership import (
    NOT_A_MEMBER,
    is_staff,
    may_read_panel,
    membership_of,
)

__all__ = [
    "audit_read",
    "member_required",
    "posted",
    "reader_required",
    "refuse",
    "show_error",
    "signed_in",
    "staff_required",
]

View = TypeVar("View", bound=Callable[..., HttpResponse])
STAFF_ONLY = "Only the inquiry team can use this page."
MEMBERS_ONLY = "Only members of the panel can do this: the inquiry team answers and responds."


def posted(request: HttpRequest) -> Any:
    """The form data of a POST (even an empty one, so its form is bound and says what is
    missing); None for a GET."""
    return request.POST if request.method == "POST" else None


def signed_in(request: HttpRequest) -> User:
    return cast(User, request.user)


def refuse(request: HttpRequest, reason: str) -> HttpResponse:
    return render(request, "panel/refused.html", {"reason": reason}, status=403)


def show_error(form: forms.Form, error: InputError) -> None:
    form.add_error(None, str(error))


def reader_required(view: View) -> View:
    """The panel's pages: staff, or a current member of the panel."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not has_capability(request.user, "take_part_in_panel"):
            return render(request, "403.html", status=403)
        if not may_read_panel(request.user):
            return refuse(request, NOT_A_MEMBER)
        return view(request, *args, **kwargs)

    return cast(View, wrapped)


def member_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A member's writes: the view gets the membership as `member`."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not has_capability(request.user, "take_part_in_panel"):
            return render(request, "403.html", status=403)
        member = membership_of(request.user)
        if member is None:
            return refuse(request, MEMBERS_ONLY if is_staff(request.user) else NOT_A_MEMBER)
        return view(request, *args, member=member, **kwargs)

    return wrapped


def staff_required(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_staff(request.user):
            if has_capability(request.user, "take_part_in_panel"):
                return refuse(request, STAFF_ONLY)
            return render(request, "403.html", status=403)
        return view(request, *args, **kwargs)

    return cast(View, wrapped)


def audit_read(
    request: HttpRequest, action: str, target_type: str, target_id: object, **detail: Any
) -> None:
    record_event(
        request.user, action, target_type=target_type, target_id=target_id,
        detail=detail, request=request,
    )  # fmt: skip
