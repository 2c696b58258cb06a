"""The link-review queue: pairs of records the model was unsure of, for a person to decide.

The review pages' services (`web/reviews/services/`) do the work, so the API lists,
shows and decides exactly as the pages do, for roles with `review_links`:

- the queue lists references and the evidence that moved each score most, never names
  or dates of birth, and is not audited (as on the page);
- a pair shows both records side by side (a record of an agency outside the reader's
  agreement by its agency only), the weight each field added, who each record is
  linked to now and every decision made about them; audited as `link.view`;
- a decision (confirm: same person; reject: different people) needs a reason, is
  refused (403) when a record is outside the reader's agreement, binds every later
  `joinedup link`, and is audited (`link.confirm`, `link.reject`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from joinedup.errors import InputError
from joinedup.web.access.services import entitlements_for
from joinedup.web.api.errors import Conflict, Forbidden, NotFound, answers
from joinedup.web.api.opening import require_capability
from joinedup.web.api.pages import PageOut, PageParams, page_of
from joinedup.web.people.review import review_pair
from joinedup.web.reviews.services.explanation import ExplainedField
from joinedup.web.reviews.services.pairs import (
    PairView,
    SideRecord,
    audit_pair_view,
    decide,
    pair_view,
)
from joinedup.web.reviews.services.queue import QueueFilters, person_queue, queue_rows

__all__ = ["router"]

router = Router(tags=["Link review"])
REFUSED = "Your role does not review links between records."
DECIDING = (403, 404, 409, 422)


class QueueParams(Schema):
    agency: str = Field("", description="Only pairs with a record of this agency (its code).")
    band: Literal["", "high", "middle", "low"] = Field(
        "", description="high: 90% or more; middle: 70% to 90%; low: under 70%."
    )


class FieldWeightOut(Schema):
    field: str
    level: str = Field(description="The level of the comparison the pair reached.")
    weight: float = Field(description="What it added to (or took from) the match weight.")


class QueueRowOut(Schema):
    pair_id: int
    reference_a: str
    reference_b: str
    match_probability: float
    queued_at: datetime
    evidence: list[FieldWeightOut] = Field(description="The fields that moved the score most.")
    decidable: bool = Field(description="Both records are inside the reader's agreement.")


class QueueOut(Schema):
    pagination: PageOut
    pairs: list[QueueRowOut]


class SideOut(Schema):
    reference: str = Field(description="AGENCY:source_id, or 'A record held by AGENCY'.")
    agency: str
    visible: bool = Field(description="false: outside the reader's agreement; no fields shown.")
    name: str
    other_names: list[str]
    dob: str
    sex: str
    postcodes: list[str]
    phones: list[str]
    identifiers: list[list[str]] = Field(description="[scheme, value] pairs.")
    person_id: str = Field(description="The person the record is linked to now.")
    person_records: int


class HistoryOut(Schema):
    decision: str
    reason: str
    decided_by: str
    decided_at: datetime
    records: str
    this_pair: bool
    superseded: bool


class PairOut(Schema):
    pair_id: int
    status: str
    is_open: bool
    match_probability: float
    match_weight: float
    a: SideOut
    b: SideOut
    same_person_now: bool
    explanation: list[FieldWeightOut]
    history: list[HistoryOut]
    decidable: bool


class DecisionIn(Schema):
    reason: str = Field(max_length=2000, description="What in the records shows it.")


@router.get(
    "/review-pairs", response=answers(QueueOut, 403, 422), summary="Pairs waiting for review"
)
def queue(request: HttpRequest, filters: Query[QueueParams], paging: Query[PageParams]) -> QueueOut:
    """Open person pairs in queue order: longest waiting first, then most likely."""
    require_capability(request, "review_links", REFUSED)
    waiting = person_queue(QueueFilters(filters.agency.upper(), filters.band))
    pairs, info = page_of(waiting, waiting.count(), paging)
    rows = queue_rows(pairs, entitlements_for(request.user))
    return QueueOut(pagination=info, pairs=[
        QueueRowOut(pair_id=r.pk, reference_a=r.reference_a, reference_b=r.reference_b,
                    match_probability=r.match_probability, queued_at=r.queued_at,
                    evidence=[_weight(f) for f in r.evidence], decidable=r.decidable)
        for r in rows
    ])  # fmt: skip


@router.get(
    "/review-pairs/{pair_id}",
    response=answers(PairOut, 403, 404, 422),
    summary="One pair, explained",
)
def pair(request: HttpRequest, pair_id: int) -> PairOut:
    """The two records side by side and, field by field, the level each comparison reached
    and the weight it added; with every decision made about the two records."""
    view = _pair_view(request, pair_id)
    audit_pair_view(request.user, view, request)
    return _pair(view)


@router.post(
    "/review-pairs/{pair_id}/confirm", response=answers(PairOut, *DECIDING), summary="Same person"
)
def confirm(request: HttpRequest, pair_id: int, data: DecisionIn) -> PairOut:
    """Decide the two records are the same person (must-link); binds every later run."""
    return _decide(request, pair_id, True, data.reason)


@router.post(
    "/review-pairs/{pair_id}/reject",
    response=answers(PairOut, *DECIDING),
    summary="Different people",
)
def reject(request: HttpRequest, pair_id: int, data: DecisionIn) -> PairOut:
    """Decide the two records are different people (cannot-link); binds every later run."""
    return _decide(request, pair_id, False, data.reason)


def _pair_view(request: HttpRequest, pair_id: int) -> PairView:
    require_capability(request, "review_links", REFUSED)
    try:
        found = review_pair(pair_id)
    except InputError:
        raise NotFound(f"There is no review pair {pair_id}.") from None
    return pair_view(found, entitlements_for(request.user))


def _decide(request: HttpRequest, pair_id: int, same: bool, reason: str) -> PairOut:
    view = _pair_view(request, pair_id)
    if not view.decidable:
        raise Forbidden("A record of this pair is outside your sharing agreement.")
    if not view.is_open:
        raise Conflict(f"Review pair {pair_id} was already decided ({view.status}).")
    decide(request.user, view, same, reason, request)
    return _pair(pair_view(review_pair(pair_id), entitlements_for(request.user)))


def _weight(found: ExplainedField) -> FieldWeightOut:
    return FieldWeightOut(field=found.field, level=found.level, weight=round(found.weight, 3))


def _side(side: SideRecord) -> SideOut:
    return SideOut(**(vars(side) | {"identifiers": [list(i) for i in side.identifiers]}))


def _pair(view: PairView) -> PairOut:
    return PairOut(
        pair_id=view.pk, status=view.status, is_open=view.is_open,
        match_probability=view.match_probability, match_weight=view.match_weight,
        a=_side(view.a), b=_side(view.b), same_person_now=view.same_person_now,
        explanation=[_weight(f) for f in view.explanation],
        history=[HistoryOut(**vars(h)) for h in view.history], decidable=view.decidable,
    )  # fmt: skip
