"""The annual report: one year's publication as a document, in HTML and PDF.

Everything in it comes from the publication (and the publications of earlier years, for
the trends), the figure definitions and the profile's rule file — the records are never
read — plus the recommendations tracker's progress on the last day counted. Those are
counts of recommendations and actions, not of people, so they are published as counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.template.loader import render_to_string

from joinedup.disclosure import Profile
from joinedup.transparency import TOTAL, Figure, FinancialYear, bar_chart_svg, load_figures
from joinedup.web.recommendations.services.report import ProgressReport, progress_report
from joinedup.web.recommendations.services.vocabulary import state_label, statuses
from joinedup.web.transparency.models import Publication
from joinedup.web.transparency.services.site import (
    FigurePage,
    current_publications,
    figure_page,
    headlines,
    profile_of,
)

__all__ = ["AnnualReport", "Completeness", "Trend", "annual_report", "annual_report_pdf"]

PDF_CSS = """
@page { size: A4; margin: 2cm 1.8cm;
        @bottom-center { content: "Page " counter(page); font-size: 9pt; } }
body { font-family: Arial, sans-serif; font-size: 10.5pt; color: #0b0c0c; line-height: 1.4; }
h1 { font-size: 22pt; } h2 { font-size: 15pt; page-break-after: avoid; margin-top: 18pt; }
h3 { font-size: 12pt; page-break-after: avoid; }
table { border-collapse: collapse; margin: 6pt 0 12pt; page-break-inside: avoid; }
caption { text-align: left; font-weight: bold; padding-bottom: 4pt; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 3pt 8pt 3pt 0; text-align: left; }
.govuk-table__cell--numeric, .govuk-table__header--numeric { text-align: right; }
.govuk-visually-hidden, .app-no-print { display: none; }
svg { max-width: 100%; }
"""


@dataclass(frozen=True)
class Trend:
    figure: Figure
    years: list[tuple[str, str]]  # (year label, published headline)
    chart: str


@dataclass(frozen=True)
class Completeness:
    role: str
    field: str
    recorded: str  # the published count, or a symbol
    total: str
    percent: str  # from the published counts, or "not published"


@dataclass(frozen=True)
class AnnualReport:
    publication: Publication
    year: FinancialYear
    profile: Profile
    headlines: list[tuple[Figure, str | None]]
    pages: list[FigurePage]
    trends: list[Trend]
    completeness: list[Completeness]
    progress: ProgressReport
    states: list[tuple[str, int]]
    figures_file_version: str


def annual_report(publication: Publication) -> AnnualReport:
    figures = load_figures()
    progress = progress_report(publication.counted_to)
    return AnnualReport(
        publication=publication,
        year=FinancialYear(publication.year),
        profile=profile_of(publication),
        headlines=headlines(publication),
        pages=[figure_page(publication, f) for f in figures.figures],
        trends=_trends(publication),
        completeness=_completeness(publication),
        progress=progress,
        states=[(state_label(s), n) for s, n in progress.recommendation_states.items()],
        figures_file_version=figures.id,
    )


def _trends(publication: Publication) -> list[Trend]:
    years = [p for p in current_publications() if p.year <= publication.year]
    years = sorted([publication, *(p for p in years if p.year != publication.year)],
                   key=lambda p: p.year)  # fmt: skip
    found = []
    for figure in load_figures().figures:
        if not figure.has_headline:
            continue
        points = [(p.year_label, dict((f.id, h) for f, h in headlines(p))[figure.id] or "")
                  for p in years]  # fmt: skip
        chart = bar_chart_svg(
            f"trend-{figure.id}", f"{figure.title}, by year", [y for y, _ in points],
            [v for _, v in points],
            "Bar chart of the published totals in the table beside it, one bar a year.",
        )  # fmt: skip
        found.append(Trend(figure, points, chart))
    return found


def _completeness(publication: Publication) -> list[Completeness]:
    found = []
    variables = load_figures().variables
    for stored in (t for t in publication.tables if t["figure"] == "core_data_set"):
        columns = stored["count_columns"]
        title = variables[stored["column_variable"]].title
        for row in stored["rows"]:
            values = dict(zip(columns, row["values"], strict=True))
            recorded, total = str(values["Recorded"]), str(values[TOTAL])
            found.append(Completeness(row["labels"][0], title, recorded, total,
                                      _percent(recorded, total)))  # fmt: skip
    return found


def _percent(part: str, whole: str) -> str:
    if not (part.isdigit() and whole.isdigit()):
        return "not published"
    if int(whole) == 0:
        return "no records"
    return f"{min(100, round(100 * int(part) / int(whole)))}%"


def report_context(publication: Publication) -> dict[str, Any]:
    return {"report": annual_report(publication), "statuses": statuses()}


def annual_report_pdf(publication: Publication) -> bytes:
    """The annual report as a PDF (weasyprint), from the same template as the page."""
    return _pdf_of(render_to_string("transparency/annual_report_pdf.html",
                                    report_context(publication)))  # fmt: skip


@lru_cache(maxsize=8)
def _pdf_of(html: str) -> bytes:
    """The PDF of a rendered report. Kept for the same HTML: the public can download the
    report as often as it likes, and each rendering takes seconds of CPU; the page's
    recommendations statuses are live, so the cache is keyed on the whole HTML."""
    from weasyprint import CSS, HTML

    written: bytes = HTML(string=html).write_pdf(stylesheets=[CSS(string=PDF_CSS)])
    return written
