"""For managers (`allocate_cases`): the timescales measured, and the duty rota."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from joinedup.web.access.services import capability_required
from joinedup.web.frontdoor.forms import RotaForm
from joinedup.web.frontdoor.models import DutyRota
from joinedup.web.frontdoor.services.performance import monthly_measures, waiting_now
from joinedup.web.frontdoor.services.rota import (
    RotaRefused,
    add_to_rota,
    remove_from_rota,
    rota_now,
)
from joinedup.web.frontdoor.services.urgent import duty_managers
from joinedup.web.frontdoor.services.vocabulary import not_rated, ratings, urgent_rating
from joinedup.web.frontdoor.views.common import signed_in


@require_safe
@capability_required("allocate_cases")
def timescales(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    return render(request, "frontdoor/timescales.html", {
        "months": monthly_measures(now), "waiting": waiting_now(now),
        "ratings": list(ratings().values()), "not_rated": not_rated(),
        "urgent_rating": urgent_rating(),
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
@capability_required("allocate_cases")
def rota(request: HttpRequest) -> HttpResponse:
    """The rota now, next and last week; a form to add a manager; a button to remove one."""
    form = RotaForm()
    if request.method == "POST" and "remove" in request.POST:
        return _remove(request)
    if request.method == "POST":
        form = RotaForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                add_to_rota(signed_in(request), data["manager"], data["starts_at"], data["ends_at"],
                            request)  # fmt: skip
            except RotaRefused as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"{data['manager'].username} is on the duty rota.")
                return redirect("frontdoor:rota")
    now = timezone.now()
    told, chosen_by = duty_managers(now)
    return render(request, "frontdoor/rota.html", {
        "form": form, "rota": rota_now(now), "told": told, "chosen_by": chosen_by,
    })  # fmt: skip


def _remove(request: HttpRequest) -> HttpResponse:
    entry = get_object_or_404(DutyRota, pk=str(request.POST["remove"])[:12] or 0)
    try:
        remove_from_rota(signed_in(request), entry, request)
    except RotaRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{entry.manager.username} is off the duty rota.")
    return redirect("frontdoor:rota")
