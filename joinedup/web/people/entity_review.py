"""Review of place, vehicle, phone and organisation pairs: a person confirms or rejects.

`joinedup link` resolves the places, vehicles, phones and organisations each agency wrote
differently (`entities.py`) and lists the pairs a person should look at
(EntityReviewPair). A reviewer's decision, with who and why, becomes an EntityDecision:
a must-link or cannot-link constraint every later resolution obeys (`obey_decisions`).
A cannot-link outweighs even a decisive key (a shared UPRN, registration, number or
licence): a reviewer who finds a cloned number plate has the last word. A newer
decision about the same two records supersedes the older one, which is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.linkage.clustering import cluster_records
from joinedup.linkage.entities import EntityResolution
from joinedup.web.people import models as pm

__all__ = [
    "ENTITY_KINDS",
    "EntityConstraints",
    "decide_entity_pair",
    "entity_constraints",
    "entity_decisions_about",
    "entity_pair",
    "obey_decisions",
    "open_entity_pairs",
]

ENTITY_KINDS = ("place", "vehicle", "phone", "organisation")
MATCH_THRESHOLD = 0.9
"""The probability at which `entities.resolve_*` merge (their default, used by `link`)."""

Pair = tuple[str, str]


def open_entity_pairs(kind: str | None = None) -> QuerySet[pm.EntityReviewPair]:
    """The pairs waiting for a decision (of one kind, or all), most likely first."""
    pairs = pm.EntityReviewPair.objects.filter(status=pm.EntityReviewPair.OPEN)
    if kind is not None:
        _check_kind(kind)
        pairs = pairs.filter(kind=kind)
    return pairs.order_by("kind", "-match_probability", "pk")


def _check_kind(kind: str) -> None:
    if kind not in ENTITY_KINDS:
        raise InputError(f"entity kind {kind!r}: expected one of {', '.join(ENTITY_KINDS)}")


def entity_pair(pair_id: int) -> pm.EntityReviewPair:
    try:
        return pm.EntityReviewPair.objects.select_related("decision").get(pk=pair_id)
    except pm.EntityReviewPair.DoesNotExist:
        raise InputError(f"entity pair {pair_id}: no such pair; expected an id from "
                         "`joinedup review entities`") from None  # fmt: skip


def decide_entity_pair(
    pair_id: int, same_entity: bool, user: str, reason: str
) -> pm.EntityDecision:
    """Record a reviewer's decision about one entity pair; it binds every later resolution."""
    if not reason.strip():
        raise InputError("a decision needs a reason: say what in the records shows it")
    with transaction.atomic():
        pair = entity_pair(pair_id)
        if pair.status != pm.EntityReviewPair.OPEN:
            raise InputError(f"entity pair {pair_id} was already decided ({pair.status})")
        _supersede(pair.kind, pair.record_a, pair.record_b)
        decision = pm.EntityDecision.objects.create(
            kind=pair.kind, record_a=pair.record_a, record_b=pair.record_b,
            decision=pm.EntityDecision.MUST_LINK if same_entity else pm.EntityDecision.CANNOT_LINK,
            reason=reason.strip(), decided_by=user, decided_at=timezone.now(),
            match_probability=pair.match_probability, explanation=pair.explanation)  # fmt: skip
        confirmed, rejected = pm.EntityReviewPair.CONFIRMED, pm.EntityReviewPair.REJECTED
        pair.status = confirmed if same_entity else rejected
        pair.decision = decision
        pair.save(update_fields=["status", "decision"])
    return decision


def _about(kind: str, a: str, b: str) -> Q:
    return Q(kind=kind) & (Q(record_a=a, record_b=b) | Q(record_a=b, record_b=a))


def _supersede(kind: str, a: str, b: str) -> None:
    pm.EntityDecision.objects.filter(_about(kind, a, b), superseded=False).update(superseded=True)


def entity_decisions_about(kind: str, record: str) -> QuerySet[pm.EntityDecision]:
    """The review history of one place, vehicle, phone or organisation record (newest first)."""
    return pm.EntityDecision.objects.filter(Q(record_a=record) | Q(record_b=record), kind=kind)


@dataclass(frozen=True)
class EntityConstraints:
    must_link: list[Pair]
    cannot_link: list[Pair]

    def decided(self) -> set[Pair]:
        return {_ordered(*pair) for pair in self.must_link + self.cannot_link}


def _ordered(a: str, b: str) -> Pair:
    return (a, b) if a <= b else (b, a)


def entity_constraints(kind: str) -> EntityConstraints:
    """Every standing decision about `kind` as record_id pairs."""
    must: list[Pair] = []
    cannot: list[Pair] = []
    rows = pm.EntityDecision.objects.filter(kind=kind, superseded=False)
    for a, b, decision in rows.values_list("record_a", "record_b", "decision"):
        (must if decision == pm.EntityDecision.MUST_LINK else cannot).append((a, b))
    return EntityConstraints(must, cannot)


def obey_decisions(resolution: EntityResolution, decisions: EntityConstraints) -> EntityResolution:
    """`resolution` clustered again under the reviewers' decisions, decided pairs unlisted.

    The same rule as `entities.resolve_entities` (decisive pairs are must-links,
    bridge support 1), with the reviewers' must-links added and their cannot-links obeyed;
    decisive links inside a group a cannot-link splits are dropped, so the scores decide
    there. Reviewers' decisions that contradict each other raise InputError.
    """
    if not decisions.must_link and not decisions.cannot_link:
        return resolution
    pairs = resolution.pairs
    decisive = [
        (str(row["record_id_l"]), str(row["record_id_r"]))
        for row in pairs.select(["record_id_l", "record_id_r", "decisive"]).to_pylist()
        if row["decisive"]
    ]
    must = _decisive_not_contradicted(decisive, decisions) + decisions.must_link
    scored = pairs.select(["record_id_l", "record_id_r", "match_probability"])
    try:
        clusters = cluster_records(
            list(resolution.clusters),
            scored,
            MATCH_THRESHOLD,
            must,
            decisions.cannot_link,
            bridge_support=1,
        )
    except ValueError as error:
        message = f"{resolution.kind} review decisions contradict each other: {error}"
        raise InputError(message) from error
    review = _undecided(resolution.review, decisions.decided())
    return EntityResolution(resolution.kind, resolution.prefix, clusters, pairs, review)


def _decisive_not_contradicted(decisive: list[Pair], decisions: EntityConstraints) -> list[Pair]:
    """The decisive pairs outside every must-link group that holds a cannot-link pair."""
    group = _groups(decisive + decisions.must_link)
    split = {group[a] for a, b in decisions.cannot_link if a in group and group[a] == group.get(b)}
    return [(a, b) for a, b in decisive if group[a] not in split]


def _groups(edges: list[Pair]) -> dict[str, str]:
    """Each record in `edges` -> a representative of its connected group."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        parent[root(a)] = root(b)
    return {node: root(node) for node in list(parent)}


def _undecided(review: pa.Table, decided: set[Pair]) -> pa.Table:
    rows = review.select(["record_id_l", "record_id_r"]).to_pylist()
    keep = [_ordered(str(r["record_id_l"]), str(r["record_id_r"])) not in decided for r in rows]
    return review.filter(pa.array(keep, pa.bool_()))
