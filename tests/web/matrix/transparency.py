"""Permission-matrix rows for the public site (/public/) and publishing (/transparency/).

The public site is open to everyone, signed in or not, from inside the partnership or
outside it. Publishing needs `publish_statistics` (team manager, administrator); the
matrix POSTs an empty form, which comes back with its errors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.web.matrix.common import GONE, LOGIN, NO, OK, START, Borough

OPEN = (OK,) * 11
PUBLISHERS = (LOGIN, NO, OK, NO, NO, NO, NO, NO, OK)
POSTED_BY_PUBLISHERS = (START, NO, OK, NO, NO, NO, NO, NO, OK)

# fmt: off
PAGES: dict[str, tuple[str, ...]] = {
    "public:home":             OPEN,
    "public:publications":     OPEN,
    "public:publication":      OPEN,
    "public:figure":           OPEN,
    "public:figure-csv":       OPEN,
    "public:annual-report":    OPEN,
    "public:annual-report-pdf": OPEN,
    "public:recommendations":  OPEN,
    "public:documents":        OPEN,
    "public:document-pdf":     (GONE,) * 11,  # no document is published in the matrix
    "public:you-said-we-did":  OPEN,
    "transparency:index":      PUBLISHERS,
    "transparency:publish":    POSTED_BY_PUBLISHERS,
}
# fmt: on
POSTED = {"transparency:publish"}
PAGE_ARGS: dict[str, dict[str, str]] = {
    "public:publication": {"pk": "publication"},
    "public:figure": {"pk": "publication", "figure": "referrals"},
    "public:figure-csv": {"pk": "publication", "figure": "referrals", "table": "by-sex"},
    "public:annual-report": {"year": "2024"},
    "public:annual-report-pdf": {"year": "2024"},
    "public:document-pdf": {"reference": "INQ-0000"},
}


def make_objects(borough: Borough, make_user: Callable[..., Any]) -> dict[str, str]:
    """A publication of 2024-25 with every table at zero (nothing to suppress: quick)."""
    from django.utils import timezone

    from joinedup.transparency import count_tables, load_figures, protect_tables
    from joinedup.transparency import published_table_to_data as as_data
    from joinedup.web.transparency.models import Publication

    figures = load_figures()
    owners, tables = [], []
    for figure in figures.figures:
        made = count_tables(figures, figure, "2024-25", [])
        owners += [(figure.id, spec.slug) for spec in figure.tables]
        tables += made
    result = protect_tables(tables, "nhs")
    stored = [
        {"figure": f, "table": s, **as_data(t)}
        for (f, s), t in zip(owners, result.tables, strict=True)
    ]
    publication = Publication.objects.create(
        year=2024, counted_to="2025-03-31", complete=True, profile_name="nhs",
        profile_version=1, profile_level=result.level, figures_version=figures.id,
        tables=stored, reasons=[], primary_cells=0, secondary_cells=0, seconds=0.1,
        digest="0" * 64, published_by=make_user("administrator"), published_at=timezone.now(),
    )  # fmt: skip
    return {"publication": str(publication.pk)}
