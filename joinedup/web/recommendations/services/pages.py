"""What the tracker's pages show: each source's figures, each recommendation's state,
and an action with its history, evidence and what the reader may do with it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from joinedup.web.recommendations.models import (
    Action,
    ActionUpdate,
    Evidence,
    Recommendation,
    Source,
)
from joinedup.web.recommendations.services.progress import status_choices
from joinedup.web.recommendations.services.report import (
    ProgressReport,
    progress_report,
    recommendation_state,
)
from joinedup.web.recommendations.services.signoff import sign_off_refusal
from joinedup.web.recommendations.services.tracker import may_manage, may_update
from joinedup.web.recommendations.services.vocabulary import state_label, state_tag

__all__ = ["ActionPage", "RecommendationRow", "action_page", "index_rows", "recommendation_rows"]


@dataclass(frozen=True)
class RecommendationRow:
    recommendation: Recommendation
    state: str
    state_label: str
    state_tag: str
    actions: int
    signed_off: int


@dataclass(frozen=True)
class ActionPage:
    action: Action
    history: list[ActionUpdate]
    evidence: list[Evidence]
    may_update: bool
    may_manage: bool
    may_sign_off: bool
    sign_off_refusal: str
    has_moves: bool


def index_rows() -> list[tuple[Source, ProgressReport]]:
    """Each source with its progress report today."""
    return [(source, progress_report(source=source)) for source in Source.objects.all()]


def recommendation_rows(source: Source) -> list[RecommendationRow]:
    statuses: dict[int, list[str]] = defaultdict(list)
    for rec_id, status in Action.objects.filter(recommendation__source=source).values_list(
        "recommendation_id", "status"
    ):
        statuses[rec_id].append(status)
    rows = []
    for rec in source.recommendations.select_related("lead_agency"):
        found = statuses[rec.pk]
        state = recommendation_state(set(found))
        rows.append(RecommendationRow(rec, state, state_label(state), state_tag(state),
                                      len(found), found.count("signed_off")))  # fmt: skip
    return rows


def action_page(user: Any, action: Action) -> ActionPage:
    refusal = sign_off_refusal(user, action)
    return ActionPage(
        action=action,
        history=list(action.updates.select_related("made_by").order_by("-made_at", "-pk")),
        evidence=list(action.evidence.select_related("added_by")),
        may_update=may_update(user, action),
        may_manage=may_manage(user),
        may_sign_off=not refusal,
        sign_off_refusal=refusal,
        has_moves=bool(status_choices(action)),
    )
