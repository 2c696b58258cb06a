"""Publishing the figures: choose a year and profile, preview the protected tables, publish."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from joinedup.errors import InputError
from joinedup.transparency import load_figures
from joinedup.web.access.services import capability_required
from joinedup.web.audit.services import record_event
from joinedup.web.transparency.forms import PublishForm
from joinedup.web.transparency.models import Publication
from joinedup.web.transparency.services.publishing import preview_year, publish_year

CAPABILITY = "publish_statistics"


@require_GET
@capability_required(CAPABILITY)
def index(request: HttpRequest) -> HttpResponse:
    form = PublishForm(request.GET or None)
    preview = None
    if request.GET and form.is_valid():
        try:
            preview = preview_year(form.chosen_year(), form.cleaned_data["profile"])
        except InputError as error:
            form.add_error("year", str(error))
        else:
            record_event(
                request.user,
                "transparency.previewed",
                target_type="year",
                target_id=str(preview.year.start),
                detail={"profile": preview.result.profile_id},
                request=request,
            )
    context = {
        "form": form,
        "preview": preview,
        "figures": {f.id: f for f in load_figures().figures},
        "publications": Publication.objects.select_related("published_by", "supersedes")[:50],
    }
    return render(request, "transparency/staff_index.html", context)


@require_POST
@capability_required(CAPABILITY)
def publish(request: HttpRequest) -> HttpResponse:
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            publication = publish_year(request.user, form.chosen_year(),
                                       form.cleaned_data["profile"], form.cleaned_data["note"],
                                       request=request)  # fmt: skip
        except InputError as error:
            form.add_error("note" if "already published" in str(error) else "year", str(error))
        else:
            messages.success(request, f"Published {publication.year_label} as publication "
                                      f"{publication.pk}.")  # fmt: skip
            return redirect("public:publication", pk=publication.pk)
    context: dict[str, Any] = {"form": form, "preview": None, "figures": {},
               "publications": Publication.objects.all()[:50]}  # fmt: skip
    return render(request, "transparency/staff_index.html", context)
