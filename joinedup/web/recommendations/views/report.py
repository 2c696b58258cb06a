"""The progress report: a page and a CSV download, for any day and source."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from joinedup.web.recommendations.forms import ReportForm
from joinedup.web.recommendations.models import Source
from joinedup.web.recommendations.services.report import ProgressReport, progress_report
from joinedup.web.recommendations.services.report_csv import report_csv
from joinedup.web.recommendations.services.vocabulary import state_label, statuses, timescale


def _report(request: HttpRequest) -> tuple[ReportForm, ProgressReport]:
    sources = {str(s.pk): s for s in Source.objects.all()}
    form = ReportForm(request.GET or None, sources=[(k, s.title) for k, s in sources.items()])
    valid = form.is_valid()
    as_of = (form.cleaned_data.get("as_of") if valid else None) or timezone.localdate()
    source = sources.get(form.cleaned_data.get("source", "")) if valid else None
    return form, progress_report(as_of, source)


@require_GET
def report(request: HttpRequest) -> HttpResponse:
    form, found = _report(request)
    context = {
        "form": form,
        "report": found,
        "statuses": statuses(),
        "query": request.GET.urlencode(),
        "states": [(state_label(s), n) for s, n in found.recommendation_states.items()],
        "stalled_days": timescale("stalled_days"),
    }
    return render(request, "recommendations/report.html", context)


@require_GET
def report_download(request: HttpRequest) -> HttpResponse:
    _, found = _report(request)
    what = "actions" if request.GET.get("what") == "actions" else "summary"
    response = HttpResponse(report_csv(found, what), content_type="text/csv; charset=utf-8")
    name = f"recommendations-{what}-{found.as_of.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
