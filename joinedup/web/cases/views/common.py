"""What every page that changes a case does: load the case the user may see, show the
form, call the service, and on a refused save show what the other person changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from joinedup.web.accounts.models import User
from joinedup.web.cases.forms import VersionForm
from joinedup.web.cases.models import Case
from joinedup.web.cases.services.cases import case_for
from joinedup.web.cases.services.versioning import EditConflict

__all__ = ["CONFLICT", "acting_user", "edit_page", "load_case", "posted"]

CONFLICT = (
    "Someone else changed this case while you were working on it, so your changes have "
    "not been saved. Check what they changed, then save yours again if they are still needed"
)


def acting_user(request: HttpRequest) -> User:
    """The signed-in user (every page here is behind `capability_required`)."""
    return cast(User, request.user)


def load_case(request: HttpRequest, reference: str) -> Case:
    """The case named in the URL: 404 if there is none, 403 (audited) if not the user's."""
    return case_for(acting_user(request), reference, request)


def posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def edit_page(
    request: HttpRequest,
    case: Case,
    form: VersionForm,
    save: Callable[[dict[str, Any]], object],
    *,
    template: str,
    success: str,
    then: str = "",
    **context: Any,
) -> HttpResponse:
    """The form (GET), or the save (POST): back to the case (or to `then`, the page the
    change was made from), or the form with its errors."""
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except EditConflict as refused:
            conflict = refused
            form.add_error(None, CONFLICT)
            form.show_version(refused.case.version)
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, success)
            return redirect(then) if then else redirect("cases:case", case.reference)
    status = 409 if conflict else 200
    context = {"case": case, "form": form, "conflict": conflict, **context}
    return render(request, template, context, status=status)
