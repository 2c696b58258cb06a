"""The Caldicott Guardian's advice on a decision (DOMAIN.md G26, Caldicott principle 7).

Advice is given with a decision or, when the decider asked and is waiting, recorded
later by someone whose register holds the decision. The decision is not changed: the
advice is stored beside it, once, and audited (`sharing.caldicott_advice_recorded`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.audit.services import record_event
from joinedup.web.sharing.models import CaldicottAdvice, SharingDecision
from joinedup.web.sharing.services.decisions import audit_target
from joinedup.web.sharing.services.inputs import AdviceInput
from joinedup.web.sharing.services.visibility import ON_REGISTER, decisions_on_register, how_seen

__all__ = ["awaiting_advice", "record_advice"]


def awaiting_advice(user: Any) -> QuerySet[SharingDecision]:
    """Decisions on the user's register whose decider asked for advice not yet recorded."""
    sought = decisions_on_register(user).filter(caldicott=SharingDecision.CALDICOTT_SOUGHT)
    return sought.filter(caldicott_advice__isnull=True).order_by("decided_at", "pk")


def record_advice(
    user: Any, decision: SharingDecision, advice: AdviceInput, request: HttpRequest | None = None
) -> CaldicottAdvice:
    if how_seen(user, decision) != ON_REGISTER:
        raise PermissionDenied("This decision is not on your register of sharing decisions.")
    if CaldicottAdvice.objects.filter(decision=decision).exists():
        raise InputError(f"The Caldicott Guardian's advice on {decision.reference} is recorded")
    if not (advice.advice.strip() and advice.adviser.strip() and advice.advised_on):
        raise InputError("Enter the advice, who gave it and when")
    if advice.advised_on > timezone.localdate():
        raise InputError("The date the advice was given must be today or in the past")
    with transaction.atomic():
        made = CaldicottAdvice.objects.create(
            decision=decision, advice=advice.advice.strip(), adviser=advice.adviser.strip(),
            advised_on=advice.advised_on, recorded_by=user, recorded_at=timezone.now(),
        )  # fmt: skip
        record_event(user, "sharing.caldicott_advice_recorded", **audit_target(decision),
                     detail={"decision": decision.reference,
                             "advised_on": advice.advised_on.isoformat()},
                     request=request)  # fmt: skip
    return made
