"""Sources and their recommendations: list, add, import (`manage_recommendations` to change).

Every signed-in user may read the tracker: it holds no personal data.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.errors import InputError, ValidationFailed
from joinedup.web.access.services import capability_required, has_capability
from joinedup.web.recommendations.forms import (
    ActionForm,
    ImportForm,
    RecommendationForm,
    SourceForm,
)
from joinedup.web.recommendations.models import Recommendation, Source
from joinedup.web.recommendations.services import tracker
from joinedup.web.recommendations.services.importing import import_csv
from joinedup.web.recommendations.services.pages import index_rows, recommendation_rows
from joinedup.web.recommendations.services.vocabulary import import_rules
from joinedup.web.recommendations.views.common import (
    agency,
    owner,
    owner_choices,
    show_error,
    signed_in,
)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    context = {
        "rows": index_rows(),
        "may_manage": tracker.may_manage(request.user),
        "may_update": has_capability(request.user, "update_recommendations"),
        "may_sign_off": has_capability(request.user, "sign_off_recommendations"),
    }
    return render(request, "recommendations/index.html", context)


@require_http_methods(["GET", "POST"])
@capability_required("manage_recommendations")
def source_add(request: HttpRequest) -> HttpResponse:
    form = SourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            source = tracker.add_source(
                signed_in(request),
                data["title"],
                data["published_on"],
                data["description"],
                request,
            )
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"Added {source.title}")
            return redirect("recommendations:source", source.pk)
    return render(request, "recommendations/source_form.html", {"form": form})


@require_GET
def source(request: HttpRequest, source_id: int) -> HttpResponse:
    found = get_object_or_404(Source, pk=source_id)
    context = {
        "source": found,
        "rows": recommendation_rows(found),
        "may_manage": tracker.may_manage(request.user),
    }
    return render(request, "recommendations/source.html", context)


@require_http_methods(["GET", "POST"])
@capability_required("manage_recommendations")
def recommendation_add(request: HttpRequest, source_id: int) -> HttpResponse:
    found = get_object_or_404(Source, pk=source_id)
    form = RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        draft = tracker.RecommendationDraft(
            data["number"], data["text"], data["theme"], agency(data["lead_agency"])
        )
        try:
            made = tracker.add_recommendation(signed_in(request), found, draft, request)
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"Added recommendation {made.number}")
            return redirect("recommendations:recommendation", made.pk)
    context = {"form": form, "source": found}
    return render(request, "recommendations/recommendation_form.html", context)


@require_http_methods(["GET", "POST"])
@capability_required("manage_recommendations")
def import_file(request: HttpRequest, source_id: int) -> HttpResponse:
    found = get_object_or_404(Source, pk=source_id)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            done = import_csv(signed_in(request), found, upload.name, upload.read(), request)
        except ValidationFailed as failed:
            problems = [str(p) for p in failed.problems]
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(
                request,
                f"Imported {len(done.recommendations)} recommendations "
                f"and {len(done.actions)} actions from {upload.name}",
            )
            return redirect("recommendations:source", found.pk)
    context = {"form": form, "source": found, "problems": problems, "rules": import_rules()}
    return render(request, "recommendations/import.html", context)


@require_GET
def recommendation(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    found = get_object_or_404(
        Recommendation.objects.select_related("source", "lead_agency"), pk=recommendation_id
    )
    context = {
        "recommendation": found,
        "may_manage": tracker.may_manage(request.user),
        "actions": found.actions.select_related("owning_agency", "owner"),
    }
    return render(request, "recommendations/recommendation.html", context)


@require_http_methods(["GET", "POST"])
@capability_required("manage_recommendations")
def action_add(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    found = get_object_or_404(Recommendation.objects.select_related("source"), pk=recommendation_id)
    form = ActionForm(request.POST or None, owners=owner_choices())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        draft = tracker.ActionDraft(
            data["number"],
            data["text"],
            agency(data["owning_agency"]),
            data["due"],
            owner(data["owner"]),
            data["success_measure"],
        )
        try:
            made = tracker.add_action(signed_in(request), found, draft, request)
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"Added action {made.number}")
            return redirect("recommendations:action", made.pk)
    context = {"form": form, "recommendation": found}
    return render(request, "recommendations/action_form.html", context)
