"""Adding sources, recommendations and actions, and assigning an action's owner.

Each write is audited with `record_event` in its own transaction. Only users whose role
has `manage_recommendations` call these (the views check; `may_manage` says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.access.services import has_capability
from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event
from joinedup.web.recommendations.models import Action, ActionUpdate, Recommendation, Source
from joinedup.web.recommendations.services.vocabulary import number_sort_key
from joinedup.web.records.models import Agency

__all__ = [
    "ActionDraft",
    "RecommendationDraft",
    "actions_for",
    "add_action",
    "add_recommendation",
    "add_source",
    "assign_owner",
    "may_manage",
    "may_update",
    "possible_owners",
]


@dataclass(frozen=True, slots=True)
class RecommendationDraft:
    number: str
    text: str
    theme: str
    lead_agency: Agency


@dataclass(frozen=True, slots=True)
class ActionDraft:
    number: str
    text: str
    owning_agency: Agency
    due: date
    owner: User | None = None
    success_measure: str = ""


def may_manage(user: Any) -> bool:
    return has_capability(user, "manage_recommendations")


def may_update(user: Any, action: Action) -> bool:
    """The action's owner, or a user of its owning agency, whose role updates actions."""
    if not has_capability(user, "update_recommendations"):
        return False
    agency_id = getattr(user, "agency_id", None)
    return action.owner_id == user.pk or (
        agency_id is not None and agency_id == action.owning_agency_id
    )


def possible_owners() -> list[User]:
    """Active users whose role may record progress on an action."""
    users = User.objects.filter(is_active=True).select_related("agency").order_by("username")
    return [u for u in users if has_capability(u, "update_recommendations")]


def add_source(
    user: User,
    title: str,
    published_on: date | None,
    description: str,
    request: HttpRequest | None = None,
) -> Source:
    if Source.objects.filter(title__iexact=title.strip()).exists():
        raise InputError(f"There is already a source called {title.strip()!r}")
    with transaction.atomic():
        source = Source.objects.create(
            title=title.strip(),
            published_on=published_on,
            description=description,
            added_by=user,
            added_at=timezone.now(),
        )
        record_event(
            user,
            "recommendations.source_added",
            target_type="recommendation_source",
            target_id=source.pk,
            detail={"title": source.title},
            request=request,
        )
    return source


def add_recommendation(
    user: User, source: Source, draft: RecommendationDraft, request: HttpRequest | None = None
) -> Recommendation:
    if source.recommendations.filter(number=draft.number).exists():
        raise InputError(f"Recommendation {draft.number} is already in this source")
    with transaction.atomic():
        made = create_recommendation(user, source, draft)
        record_event(
            user,
            "recommendations.recommendation_added",
            target_type="recommendation",
            target_id=made.pk,
            detail=_recommendation_detail(made),
            request=request,
        )
    return made


def create_recommendation(user: User, source: Source, draft: RecommendationDraft) -> Recommendation:
    """The row alone, unaudited: callers audit it (one entry, or the import's)."""
    return Recommendation.objects.create(
        source=source,
        number=draft.number,
        text=draft.text,
        theme=draft.theme,
        lead_agency=draft.lead_agency,
        added_by=user,
        added_at=timezone.now(),
        sort_key=number_sort_key(draft.number),
    )


def add_action(
    user: User,
    recommendation: Recommendation,
    draft: ActionDraft,
    request: HttpRequest | None = None,
) -> Action:
    if recommendation.actions.filter(number=draft.number).exists():
        raise InputError(
            f"Action {draft.number} is already in recommendation {recommendation.number}"
        )
    with transaction.atomic():
        action = create_action(user, recommendation, draft)
        record_event(
            user,
            "recommendations.action_added",
            target_type="recommendation_action",
            target_id=action.pk,
            detail=_action_detail(action),
            request=request,
        )
    return action


def create_action(user: User, recommendation: Recommendation, draft: ActionDraft) -> Action:
    """The action and the first step of its history, unaudited: callers audit it."""
    now = timezone.now()
    action = Action.objects.create(
        recommendation=recommendation,
        number=draft.number,
        text=draft.text,
        owner=draft.owner,
        owning_agency=draft.owning_agency,
        due=draft.due,
        success_measure=draft.success_measure,
        last_update_at=now,
        added_at=now,
        sort_key=number_sort_key(draft.number),
    )
    ActionUpdate.objects.create(
        action=action, kind="added", status=action.status, made_by=user, made_at=now
    )
    return action


def assign_owner(
    user: User, action: Action, owner: User | None, request: HttpRequest | None = None
) -> Action:
    with transaction.atomic():
        action.owner = owner
        action.version += 1
        action.save(update_fields=["owner", "version"])
        detail = {"number": action.number, "owner": owner.username if owner else ""}
        record_event(
            user,
            "recommendations.owner_assigned",
            target_type="recommendation_action",
            target_id=action.pk,
            detail=detail,
            request=request,
        )
    return action


def actions_for(user: Any) -> QuerySet[Action]:
    """Actions the user owns or whose owning agency is theirs."""
    agency_id = getattr(user, "agency_id", None)
    mine = Action.objects.filter(owner_id=user.pk)
    if agency_id is not None:
        mine = mine | Action.objects.filter(owning_agency_id=agency_id)
    return mine.select_related("recommendation__source", "owning_agency", "owner")


def _recommendation_detail(made: Recommendation) -> dict[str, str]:
    return {
        "source": made.source.title,
        "number": made.number,
        "theme": made.theme,
        "lead_agency": made.lead_agency.code,
    }


def _action_detail(action: Action) -> dict[str, str]:
    return {
        "recommendation": action.recommendation.number,
        "number": action.number,
        "owning_agency": action.owning_agency.code,
        "due": action.due.isoformat(),
        "owner": action.owner.username if action.owner else "",
    }
