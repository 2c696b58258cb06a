"""The demo's intelligence log: the borough's imported intelligence reports logged for
triage by demo.manager, a handful assigned to demo.police (one answered), and one item
demo.manager logged eight days ago and assigned to demo.police that is now overdue.
Through the intelligence services (`log_imported_reports`, `assign`, `respond`...).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from joinedup.web.demo.cast import Cast
from joinedup.web.intelligence.models import IntelligenceItem
from joinedup.web.intelligence.services import (
    NewItem,
    Response,
    assign,
    log_imported_reports,
    log_item,
    respond,
    start_review,
)
from joinedup.web.intelligence.services.subjects import (
    SubjectInput,
    subject_described,
    subject_for_place,
    subject_for_vehicle,
)

__all__ = ["IntelligenceSeeded", "seed_intelligence"]

HANDFUL = 4
OVERDUE_DAYS = 8


@dataclass(frozen=True)
class IntelligenceSeeded:
    imported: int
    assigned: list[str]  # references assigned to demo.police
    answered: str
    overdue: str


def seed_intelligence(cast: Cast, rng: random.Random) -> IntelligenceSeeded:
    imported = log_imported_reports(by=cast.manager, owner=cast.manager)
    logged = list(IntelligenceItem.objects.filter(event__isnull=False).order_by("reference"))
    chosen = sorted(rng.sample(logged, min(HANDFUL, len(logged))), key=lambda i: i.reference)
    why = "Police to research the adults named."
    chosen = [assign(cast.manager, item, cast.police, reason=why) for item in chosen]
    answered = _answer(cast, chosen[0]) if chosen else ""
    overdue = _overdue(cast)
    return IntelligenceSeeded(imported, [i.reference for i in chosen], answered, overdue.reference)


def _answer(cast: Cast, item: IntelligenceItem) -> str:
    item = start_review(cast.police, item)
    response = Response(
        "mace",
        "The adults named are linked to other children in the network alert: for the "
        "operational MACE meeting next week.",
        actions_taken="Checked the police systems for the adults and vehicles named.",
    )
    return respond(cast.police, item, response).reference


def _overdue(cast: Cast) -> IntelligenceItem:
    police = cast.police.agency or cast.agencies["POL"]
    new = NewItem(
        received_on=cast.today - timedelta(days=OVERDUE_DAYS),
        source_agency=police,
        source_type="professional",
        grade_source="2",
        grade_intelligence="B",
        grade_handling="P",
        summary="Children seen getting into a grey car outside the premises after school.",
        text=(
            "A neighbourhood officer telephoned the team: on three evenings last week, "
            "children in school uniform were driven away from outside the premises in a grey "
            "car by a man in his thirties, and brought back after dark."
        ),
        subjects=_subjects(cast),
    )
    when = cast.at(-OVERDUE_DAYS, 11)
    item = log_item(cast.manager, new, now=when)
    return assign(cast.manager, item, cast.police, reason="Police hold the vehicle's records.")


def _subjects(cast: Cast) -> list[SubjectInput]:
    found = [
        subject_for_vehicle("GX19 KLM"),
        subject_described("A man in his thirties who drives the grey car", "suspect"),
    ]
    if cast.place is not None:
        found.append(subject_for_place(cast.place))
    return found
