"""What the public pages show, read only from frozen publications (never from the records),
plus the recommendations tracker's progress, the published redacted inquiry documents and
the panel's "you said, we did" log.

The documents and the log come from the inquiry apps through one small function each
(`_published_documents`, `_you_said_we_did`, `_published_pdf`), so tests can put their own
in, and the site still works while those apps are being built.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from joinedup.disclosure import Profile, load_profile
from joinedup.transparency import TOTAL, Figure, FinancialYear, bar_chart_svg, load_figures
from joinedup.web.transparency.models import Publication

__all__ = [
    "FigurePage",
    "TableView",
    "current_publications",
    "documents",
    "figure_page",
    "headlines",
    "profile_of",
    "published_pdf",
    "table_csv",
    "you_said_we_did",
]

ROUNDED = "rounded to the nearest"


@dataclass(frozen=True)
class Row:
    labels: list[str]
    values: list[str]
    is_total: bool


@dataclass(frozen=True)
class TableView:
    slug: str
    name: str
    caption: str
    label_columns: list[str]
    count_columns: list[str]
    rows: list[Row]
    reasons: list[dict[str, str]]  # suppressed cells and the like: row, column, reason
    rounding: list[dict[str, str]]  # cells only rounded
    chart: str = ""


@dataclass(frozen=True)
class FigurePage:
    publication: Publication
    figure: Figure
    year: FinancialYear
    tables: list[TableView]
    headline: str | None
    symbol: str
    rounding_note: str
    extra: dict[str, Any] = field(default_factory=dict)


def current_publications() -> QuerySet[Publication]:
    """Each year's publication that nothing supersedes, newest year first."""
    return Publication.objects.filter(superseded_by__isnull=True).order_by("-year")


def profile_of(publication: Publication) -> Profile:
    return load_profile(publication.profile_name)


def headlines(publication: Publication) -> list[tuple[Figure, str | None]]:
    """Each figure with its headline (the published Total), None for a figure without one."""
    return [(f, _headline(publication, f)) for f in load_figures().figures]


def _headline(publication: Publication, figure: Figure) -> str | None:
    if not figure.has_headline:
        return None
    stored = _stored(publication, figure)
    for row in stored[0]["rows"] if stored else []:
        if all(label == TOTAL for label in row["labels"]):
            return str(row["values"][0])
    return None


def _stored(publication: Publication, figure: Figure) -> list[dict[str, Any]]:
    return [t for t in publication.tables if t["figure"] == figure.id]


def figure_page(publication: Publication, figure: Figure) -> FigurePage:
    profile = profile_of(publication)
    level = profile.level(publication.profile_level)
    year = FinancialYear(publication.year)
    variables = load_figures().variables
    tables = []
    for stored in _stored(publication, figure):
        reasons = [r for r in publication.reasons if r["table"] == stored["name"]]
        caption = " by ".join([figure.title, " and ".join(
            variables[v].title.lower() for v in stored["label_columns"])])  # fmt: skip
        if stored["column_variable"] in variables:
            caption = f"{variables[stored['column_variable']].title}, by role"
        rows = [Row(r["labels"], r["values"], all(lbl == TOTAL for lbl in r["labels"]))
                for r in stored["rows"]]  # fmt: skip
        view = TableView(
            slug=stored["table"], name=stored["name"], caption=f"{caption}, {year.label}",
            label_columns=[variables[v].title for v in stored["label_columns"]],
            count_columns=stored["count_columns"], rows=rows,
            reasons=[r for r in reasons if ROUNDED not in r["reason"]],
            rounding=[r for r in reasons if ROUNDED in r["reason"]],
            chart=_chart(stored, figure, caption, year),
        )  # fmt: skip
        tables.append(view)
    rounding = (
        f"Every other count above 0 is rounded to the nearest {level.round_to}; totals are "
        "added up before rounding, so they may not equal the sum of the rounded counts."
        if level.round_to
        else "Counts that are not suppressed are published as counted."
    )
    return FigurePage(publication, figure, year, tables, _headline(publication, figure),
                      str(level.symbol or ""), rounding)  # fmt: skip


def _chart(stored: dict[str, Any], figure: Figure, caption: str, year: FinancialYear) -> str:
    """A bar chart of a one-way table with one count column (the Total row left out)."""
    if len(stored["label_columns"]) != 1 or len(stored["count_columns"]) != 1:
        return ""
    rows = [r for r in stored["rows"] if r["labels"][0] != TOTAL]
    return bar_chart_svg(
        f"chart-{stored['table']}",
        f"{caption}, {year.label}",
        [r["labels"][0] for r in rows],
        [str(r["values"][0]) for r in rows],
        f"Bar chart of the table beside it: {figure.column.lower()} by "
        f"{stored['label_columns'][0].replace('_', ' ')}. Suppressed counts have no bar.",
    )


def table_csv(publication: Publication, figure: Figure, slug: str) -> str | None:
    """One table as CSV in the `joinedup disclose` output shape (None: no such table)."""
    for stored in _stored(publication, figure):
        if stored["table"] == slug:
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow([*stored["label_columns"], *stored["count_columns"]])
            writer.writerows([*r["labels"], *r["values"]] for r in stored["rows"])
            return out.getvalue()
    return None


# --- From the inquiry: published documents and "you said, we did" --------------------


@dataclass(frozen=True)
class PublicDocument:
    reference: str
    title: str
    dated: date | None
    released_on: date | None
    pdf_sha256: str


@dataclass(frozen=True)
class PublicResponse:
    said: str
    did: str
    decided_on: date | None
    kind: str
    reference: str


def _published_documents() -> Sequence[Any]:
    from joinedup.web.redaction.services.publication import published_documents

    return list(published_documents())


def _published_pdf(reference: str) -> bytes | None:
    from joinedup.web.redaction.services.publication import published_pdf

    found: bytes | None = published_pdf(reference)
    return found


def _you_said_we_did() -> Sequence[Any]:
    from joinedup.web.panel.services.public import you_said_we_did

    return list(you_said_we_did())


def documents() -> list[PublicDocument]:
    """The redacted inquiry documents released to the public, newest release first."""
    found = [
        PublicDocument(str(d.reference), str(d.title), getattr(d, "dated", None),
                       getattr(d, "released_on", None), str(getattr(d, "pdf_sha256", "")))
        for d in _published_documents()
    ]  # fmt: skip
    return sorted(found, key=lambda d: (d.released_on or date.min, d.reference), reverse=True)


def published_pdf(reference: str) -> bytes | None:
    if reference not in {d.reference for d in documents()}:
        return None
    return _published_pdf(reference)


def you_said_we_did() -> list[PublicResponse]:
    """The panel's points and the inquiry's responses, as published (never a name)."""
    found = [
        PublicResponse(str(i.said), str(i.did), getattr(i, "decided_on", None),
                       str(getattr(i, "kind", "")), _reference(i))
        for i in _you_said_we_did()
    ]  # fmt: skip
    return sorted(found, key=lambda r: r.decided_on or date.min, reverse=True)


def _reference(item: Any) -> str:
    for name in ("reference", "theme", "line", "line_reference", "theme_reference"):
        value = getattr(item, name, None)
        if value:
            return str(value)
    return ""


def today() -> date:
    return timezone.localdate()
