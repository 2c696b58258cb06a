"""The public site: open to everyone, no sign-in, read only from frozen publications."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from joinedup.transparency import Figure, FinancialYear, load_figures
from joinedup.web.recommendations.services.report import progress_report
from joinedup.web.recommendations.services.vocabulary import state_label, statuses
from joinedup.web.transparency.models import Publication
from joinedup.web.transparency.services import report as reports
from joinedup.web.transparency.services import site
from joinedup.web.transparency.services.export import site_settings
from joinedup.web.transparency.services.publishing import current_publication


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    latest = site.current_publications().first()
    context = {
        "latest": latest,
        "headlines": site.headlines(latest) if latest else [],
        "year": FinancialYear(latest.year) if latest else None,
        "site": site_settings(),
    }
    return render(request, "transparency/home.html", context)


@require_GET
def publications(request: HttpRequest) -> HttpResponse:
    everything = Publication.objects.select_related("supersedes").order_by("-year", "-published_at")
    return render(request, "transparency/publications.html", {"publications": everything})


@require_GET
def publication(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Publication.objects.select_related("supersedes"), pk=pk)
    context = {
        "publication": found,
        "year": FinancialYear(found.year),
        "headlines": site.headlines(found),
        "profile": site.profile_of(found),
        "superseded_by": Publication.objects.filter(supersedes=found).first(),
    }
    return render(request, "transparency/publication.html", context)


@require_GET
def figure(request: HttpRequest, pk: int, figure: str) -> HttpResponse:
    found = get_object_or_404(Publication, pk=pk)
    page = site.figure_page(found, _figure(figure))
    context = {"page": page, "profile": site.profile_of(found),
               "superseded_by": Publication.objects.filter(supersedes=found).first()}  # fmt: skip
    return render(request, "transparency/figure.html", context)


@require_GET
def figure_csv(request: HttpRequest, pk: int, figure: str, table: str) -> HttpResponse:
    found = get_object_or_404(Publication, pk=pk)
    text = site.table_csv(found, _figure(figure), table)
    if text is None:
        raise Http404("No such table")
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    name = f"{figure}-{found.year_label}-{table}-publication-{found.pk}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _figure(figure_id: str) -> Figure:
    try:
        return load_figures().figure(figure_id)
    except KeyError:
        raise Http404("No such figure") from None


@require_GET
def recommendations(request: HttpRequest) -> HttpResponse:
    found = progress_report()
    context = {
        "report": found,
        "statuses": statuses(),
        "states": [(state_label(s), n) for s, n in found.recommendation_states.items()],
    }
    return render(request, "transparency/recommendations.html", context)


@require_GET
def documents(request: HttpRequest) -> HttpResponse:
    return render(request, "transparency/documents.html", {"documents": site.documents()})


@require_GET
def document_pdf(request: HttpRequest, reference: str) -> HttpResponse:
    data = site.published_pdf(reference)
    if data is None:
        raise Http404("No such published document")
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{reference}.pdf"'
    return response


@require_GET
def you_said_we_did(request: HttpRequest) -> HttpResponse:
    return render(request, "transparency/you_said_we_did.html", {"items": site.you_said_we_did()})


@require_GET
def annual_report(request: HttpRequest, year: int) -> HttpResponse:
    found = current_publication(year)
    if found is None:
        raise Http404("That year has not been published")
    return render(request, "transparency/annual_report.html", reports.report_context(found))


@require_GET
def annual_report_pdf(request: HttpRequest, year: int) -> HttpResponse:
    found = current_publication(year)
    if found is None:
        raise Http404("That year has not been published")
    response = HttpResponse(reports.annual_report_pdf(found), content_type="application/pdf")
    name = f"annual-report-{found.year_label}-publication-{found.pk}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
