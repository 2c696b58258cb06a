"""Opening a child's record: say why (purpose), or break the glass first."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_http_methods

from joinedup.web.access import purposes, services
from joinedup.web.access.forms import BreakGlassForm, PurposeForm
from joinedup.web.audit.services import record_event
from joinedup.web.people.models import Person


@require_http_methods(["GET", "POST"])
@services.person_capability_required("view_children")
def purpose(request: HttpRequest, person_id: str) -> HttpResponse:
    person = get_object_or_404(Person, person_id=person_id)
    access = services.access_to_person(request.user, person)
    if not access.allowed:
        return _denied(request, person, access)
    form = PurposeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        record = services.record_purpose(request.user, person, data["purpose"], data["detail"])
        purposes.remember(request, record)
        return redirect(_next(request, person))
    context = {"form": form, "person": person, "access": access, "next": _next(request, person)}
    return render(request, "access/purpose.html", context)


@require_http_methods(["GET", "POST"])
@services.person_capability_required("view_children", "break_glass")
def break_glass(request: HttpRequest, person_id: str) -> HttpResponse:
    person = get_object_or_404(Person, person_id=person_id)
    access = services.access_to_person(request.user, person)
    back_to_purpose = reverse("access:purpose", args=[person.person_id])
    back_to_purpose += "?" + urlencode({"next": _next(request, person)})
    if access.allowed:
        return redirect(back_to_purpose)
    form = BreakGlassForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.grant_break_glass(request.user, person, form.cleaned_data["reason"], request)
        return redirect(back_to_purpose)
    context = {"form": form, "person": person, "next": _next(request, person)}
    return render(request, "access/break_glass.html", context)


def _denied(request: HttpRequest, person: Person, access: services.Access) -> HttpResponse:
    record_event(
        request.user,
        "person.access_denied",
        target_type="person",
        target_id=person.person_id,
        detail={"reason": access.reason},
        request=request,
    )
    context = {
        "person": person,
        "access": access,
        "can_break_glass": services.has_capability(request.user, "break_glass"),
        "next": _next(request, person),
    }
    return render(request, "access/denied.html", context, status=403)


def _next(request: HttpRequest, person: Person) -> str:
    """Where to go once the purpose is recorded: `next` if safe, else the child's page."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    try:
        return reverse("people:person", args=[person.person_id])
    except NoReverseMatch:
        return "/"
