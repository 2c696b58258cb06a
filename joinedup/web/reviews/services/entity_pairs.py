"""Place, vehicle, phone and organisation pairs: the second tab of the review queue.

`joinedup link` lists the places, vehicles, phones and organisations that agencies may
have written differently (people/entity_review.py). The reviewer sees each field of
the two records side by side with its level and weight, and confirms or rejects, as
for person pairs; a record of an agency outside the reader's sharing agreement shows no
values, and such a pair cannot be decided by that reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from joinedup.chronology import Entitlements
from joinedup.web.audit.services import record_event
from joinedup.web.people import models as pm
from joinedup.web.people.entity_review import (
    ENTITY_KINDS,
    decide_entity_pair,
    entity_decisions_about,
    open_entity_pairs,
)
from joinedup.web.reviews.services.explanation import (
    ExplainedField,
    entity_explanation,
    strongest,
)
from joinedup.web.reviews.services.pairs import HistoryEntry
from joinedup.web.reviews.services.queue import may_see_both

__all__ = [
    "EntityFilters",
    "EntityPairView",
    "KIND_LABELS",
    "audit_entity_view",
    "decide_entity",
    "entity_pair_view",
    "entity_queue",
    "agency_of",
    "entity_rows",
    "next_entity_pair",
]

KIND_LABELS = {"place": "Place", "vehicle": "Vehicle", "phone": "Phone",
               "organisation": "Organisation"}  # fmt: skip


@dataclass(frozen=True)
class EntityFilters:
    kind: str = ""
    agency: str = ""


@dataclass(frozen=True)
class EntityPairView:
    pk: int
    kind: str
    status: str
    is_open: bool
    match_probability: float
    reference_a: str
    reference_b: str
    visible_a: bool
    visible_b: bool
    explanation: tuple[ExplainedField, ...]
    history: tuple[HistoryEntry, ...]
    decidable: bool


def agency_of(reference: str) -> str:
    """'POL:auto:01a' -> 'POL'."""
    return reference.split(":", 1)[0]


def entity_queue(filters: EntityFilters) -> QuerySet[pm.EntityReviewPair]:
    pairs = open_entity_pairs(filters.kind if filters.kind in ENTITY_KINDS else None)
    if filters.agency:
        prefix = f"{filters.agency}:"
        pairs = pairs.filter(Q(record_a__startswith=prefix) | Q(record_b__startswith=prefix))
    return pairs.select_related("run").order_by("run_id", "-match_probability", "pk")


def _shown(reference: str, reader: Entitlements) -> str:
    visible = reader.agencies_visible is None or agency_of(reference) in reader.agencies_visible
    return reference if visible else f"A record held by {agency_of(reference)}"


def entity_rows(pairs: list[pm.EntityReviewPair], reader: Entitlements) -> list[dict[str, Any]]:
    rows = []
    for pair in pairs:
        evidence = strongest(entity_explanation(pair.explanation, False, False))
        rows.append({"pk": pair.pk, "kind": KIND_LABELS.get(pair.kind, pair.kind),
                     "reference_a": _shown(pair.record_a, reader),
                     "reference_b": _shown(pair.record_b, reader),
                     "match_probability": pair.match_probability,
                     "queued_at": pair.run.started_at, "evidence": evidence,
                     "decidable": _decidable(pair, reader)})  # fmt: skip
    return rows


def entity_pair_view(pair: pm.EntityReviewPair, reader: Entitlements) -> EntityPairView:
    a, b = agency_of(pair.record_a), agency_of(pair.record_b)
    visible = reader.agencies_visible
    show_a, show_b = (visible is None or a in visible), (visible is None or b in visible)
    decisions = entity_decisions_about(pair.kind, pair.record_a).filter(
        Q(record_a=pair.record_b) | Q(record_b=pair.record_b))  # fmt: skip
    return EntityPairView(
        pk=pair.pk, kind=KIND_LABELS.get(pair.kind, pair.kind), status=pair.get_status_display(),
        is_open=pair.status == pm.EntityReviewPair.OPEN, match_probability=pair.match_probability,
        reference_a=_shown(pair.record_a, reader), reference_b=_shown(pair.record_b, reader),
        visible_a=show_a, visible_b=show_b,
        explanation=tuple(entity_explanation(pair.explanation, show_a, show_b)),
        history=tuple(HistoryEntry(d.get_decision_display(), d.reason, d.decided_by,
                                   d.decided_at, "", True, d.superseded) for d in decisions),
        decidable=show_a and show_b,
    )  # fmt: skip


def _audit_detail(view: EntityPairView) -> dict[str, Any]:
    shown = [r for r, v in ((view.reference_a, view.visible_a), (view.reference_b, view.visible_b))
             if v]  # fmt: skip
    return {"kind": view.kind.lower(), "records": shown}


def audit_entity_view(user: Any, view: EntityPairView, request: HttpRequest | None = None) -> None:
    record_event(user, "link.view", target_type="entity_pair", target_id=view.pk,
                 detail=_audit_detail(view), request=request)  # fmt: skip


def decide_entity(
    user: Any, view: EntityPairView, same: bool, reason: str, request: HttpRequest | None = None
) -> pm.EntityDecision:
    """Record the reviewer's decision about an entity pair and audit it, together."""
    with transaction.atomic():
        decision = decide_entity_pair(view.pk, same, user.username, reason)
        record_event(
            user, "link.confirm" if same else "link.reject",
            target_type="entity_pair", target_id=view.pk,
            detail={**_audit_detail(view), "decision": decision.decision,
                    "decision_id": decision.pk, "reason": decision.reason},
            request=request,
        )  # fmt: skip
    return decision


def _decidable(pair: pm.EntityReviewPair, reader: Entitlements) -> bool:
    return may_see_both(agency_of(pair.record_a), agency_of(pair.record_b), reader)


def next_entity_pair(
    after: pm.EntityReviewPair, filters: EntityFilters, reader: Entitlements
) -> pm.EntityReviewPair | None:
    """The next open entity pair the reader may decide, in queue order; wraps round."""
    candidates = [p for p in entity_queue(filters).exclude(pk=after.pk) if _decidable(p, reader)]
    current = (after.run_id, -after.match_probability, after.pk)
    later = (p for p in candidates if (p.run_id, -p.match_probability, p.pk) > current)
    return next(later, candidates[0] if candidates else None)
