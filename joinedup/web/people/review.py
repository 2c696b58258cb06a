"""Review of uncertain pairs: a person confirms or rejects, with a reason.

Each decision becomes a must-link or cannot-link constraint (LinkDecision) that every
later `joinedup link` run obeys. A newer decision about the same two records
supersedes the older one, which is kept.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.people import models as pm


def open_review_pairs() -> QuerySet[pm.ReviewPair]:
    return pm.ReviewPair.objects.filter(status=pm.ReviewPair.OPEN).select_related(
        "record_a__agency", "record_b__agency")  # fmt: skip


def review_pair(pair_id: int) -> pm.ReviewPair:
    try:
        return pm.ReviewPair.objects.select_related(
            "record_a__agency", "record_b__agency", "decision").get(pk=pair_id)  # fmt: skip
    except pm.ReviewPair.DoesNotExist:
        raise InputError(f"review pair {pair_id}: no such pair; expected an id from "
                         "`joinedup review`") from None  # fmt: skip


def decide_pair(pair_id: int, same_person: bool, user: str, reason: str) -> pm.LinkDecision:
    """Record a reviewer's decision about one pair; it binds every later run."""
    if not reason.strip():
        raise InputError("a decision needs a reason: say what in the records shows it")
    with transaction.atomic():
        pair = review_pair(pair_id)
        if pair.status != pm.ReviewPair.OPEN:
            raise InputError(f"review pair {pair_id} was already decided ({pair.status})")
        _supersede(pair)
        decision = pm.LinkDecision.objects.create(
            record_a=pair.record_a, record_b=pair.record_b,
            decision=pm.LinkDecision.MUST_LINK if same_person else pm.LinkDecision.CANNOT_LINK,
            reason=reason.strip(), decided_by=user, decided_at=timezone.now(),
            match_probability=pair.match_probability, explanation=pair.explanation)  # fmt: skip
        pair.status = pm.ReviewPair.CONFIRMED if same_person else pm.ReviewPair.REJECTED
        pair.decision = decision
        pair.save(update_fields=["status", "decision"])
    return decision


def _supersede(pair: pm.ReviewPair) -> None:
    a, b = pair.record_a_id, pair.record_b_id
    same = Q(record_a_id=a, record_b_id=b) | Q(record_a_id=b, record_b_id=a)
    pm.LinkDecision.objects.filter(same, superseded=False).update(superseded=True)


def decisions_about(source_person_id: int) -> QuerySet[pm.LinkDecision]:
    """The review history of one source record (newest first)."""
    about = Q(record_a_id=source_person_id) | Q(record_b_id=source_person_id)
    return pm.LinkDecision.objects.filter(about).select_related(
        "record_a__agency", "record_b__agency")  # fmt: skip
