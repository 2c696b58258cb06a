"""Producing copies, approving them for a stage, withdrawing a release."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from joinedup.errors import InputError
from joinedup.web.access.services import capability_required
from joinedup.web.audit.services import record_event
from joinedup.web.redaction.forms import ProduceForm, WithdrawForm
from joinedup.web.redaction.models import Production, Release
from joinedup.web.redaction.services.production import produce as produce_copy
from joinedup.web.redaction.services.protocol import stage
from joinedup.web.redaction.services.release import approval_refusal, approve, withdraw
from joinedup.web.redaction.views.common import (
    find_production,
    find_version,
    pdf_response,
    show_error,
    signed_in,
)
from joinedup.web.redaction.views.review import version_context


@capability_required("inquiry_work")
@require_POST
def produce(request: HttpRequest, version_id: int) -> HttpResponse:
    found = find_version(version_id)
    form = ProduceForm(request.POST)
    if form.is_valid():
        try:
            made = produce_copy(signed_in(request), found, form.cleaned_data["stage"], request)
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"Copy produced for: {stage(made.stage).label}")
            return redirect("redaction:production", made.pk)
    context = version_context(found, request.user, produce_form=form)
    return render(request, "redaction/version.html", context)


def _production_page(request: HttpRequest, found: Production, error: str = "") -> HttpResponse:
    context = {
        "production": found,
        "version": found.document_version,
        "document": found.document_version.document,
        "stage": stage(found.stage),
        "refusal": approval_refusal(request.user, found),
        "releases": found.releases.select_related("approved_by", "ended_by"),
        "summary_error": error,
    }
    return render(request, "redaction/production.html", context)


@capability_required("inquiry_work")
@require_GET
def production(request: HttpRequest, production_id: int) -> HttpResponse:
    return _production_page(request, find_production(production_id))


@capability_required("inquiry_work")
@require_GET
def production_pdf(request: HttpRequest, production_id: int) -> HttpResponse:
    found = find_production(production_id)
    record_event(
        request.user, "redaction.production_downloaded", target_type="production",
        target_id=found.pk, detail={"stage": found.stage}, request=request,
    )  # fmt: skip
    reference = found.document_version.document.reference
    return pdf_response(found, f"{reference}-v{found.document_version.number}-{found.stage}.pdf")


@capability_required("inquiry_work")
@require_POST
def approve_production(request: HttpRequest, production_id: int) -> HttpResponse:
    found = find_production(production_id)
    try:
        release = approve(signed_in(request), found, request)
    except InputError as error:
        return _production_page(request, found, str(error))
    messages.success(request, f"Released to: {stage(release.stage).label}")
    return redirect("redaction:production", found.pk)


@capability_required("inquiry_work")
@require_http_methods(["GET", "POST"])
def withdraw_release(request: HttpRequest, release_id: int) -> HttpResponse:
    found = get_object_or_404(
        Release.objects.select_related("document", "production"), pk=release_id
    )
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            withdraw(signed_in(request), found, form.cleaned_data["reason"], request)
        except InputError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Release to {stage(found.stage).label.lower()} withdrawn")
            return redirect("redaction:production", found.production_id)
    context = {"form": form, "release": found, "stage": stage(found.stage)}
    return render(request, "redaction/withdraw.html", context)
