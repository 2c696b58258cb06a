"""The documents to redact, a version's redaction set, and review of each suggestion."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.errors import InputError
from joinedup.web.access.services import capability_required
from joinedup.web.documents.models import DocumentVersion
from joinedup.web.redaction.forms import AcceptPersonForm, DecisionForm, ManualForm, ProduceForm
from joinedup.web.redaction.models import Redaction
from joinedup.web.redaction.services import pages
from joinedup.web.redaction.services.protocol import grounds
from joinedup.web.redaction.services.review import (
    Decision,
    accept_all_for_person,
    add_manual,
    decide,
    find_occurrence,
)
from joinedup.web.redaction.services.sets import progress_of, unchecked_reason
from joinedup.web.redaction.services.suggest import suggest_for_version
from joinedup.web.redaction.views.common import find_redaction, find_version, show_error, signed_in


@capability_required("inquiry_work")
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Each document's latest version with its redaction counts."""
    versions = (
        DocumentVersion.objects.select_related("document")
        .annotate(
            n_redactions=Count("redactions"),
            n_suggested=Count("redactions", filter=Q(redactions__status=Redaction.SUGGESTED)),
            n_agreed=Count("redactions", filter=Q(redactions__check_status=Redaction.AGREED)),
        )
        .order_by("document__reference", "-number")
    )
    latest: dict[int, DocumentVersion] = {}
    for version in versions:
        latest.setdefault(version.document_id, version)
    return render(request, "redaction/index.html", {"versions": list(latest.values())})


def version_context(found: DocumentVersion, user: Any, **more: Any) -> dict[str, Any]:
    """What the version page shows (also when producing a copy is refused)."""
    progress = progress_of(found)
    redactions = found.redactions.select_related("cipher")
    return {
        "version": found,
        "document": found.document,
        "progress": progress,
        "not_checked": unchecked_reason(progress),
        "redactions": redactions.order_by("start"),
        "next_decide": pages.next_to_decide(found),
        "next_check": pages.next_to_check(found, user),
        "people": pages.people_suggested(found),
        "produce_form": ProduceForm(),
        "productions": found.productions.select_related("produced_by"),
        "releases": found.document.releases.select_related(
            "production__document_version", "approved_by", "ended_by"
        ),
        **more,
    }


@capability_required("inquiry_work")
@require_GET
def version(request: HttpRequest, version_id: int) -> HttpResponse:
    context = version_context(find_version(version_id), request.user)
    return render(request, "redaction/version.html", context)


@capability_required("inquiry_work")
@require_http_methods(["GET", "POST"])
def suggest(request: HttpRequest, version_id: int) -> HttpResponse:
    """Confirm, then run: a run reads every person in the index (and is audited)."""
    found = find_version(version_id)
    if request.method == "POST":
        run = suggest_for_version(signed_in(request), found, request)
        messages.success(
            request, f"{run.added} new suggestions ({run.already} already there or overlapping)"
        )
        return redirect("redaction:version", found.pk)
    return render(request, "redaction/suggest.html", {"version": found})


def _decision(data: dict[str, str], accept: bool = True) -> Decision:
    return Decision(accept, data.get("ground") or "", data["reason"], data["applies_to"])


@capability_required("inquiry_work")
@require_http_methods(["GET", "POST"])
def redaction(request: HttpRequest, redaction_id: int) -> HttpResponse:
    """Accept or reject one suggestion, then go on to the next in document order."""
    found = find_redaction(redaction_id)
    initial = {"version": found.version, "ground": found.ground, "applies_to": found.applies_to}
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decide(
                signed_in(request), found, _decision(data, data["decision"] == "accept"),
                data["version"], request,
            )  # fmt: skip
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"Redaction {found.status}")
            after = pages.next_to_decide(found.document_version, found.start)
            if after is not None:
                return redirect("redaction:redaction", after.pk)
            return redirect("redaction:version", found.document_version_id)
    context = {
        "form": form,
        "redaction": found,
        "version": found.document_version,
        "shown": pages.in_context(found),
        "category": pages.category_label(found.category),
        "ground": pages.ground_label(found.ground),
        "grounds": grounds().values(),
    }
    return render(request, "redaction/redaction.html", context)


@capability_required("inquiry_work")
@require_http_methods(["GET", "POST"])
def accept_person(request: HttpRequest, version_id: int) -> HttpResponse:
    found = find_version(version_id)
    form = AcceptPersonForm(request.POST or None, people=pages.people_suggested(found))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            count = accept_all_for_person(
                signed_in(request), found, data["person_ref"], _decision(data), request
            )
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"{count} suggestions accepted for {data['person_ref']}")
            return redirect("redaction:version", found.pk)
    return render(request, "redaction/accept_person.html", {"form": form, "version": found})


@capability_required("inquiry_work")
@require_http_methods(["GET", "POST"])
def manual(request: HttpRequest, version_id: int) -> HttpResponse:
    """A redaction chosen by hand: the exact text and which occurrence, or the characters."""
    found = find_version(version_id)
    form = ManualForm(request.POST or None, initial={"occurrence": 1})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            start, end = _span(found, data)
            add_manual(signed_in(request), found, start, end, _decision(data), request)
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"Redaction of characters {start}–{end} added")
            return redirect("redaction:version", found.pk)
    return render(request, "redaction/manual.html", {"form": form, "version": found})


def _span(version: DocumentVersion, data: dict[str, object]) -> tuple[int, int]:
    wanted = str(data.get("exact_text") or "")
    if wanted:
        start = find_occurrence(version.text, wanted, int(str(data.get("occurrence") or 1)))
        return start, start + len(wanted)
    return int(str(data["start"])), int(str(data["end"]))
