"""Making a referral (the agency form and the school form) and the referrer's own list."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from joinedup.web.access.services import capability_required, has_capability
from joinedup.web.frontdoor.forms import ReferralForm, SchoolReferralForm
from joinedup.web.frontdoor.models import Contact
from joinedup.web.frontdoor.services.intake import receive_contact, referrals_of
from joinedup.web.frontdoor.services.performance import waiting_now
from joinedup.web.frontdoor.services.queue import audit_list, rows_of
from joinedup.web.frontdoor.views.common import page_of, signed_in


@require_safe
@capability_required("make_referrals")
def index(request: HttpRequest) -> HttpResponse:
    """The front door's start page: what this user may do here."""
    screens = has_capability(signed_in(request), "screen_referrals")
    return render(request, "frontdoor/index.html", {
        "screens": screens,
        "manages": has_capability(signed_in(request), "allocate_cases"),
        "waiting": waiting_now(timezone.now()) if screens else None,
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
@capability_required("make_referrals")
def refer(request: HttpRequest) -> HttpResponse:
    return _refer(request, ReferralForm, Contact.AGENCY_FORM)


@require_http_methods(["GET", "POST"])
@capability_required("make_referrals")
def refer_school(request: HttpRequest) -> HttpResponse:
    return _refer(request, SchoolReferralForm, Contact.SCHOOL_FORM)


def _refer(request: HttpRequest, form_class: type[ReferralForm], kind: str) -> HttpResponse:
    posted = request.method == "POST"
    form = form_class(request.POST if posted else None, user=signed_in(request))
    if posted and form.is_valid():
        contact = receive_contact(signed_in(request), form.details(), form=kind, request=request)
        told = " The duty manager has been told it is urgent." if contact.urgent else ""
        messages.success(request, f"Referral sent. Its reference is {contact.reference}.{told}")
        return redirect("frontdoor:contact", contact.reference)
    school = kind == Contact.SCHOOL_FORM
    return render(request, "frontdoor/refer.html", {"form": form, "school": school})


@require_safe
@capability_required("make_referrals")
def my_referrals(request: HttpRequest) -> HttpResponse:
    page = page_of(request, referrals_of(signed_in(request)))
    rows = rows_of(page.object_list, timezone.now())
    audit_list(signed_in(request), "my_referrals", rows, request)
    return render(request, "frontdoor/my_referrals.html", {"page": page, "rows": rows})
