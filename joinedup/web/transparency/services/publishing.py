"""Preview and publish a year's figures: count every figure, protect every table of the
year together under a profile, and freeze the result as a `Publication`.

A later publication for a year already published supersedes the current one and keeps its
suppression pattern (joinedup.transparency.publishing), so the two side by side give away
no cell either hid. Years share no cells (no published figure spans two years), so each
year is protected on its own.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.disclosure import (
    DisclosureResult,
    PublishedTable,
    load_profile,
    shipped_profile_names,
)
from joinedup.errors import InputError
from joinedup.transparency import (
    FinancialYear,
    count_tables,
    financial_year_of,
    load_figures,
    protect_tables,
    published_table_from_data,
    published_table_to_data,
    reason_to_data,
)
from joinedup.web.audit.services import record_event
from joinedup.web.transparency.models import Publication
from joinedup.web.transparency.services.counting import count_items

__all__ = [
    "DEFAULT_PROFILE",
    "Preview",
    "current_publication",
    "preview_year",
    "profile_choices",
    "publish_year",
    "publishable_years",
]

DEFAULT_PROFILE = "nhs"
FIRST_YEAR = 2000


@dataclass(frozen=True)
class Preview:
    year: FinancialYear
    counted_to: date
    complete: bool
    profile_name: str
    profile_version: int
    result: DisclosureResult
    tables: list[dict[str, Any]]  # as stored: figure, table and the published layout
    supersedes: Publication | None
    seconds: float

    @property
    def reasons(self) -> list[dict[str, str]]:
        return [reason_to_data(r) for r in self.result.reasons]


def profile_choices() -> list[tuple[str, str]]:
    """(name, 'nhs v1: NHS Digital …') for every shipped profile, the default first."""
    names = sorted(shipped_profile_names(), key=lambda n: (n != DEFAULT_PROFILE, n))
    return [(n, f"{load_profile(n).id}: {load_profile(n).title}") for n in names]


def publishable_years(today: date) -> list[FinancialYear]:
    """This year (so far) and every year back to 2000, newest first."""
    current = financial_year_of(today)
    if today <= current.first_day:
        current = FinancialYear(current.start - 1)
    return [FinancialYear(y) for y in range(current.start, FIRST_YEAR - 1, -1)]


def current_publication(year: int) -> Publication | None:
    """The year's publication that nothing supersedes yet."""
    return Publication.objects.filter(year=year, superseded_by__isnull=True).first()


def preview_year(year: FinancialYear, profile_name: str, today: date | None = None) -> Preview:
    """The year's tables as they would be published now (nothing is stored)."""
    today = today or timezone.localdate()
    if year not in publishable_years(today):
        raise InputError(f"{year.label} cannot be published: choose a year that has begun")
    if profile_name not in shipped_profile_names():
        raise InputError(f"unknown disclosure profile {profile_name!r}")
    started = time.perf_counter()
    counted_to = year.counted_to(today)
    figures = load_figures()
    tables, owners = [], []
    for figure in figures.figures:
        items = count_items(figure.id, year, counted_to)
        for spec, table in zip(figure.tables, count_tables(figures, figure, year.label, items),
                               strict=True):  # fmt: skip
            tables.append(table)
            owners.append((figure.id, spec.slug))
    before = current_publication(year.start)
    result = protect_tables(tables, profile_name, earlier=_published(before))
    stored = [
        {"figure": figure_id, "table": slug, **published_table_to_data(published)}
        for (figure_id, slug), published in zip(owners, result.tables, strict=True)
    ]
    profile = load_profile(profile_name)
    return Preview(year, counted_to, counted_to == year.last_day, profile.name, profile.version,
                   result, stored, before, time.perf_counter() - started)  # fmt: skip


def _published(publication: Publication | None) -> list[PublishedTable]:
    if publication is None:
        return []
    return [published_table_from_data(t) for t in publication.tables]


@transaction.atomic
def publish_year(
    user: Any,
    year: FinancialYear,
    profile_name: str,
    note: str = "",
    request: HttpRequest | None = None,
    today: date | None = None,
) -> Publication:
    """Count, protect and freeze the year's figures. A year already published needs a
    note saying why it is published again; the new publication supersedes the old."""
    preview = preview_year(year, profile_name, today)
    if preview.supersedes is not None and not note.strip():
        raise InputError(
            f"{year.label} is already published: say what this publication corrects or adds"
        )
    body = {"tables": preview.tables, "reasons": preview.reasons}
    publication = Publication.objects.create(
        year=year.start,
        counted_to=preview.counted_to,
        complete=preview.complete,
        profile_name=preview.profile_name,
        profile_version=preview.profile_version,
        profile_level=preview.result.level,
        figures_version=load_figures().id,
        tables=preview.tables,
        reasons=preview.reasons,
        primary_cells=preview.result.primary_cells,
        secondary_cells=preview.result.secondary_cells,
        seconds=round(preview.seconds, 3),
        digest=hashlib.sha256(json.dumps(body, sort_keys=True).encode("utf-8")).hexdigest(),
        supersedes=preview.supersedes,
        note=note.strip(),
        published_by=user,
        published_at=timezone.now(),
    )
    record_event(
        user, "transparency.published", target_type="publication", target_id=str(publication.pk),
        detail={"year": year.start, "profile": preview.result.profile_id,
                "primary_cells": preview.result.primary_cells,
                "secondary_cells": preview.result.secondary_cells,
                "supersedes": preview.supersedes.pk if preview.supersedes else None},
        request=request,
    )  # fmt: skip
    return publication
