"""The panel's front page, its members (staff), leaving the panel (members), and bringing
a member who left back onto it (staff)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from joinedup.errors import InputError
from joinedup.web.access.services import capability_required
from joinedup.web.accounts.models import User
from joinedup.web.panel.forms import WITHDRAW, LeaveForm, MemberForm, RejoinForm
from joinedup.web.panel.models import PanelMember
from joinedup.web.panel.services import add_member, end_membership, rejoin_member
from joinedup.web.panel.services.membership import possible_members, require_inquiry
from joinedup.web.panel.services.pages import front_page, members_page
from joinedup.web.panel.views.common import (
    audit_read,
    member_required,
    posted,
    refuse,
    show_error,
    signed_in,
    staff_required,
)


@require_GET
@capability_required("take_part_in_panel")
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "panel/index.html", {"page": front_page(signed_in(request))})


@require_GET
@staff_required
def members(request: HttpRequest) -> HttpResponse:
    page = members_page()
    audit_read(request, "panel.members_viewed", "panel", "", members=len(page.members))
    return render(request, "panel/members.html", {"page": page})


@require_http_methods(["GET", "POST"])
@staff_required
def member_add(request: HttpRequest) -> HttpResponse:
    try:
        inquiry = require_inquiry()
    except InputError as error:
        return refuse(request, str(error))
    accounts = [(str(u.pk), u.username) for u in possible_members(inquiry)]
    form = MemberForm(posted(request), accounts=accounts)
    if request.method == "POST" and form.is_valid():
        user = get_object_or_404(User, pk=int(form.cleaned_data["user"]))
        try:
            member = add_member(
                signed_in(request), user, form.cleaned_data["display_name"], request
            )
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"{member.display_name} is on the panel")
            return redirect("panel:members")
    return render(request, "panel/member_add.html", {"form": form, "accounts": accounts})


@require_http_methods(["GET", "POST"])
@staff_required
def member_end(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_object_or_404(PanelMember, pk=member_id)
    form = LeaveForm(posted(request))
    if request.method == "POST" and form.is_valid():
        withdraw = form.cleaned_data["publication"] == WITHDRAW
        try:
            end_membership(signed_in(request), member, withdraw, request)
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"{member.display_name}'s membership has ended")
            return redirect("panel:members")
    return render(request, "panel/member_end.html", {"form": form, "member": member})


@require_POST
@staff_required
def member_rejoin(request: HttpRequest, member_id: int) -> HttpResponse:
    """The button on the members page; a refusal shows this page with the error summary."""
    member = get_object_or_404(PanelMember, pk=member_id)
    form = RejoinForm(request.POST)
    if form.is_valid():
        try:
            rejoin_member(signed_in(request), member, form.cleaned_data["reason"], request)
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, _back_on_the_panel(member))
            return redirect("panel:members")
    return render(request, "panel/member_rejoin.html", {"form": form, "member": member})


def _back_on_the_panel(member: PanelMember) -> str:
    said = f"{member.display_name} is back on the panel. What they said before is still theirs."
    if member.withdrawn_at is None:
        return said
    day = timezone.localdate(member.withdrawn_at)
    return (
        f"{said} They withdrew it from publication on {day.day} {day:%B %Y}: "
        "that still stands, so nothing of theirs will be published."
    )


@require_http_methods(["GET", "POST"])
@member_required
def leave(request: HttpRequest, member: PanelMember) -> HttpResponse:
    form = LeaveForm(posted(request))
    if request.method == "POST" and form.is_valid():
        withdraw = form.cleaned_data["publication"] == WITHDRAW
        try:
            end_membership(signed_in(request), member, withdraw, request)
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, "You have left the panel. Thank you for taking part.")
            return redirect("panel:index")
    return render(request, "panel/leave.html", {"form": form, "member": member})
