"""The inquiries, an inquiry's codebook, and adding, editing and retiring codes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.errors import InputError
from joinedup.web.access.services import capability_required
from joinedup.web.inquiry.models import Inquiry
from joinedup.web.themes.forms import CodeForm, ReasonForm
from joinedup.web.themes.models import Code
from joinedup.web.themes.services.codebook import (
    CodeDraft,
    add_code,
    codebook_tree,
    edit_code,
    load_codebook,
    read_codebook,
    retire_code,
)
from joinedup.web.themes.views.common import (
    code_choices,
    find_code,
    find_inquiry,
    show_error,
    signed_in,
)


@require_GET
@capability_required("inquiry_work")
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "themes/index.html", {"inquiries": Inquiry.objects.all()})


@require_GET
@capability_required("inquiry_work")
def codebook(request: HttpRequest, inquiry_id: int) -> HttpResponse:
    inquiry = find_inquiry(inquiry_id)
    context = {"inquiry": inquiry, "tree": codebook_tree(inquiry), "book": read_codebook()}
    return render(request, "themes/codebook.html", context)


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def codebook_load(request: HttpRequest, inquiry_id: int) -> HttpResponse:
    """What loading the codebook file would add (GET); add it (POST)."""
    inquiry = find_inquiry(inquiry_id)
    if request.method == "POST":
        added = load_codebook(signed_in(request), inquiry, request=request)
        messages.success(request, f"{len(added)} code{'s' if len(added) != 1 else ''} added")
        return redirect("themes:codebook", inquiry.pk)
    book = read_codebook()
    have = set(inquiry.codes.values_list("key", flat=True))
    missing = [entry for entry in book.codes if entry["key"] not in have]
    context = {"inquiry": inquiry, "book": book, "missing": missing}
    return render(request, "themes/codebook_load.html", context)


def _draft(data: dict[str, Any], inquiry: Inquiry, key: str) -> CodeDraft:
    parent = (
        Code.objects.filter(inquiry=inquiry, pk=data["parent"]).first() if data["parent"] else None
    )
    return CodeDraft(
        key,
        data["label"],
        data["definition"],
        data["include_note"],
        data["exclude_note"],
        data["source"],
        parent,
    )


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def code_add(request: HttpRequest, inquiry_id: int) -> HttpResponse:
    inquiry = find_inquiry(inquiry_id)
    form = CodeForm(request.POST or None, parents=code_choices(inquiry))
    if request.method == "POST" and form.is_valid():
        try:
            code = add_code(
                signed_in(request),
                inquiry,
                _draft(form.cleaned_data, inquiry, form.cleaned_data["key"]),
                request,
            )
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"Code added: {code.label}")
            return redirect("themes:code", code.pk)
    return render(request, "themes/code_form.html", {"form": form, "inquiry": inquiry})


@require_GET
@capability_required("inquiry_work")
def code(request: HttpRequest, code_id: int) -> HttpResponse:
    found = find_code(code_id)
    context = {
        "code": found,
        "versions": found.versions.select_related("made_by"),
        "children": found.children.all(),
        "live_codings": found.codings.filter(removed_at__isnull=True).count(),
    }
    return render(request, "themes/code.html", context)


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def code_edit(request: HttpRequest, code_id: int) -> HttpResponse:
    found = find_code(code_id)
    initial = {
        "label": found.label,
        "definition": found.definition,
        "source": found.source,
        "include_note": found.include_note,
        "exclude_note": found.exclude_note,
        "parent": str(found.parent_id or ""),
    }
    form = CodeForm(
        request.POST or None,
        initial=initial,
        editing=True,
        parents=code_choices(found.inquiry, exclude=found),
    )
    if request.method == "POST" and form.is_valid():
        draft = _draft(form.cleaned_data, found.inquiry, found.key)
        try:
            edited = edit_code(
                signed_in(request), found, draft, form.cleaned_data["change_note"], request
            )
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"{edited.label}: version {edited.version} saved")
            return redirect("themes:code", edited.pk)
    context = {"form": form, "inquiry": found.inquiry, "code": found}
    return render(request, "themes/code_form.html", context)


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def code_retire(request: HttpRequest, code_id: int) -> HttpResponse:
    found = find_code(code_id)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            retire_code(signed_in(request), found, form.cleaned_data["reason"], request)
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"{found.label}: retired")
            return redirect("themes:code", found.pk)
    return render(request, "themes/code_retire.html", {"form": form, "code": found})
