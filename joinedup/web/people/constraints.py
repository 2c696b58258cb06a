"""Review decisions as the constraints every linking obeys.

A reviewer's decision about two source records (`LinkDecision`) is a must-link or a
cannot-link. `joinedup link` clusters under them and the real-time matcher places
arriving records under them; a record placed by a must-link is `decided_by`
"review: <who>".
"""

from __future__ import annotations

from dataclasses import dataclass

from joinedup.web.people import models as pm
from joinedup.web.people.sync import record_id

__all__ = ["Constraints", "Pair", "ordered_pair", "records_decided_by_review", "review_constraints"]

Pair = tuple[str, str]


def ordered_pair(a: str, b: str) -> Pair:
    """The pair with the smaller record ID first: one spelling for each pair."""
    return (a, b) if a <= b else (b, a)


@dataclass(frozen=True)
class Constraints:
    must_link: list[Pair]
    cannot_link: list[Pair]

    def decided(self) -> set[Pair]:
        """Every pair a reviewer has decided, smaller record ID first."""
        return {ordered_pair(*pair) for pair in self.must_link + self.cannot_link}


def review_constraints() -> Constraints:
    """Every standing review decision as record_id pairs."""
    must: list[Pair] = []
    cannot: list[Pair] = []
    decisions = pm.LinkDecision.objects.filter(superseded=False).values_list(
        "record_a__agency__code",
        "record_a__source_id",
        "record_b__agency__code",
        "record_b__source_id",
        "decision",
    )
    for agency_a, sid_a, agency_b, sid_b, decision in decisions:
        pair = (record_id(agency_a, sid_a), record_id(agency_b, sid_b))
        (must if decision == pm.LinkDecision.MUST_LINK else cannot).append(pair)
    return Constraints(must, cannot)


def records_decided_by_review() -> dict[str, str]:
    """record_id -> 'review: <who>' for every record in a standing must-link decision."""
    decided = {}
    rows = pm.LinkDecision.objects.filter(superseded=False, decision=pm.LinkDecision.MUST_LINK)
    for d in rows.select_related("record_a__agency", "record_b__agency"):
        for rec in (d.record_a, d.record_b):
            decided[record_id(rec.agency.code, rec.source_id)] = f"review: {d.decided_by}"
    return decided
