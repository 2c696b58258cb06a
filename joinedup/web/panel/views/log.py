"""The "you said, we did" log, and marking its items for publication (staff)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.errors import InputError
from joinedup.web.panel.forms import PublishForm
from joinedup.web.panel.models import DraftComment, Proposal
from joinedup.web.panel.services import log_items, publish, unpublish
from joinedup.web.panel.services.log import log_item
from joinedup.web.panel.services.membership import is_staff, panel_inquiry
from joinedup.web.panel.views.common import (
    audit_read,
    posted,
    reader_required,
    show_error,
    signed_in,
    staff_required,
)


@require_GET
@reader_required
def log(request: HttpRequest) -> HttpResponse:
    inquiry = panel_inquiry()
    items = log_items(inquiry) if inquiry else []
    audit_read(request, "panel.log_viewed", "panel", "", items=len(items))
    context = {"items": items, "staff": is_staff(request.user)}
    return render(request, "panel/log.html", context)


@require_http_methods(["GET", "POST"])
@staff_required
def proposal_publish(request: HttpRequest, proposal_id: int) -> HttpResponse:
    found = get_object_or_404(Proposal.objects.select_related("member"), pk=proposal_id)
    return _publish_page(request, found)


@require_http_methods(["GET", "POST"])
@staff_required
def comment_publish(request: HttpRequest, comment_id: int) -> HttpResponse:
    found = get_object_or_404(DraftComment.objects.select_related("member"), pk=comment_id)
    return _publish_page(request, found)


def _publish_page(request: HttpRequest, item: Proposal | DraftComment) -> HttpResponse:
    entry = log_item(item)
    publication = entry.publication if entry else None
    if request.method == "POST" and request.POST.get("unpublish") and publication:
        unpublish(signed_in(request), publication, request)
        messages.success(request, "The item is no longer published")
        return redirect("panel:log")
    initial = {"said": publication.said, "did": publication.did} if publication else {}
    form = PublishForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            publish(signed_in(request), item, data["said"], data["did"], request)
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, "The item is marked for publication")
            return redirect("panel:log")
    context = {"form": form, "entry": entry, "publication": publication}
    return render(request, "panel/publish.html", context)
