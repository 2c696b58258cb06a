"""The demo's two information-sharing decisions, through `record_decision`: demo.practitioner
shared a child's whereabouts and risk with the police yesterday; demo.police decided not
to share intelligence about the alerted place with the place's manager, with the reason.
"""

from __future__ import annotations

from joinedup.web.cases.models import Case
from joinedup.web.demo.cast import Cast
from joinedup.web.sharing.models import SharingDecision
from joinedup.web.sharing.services import DecisionInput, Subject, record_decision

__all__ = ["seed_sharing"]


def seed_sharing(cast: Cast, cases: list[Case]) -> list[SharingDecision]:
    child = next(case.person for case in cases if case.person is not None)
    return [_shared(cast, Subject(child)), _not_shared(cast, _context(cast, cases))]


def _shared(cast: Cast, subject: Subject) -> SharingDecision:
    decision = DecisionInput(
        categories=("whereabouts", "risk"),
        information="Where the child goes missing to, and the team's assessment of the risk.",
        recipient_person="Detective constable, child exploitation unit",
        purpose="protect_child",
        lawful_basis="public_task",
        outcome=SharingDecision.SHARED,
        reason="The police are searching for the child when missing; they need the places.",
        recipient_agency=cast.police.agency or cast.agencies.get("POL"),
        shared_at=cast.at(-1, 15, 30),
        method="secure_email",
        shared_detail="The three addresses where the child was found, and the risk summary.",
    )
    return record_decision(cast.practitioner, subject, decision)


def _context(cast: Cast, cases: list[Case]) -> Subject:
    context = next((case for case in cases if case.person is None), None)
    name = context.context_name if context is not None else "The bus station"
    return Subject(None, "place", name)


def _not_shared(cast: Cast, subject: Subject) -> SharingDecision:
    decision = DecisionInput(
        categories=("intelligence",),
        information="Police intelligence about the adults who wait outside the premises.",
        recipient_person="The manager of the premises",
        purpose="prevent_crime",
        lawful_basis="law_enforcement",
        outcome=SharingDecision.NOT_SHARED,
        reason=(
            "Sharing could alert the adults to the police's interest and put the children "
            "at greater risk; the licensing review will be asked for instead."
        ),
        recipient_body="The premises' management",
    )
    return record_decision(cast.police, subject, decision)
