"""What several views share: the owners offered, the version posted, the error summary."""

from __future__ import annotations

from typing import cast

from django import forms
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from joinedup.errors import InputError
from joinedup.web.accounts.models import User
from joinedup.web.recommendations.models import Action
from joinedup.web.recommendations.services.tracker import possible_owners
from joinedup.web.records.models import Agency

__all__ = ["agency", "find_action", "owner", "owner_choices", "show_error", "signed_in"]


def owner_choices() -> list[tuple[str, str]]:
    return [
        (
            str(u.pk),
            f"{u.get_full_name() or u.username} ({u.agency.code if u.agency else u.role_label})",
        )
        for u in possible_owners()
    ]


def owner(pk: str) -> User | None:
    return User.objects.filter(pk=int(pk)).first() if pk else None


def agency(code: str) -> Agency:
    return Agency.objects.get(code=code)


def find_action(action_id: int) -> Action:
    return get_object_or_404(
        Action.objects.select_related(
            "recommendation__source", "owning_agency", "owner", "completed_by"
        ),
        pk=action_id,
    )


def show_error(form: forms.Form, error: InputError) -> None:
    """Put a service's refusal at the top of the form's error summary."""
    form.add_error(None, str(error))


def signed_in(request: HttpRequest) -> User:
    """The signed-in user (every page here needs one: the sign-in middleware)."""
    return cast(User, request.user)
