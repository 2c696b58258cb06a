"""The demo's recommendations tracker: the app's example CSV loaded into a source by
demo.manager (`import_csv`), its due dates moved together so the earliest fell due 30
days ago, then some progress: police's 3.1 under way and overdue, children's social
care's 1.1 completed and awaiting the inquiry team's sign-off, 1.2 under way.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

from joinedup.web.demo.cast import Cast
from joinedup.web.recommendations.models import Action, Source
from joinedup.web.recommendations.services import import_csv, record_progress
from joinedup.web.recommendations.services.tracker import add_source, assign_owner

__all__ = ["EXAMPLE_CSV", "dates_moved", "seed_recommendations"]

EXAMPLE_CSV = Path(__file__).parents[1] / "recommendations" / "data" / "example_recommendations.csv"
TITLE = "Example partnership review of child exploitation (synthetic)"
FIRST_DUE_DAYS_AGO = 30


def seed_recommendations(cast: Cast) -> Source:
    source = add_source(
        cast.manager,
        TITLE,
        cast.today - timedelta(days=180),
        "An invented review, loaded from the tracker's example file for the demo.",
    )
    data = dates_moved(EXAMPLE_CSV.read_bytes(), cast.today - timedelta(days=FIRST_DUE_DAYS_AGO))
    import_csv(cast.manager, source, EXAMPLE_CSV.name, data)
    _progress(cast, source)
    return source


def dates_moved(data: bytes, first_due: date) -> bytes:
    """The CSV with every `due` moved by the same days, so the earliest is `first_due`."""
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    dues = [date.fromisoformat(r["due"]) for r in rows if r["due"]]
    shift = first_due - min(dues)
    for row in rows:
        if row["due"]:
            row["due"] = (date.fromisoformat(row["due"]) + shift).isoformat()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _action(source: Source, number: str) -> Action:
    return Action.objects.get(recommendation__source=source, number=number)


def _progress(cast: Cast, source: Source) -> None:
    police = assign_owner(cast.manager, _action(source, "3.1"), cast.police)
    record_progress(
        cast.police,
        police,
        "in_progress",
        "A draft procedure is written with children's social care; agreeing it is late "
        "because the missing-persons lead changed.",
    )
    first = assign_owner(cast.manager, _action(source, "1.1"), cast.manager)
    first = record_progress(cast.manager, first, "in_progress", "Agencies met to agree counts.")
    record_progress(
        cast.manager,
        first,
        "completed",
        "The data specification is signed by every agency; the signed copy is on file.",
    )
    record_progress(
        cast.practitioner,
        _action(source, "1.2"),
        "in_progress",
        "The first year's figures are being collected from each agency.",
    )
