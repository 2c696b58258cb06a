"""One action: its page, its owner, progress, evidence and independent sign-off.

Progress and evidence need `update_recommendations` and to own the action or work for
its owning agency; sign-off needs `sign_off_recommendations` and independence from the
work (services/signoff.py). A refusal by the service is a 403 page.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.errors import InputError
from joinedup.web.access.services import capability_required
from joinedup.web.recommendations.forms import EvidenceForm, OwnerForm, ProgressForm, SignOffForm
from joinedup.web.recommendations.models import Evidence
from joinedup.web.recommendations.services import tracker
from joinedup.web.recommendations.services.evidence import (
    accepted_extensions,
    add_evidence,
    evidence_path,
)
from joinedup.web.recommendations.services.pages import action_page
from joinedup.web.recommendations.services.progress import (
    NOT_YOURS,
    record_progress,
    status_choices,
)
from joinedup.web.recommendations.services.signoff import awaiting_sign_off, record_sign_off
from joinedup.web.recommendations.services.vocabulary import evidence_max_bytes
from joinedup.web.recommendations.views.common import (
    find_action,
    owner,
    owner_choices,
    show_error,
    signed_in,
)


@require_GET
def action(request: HttpRequest, action_id: int) -> HttpResponse:
    page = action_page(request.user, find_action(action_id))
    return render(request, "recommendations/action.html", {"page": page})


@require_http_methods(["GET", "POST"])
@capability_required("manage_recommendations")
def owner_change(request: HttpRequest, action_id: int) -> HttpResponse:
    found = find_action(action_id)
    initial = {"owner": str(found.owner_id or "")}
    form = OwnerForm(request.POST or None, initial=initial, owners=owner_choices())
    if request.method == "POST" and form.is_valid():
        tracker.assign_owner(signed_in(request), found, owner(form.cleaned_data["owner"]), request)
        messages.success(request, f"Action {found.number}: owner saved")
        return redirect("recommendations:action", found.pk)
    return render(request, "recommendations/owner.html", {"form": form, "action": found})


@require_http_methods(["GET", "POST"])
@capability_required("update_recommendations")
def progress(request: HttpRequest, action_id: int) -> HttpResponse:
    found = find_action(action_id)
    if not tracker.may_update(request.user, found):
        raise PermissionDenied(NOT_YOURS)
    initial = {"version": found.version, "status": found.status}
    form = ProgressForm(request.POST or None, initial=initial, statuses=status_choices(found))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            done = record_progress(
                signed_in(request), found, data["status"], data["note"], data["version"], request
            )
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"Action {done.number}: progress recorded")
            return redirect("recommendations:action", done.pk)
    return render(request, "recommendations/progress.html", {"form": form, "action": found})


@require_http_methods(["GET", "POST"])
@capability_required("update_recommendations")
def evidence_add(request: HttpRequest, action_id: int) -> HttpResponse:
    found = find_action(action_id)
    if not tracker.may_update(request.user, found):
        raise PermissionDenied(NOT_YOURS)
    form = EvidenceForm(
        request.POST or None, request.FILES or None, initial={"version": found.version}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            add_evidence(
                signed_in(request),
                found,
                data["description"],
                data["link"],
                data["file"],
                data["version"],
                request,
            )
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"Action {found.number}: evidence added")
            return redirect("recommendations:action", found.pk)
    context = {
        "form": form,
        "action": found,
        "file_hint": _file_hint(),
        "accept": ",".join(f".{e}" for e in accepted_extensions()),
    }
    return render(request, "recommendations/evidence.html", context)


def _file_hint() -> str:
    types = ", ".join(f".{e}" for e in accepted_extensions())
    return f"Text, PDF, Word or an image ({types}), at most {evidence_max_bytes() // 2**20} MB."


@require_GET
def evidence_file(request: HttpRequest, evidence_id: int) -> HttpResponse:
    """The file as an attachment (read whole: files are at most a few megabytes)."""
    found = get_object_or_404(Evidence, pk=evidence_id)
    path = evidence_path(found.sha256) if found.sha256 else None
    if path is None or not path.is_file():
        raise Http404("This evidence has no file")
    response = HttpResponse(path.read_bytes(), content_type=found.content_type)
    response["Content-Disposition"] = content_disposition_header(True, found.file_name) or ""
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
@capability_required("sign_off_recommendations")
def sign_off(request: HttpRequest, action_id: int) -> HttpResponse:
    found = find_action(action_id)
    page = action_page(request.user, found)
    form = SignOffForm(request.POST or None, initial={"version": found.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        signed = data["decision"] == "sign_off"
        try:
            record_sign_off(
                signed_in(request), found, signed, data["note"], data["version"], request
            )
        except InputError as error:
            show_error(form, error)
        else:
            done = "signed off" if signed else "returned to the owner"
            messages.success(request, f"Action {found.number} {done}")
            return redirect("recommendations:sign-off-queue")
    return render(request, "recommendations/sign_off.html", {"form": form, "page": page})


@require_GET
@capability_required("sign_off_recommendations")
def sign_off_queue(request: HttpRequest) -> HttpResponse:
    context = {"actions": awaiting_sign_off(), "mine": request.user}
    return render(request, "recommendations/sign_off_queue.html", context)


@require_GET
@capability_required("update_recommendations")
def mine(request: HttpRequest) -> HttpResponse:
    found = tracker.actions_for(request.user).order_by("due", "pk")
    return render(request, "recommendations/mine.html", {"actions": found})
