"""A publication as the export for other areas (joinedup.transparency.export)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from joinedup.disclosure import CellReason
from joinedup.disclosure.profiles import PROFILE_DIR
from joinedup.errors import InputError
from joinedup.transparency import (
    AreaExport,
    ExportedTable,
    FinancialYear,
    published_table_from_data,
)
from joinedup.transparency.definitions import BREAKDOWNS_FILE, FIGURES_FILE
from joinedup.web.transparency.models import Publication
from joinedup.web.transparency.services.publishing import current_publication

__all__ = ["area_name", "export_for", "site_settings"]

SITE_FILE = Path(__file__).resolve().parent.parent / "data" / "site.yaml"


@cache
def site_settings() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SITE_FILE.read_text(encoding="utf-8"))
    return loaded


def area_name() -> str:
    return str(site_settings()["area"])


def publication_for_year(year: int) -> Publication:
    found = current_publication(year)
    if found is None:
        raise InputError(f"{FinancialYear(year).label} has not been published: publish it first")
    return found


def export_for(publication: Publication) -> AreaExport:
    year = FinancialYear(publication.year)
    tables = []
    for stored in publication.tables:
        reasons = tuple(
            CellReason(r["table"], r["row"], r["column"], r["reason"])
            for r in publication.reasons
            if r["table"] == stored["name"]
        )
        tables.append(ExportedTable(stored["figure"], stored["table"],
                                    published_table_from_data(stored), reasons))  # fmt: skip
    profile_file = PROFILE_DIR / f"{publication.profile_name}.yaml"
    return AreaExport(
        area=area_name(),
        year=year.label,
        period_start=year.first_day.isoformat(),
        period_end=publication.counted_to.isoformat(),
        complete=publication.complete,
        profile_name=publication.profile_name,
        profile_version=publication.profile_version,
        level=publication.profile_level,
        figures_version=publication.figures_version,
        published_at=publication.published_at.isoformat(),
        tables=tuple(tables),
        extra_files={
            "figures.yaml": FIGURES_FILE.read_bytes(),
            "breakdowns.yaml": BREAKDOWNS_FILE.read_bytes(),
            f"profile/{profile_file.name}": profile_file.read_bytes(),
        },
    )
