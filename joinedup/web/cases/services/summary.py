"""Everything the case page shows, gathered in one place for the template."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from joinedup.web.access.services import access_to_person
from joinedup.web.accounts.models import User
from joinedup.web.cases.models import (
    Case,
    CaseAllocation,
    CaseChange,
    CaseFlag,
    CaseNote,
    Plan,
    StatusChange,
)
from joinedup.web.cases.services.allocation import current_allocation
from joinedup.web.cases.services.flags import flags_not_set
from joinedup.web.cases.services.notes import draft_of, final_notes
from joinedup.web.cases.services.vocabularies import (
    FlagDefinition,
    context_kinds,
    flag_definitions,
    label,
    plan_types,
)

__all__ = ["CaseSummary", "FlagRow", "PlanRow", "case_summary", "plan_row"]


@dataclass(frozen=True)
class FlagRow:
    flag: CaseFlag
    definition: FlagDefinition | None


@dataclass(frozen=True)
class PlanRow:
    plan: Plan
    type_label: str
    overdue: bool
    actions_open: int


@dataclass(frozen=True)
class CaseSummary:
    subject: str
    context_kind: str
    may_open_record: bool
    allocation: CaseAllocation | None
    allocations: list[CaseAllocation]
    flags: list[FlagRow]
    removed_flags: list[FlagRow]
    flags_to_set: list[str]
    plans: list[PlanRow]
    ended_plans: list[PlanRow]
    notes: QuerySet[CaseNote]
    my_draft: CaseNote | None
    status_changes: QuerySet[StatusChange]
    changes: QuerySet[CaseChange]
    next_review: date | None
    next_review_overdue: bool


def case_summary(case: Case, user: User) -> CaseSummary:
    flags = [FlagRow(f, flag_definitions().get(f.flag)) for f in _flags(case)]
    plans = [plan_row(p) for p in case.plans.prefetch_related("actions").order_by("review_date")]
    live = [p for p in plans if p.plan.ended_on is None]
    return CaseSummary(
        subject=case.person.person_id if case.person else case.context_name,
        context_kind=label(context_kinds(), case.context_kind) if case.context_kind else "",
        may_open_record=bool(case.person and access_to_person(user, case.person).allowed),
        allocation=current_allocation(case),
        allocations=list(_allocations(case)),
        flags=[f for f in flags if f.flag.removed_at is None],
        removed_flags=[f for f in flags if f.flag.removed_at is not None],
        flags_to_set=flags_not_set(case),
        plans=live,
        ended_plans=[p for p in plans if p.plan.ended_on is not None],
        notes=final_notes(case),
        my_draft=draft_of(case, user),
        status_changes=case.status_changes.select_related("changed_by"),
        changes=case.changes.select_related("changed_by").order_by("-version"),
        next_review=min((p.plan.review_date for p in live), default=None),
        next_review_overdue=any(p.overdue for p in live),
    )


def plan_row(plan: Plan) -> PlanRow:
    overdue = plan.ended_on is None and plan.review_date < timezone.localdate()
    open_actions = sum(1 for a in plan.actions.all() if a.done_on is None)
    return PlanRow(plan, label(plan_types(), plan.plan_type), overdue, open_actions)


def _flags(case: Case) -> QuerySet[CaseFlag]:
    return case.flags.select_related("set_by", "removed_by").order_by("-set_at")


def _allocations(case: Case) -> QuerySet[CaseAllocation]:
    related = ("worker", "team", "allocated_by", "ended_by")
    return case.allocations.select_related(*related).order_by("-allocated_at", "-pk")
