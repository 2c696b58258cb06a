"""New screening prompts and agreed-grade reviews due, among the children a user may see.

A prompt is new when the latest screening suggests one of the rule file's prompt
grades (the top two) and no grade has been agreed for the child under that scheme, or
when screening now suggests a higher grade than it did when the current grade was
agreed (the agreed grade keeps what screening suggested then). Screening keeps only
its latest result per child, so "rose" is measured against that agreement, which is
the judgement a practitioner would revisit. A suggestion is a prompt to judge, never
a decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from joinedup.web.analysis import grades
from joinedup.web.analysis.models import AgreedGrade, ScreeningResult
from joinedup.web.children.services.rule_files import grade_label, rule_file_for, schemes
from joinedup.web.people.models import Person

__all__ = ["DueReview", "NewPrompt", "new_prompts", "reviews_due_among"]

DUE_SOON = timedelta(days=14)


@dataclass(frozen=True)
class NewPrompt:
    person_id: str
    scheme: str
    scheme_title: str
    suggested: str
    score: int
    why: str
    screened_at: datetime
    rank: int


@dataclass(frozen=True)
class DueReview:
    person_id: str
    scheme_title: str
    grade: str
    review_due: date
    overdue: bool


def _current_agreement(scheme_field: str = "scheme") -> Exists:
    return Exists(AgreedGrade.objects.filter(
        person=OuterRef("person"), scheme=OuterRef(scheme_field),
        superseded_by__isnull=True))  # fmt: skip


def _rank(scheme: str, grade: str) -> int:
    rules = rule_file_for(scheme)
    ids = [g.id for g in rules.grades] if rules else []
    return ids.index(grade) if grade in ids else -1


def new_prompts(visible: QuerySet[Person]) -> list[NewPrompt]:
    """Prompts among the visible children, highest grade and score first.

    The candidates (results at a prompt grade, and results of children with an agreed
    grade) are few in any borough, so they are found first and checked against the
    user's visible children after: cheaper than filtering every result by visibility.
    """
    results = ScreeningResult.objects.select_related("person").defer("indicators")
    at_prompt = Q(pk__in=[])
    for scheme, rules in schemes().items():
        at_prompt |= Q(scheme=scheme, suggested_grade__in=list(rules.prompt_grades))
    ungraded = list(results.filter(at_prompt).exclude(_current_agreement()))
    graded = list(results.filter(_current_agreement()))
    mine = set(visible.filter(pk__in=sorted({r.person_id for r in ungraded + graded}))
               .values_list("pk", flat=True))  # fmt: skip
    prompts = [_prompt(r, "No grade agreed yet") for r in ungraded if r.person_id in mine]
    prompts += _risen([r for r in graded if r.person_id in mine])
    return sorted(prompts, key=lambda p: (-p.rank, -p.score, p.person_id))


def _risen(results: list[ScreeningResult]) -> list[NewPrompt]:
    agreed = {
        (a.person_id, a.scheme): a
        for a in AgreedGrade.objects.filter(
            person_id__in=[r.person_id for r in results], superseded_by__isnull=True)
    }  # fmt: skip
    found = []
    for result in results:
        agreement = agreed[(result.person_id, result.scheme)]
        before = _rank(result.scheme, agreement.suggested_grade)
        if _rank(result.scheme, result.suggested_grade) > before >= 0:
            was = grade_label(result.scheme, agreement.suggested_grade)
            when = timezone.localtime(agreement.recorded_at)
            agreed_on = f"{when.day} {when:%B %Y}"
            found.append(_prompt(result, f"Suggested grade rose from {was} since the grade "
                                         f"was agreed on {agreed_on}"))  # fmt: skip
    return found


def _prompt(result: ScreeningResult, why: str) -> NewPrompt:
    rules = rule_file_for(result.scheme)
    return NewPrompt(
        person_id=result.person.person_id,
        scheme=result.scheme,
        scheme_title=rules.title if rules else result.scheme,
        suggested=grade_label(result.scheme, result.suggested_grade),
        score=result.score,
        why=why,
        screened_at=result.screened_at,
        rank=_rank(result.scheme, result.suggested_grade),
    )


def reviews_due_among(visible: QuerySet[Person], today: date) -> list[DueReview]:
    """Current agreed grades of visible children due for review within two weeks."""
    due = grades.reviews_due(today + DUE_SOON)
    allowed = set(visible.filter(pk__in=[a.person_id for a in due]).values_list("pk", flat=True))
    return [
        DueReview(
            person_id=a.person.person_id,
            scheme_title=(rules.title if (rules := rule_file_for(a.scheme)) else a.scheme),
            grade=grade_label(a.scheme, a.grade),
            review_due=a.review_due,
            overdue=a.review_due <= today,
        )
        for a in due
        if a.person_id in allowed
    ]
