"""Permission-matrix rows for the cases app (/cases/, docs/cases.md).

Roles with `work_cases` (practitioner, manager) reach the list and the open-a-case
pages. The matrix's case is unallocated and opened by someone else: a team manager
(`allocate_cases`) sees it, to allocate it; a practitioner is refused it (403, audited
`cases.access_denied`). Every other role is refused every page. The three POST-only
pages are posted empty: the manager gets the form again with its errors (200).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.utils import timezone

from tests.web.matrix.common import LOGIN, NO, OK, START, Borough

# Pages without a case, for roles that work cases.
WORKERS = (LOGIN, OK, OK, NO, NO, NO, NO, NO, NO)
# Pages of the matrix's unallocated case: its allocators only.
ALLOCATORS = (LOGIN, NO, OK, NO, NO, NO, NO, NO, NO)
POSTED_TO_ALLOCATORS = (START, NO, OK, NO, NO, NO, NO, NO, NO)
# fmt: off
PAGES: dict[str, tuple[str, ...]] = {
    #                            anon   prac   mgr    police health school inq    audit  admin
    "cases:list":               WORKERS,
    "cases:open":               WORKERS,
    "cases:case":               ALLOCATORS,
    "cases:close":              ALLOCATORS,
    "cases:reopen":             ALLOCATORS,
    "cases:allocate":           ALLOCATORS,
    "cases:allocation-end":     POSTED_TO_ALLOCATORS,
    "cases:flag-set":           ALLOCATORS,
    "cases:flag-remove":        ALLOCATORS,
    "cases:plan-add":           ALLOCATORS,
    "cases:plan":               ALLOCATORS,
    "cases:plan-action-add":    ALLOCATORS,
    "cases:plan-action-done":   POSTED_TO_ALLOCATORS,
    "cases:plan-review":        ALLOCATORS,
    "cases:note":               ALLOCATORS,
    "cases:note-autosave":      POSTED_TO_ALLOCATORS,
}
# fmt: on
POSTED = {"cases:allocation-end", "cases:plan-action-done", "cases:note-autosave"}
_CASE = {"reference": "case_reference"}
_PLAN = {**_CASE, "plan_id": "case_plan"}
PAGE_ARGS: dict[str, dict[str, str]] = {
    **{
        name: _CASE
        for name in (
            "cases:case",
            "cases:close",
            "cases:reopen",
            "cases:allocate",
            "cases:allocation-end",
            "cases:flag-set",
            "cases:plan-add",
            "cases:note",
            "cases:note-autosave",
        )
    },
    "cases:flag-remove": {**_CASE, "flag_id": "case_flag"},
    **{name: _PLAN for name in ("cases:plan", "cases:plan-action-add", "cases:plan-review")},
    "cases:plan-action-done": {**_PLAN, "action_id": "case_action"},
}


def make_objects(borough: Borough, make_user: Callable[..., Any]) -> dict[str, str]:
    """An unallocated context case opened by another manager, with a flag, a plan and
    an action."""
    from joinedup.web.cases.services import open_case
    from joinedup.web.cases.services.flags import set_flag
    from joinedup.web.cases.services.plans import add_action, add_plan

    opener = make_user("team_manager")
    case = open_case(
        opened_by=opener,
        reason="Children are exploited there",
        context_kind="place",
        context_name="The matrix park",
    )
    flag = set_flag(case, seen_version=1, by=opener, flag="cce", reason="Drugs passed there")
    today = timezone.localdate()
    plan = add_plan(
        case,
        seen_version=2,
        by=opener,
        plan_type="context_safety_plan",
        aims="Make the park safe",
        start_date=today,
        review_date=today + timedelta(days=30),
    )
    action = add_action(
        plan,
        seen_version=3,
        by=opener,
        what="Ask for more patrols",
        who="Police",
        due_on=today + timedelta(days=7),
    )
    return {
        "case_reference": case.reference,
        "case_flag": str(flag.pk),
        "case_plan": str(plan.pk),
        "case_action": str(action.pk),
    }
