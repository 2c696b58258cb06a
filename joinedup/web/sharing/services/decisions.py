"""Recording a sharing decision, or a correction of one, and its audit entry.

A decision is written once, with the decider's agency and team of the day and the
versions of the lawful bases and guidance they were shown, and audited as
`sharing.decision_recorded` in the same transaction. It is never changed: a correction
is a new decision naming the one it corrects, with what was wrong.

Audit entries about a child's decision target the child (`person`, its person id), so
the auditor's "who saw what" for a child lists them; the others target the decision.
"""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.access.services import access_to_person
from joinedup.web.audit.services import record_event
from joinedup.web.sharing.models import CaldicottAdvice, SharingDecision
from joinedup.web.sharing.services.inputs import DecisionInput, Subject
from joinedup.web.sharing.services.rules import problems
from joinedup.web.sharing.services.visibility import ON_REGISTER, how_seen, may_record
from joinedup.web.sharing.services.vocabulary import bases_version, guidance

__all__ = ["Correction", "agency_kind_of", "audit_target", "record_decision", "subject_of"]


class Correction:
    """Which decision a new one corrects, and what was wrong with it."""

    def __init__(self, decision: SharingDecision, reason: str) -> None:
        self.decision = decision
        self.reason = reason.strip()


def agency_kind_of(user: Any) -> str:
    """The kind of the user's agency (police, health...), or "" without one."""
    return str(user.agency.kind) if getattr(user, "agency_id", None) else ""


def subject_of(decision: SharingDecision) -> Subject:
    return Subject(decision.person, decision.context_kind, decision.context_name)


def audit_target(decision: SharingDecision) -> dict[str, str]:
    if decision.person is not None:
        return {"target_type": "person", "target_id": decision.person.person_id}
    return {"target_type": "sharing_decision", "target_id": decision.reference}


def record_decision(
    user: Any,
    subject: Subject,
    decision: DecisionInput,
    *,
    correction: Correction | None = None,
    request: HttpRequest | None = None,
) -> SharingDecision:
    """Check and store one decision (and any advice given with it); audited."""
    basis = _may_decide(user, subject, correction)
    found = problems(decision, subject, agency_kind_of(user))
    if found:
        raise InputError(next(iter(found.values())))
    with transaction.atomic():
        made = _create(user, subject, decision, correction)
        advice = decision.caldicott_advice
        if decision.caldicott == SharingDecision.CALDICOTT_GIVEN and advice and advice.advised_on:
            CaldicottAdvice.objects.create(
                decision=made, advice=advice.advice.strip(), adviser=advice.adviser.strip(),
                advised_on=advice.advised_on, recorded_by=user, recorded_at=made.decided_at,
            )  # fmt: skip
        record_event(user, "sharing.decision_recorded", **audit_target(made), basis=basis,
                     detail=audit_detail(made), request=request)  # fmt: skip
    return made


def _may_decide(user: Any, subject: Subject, correction: Correction | None) -> str:
    """The access basis to the child ("" for a context); refused when not allowed."""
    if not may_record(user):
        raise PermissionDenied("Your role does not record sharing decisions.")
    if correction is not None:
        _may_correct(user, correction)
    if subject.person is None:
        return ""
    access = access_to_person(user, subject.person)
    if not access.allowed:
        raise PermissionDenied(access.reason)
    return access.basis or ""


def _may_correct(user: Any, correction: Correction) -> None:
    if how_seen(user, correction.decision) != ON_REGISTER:
        raise PermissionDenied("This decision is not on your register of sharing decisions.")
    later = correction.decision.corrections.first()
    if later is not None:
        raise InputError(f"{correction.decision.reference} was corrected by {later.reference}: "
                         "correct that decision instead")  # fmt: skip
    if not correction.reason:
        raise InputError("Enter what was wrong with the decision you are correcting")


def _create(
    user: Any, subject: Subject, decision: DecisionInput, correction: Correction | None
) -> SharingDecision:
    made = SharingDecision.objects.create(
        reference=f"NEW-{uuid4().hex[:16]}",
        subject_kind=SharingDecision.CHILD if subject.person else SharingDecision.CONTEXT,
        person=subject.person,
        context_kind="" if subject.person else subject.context_kind,
        context_name="" if subject.person else subject.context_name.strip(),
        decided_by=user, decided_at=timezone.now(), agency_id=user.agency_id,
        team_id=user.team_id, bases_version=bases_version(),
        guidance_version=guidance().version,
        corrects=correction.decision if correction else None,
        correction_reason=correction.reason if correction else "",
        **decision.model_fields(),
    )  # fmt: skip
    made.reference = f"SD-{made.pk:06d}"
    SharingDecision.objects.filter(pk=made.pk).update(reference=made.reference)
    return made


def audit_detail(decision: SharingDecision) -> dict[str, Any]:
    """What the audit log keeps of a decision: codes and references, never narratives."""
    return {
        "decision": decision.reference,
        "subject": decision.subject_kind,
        "context_kind": decision.context_kind,
        "categories": decision.categories,
        "recipient": decision.recipient_agency.code if decision.recipient_agency else "other",
        "purpose": decision.purpose,
        "lawful_basis": decision.lawful_basis,
        "conditions": decision.conditions,
        "outcome": decision.outcome,
        "urgent": decision.urgent,
        "third_party": decision.third_party,
        "caldicott": decision.caldicott,
        "corrects": decision.corrects.reference if decision.corrects else "",
        "guidance_version": decision.guidance_version,
        "bases_version": decision.bases_version,
    }
