"""An item's life: logged -> assigned -> under review -> responded, and reopened.

| from          | assign   | start review | respond   | reopen       |
|---------------|----------|--------------|-----------|--------------|
| logged        | assigned | under review | refused   | refused      |
| assigned      | assigned | under review | refused   | refused      |
| under review  | assigned | refused      | responded | refused      |
| responded     | refused  | refused      | refused   | under review |

Who: the owner starts the review and responds; the owner or a holder of
`allocate_cases` assigns and reopens. A response needs a decision from
data/responses.yaml and a rationale (and what the decision needs: the agency shared
with, the case, the disruption tactic). Each change is audited with its history entry
in the same transaction; a refused change raises `TransitionRefused` (or PermissionDenied).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.access.services import has_capability
from joinedup.web.intelligence.models import IntelligenceItem as Item
from joinedup.web.intelligence.services.changes import record_change
from joinedup.web.intelligence.services.deadlines import decide_by
from joinedup.web.intelligence.services.vocabulary import decision, tactics
from joinedup.web.records.models import Agency

__all__ = [
    "ALLOWED",
    "Response",
    "TransitionRefused",
    "assign",
    "check_response",
    "may_assign",
    "may_reopen",
    "may_work",
    "reopen",
    "respond",
    "start_review",
]

ALLOWED: dict[str, set[str]] = {
    "assign": {Item.LOGGED, Item.ASSIGNED, Item.UNDER_REVIEW},
    "start_review": {Item.LOGGED, Item.ASSIGNED},
    "respond": {Item.UNDER_REVIEW},
    "reopen": {Item.RESPONDED},
}


class TransitionRefused(InputError):
    """The item's status does not allow this change."""


@dataclass(frozen=True)
class Response:
    decision: str
    rationale: str
    actions_taken: str = ""
    share_agency: Agency | None = None
    case_reference: str = ""
    tactic: str = ""


def may_work(user: Any, item: Item) -> bool:
    """The owner works the item (starts the review, adds subjects, responds)."""
    return bool(user.pk == item.owner_id and has_capability(user, "log_intelligence"))


def may_assign(user: Any, item: Item) -> bool:
    return may_work(user, item) or has_capability(user, "allocate_cases")


may_reopen = may_assign


def _locked(item: Item, change: str) -> Item:
    """The item re-read under a row lock; refused when its status does not allow `change`."""
    fresh = Item.objects.select_for_update().get(pk=item.pk)
    if fresh.status not in ALLOWED[change]:
        label = fresh.get_status_display().lower()
        raise TransitionRefused(f"{fresh.reference} is {label}: it cannot be {_DONE[change]}.")
    return fresh


_DONE = {
    "assign": "assigned",
    "start_review": "put under review",
    "respond": "responded to",
    "reopen": "reopened",
}


def assign(
    by: Any, item: Item, owner: Any, reason: str = "", request: HttpRequest | None = None
) -> Item:
    if not may_assign(by, item):
        raise PermissionDenied("Only the owner or a manager who allocates work can assign it.")
    if not (owner.is_active and has_capability(owner, "log_intelligence")):
        raise InputError(f"{owner.username} cannot own intelligence items.")
    with transaction.atomic():
        fresh = _locked(item, "assign")
        before, was = fresh.status, fresh.owner.username
        fresh.owner, fresh.status = owner, Item.ASSIGNED
        fresh.save(update_fields=["owner", "status"])
        record_change(
            fresh,
            by,
            "assigned",
            from_status=before,
            note=reason,
            detail={"owner": owner.username, "previous_owner": was},
            request=request,
        )
    return fresh


def start_review(by: Any, item: Item, request: HttpRequest | None = None) -> Item:
    if not may_work(by, item):
        raise PermissionDenied("Only the item's owner can start reviewing it.")
    with transaction.atomic():
        fresh = _locked(item, "start_review")
        before, fresh.status = fresh.status, Item.UNDER_REVIEW
        fresh.save(update_fields=["status"])
        record_change(fresh, by, "review_started", from_status=before, request=request)
    return fresh


def check_response(response: Response) -> None:
    """InputError naming what is missing or wrong."""
    chosen = decision(response.decision)
    if chosen is None:
        raise InputError("Select a decision from the list")
    if not response.rationale.strip():
        raise InputError("Enter the rationale for the decision")
    if "agency" in chosen.needs and response.share_agency is None:
        raise InputError("Select the agency it is shared with")
    if "tactic" in chosen.needs and response.tactic not in tactics():
        raise InputError("Select the disruption tactic")
    if "case" in chosen.needs:
        _check_case(response.case_reference)


def _check_case(reference: str) -> None:
    if not reference.strip():
        raise InputError("Enter the case reference, such as CASE-000123")
    try:
        case_model = apps.get_model("cases", "Case")
    except LookupError:
        return  # the cases app has no cases yet: the reference is kept as given
    if not case_model.objects.filter(reference=reference.strip()).exists():
        raise InputError(f"There is no case {reference.strip()}")


def respond(by: Any, item: Item, response: Response, request: HttpRequest | None = None) -> Item:
    if not may_work(by, item):
        raise PermissionDenied("Only the item's owner can record the response.")
    check_response(response)
    with transaction.atomic():
        fresh = _locked(item, "respond")
        before = fresh.status
        _apply(fresh, by, response, timezone.now())
        detail = {
            "decision": response.decision,
            "tactic": response.tactic,
            "share_agency": response.share_agency.code if response.share_agency else "",
            "case_reference": fresh.case_reference,
        }
        record_change(
            fresh,
            by,
            "responded",
            from_status=before,
            note=_note(response),
            detail=detail,
            request=request,
        )
    return fresh


def _note(response: Response) -> str:
    """What the history keeps of a response (the item's fields hold only the latest)."""
    chosen = decision(response.decision)
    label = chosen.label if chosen else response.decision
    return f"{label}. {response.rationale.strip()}"


def _apply(item: Item, by: Any, response: Response, now: datetime) -> None:
    needs = decision(response.decision).needs  # type: ignore[union-attr]
    item.status, item.decision = Item.RESPONDED, response.decision
    item.rationale = response.rationale.strip()  # type: ignore[assignment]
    item.actions_taken = response.actions_taken.strip()  # type: ignore[assignment]
    item.share_agency = response.share_agency if "agency" in needs else None
    item.case_reference = response.case_reference.strip() if "case" in needs else ""
    item.tactic = response.tactic if "tactic" in needs else ""
    item.responded_at, item.responded_by = now, by
    item.save()


def reopen(by: Any, item: Item, reason: str, request: HttpRequest | None = None) -> Item:
    """Back under review, with a new decide-by time counted from now."""
    if not may_reopen(by, item):
        raise PermissionDenied("Only the owner or a manager who allocates work can reopen it.")
    if not reason.strip():
        raise InputError("Enter why the item is being reopened")
    with transaction.atomic():
        fresh = _locked(item, "reopen")
        before, fresh.status = fresh.status, Item.UNDER_REVIEW
        fresh.decide_by = decide_by(timezone.now(), _grade(fresh))
        fresh.escalated_at = None
        fresh.save(update_fields=["status", "decide_by", "escalated_at"])
        record_change(
            fresh,
            by,
            "reopened",
            from_status=before,
            note=reason.strip(),
            detail={"decide_by": fresh.decide_by.isoformat()},
            request=request,
        )
    return fresh


def _grade(item: Item) -> dict[str, str]:
    return {
        "grade_source": item.grade_source,
        "grade_intelligence": item.grade_intelligence,
        "grade_handling": item.grade_handling,
    }
