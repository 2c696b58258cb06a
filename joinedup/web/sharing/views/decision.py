"""One decision's page, and recording the Caldicott Guardian's advice on it."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.errors import InputError
from joinedup.web.access import purposes
from joinedup.web.access.services import access_to_person, capability_required, has_capability
from joinedup.web.sharing.forms import AdviceForm
from joinedup.web.sharing.models import SharingDecision
from joinedup.web.sharing.services.caldicott import record_advice
from joinedup.web.sharing.services.reading import audit_decision_view, decision_view, find_decision
from joinedup.web.sharing.services.visibility import ON_REGISTER, THROUGH_CHILD, how_seen
from joinedup.web.sharing.views.common import to_decision, to_purpose_step

NOT_FOUND = "No decision with this reference that you may see"


@require_GET
def decision(request: HttpRequest, reference: str) -> HttpResponse:
    """On the user's register, or about a child they may open (after the purpose step)."""
    if not (has_capability(request.user, "record_sharing_decisions")
            or has_capability(request.user, "view_children")):  # fmt: skip
        return render(request, "403.html", status=403)
    found = _visible(request, reference)
    seen = how_seen(request.user, found)
    opened = purposes.purpose_for(request, found.person) if found.person else None
    if seen == THROUGH_CHILD and opened is None and found.person is not None:
        return to_purpose_step(request, found.person)
    view = decision_view(found, seen)
    basis = access_to_person(request.user, found.person).basis if found.person else ""
    audit_decision_view(request.user, view, request, opened.purpose if opened else "", basis or "")
    return render(request, "sharing/decision.html", {"view": view, "d": found})


@require_http_methods(["GET", "POST"])
@capability_required("record_sharing_decisions")
def caldicott_advice(request: HttpRequest, reference: str) -> HttpResponse:
    found = _visible(request, reference)
    if how_seen(request.user, found) != ON_REGISTER:
        raise Http404(NOT_FOUND)
    form = AdviceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            record_advice(request.user, found, form.cleaned_data["given"], request)
        except InputError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, f"The Caldicott Guardian's advice on {reference} is recorded."
            )
            return to_decision(reference)
    view = decision_view(found, ON_REGISTER)
    audit_decision_view(request.user, view, request)
    return render(
        request, "sharing/caldicott_advice.html", {"view": view, "d": found, "form": form}
    )


def _visible(request: HttpRequest, reference: str) -> SharingDecision:
    found = find_decision(reference)
    if found is None or not how_seen(request.user, found):
        raise Http404(NOT_FOUND)
    return found
