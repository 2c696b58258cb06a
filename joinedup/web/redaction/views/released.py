"""What core participants read (/inquiry/released/): the documents released to them,
the produced text and its PDF. Never the originals or the redaction decisions; every
read is audited."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from joinedup.web.access.services import capability_required
from joinedup.web.redaction.services.release import read_release, released_to_participant
from joinedup.web.redaction.views.common import pdf_response


@capability_required("read_released_documents")
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    releases = released_to_participant(request.user)
    return render(request, "released/index.html", {"releases": releases})


@capability_required("read_released_documents")
@require_GET
def document(request: HttpRequest, release_id: int) -> HttpResponse:
    release = read_release(request.user, release_id, "text", request)
    if release is None:
        raise Http404("No document released to you has this number")
    return render(request, "released/document.html", {"release": release})


@capability_required("read_released_documents")
@require_GET
def pdf(request: HttpRequest, release_id: int) -> HttpResponse:
    release = read_release(request.user, release_id, "pdf", request)
    if release is None:
        raise Http404("No document released to you has this number")
    return pdf_response(release.production, f"{release.document.reference}.pdf")
