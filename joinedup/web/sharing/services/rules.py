"""What a decision must say before it is recorded, from the data files' rules.

`problems(decision, subject, agency_kind)` returns {field: message} in GOV.UK words; the
form shows them in its error summary and `record_decision` refuses a decision with any.
The rules (DOMAIN.md G24-G26):

- shared or not, a decision says what, with whom, why, on which basis, and the reasons;
- a basis limited to some kinds of agency (Part 3 for the police) is refused to others,
  and one that must be explained (consent) needs its explanation;
- sensitive information that is shared needs a condition of the basis's regime that
  covers it (Schedule 1 for UK GDPR, Schedule 8 for Part 3); confidential health
  information shared by a health service needs the common-law public-interest condition;
- where health information or a health decider is involved the Caldicott question is
  answered; advice given is recorded with who gave it and when;
- sharing says when, how and what exactly; urgent sharing says why it could not wait.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from django.utils import timezone

from joinedup.web.sharing.models import SharingDecision as SD
from joinedup.web.sharing.services.inputs import DecisionInput, Subject
from joinedup.web.sharing.services.vocabulary import bases, categories, conditions, vocabulary

__all__ = ["health_involved", "problems", "sensitive_flags"]

Problem = tuple[str, str]
CLOCK_SLACK = timedelta(minutes=5)


def problems(decision: DecisionInput, subject: Subject, agency_kind: str) -> dict[str, str]:
    """Every rule the decision breaks, as {field: message}; the first message per field."""
    found: dict[str, str] = {}
    for field, message in (*_known(decision), *_subject(subject), *_basis(decision, agency_kind),
                           *_sensitive(decision, agency_kind), *_caldicott(decision, agency_kind),
                           *_sharing(decision), *_explained(decision)):  # fmt: skip
        found.setdefault(field, message)
    return found


def sensitive_flags(codes: tuple[str, ...]) -> frozenset[str]:
    """special_category, criminal_offence, confidential_health: what the categories hold."""
    known = categories()
    return frozenset(flag for code in codes if code in known for flag in known[code].flags)


def health_involved(decision: DecisionInput, agency_kind: str) -> bool:
    return agency_kind == "health" or "confidential_health" in sensitive_flags(decision.categories)


def _known(decision: DecisionInput) -> Iterator[Problem]:
    """Codes from the data files only (the forms offer no others)."""
    if not decision.categories or not set(decision.categories) <= set(categories()):
        yield "categories", "Select the kinds of information from the list"
    if decision.lawful_basis not in bases():
        yield "lawful_basis", "Select the lawful basis"
    if not set(decision.conditions) <= set(conditions()):
        yield "conditions", "Select conditions from the list"
    if decision.purpose not in vocabulary("purposes"):
        yield "purpose", "Select the purpose"
    if decision.method and decision.method not in vocabulary("methods"):
        yield "method", "Select how the information was shared"
    if decision.outcome not in (SD.SHARED, SD.NOT_SHARED):
        yield "outcome", "Select whether you shared the information"


def _subject(subject: Subject) -> Iterator[Problem]:
    if subject.person is None and subject.context_kind not in vocabulary("context_kinds"):
        yield "context_kind", "Select what kind of context the decision is about"
    if subject.person is None and not subject.context_name.strip():
        yield "context_name", "Enter the name of the place, group, school or space"


def _basis(decision: DecisionInput, agency_kind: str) -> Iterator[Problem]:
    basis = bases().get(decision.lawful_basis)
    if basis is not None and not basis.open_to(agency_kind):
        kinds = " or ".join(basis.for_agency_kinds)
        yield "lawful_basis", f"{basis.label} is for a {kinds} agency: choose another basis"
    if basis is not None and basis.explain and not decision.basis_note.strip():
        yield "basis_note", "Explain why this lawful basis applies here"
    for code in decision.conditions:
        condition = conditions().get(code)
        if (
            condition is not None
            and basis is not None
            and condition.regime not in ("any", basis.regime)
        ):
            yield "conditions", f"{condition.label} does not go with {basis.label}"


def _sensitive(decision: DecisionInput, agency_kind: str) -> Iterator[Problem]:
    basis = bases().get(decision.lawful_basis)
    if decision.outcome != SD.SHARED or basis is None:
        return
    chosen = [conditions()[c] for c in decision.conditions if c in conditions()]
    for flag in sorted(sensitive_flags(decision.categories) - {"confidential_health"}):
        if not any(flag in c.covers and c.regime == basis.regime for c in chosen):
            what = flag.replace("_", "-")
            yield "conditions", f"Select a condition for sharing {what} information"
    if agency_kind == "health" and "confidential_health" in sensitive_flags(decision.categories):
        if not any("confidential_health" in c.covers for c in chosen):
            yield (
                "conditions",
                "Select the public-interest condition for confidential health information",
            )


def _caldicott(decision: DecisionInput, agency_kind: str) -> Iterator[Problem]:
    if health_involved(decision, agency_kind) and not decision.caldicott:
        yield "caldicott", "Select whether you sought the Caldicott Guardian's advice"
    advice = decision.caldicott_advice
    if decision.caldicott != SD.CALDICOTT_GIVEN:
        return
    if advice is None or not advice.advice.strip():
        yield "caldicott_advice", "Enter the Caldicott Guardian's advice"
    if advice is None or not advice.adviser.strip():
        yield "caldicott_adviser", "Enter who gave the advice"
    if advice is None or advice.advised_on is None:
        yield "advised_on_day", "Enter the date the advice was given"
    elif advice.advised_on > timezone.localdate():
        yield "advised_on_day", "The date the advice was given must be today or in the past"


def _sharing(decision: DecisionInput) -> Iterator[Problem]:
    if decision.outcome != SD.SHARED:
        if decision.urgent:
            yield "urgent", "Urgent sharing is only for information that was shared"
        return
    if decision.shared_at is None:
        yield "shared_on_day", "Enter the date the information was shared"
    elif decision.shared_at > _now() + CLOCK_SLACK:
        yield "shared_on_day", "The date and time shared must be in the past"
    if not decision.method:
        yield "method", "Select how the information was shared"
    if not decision.shared_detail.strip():
        yield "shared_detail", "Enter what exactly was shared"
    if decision.urgent and not decision.urgent_reason.strip():
        yield "urgent_reason", "Enter why the information had to be shared before recording"


def _explained(decision: DecisionInput) -> Iterator[Problem]:
    if decision.recipient_agency is None and not decision.recipient_body.strip():
        yield "recipient_agency", "Select the agency, or name the organisation"
    if decision.recipient_agency is not None and decision.recipient_body.strip():
        yield "recipient_body", "Select an agency or name another organisation, not both"
    if decision.third_party and not decision.third_party_protection.strip():
        yield "third_party_protection", "Enter how the third party's identity is protected"
    if decision.purpose == "other" and not decision.purpose_detail.strip():
        yield "purpose_detail", "Describe the purpose"


def _now() -> datetime:
    return timezone.now()
