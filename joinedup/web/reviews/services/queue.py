"""The queue of person pairs waiting for a reviewer: filtered, in order, one page at a time.

Pairs come oldest first (the linkage run that queued them), then most probable first,
so the pairs waiting longest are seen first and, within a run, the likeliest links.
The queue lists references and the evidence that moved each score most, never names
or dates of birth: those are on the pair's own page, where each view is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet

from joinedup.chronology import Entitlements
from joinedup.web.people import models as pm
from joinedup.web.people.review import open_review_pairs
from joinedup.web.records.models import Agency, SourcePerson
from joinedup.web.reviews.services.explanation import ExplainedField, person_explanation, strongest

__all__ = [
    "BANDS",
    "QueueFilters",
    "QueueRow",
    "agency_choices",
    "may_see_both",
    "next_pair",
    "person_queue",
    "queue_rows",
]

BANDS: dict[str, tuple[str, float, float]] = {
    "high": ("Very likely the same (90% or more)", 0.9, 1.01),
    "middle": ("Likely the same (70% to 90%)", 0.7, 0.9),
    "low": ("Less likely (under 70%)", 0.0, 0.7),
}
"""band -> (label, lowest probability, below this probability)."""


@dataclass(frozen=True)
class QueueFilters:
    agency: str = ""
    band: str = ""


@dataclass(frozen=True)
class QueueRow:
    pk: int
    reference_a: str
    reference_b: str
    match_probability: float
    queued_at: datetime
    evidence: tuple[ExplainedField, ...]
    decidable: bool  # both records are within the reader's sharing agreement


def agency_choices() -> list[tuple[str, str]]:
    return [(code, f"{name} ({code})") for code, name in
            Agency.objects.order_by("code").values_list("code", "name")]  # fmt: skip


def person_queue(filters: QueueFilters) -> QuerySet[pm.ReviewPair]:
    """The open person pairs the filters keep, in queue order."""
    pairs = open_review_pairs().select_related("run")
    if filters.agency:
        code = filters.agency
        pairs = pairs.filter(Q(record_a__agency__code=code) | Q(record_b__agency__code=code))
    if filters.band in BANDS:
        _, low, high = BANDS[filters.band]
        pairs = pairs.filter(match_probability__gte=low, match_probability__lt=high)
    return pairs.order_by("run_id", "-match_probability", "pk")


def may_see_both(agency_a: str, agency_b: str, reader: Entitlements) -> bool:
    visible = reader.agencies_visible
    return visible is None or (agency_a in visible and agency_b in visible)


def queue_rows(pairs: list[pm.ReviewPair], reader: Entitlements) -> list[QueueRow]:
    return [
        QueueRow(
            pk=pair.pk,
            reference_a=_reference(pair.record_a, reader),
            reference_b=_reference(pair.record_b, reader),
            match_probability=pair.match_probability,
            queued_at=pair.run.started_at,
            evidence=tuple(strongest(person_explanation(pair.explanation))),
            decidable=may_see_both(pair.record_a.agency.code, pair.record_b.agency.code, reader),
        )
        for pair in pairs
    ]


def _reference(record: SourcePerson, reader: Entitlements) -> str:
    """'POL:N123', or which agency holds it when that agency is outside the agreement."""
    code = record.agency.code
    if reader.agencies_visible is not None and code not in reader.agencies_visible:
        return f"A record held by {code}"
    return f"{code}:{record.source_id}"


def next_pair(
    after: pm.ReviewPair, filters: QueueFilters, reader: Entitlements
) -> pm.ReviewPair | None:
    """The next open pair in queue order the reader may decide; wraps to the start."""
    pairs = person_queue(filters).exclude(pk=after.pk)
    if reader.agencies_visible is not None:
        visible = sorted(reader.agencies_visible)
        pairs = pairs.filter(record_a__agency__code__in=visible,
                             record_b__agency__code__in=visible)  # fmt: skip
    later = (
        Q(run_id__gt=after.run_id)
        | Q(run_id=after.run_id, match_probability__lt=after.match_probability)
        | Q(run_id=after.run_id, match_probability=after.match_probability, pk__gt=after.pk)
    )
    return pairs.filter(later).first() or pairs.first()
