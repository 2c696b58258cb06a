"""Lines of inquiry: the list, adding, changing and retiring one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.errors import InputError
from joinedup.web.access.services import capability_required
from joinedup.web.inquiry.forms import LineForm
from joinedup.web.inquiry.models import LineOfInquiry
from joinedup.web.inquiry.services.lines import (
    add_line,
    change_line,
    next_line_reference,
    retire_line,
)
from joinedup.web.inquiry.views.common import inquiry_or_404, show_error, signed_in


def _line(line_id: int) -> LineOfInquiry:
    return get_object_or_404(LineOfInquiry, pk=line_id, inquiry=inquiry_or_404())


@require_GET
@capability_required("inquiry_work")
def lines(request: HttpRequest) -> HttpResponse:
    inquiry = inquiry_or_404()
    return render(request, "inquiry/lines.html", {"inquiry": inquiry, "lines": inquiry.lines.all()})


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def line_add(request: HttpRequest) -> HttpResponse:
    inquiry = inquiry_or_404()
    form = LineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        line = add_line(signed_in(request), inquiry, data["title"], data["description"], request)
        messages.success(request, f"Line of inquiry {line.reference} added")
        return redirect("inquiry:lines")
    context = {"form": form, "reference": next_line_reference(inquiry), "line": None}
    return render(request, "inquiry/line_form.html", context)


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def line_edit(request: HttpRequest, line_id: int) -> HttpResponse:
    line = _line(line_id)
    initial = {"title": line.title, "description": line.description}
    form = LineForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            change_line(signed_in(request), line, data["title"], data["description"], request)
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"Line of inquiry {line.reference} saved")
            return redirect("inquiry:lines")
    context = {"form": form, "reference": line.reference, "line": line}
    return render(request, "inquiry/line_form.html", context)


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def line_retire(request: HttpRequest, line_id: int) -> HttpResponse:
    """Ask to confirm; retire on POST."""
    line = _line(line_id)
    error = ""
    if request.method == "POST":
        try:
            retire_line(signed_in(request), line, request)
        except InputError as refused:
            error = str(refused)
        else:
            messages.success(request, f"Line of inquiry {line.reference} retired")
            return redirect("inquiry:lines")
    return render(request, "inquiry/line_retire.html", {"line": line, "error": error})
