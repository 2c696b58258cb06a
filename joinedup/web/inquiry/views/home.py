"""The inquiry's home, setting it up or changing its details, and its terms of reference."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.errors import InputError
from joinedup.web.access.services import capability_required
from joinedup.web.inquiry.forms import DetailsForm, TermsForm
from joinedup.web.inquiry.services.pages import home_page
from joinedup.web.inquiry.services.setup import (
    InquiryDetails,
    change_details,
    change_terms,
    current_inquiry,
    set_up_inquiry,
)
from joinedup.web.inquiry.views.common import inquiry_or_404, require_lead, show_error, signed_in


@require_GET
@capability_required("inquiry_work")
def index(request: HttpRequest) -> HttpResponse:
    inquiry = current_inquiry()
    if inquiry is None:
        return render(request, "inquiry/not_set_up.html")
    page = home_page(request.user, inquiry, timezone.localdate())
    return render(request, "inquiry/index.html", {"page": page})


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def details(request: HttpRequest) -> HttpResponse:
    """Set the inquiry up (when there is none) or change its details (a lead)."""
    inquiry = current_inquiry()
    if inquiry is not None:
        require_lead(request, inquiry)
    initial = {}
    if inquiry is not None:
        initial = {
            "title": inquiry.title,
            "chair": inquiry.chair,
            "statutory": "yes" if inquiry.statutory else "no",
            **DetailsForm.initial_date("set_up", inquiry.set_up_on),
        }
    form = DetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        given = InquiryDetails(
            data["title"], data["chair"], data["is_statutory"], data["set_up_on"]
        )
        try:
            if inquiry is None:
                set_up_inquiry(signed_in(request), given, data["terms"], request)
                messages.success(request, "The inquiry is set up, and you are its lead")
            else:
                change_details(signed_in(request), inquiry, given, request)
                messages.success(request, "The inquiry's details are saved")
        except InputError as error:
            show_error(form, error)
        else:
            return redirect("inquiry:index")
    return render(request, "inquiry/details.html", {"form": form, "inquiry": inquiry})


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def terms(request: HttpRequest) -> HttpResponse:
    inquiry = inquiry_or_404()
    form = TermsForm(request.POST or None, initial={"text": inquiry.terms_of_reference})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = change_terms(
                signed_in(request), inquiry, data["text"], data["reason"], request
            )
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"Terms of reference saved as version {version.number}")
            return redirect("inquiry:terms")
    versions = inquiry.terms_versions.select_related("changed_by")
    context = {"form": form, "inquiry": inquiry, "versions": versions}
    return render(request, "inquiry/terms.html", context)
