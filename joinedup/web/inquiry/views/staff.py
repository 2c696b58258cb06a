"""The inquiry's staff: the list (everyone), naming, changing and removing (leads)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.errors import InputError
from joinedup.web.access.services import capability_required
from joinedup.web.accounts.models import User
from joinedup.web.inquiry.forms import StaffForm
from joinedup.web.inquiry.models import InquiryStaff
from joinedup.web.inquiry.services.staff import (
    POWERS,
    StaffDraft,
    change_staff,
    name_staff,
    possible_staff,
    remove_staff,
    staff_may,
)
from joinedup.web.inquiry.views.common import (
    inquiry_or_404,
    require_lead,
    show_error,
    signed_in,
    user_label,
)


def _draft(data: dict[str, Any]) -> StaffDraft:
    powers = set(data["powers"])
    return StaffDraft(data["position"], *(p in powers for p in POWERS))


def _post(post_id: int) -> InquiryStaff:
    return get_object_or_404(
        InquiryStaff.objects.select_related("user", "inquiry"), pk=post_id, inquiry=inquiry_or_404()
    )


@require_GET
@capability_required("inquiry_work")
def staff(request: HttpRequest) -> HttpResponse:
    inquiry = inquiry_or_404()
    context = {
        "posts": inquiry.staff.select_related("user"),
        "is_lead": staff_may(request.user, "is_lead", inquiry),
    }
    return render(request, "inquiry/staff.html", context)


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def staff_add(request: HttpRequest) -> HttpResponse:
    inquiry = inquiry_or_404()
    require_lead(request, inquiry)
    users = [(str(u.pk), user_label(u)) for u in possible_staff(inquiry)]
    form = StaffForm(request.POST or None, users=users)
    if request.method == "POST" and form.is_valid():
        person = User.objects.get(pk=int(form.cleaned_data["user"]))
        try:
            name_staff(signed_in(request), inquiry, person, _draft(form.cleaned_data), request)
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"{person.username} named on the inquiry's staff")
            return redirect("inquiry:staff")
    return render(request, "inquiry/staff_form.html", {"form": form, "post": None})


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def staff_edit(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _post(post_id)
    require_lead(request, post.inquiry)
    initial = {"position": post.position, "powers": [p for p in POWERS if getattr(post, p)]}
    form = StaffForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            change_staff(signed_in(request), post, _draft(form.cleaned_data), request)
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"{post.user.username}: saved")
            return redirect("inquiry:staff")
    return render(request, "inquiry/staff_form.html", {"form": form, "post": post})


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def staff_remove(request: HttpRequest, post_id: int) -> HttpResponse:
    """Ask to confirm; remove on POST."""
    post = _post(post_id)
    require_lead(request, post.inquiry)
    error = ""
    if request.method == "POST":
        try:
            remove_staff(signed_in(request), post, request)
        except InputError as refused:
            error = str(refused)
        else:
            messages.success(request, f"{post.user.username} removed from the inquiry's staff")
            return redirect("inquiry:staff")
    return render(request, "inquiry/staff_remove.html", {"post": post, "error": error})
