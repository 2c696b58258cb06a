"""The end of screening: the decision, and a case for the specialist team.

A decision needs a RAG rating and the child checked against the person index (linked,
or recorded as not found). "Open a case for the specialist team" opens the case through
the cases app (`open_case`, source "referral REF-000042") in the same transaction and
links it to the contact, so it needs the child linked. The referrer is told the outcome
(a notification; the e-mail names no one).
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.web.accounts.models import User
from joinedup.web.accounts.notifications import notify
from joinedup.web.audit.services import record_event
from joinedup.web.cases.models import Case
from joinedup.web.cases.services import open_case
from joinedup.web.frontdoor.models import Contact
from joinedup.web.frontdoor.services.screening import StepRefused, locked, save_step
from joinedup.web.frontdoor.services.timescales import within_target
from joinedup.web.frontdoor.services.vocabulary import Decision, decisions

__all__ = ["OPEN_CASE", "OUTCOME_KIND", "decide_contact", "missing_before_decision"]

OPEN_CASE = "open_case"
OUTCOME_KIND = "frontdoor_outcome"
DECIDED_FIELDS = ["status", "decision", "decision_reason", "decided_at", "decided_by", "case"]


def missing_before_decision(contact: Contact) -> list[str]:
    """What must be done before a decision can be recorded, in words."""
    missing = []
    if contact.person_id is None and not contact.not_in_index:
        missing.append(
            "Link the contact to a child in the person index, or record that the child is not in it"
        )
    if not contact.rag:
        missing.append("Record a RAG rating")
    return missing


def decide_contact(
    user: User,
    contact: Contact,
    code: str,
    reason: str,
    *,
    version: int | None,
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> Contact:
    """in screening -> decided; opens a case when that is the decision."""
    chosen = _valid(code, reason)
    with transaction.atomic():
        fresh = locked(user, contact, version, "decide")
        missing = missing_before_decision(fresh)
        if missing:
            raise StepRefused(f"{'. '.join(missing)}, then record the decision.")
        if chosen.code == OPEN_CASE:
            fresh.case = _open_case(user, fresh, reason, request)
        fresh.status, fresh.decision = Contact.DECIDED, code
        fresh.decision_reason = reason.strip()  # type: ignore[assignment]
        fresh.decided_at, fresh.decided_by = now or timezone.now(), user
        save_step(fresh, DECIDED_FIELDS)
        _audit(user, fresh, request)
        _tell_referrer(user, fresh, chosen)
    return fresh


def _valid(code: str, reason: str) -> Decision:
    if code not in decisions():
        raise StepRefused(f"{code!r} is not a decision (data/decisions.yaml)")
    chosen = decisions()[code]
    if chosen.reason_required and not reason.strip():
        raise StepRefused(f"Enter the reason for the decision: {chosen.label.lower()}")
    return chosen


def _open_case(user: User, contact: Contact, reason: str, request: HttpRequest | None) -> Case:
    if contact.person is None:
        raise StepRefused("A case can be opened only for a child linked in the person index.")
    why = reason.strip() or f"Opened at the front door from referral {contact.reference}"
    try:
        return open_case(
            opened_by=user,
            reason=why,
            person=contact.person,
            source=f"referral {contact.reference}",
            request=request,
        )
    except (PermissionDenied, ValidationError) as error:
        raise StepRefused(f"The case could not be opened: {_message(error)}") from error


def _message(error: Exception) -> str:
    messages = getattr(error, "messages", None)
    return "; ".join(messages) if messages else str(error)


def _audit(user: User, contact: Contact, request: HttpRequest | None) -> None:
    record_event(
        user,
        "frontdoor.decided",
        target_type="contact",
        target_id=contact.reference,
        detail={
            "decision": contact.decision,
            "rag": contact.rag,
            "within_target": within_target(contact),
            "person_id": contact.person.person_id if contact.person else "",
            "case": contact.case.reference if contact.case else "",
        },
        request=request,
    )


def _tell_referrer(user: User, contact: Contact, chosen: Decision) -> None:
    referrer = contact.referred_by
    if referrer.pk == user.pk or not referrer.is_active:
        return
    day = timezone.localtime(contact.decided_at)
    body = (
        f"The front door decided on your referral {contact.reference} on "
        f"{day.day} {day:%B %Y}: {chosen.label}."
    )
    email = (
        "The front door has decided on a referral you made. Sign in to joinedup and "
        "open your referrals to see the outcome."
    )
    notify(
        referrer, OUTCOME_KIND, f"Outcome of your referral {contact.reference}", body, email=email
    )
