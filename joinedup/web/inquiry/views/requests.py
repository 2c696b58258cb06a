"""Evidence requests: the register, drafting and changing one, its page (audited), its
status, deadline extensions, notes, and its letter as a page and a PDF (audited)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from joinedup.errors import InputError
from joinedup.web.access.services import capability_required
from joinedup.web.audit.services import record_event
from joinedup.web.inquiry.forms import ExtensionForm, NoteForm, RequestForm, StatusForm, agency_from
from joinedup.web.inquiry.models import EvidenceRequest
from joinedup.web.inquiry.services import vocabulary as vocab
from joinedup.web.inquiry.services.letter import letter_for, letter_pdf
from joinedup.web.inquiry.services.pages import request_page
from joinedup.web.inquiry.services.requests import (
    RequestDraft,
    add_note,
    change_draft,
    change_status,
    draft_request,
    extend_deadline,
    is_overdue,
    read_request,
)
from joinedup.web.inquiry.views.common import inquiry_or_404, show_error, signed_in

OVERDUE = "overdue"


def _request(request_id: int) -> EvidenceRequest:
    found = EvidenceRequest.objects.select_related("inquiry", "recipient_agency", "created_by")
    return get_object_or_404(found, pk=request_id, inquiry=inquiry_or_404())


def _draft(kind: str, data: dict[str, Any]) -> RequestDraft:
    return RequestDraft(
        kind,
        agency_from(data["recipient_agency"]),
        data["recipient_name"],
        data["matters"],
        data["deadline"],
    )


@require_GET
@capability_required("inquiry_work")
def register(request: HttpRequest) -> HttpResponse:
    inquiry = inquiry_or_404()
    today = timezone.localdate()
    shown = request.GET.get("status", "")
    kind = request.GET.get("kind", "")
    found = inquiry.requests.select_related("recipient_agency").order_by("deadline", "reference")
    if kind in vocab.kinds():
        found = found.filter(kind=kind)
    if shown in vocab.statuses():
        found = found.filter(status=shown)
    rows = [(r, is_overdue(r, today)) for r in found]
    if shown == OVERDUE:
        rows = [(r, late) for r, late in rows if late]
    record_event(
        request.user,
        "inquiry.register_viewed",
        target_type="inquiry",
        target_id=inquiry.pk,
        detail={"requests": len(rows)},
        request=request,
    )
    filters = [("", "All"), (OVERDUE, "Overdue"), *vocab.statuses().items()]
    context = {
        "rows": rows,
        "filters": filters,
        "shown": shown,
        "kind": kind,
        "kinds": list(vocab.kinds().items()),
        "labels": vocab.statuses(),
        "kind_labels": vocab.kinds(),
        "statutory": inquiry.statutory,
    }
    return render(request, "inquiry/requests.html", context)


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def request_add(request: HttpRequest) -> HttpResponse:
    inquiry = inquiry_or_404()
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = draft_request(signed_in(request), inquiry, _draft(data["kind"], data), request)
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"{made.reference} drafted: issue it when it is sent")
            return redirect("inquiry:request", made.pk)
    context = {
        "form": form,
        "found": None,
        "statutory": inquiry.statutory,
        "offence": vocab.offence_reminder(),
        "not_statutory": vocab.not_statutory_message(),
    }
    return render(request, "inquiry/request_form.html", context)


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def request_edit(request: HttpRequest, request_id: int) -> HttpResponse:
    found = _request(request_id)
    initial = {
        "recipient_agency": found.recipient_agency.code if found.recipient_agency else "",
        "recipient_name": found.recipient_name,
        "matters": found.matters,
        **RequestForm.initial_date("deadline", found.deadline),
    }
    form = RequestForm(request.POST or None, initial=initial, with_kind=False)
    if request.method == "POST" and form.is_valid():
        try:
            change_draft(signed_in(request), found, _draft(found.kind, form.cleaned_data), request)
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"{found.reference} saved")
            return redirect("inquiry:request", found.pk)
    context = {
        "form": form,
        "found": found,
        "statutory": found.inquiry.statutory,
        "offence": vocab.offence_reminder(),
        "kind_label": vocab.kind_label(found.kind),
    }
    return render(request, "inquiry/request_form.html", context)


@require_GET
@capability_required("inquiry_work")
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    found = _request(request_id)
    page = request_page(found, timezone.localdate())
    read_request(request.user, found, "inquiry.request_viewed", request)
    context = {"page": page, "note_form": NoteForm(), "offence": vocab.offence_reminder()}
    return render(request, "inquiry/request.html", context)


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def request_status(request: HttpRequest, request_id: int) -> HttpResponse:
    found = _request(request_id)
    choices = [(s, vocab.status_label(s)) for s in vocab.next_statuses(found.status)]
    initial = StatusForm.initial_date("on", timezone.localdate())
    form = StatusForm(request.POST or None, initial=initial, statuses=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            done = change_status(
                signed_in(request), found, data["status"], data["on"], data["note"], request
            )
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(
                request, f"{done.reference} is now {vocab.status_label(done.status).lower()}"
            )
            return redirect("inquiry:request", done.pk)
    context = {"form": form, "found": found, "status_label": vocab.status_label(found.status)}
    return render(request, "inquiry/request_status.html", context)


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def request_extend(request: HttpRequest, request_id: int) -> HttpResponse:
    found = _request(request_id)
    form = ExtensionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            extend_deadline(
                signed_in(request), found, data["new_deadline"], data["reason"], request
            )
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"{found.reference}: deadline extended")
            return redirect("inquiry:request", found.pk)
    return render(request, "inquiry/request_extend.html", {"form": form, "found": found})


@require_POST
@capability_required("inquiry_work")
def request_note(request: HttpRequest, request_id: int) -> HttpResponse:
    found = _request(request_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        add_note(signed_in(request), found, form.cleaned_data["text"], request)
        messages.success(request, f"{found.reference}: note added")
        return redirect("inquiry:request", found.pk)
    page = request_page(found, timezone.localdate())
    read_request(request.user, found, "inquiry.request_viewed", request)
    context = {"page": page, "note_form": form, "offence": vocab.offence_reminder()}
    return render(request, "inquiry/request.html", context)


@require_GET
@capability_required("inquiry_work")
def letter(request: HttpRequest, request_id: int) -> HttpResponse:
    found = _request(request_id)
    read_request(request.user, found, "inquiry.letter_viewed", request)
    return render(request, "inquiry/letter.html", {"letter": letter_for(found)})


@require_GET
@capability_required("inquiry_work")
def letter_download(request: HttpRequest, request_id: int) -> HttpResponse:
    found = _request(request_id)
    made = letter_for(found)
    content = letter_pdf(made)
    read_request(request.user, found, "inquiry.letter_pdf", request)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{made.filename}"'
    response["Cache-Control"] = "no-store"
    return response
