"""One decision as its page shows it, and the audit entry for reading it.

Someone who sees a child's decision only because they may open the child does not see
its narrative of what was shared when it includes information about a third party: the
deciding agency holds that (DfE 2024: protect the identities of people who could be
harmed). They see the rest: what kinds of information, with whom, why, the basis and
the outcome with its reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from joinedup.web.audit.services import record_event
from joinedup.web.sharing.models import CaldicottAdvice, SharingDecision
from joinedup.web.sharing.services.decisions import audit_target
from joinedup.web.sharing.services.visibility import ON_REGISTER, RELATED
from joinedup.web.sharing.services.vocabulary import (
    Basis,
    Condition,
    bases,
    categories,
    conditions,
    vocabulary,
)

__all__ = ["DecisionView", "audit_decision_view", "decision_view", "find_decision", "labels"]


@dataclass(frozen=True)
class DecisionView:
    decision: SharingDecision
    seen: str
    categories: list[str]
    basis: Basis | None
    conditions: list[Condition]
    purpose: str
    method: str
    context_kind: str
    advice: CaldicottAdvice | None
    corrections: list[SharingDecision]

    @property
    def withheld(self) -> bool:
        """The third-party narrative is kept from readers outside the register."""
        return self.decision.third_party and self.seen != ON_REGISTER

    @property
    def awaiting_advice(self) -> bool:
        sought = self.decision.caldicott == SharingDecision.CALDICOTT_SOUGHT
        return sought and self.advice is None

    @property
    def may_correct(self) -> bool:
        return self.seen == ON_REGISTER and not self.corrections

    @property
    def may_add_advice(self) -> bool:
        return self.seen == ON_REGISTER and self.advice is None


def find_decision(reference: str) -> SharingDecision | None:
    return SharingDecision.objects.select_related(*RELATED).filter(reference=reference).first()


def labels(codes: list[str], known: dict[str, Any]) -> list[str]:
    return [getattr(known[c], "label", known[c]) if c in known else c for c in codes]


def decision_view(decision: SharingDecision, seen: str) -> DecisionView:
    return DecisionView(
        decision, seen, labels(decision.categories, categories()),
        bases().get(decision.lawful_basis),
        [conditions()[c] for c in decision.conditions if c in conditions()],
        vocabulary("purposes").get(decision.purpose, decision.purpose),
        vocabulary("methods").get(decision.method, decision.method),
        vocabulary("context_kinds").get(decision.context_kind, decision.context_kind),
        CaldicottAdvice.objects.filter(decision=decision).select_related("recorded_by").first(),
        list(decision.corrections.order_by("decided_at")),
    )  # fmt: skip


def audit_decision_view(
    user: Any, view: DecisionView, request: HttpRequest, purpose: str = "", basis: str = ""
) -> None:
    """`sharing.view` of one decision (about a child: targeting the child)."""
    record_event(user, "sharing.view", **audit_target(view.decision), purpose=purpose,
                 basis=basis, detail={"decision": view.decision.reference, "seen": view.seen,
                                      "narrative_withheld": view.withheld},
                 request=request)  # fmt: skip
