"""Drafts for comment: the list, sharing one (staff), reading it and its file, commenting
(members), and responding to each comment after the deadline (staff)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.errors import InputError
from joinedup.web.panel.forms import DraftCommentForm, DraftForm, ResponseForm
from joinedup.web.panel.models import Draft, DraftComment, PanelMember
from joinedup.web.panel.services import (
    DraftToShare,
    comment_on_draft,
    respond_to_comment,
    share_draft,
)
from joinedup.web.panel.services.drafts import comments_open, paragraphs
from joinedup.web.panel.services.files import accepted_extensions, draft_file_path
from joinedup.web.panel.services.membership import panel_inquiry
from joinedup.web.panel.services.pages import draft_page
from joinedup.web.panel.services.vocabulary import draft_file_max_bytes
from joinedup.web.panel.views.common import (
    audit_read,
    member_required,
    posted,
    reader_required,
    show_error,
    signed_in,
    staff_required,
)


@require_GET
@reader_required
def drafts(request: HttpRequest) -> HttpResponse:
    inquiry = panel_inquiry()
    found = Draft.objects.filter(inquiry=inquiry) if inquiry else Draft.objects.none()
    rows = [(d, comments_open(d)) for d in found]
    return render(request, "panel/drafts.html", {"drafts": rows})


@require_http_methods(["GET", "POST"])
@staff_required
def draft_add(request: HttpRequest) -> HttpResponse:
    form = DraftForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        shared = DraftToShare(data["title"], data["text"], data["deadline"], data["file"])
        try:
            draft = share_draft(signed_in(request), shared, request)
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, "The draft is shared with the panel")
            return redirect("panel:draft", draft.pk)
    types = ", ".join(f".{e}" for e in accepted_extensions())
    context = {
        "form": form,
        "accept": ",".join(f".{e}" for e in accepted_extensions()),
        "file_hint": f"A PDF or a text file ({types}), at most "
        f"{draft_file_max_bytes() // 2**20} MB.",
    }
    return render(request, "panel/draft_add.html", context)


@require_GET
@reader_required
def draft(request: HttpRequest, draft_id: int) -> HttpResponse:
    found = get_object_or_404(Draft, pk=draft_id)
    page = draft_page(signed_in(request), found)
    audit_read(request, "panel.draft_viewed", "panel_draft", found.pk, comments=len(page.comments))
    return render(request, "panel/draft.html", {"page": page})


@require_GET
@reader_required
def draft_file(request: HttpRequest, draft_id: int) -> HttpResponse:
    found = get_object_or_404(Draft, pk=draft_id)
    path = draft_file_path(found.sha256) if found.sha256 else None
    if path is None or not path.is_file():
        raise Http404("This draft has no file")
    audit_read(request, "panel.draft_file_downloaded", "panel_draft", found.pk)
    response = HttpResponse(path.read_bytes(), content_type=found.content_type)
    response["Content-Disposition"] = content_disposition_header(True, found.file_name) or ""
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
@member_required
def draft_comment(request: HttpRequest, draft_id: int, member: PanelMember) -> HttpResponse:
    found = get_object_or_404(Draft, pk=draft_id)
    count = len(paragraphs(found))
    form = DraftCommentForm(posted(request), paragraphs=count, initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["paragraph"]
        try:
            comment_on_draft(
                member, found, int(chosen) if chosen else None, form.cleaned_data["text"], request
            )
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, "Thank you: your comment has been sent to the inquiry")
            return redirect("panel:draft", found.pk)
    page = draft_page(signed_in(request), found)
    return render(request, "panel/draft_comment.html", {"form": form, "page": page})


def _initial(request: HttpRequest) -> dict[str, str]:
    chosen = request.GET.get("paragraph", "")
    return {"paragraph": chosen} if chosen.isdigit() else {}


@require_http_methods(["GET", "POST"])
@staff_required
def comment_respond(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = get_object_or_404(
        DraftComment.objects.select_related("draft", "member"), pk=comment_id
    )
    form = ResponseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        changed = form.cleaned_data["changed"] == "yes"
        try:
            respond_to_comment(
                signed_in(request), comment, changed, form.cleaned_data["response"], request
            )
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, "The response is recorded and the member has been told")
            return redirect("panel:draft", comment.draft_id)
    page = draft_page(signed_in(request), comment.draft)
    context = {"form": form, "comment": comment, "page": page}
    return render(request, "panel/comment_respond.html", context)
