"""The case list: the user's cases, their teams' cases and the unallocated queue.

Each tab lists the cases the user may see (`cases_visible_to`) that fall in it, after
the filters (status, flag, kind of subject), with the subject, the worker and team, the
flags set and the next plan review date (overdue when before today). The list names
children by their person id and is audited (`cases.list`) with the references shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event
from joinedup.web.cases.models import Case, CaseFlag
from joinedup.web.cases.services.cases import cases_visible_to, teams_seen_by
from joinedup.web.cases.services.plans import next_review_dates
from joinedup.web.cases.services.vocabularies import flag_label

__all__ = ["TABS", "CaseFilters", "CaseRow", "audit_list", "case_rows", "tab_counts"]

TABS = {"mine": "My cases", "team": "My teams' cases", "unallocated": "Unallocated cases"}


@dataclass(frozen=True)
class CaseFilters:
    status: str = Case.OPEN  # open, closed, or "" for both
    flag: str = ""  # a code from data/flags.yaml, or "" for any
    subject_kind: str = ""  # child, context, or "" for both


@dataclass(frozen=True)
class CaseRow:
    case: Case
    flags: list[str] = field(default_factory=list)
    next_review: date | None = None
    overdue: bool = False


def _in_tab(user: User, tab: str) -> Q:
    if tab == "mine":
        return Q(worker=user)
    if tab == "team":
        return (Q(team__in=teams_seen_by(user)) | Q(worker__team__in=teams_seen_by(user))) & ~Q(
            worker=user
        )
    return Q(worker__isnull=True, team__isnull=True)


def _filtered(cases: QuerySet[Case], filters: CaseFilters) -> QuerySet[Case]:
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.subject_kind:
        cases = cases.filter(subject_kind=filters.subject_kind)
    if filters.flag:
        flagged = CaseFlag.objects.filter(
            case=OuterRef("pk"), flag=filters.flag, removed_at__isnull=True
        )
        cases = cases.filter(Exists(flagged))
    return cases


def cases_in_tab(user: User, tab: str, filters: CaseFilters) -> QuerySet[Case]:
    found = _filtered(cases_visible_to(user).filter(_in_tab(user, tab)), filters)
    return next_review_dates(found).select_related("person", "worker", "team")


def tab_counts(user: User, filters: CaseFilters) -> dict[str, int]:
    return {
        tab: _filtered(cases_visible_to(user).filter(_in_tab(user, tab)), filters).count()
        for tab in TABS
    }


def case_rows(cases: list[Case], today: date | None = None) -> list[CaseRow]:
    """Rows for one page of cases: flags set now, next review and whether it is overdue."""
    today = today or timezone.localdate()
    flags: dict[int, list[str]] = {}
    active = CaseFlag.objects.filter(case__in=cases, removed_at__isnull=True).order_by("flag")
    for case_id, flag in active.values_list("case_id", "flag"):
        flags.setdefault(case_id, []).append(flag_label(flag))
    return [_row(case, flags.get(case.pk, []), today) for case in cases]


def _row(case: Case, flags: list[str], today: date) -> CaseRow:
    next_review: date | None = getattr(case, "next_review", None)
    return CaseRow(case, flags, next_review, bool(next_review and next_review < today))


def audit_list(user: User, rows: list[CaseRow], request: HttpRequest | None = None) -> None:
    """A page that names children writes `cases.list`; one that names none writes nothing."""
    named = [row.case.person.person_id for row in rows if row.case.person]
    if named:
        record_event(
            user,
            "cases.list",
            detail={"references": [r.case.reference for r in rows], "person_ids": named},
            request=request,
        )
