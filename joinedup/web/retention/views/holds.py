"""Legal holds: the list, one hold, placing a hold, and lifting one (with a reason)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.errors import InputError
from joinedup.web.access.services import has_capability
from joinedup.web.records.models import Agency
from joinedup.web.retention.forms import HoldForm, LiftForm
from joinedup.web.retention.models import LegalHold
from joinedup.web.retention.services.holds import lift_hold, place_hold, scope_text
from joinedup.web.retention.services.schedule import load_schedule
from joinedup.web.retention.services.vocabulary import hold_purposes, hold_scopes
from joinedup.web.retention.views.access import (
    HOLDS,
    RECORDS_OR_HOLDS,
    acting_user,
    any_capability_required,
)

PAGE_SIZE = 25


@require_GET
@any_capability_required(*RECORDS_OR_HOLDS)
def holds(request: HttpRequest) -> HttpResponse:
    found = LegalHold.objects.select_related("agency", "placed_by").order_by(
        F("lifted_at").desc(nulls_first=True), "-placed_at", "-pk"
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(hold, scope_text(hold), hold_purposes().get(hold.purpose, hold.purpose))
            for hold in page.object_list]  # fmt: skip
    return render(request, "retention/holds.html", {
        "page": page, "rows": rows, "may_place": has_capability(request.user, HOLDS),
    })  # fmt: skip


@require_GET
@any_capability_required(*RECORDS_OR_HOLDS)
def hold(request: HttpRequest, hold_id: int) -> HttpResponse:
    found = get_object_or_404(LegalHold.objects.select_related("agency"), pk=hold_id)
    return render(request, "retention/hold.html", {
        "hold": found, "scope": scope_text(found),
        "purpose": hold_purposes().get(found.purpose, found.purpose),
        "may_lift": found.active and has_capability(request.user, HOLDS),
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
@any_capability_required(HOLDS)
def new_hold(request: HttpRequest) -> HttpResponse:
    form = HoldForm(request.POST if request.method == "POST" else None, _choices())
    if request.method == "POST" and form.is_valid():
        try:
            placed = place_hold(acting_user(request), form.request(), request)
        except InputError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Hold placed: {placed.name}. {scope_text(placed)}.")
            return redirect("retention:hold", hold_id=placed.pk)
    return render(request, "retention/hold_form.html", {"form": form})


def _choices() -> dict[str, list[tuple[str, str]]]:
    types = load_schedule().record_types.values()
    return {
        "purpose": list(hold_purposes().items()),
        "scope": list(hold_scopes().items()),
        "record_type": [(t.code, t.label) for t in types],
        "agency": [(a.code, f"{a.name} ({a.code})") for a in Agency.objects.all()],
    }


@require_http_methods(["GET", "POST"])
@any_capability_required(HOLDS)
def lift(request: HttpRequest, hold_id: int) -> HttpResponse:
    found = get_object_or_404(LegalHold, pk=hold_id)
    form = LiftForm(request.POST if request.method == "POST" else None)
    if found.active and request.method == "POST" and form.is_valid():
        try:
            lift_hold(acting_user(request), found, form.cleaned_data["reason"], request)
        except InputError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Hold lifted: {found.name}.")
            return redirect("retention:hold", hold_id=found.pk)
    return render(request, "retention/hold_lift.html", {"hold": found, "form": form,
                                                        "scope": scope_text(found)})  # fmt: skip
