"""Proposals: the list, proposing (members), recording one a member gave by phone, letter,
e-mail or at a meeting (staff), support and comments (members), the inquiry's answer (staff)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.errors import InputError
from joinedup.web.inquiry.models import LineOfInquiry
from joinedup.web.panel.forms import (
    NEW_LINE,
    AnswerForm,
    ProposalCommentForm,
    ProposalForm,
    RecordedProposalForm,
)
from joinedup.web.panel.models import PanelMember, Proposal
from joinedup.web.panel.services import (
    Answer,
    NewLine,
    ProposalDraft,
    answer_proposal,
    comment_on_proposal,
    make_proposal,
    record_proposal_for_member,
)
from joinedup.web.panel.services.membership import is_staff, panel_inquiry, require_inquiry
from joinedup.web.panel.services.pages import line_choices, proposal_page
from joinedup.web.panel.services.proposals import proposals_for
from joinedup.web.panel.views.common import (
    audit_read,
    member_required,
    posted,
    reader_required,
    refuse,
    show_error,
    signed_in,
    staff_required,
)


def _find(proposal_id: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.select_related("member", "line", "recorded_by"), pk=proposal_id
    )


@require_GET
@reader_required
def proposals(request: HttpRequest) -> HttpResponse:
    inquiry = panel_inquiry()
    found = list(proposals_for(inquiry).prefetch_related("comments")) if inquiry else []
    context = {"proposals": found, "staff": is_staff(request.user)}
    return render(request, "panel/proposals.html", context)


@require_http_methods(["GET", "POST"])
@member_required
def proposal_add(request: HttpRequest, member: PanelMember) -> HttpResponse:
    form = ProposalForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        draft = ProposalDraft(data["kind"], data["title"], data["what"], data["why"])
        try:
            proposal = make_proposal(member, draft, request)
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, "Your proposal has been sent to the inquiry")
            return redirect("panel:proposal", proposal.pk)
    return render(request, "panel/proposal_add.html", {"form": form, "member": member})


@require_http_methods(["GET", "POST"])
@staff_required
def proposal_record(request: HttpRequest) -> HttpResponse:
    try:
        inquiry = require_inquiry()
    except InputError as error:
        return refuse(request, str(error))
    everyone = PanelMember.objects.filter(inquiry=inquiry)
    current = [(str(m.pk), m.display_name) for m in everyone if m.is_active]
    left = {str(m.pk) for m in everyone if not m.is_active}
    form = RecordedProposalForm(posted(request), members=current, left=left)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        member = get_object_or_404(everyone, pk=int(data["member"]))
        draft = ProposalDraft(data["kind"], data["title"], data["what"], data["why"])
        try:
            made = record_proposal_for_member(
                signed_in(request), member, data["given_by"], draft, request
            )
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"The proposal is recorded for {member.display_name}")
            return redirect("panel:proposal", made.pk)
    return render(request, "panel/proposal_record.html", {"form": form, "members": current})


@require_GET
@reader_required
def proposal(request: HttpRequest, proposal_id: int) -> HttpResponse:
    found = _find(proposal_id)
    audit_read(request, "panel.proposal_viewed", "panel_proposal", found.pk)
    page = proposal_page(signed_in(request), found)
    return render(request, "panel/proposal.html", {"page": page})


@require_http_methods(["GET", "POST"])
@member_required
def proposal_comment(request: HttpRequest, proposal_id: int, member: PanelMember) -> HttpResponse:
    found = _find(proposal_id)
    page = proposal_page(signed_in(request), found)
    form = ProposalCommentForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            comment_on_proposal(member, found, data["supports"], data["text"], request)
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, "Thank you: your support or comment has been added")
            return redirect("panel:proposal", found.pk)
    return render(request, "panel/proposal_comment.html", {"form": form, "page": page})


@require_http_methods(["GET", "POST"])
@staff_required
def proposal_answer(request: HttpRequest, proposal_id: int) -> HttpResponse:
    found = _find(proposal_id)
    initial = {"line": str(found.line_id)} if found.line_id else {}
    form = AnswerForm(posted(request), lines=line_choices(found.inquiry), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            answer_proposal(signed_in(request), found, _answer(form.cleaned_data, found), request)
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, "The answer is recorded and the member has been told")
            return redirect("panel:proposal", found.pk)
    page = proposal_page(signed_in(request), found)
    return render(request, "panel/proposal_answer.html", {"form": form, "page": page})


def _answer(data: dict[str, str], proposal: Proposal) -> Answer:
    chosen = data.get("line") or ""
    line = None
    if chosen and chosen != NEW_LINE:
        line = get_object_or_404(LineOfInquiry, pk=int(chosen), inquiry_id=proposal.inquiry_id)
    new = NewLine(data.get("new_line_title", "")) if chosen == NEW_LINE else None
    return Answer(data["outcome"], data["reason"], data["done"], line, new)
