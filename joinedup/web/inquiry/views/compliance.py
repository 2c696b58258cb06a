"""The compliance view: how each agency and person is answering the requests; CSV."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from joinedup.web.access.services import capability_required
from joinedup.web.audit.services import record_event
from joinedup.web.inquiry.services.compliance import compliance, compliance_csv
from joinedup.web.inquiry.views.common import inquiry_or_404


@require_GET
@capability_required("inquiry_work")
def compliance_view(request: HttpRequest) -> HttpResponse:
    inquiry = inquiry_or_404()
    found = compliance(inquiry, timezone.localdate())
    record_event(
        request.user,
        "inquiry.compliance_viewed",
        target_type="inquiry",
        target_id=inquiry.pk,
        detail={"recipients": len(found.rows)},
        request=request,
    )
    return render(request, "inquiry/compliance.html", {"report": found})


@require_GET
@capability_required("inquiry_work")
def compliance_download(request: HttpRequest) -> HttpResponse:
    inquiry = inquiry_or_404()
    found = compliance(inquiry, timezone.localdate())
    record_event(
        request.user,
        "inquiry.compliance_csv",
        target_type="inquiry",
        target_id=inquiry.pk,
        detail={"recipients": len(found.rows)},
        request=request,
    )
    response = HttpResponse(compliance_csv(found), content_type="text/csv; charset=utf-8")
    name = f"evidence-requests-compliance-{found.as_of.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
