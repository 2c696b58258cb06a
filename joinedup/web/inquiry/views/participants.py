"""Core participants: the list, designating one, changing one (and linking accounts)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.errors import InputError
from joinedup.web.access.services import capability_required
from joinedup.web.accounts.models import User
from joinedup.web.inquiry.forms import ParticipantForm, agency_from
from joinedup.web.inquiry.models import CoreParticipant
from joinedup.web.inquiry.services.participants import (
    ParticipantDraft,
    change_participant,
    designate_participant,
    participant_accounts,
)
from joinedup.web.inquiry.views.common import inquiry_or_404, show_error, signed_in, user_label


def _accounts() -> list[tuple[str, str]]:
    return [(str(u.pk), user_label(u)) for u in participant_accounts()]


def _draft(data: dict[str, Any]) -> ParticipantDraft:
    users = list(User.objects.filter(pk__in=[int(pk) for pk in data["users"]]))
    return ParticipantDraft(
        data["kind"],
        data["name"],
        data["represented_by"],
        data["designated_on"],
        agency_from(data["agency"]),
        users,
    )


@require_GET
@capability_required("inquiry_work")
def participants(request: HttpRequest) -> HttpResponse:
    inquiry = inquiry_or_404()
    found = inquiry.core_participants.select_related("agency").prefetch_related("users")
    return render(request, "inquiry/participants.html", {"participants": found})


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def participant_add(request: HttpRequest) -> HttpResponse:
    inquiry = inquiry_or_404()
    form = ParticipantForm(request.POST or None, accounts=_accounts())
    if request.method == "POST" and form.is_valid():
        try:
            made = designate_participant(
                signed_in(request), inquiry, _draft(form.cleaned_data), request
            )
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"{made.name} designated a core participant")
            return redirect("inquiry:participants")
    return render(request, "inquiry/participant_form.html", {"form": form, "participant": None})


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def participant_edit(request: HttpRequest, participant_id: int) -> HttpResponse:
    found = get_object_or_404(CoreParticipant, pk=participant_id, inquiry=inquiry_or_404())
    initial = {
        "kind": found.kind,
        "name": found.name,
        "represented_by": found.represented_by,
        "agency": found.agency.code if found.agency else "",
        "users": [str(pk) for pk in found.users.values_list("pk", flat=True)],
        **ParticipantForm.initial_date("designated", found.designated_on),
    }
    form = ParticipantForm(request.POST or None, initial=initial, accounts=_accounts())
    if request.method == "POST" and form.is_valid():
        try:
            change_participant(signed_in(request), found, _draft(form.cleaned_data), request)
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"{found.name} saved")
            return redirect("inquiry:participants")
    return render(request, "inquiry/participant_form.html", {"form": form, "participant": found})
