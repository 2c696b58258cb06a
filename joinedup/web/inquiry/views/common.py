"""What the inquiry's views share: the inquiry, the signed-in user, the error summary."""

from __future__ import annotations

from typing import cast

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from joinedup.errors import InputError
from joinedup.web.accounts.models import User
from joinedup.web.inquiry.models import Inquiry
from joinedup.web.inquiry.services.setup import current_inquiry
from joinedup.web.inquiry.services.staff import staff_may

__all__ = ["NOT_A_LEAD", "inquiry_or_404", "require_lead", "show_error", "signed_in", "user_label"]

NOT_A_LEAD = "Only a lead of the inquiry may do this."


def inquiry_or_404() -> Inquiry:
    found = current_inquiry()
    if found is None:
        raise Http404("No inquiry is set up yet")
    return found


def require_lead(request: HttpRequest, inquiry: Inquiry) -> None:
    if not staff_may(request.user, "is_lead", inquiry):
        raise PermissionDenied(NOT_A_LEAD)


def show_error(form: forms.Form, error: InputError) -> None:
    """Put a service's refusal at the top of the form's error summary."""
    form.add_error(None, str(error))


def signed_in(request: HttpRequest) -> User:
    """The signed-in user (every page here needs one: the sign-in middleware)."""
    return cast(User, request.user)


def user_label(user: User) -> str:
    return f"{user.get_full_name() or user.username} ({user.username})"
