"""The agreed grade: a practitioner's judgement of the child's level of risk.

The grade screening suggests is a prompt; the agreed grade is what a practitioner
decided, with their rationale, and a review date three months on unless they set
another (DOMAIN.md C10-C11). Recording one supersedes, never deletes, the previous
agreement (`web/analysis/grades.py`), and is audited (`grade.record`) in the same
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.web.analysis import grades
from joinedup.web.analysis.models import AgreedGrade, ScreeningResult
from joinedup.web.audit.services import record_event
from joinedup.web.children.services.opening import Opening
from joinedup.web.children.services.rule_files import grade_label, rule_file_for, schemes
from joinedup.web.people.models import Person

__all__ = [
    "AgreedGradeView",
    "SchemeGrades",
    "agreed_grades_of",
    "grade_choices",
    "record_grade",
    "scheme_choices",
]


@dataclass(frozen=True)
class AgreedGradeView:
    grade: str
    rationale: str
    recorded_by: str
    recorded_at: datetime
    review_due: date
    review_overdue: bool
    suggested: str  # what screening suggested then, '' if not screened
    rules_version: str


@dataclass(frozen=True)
class SchemeGrades:
    scheme: str
    title: str
    current: AgreedGradeView | None
    earlier: tuple[AgreedGradeView, ...]


def scheme_choices() -> list[tuple[str, str]]:
    """(scheme, title) of every shipped rule file, the default first."""
    return [(scheme, rules.title) for scheme, rules in schemes().items()]


def grade_choices(scheme: str) -> list[tuple[str, str]]:
    """(grade, label) of a scheme, lowest first; empty for an unknown scheme."""
    rules = rule_file_for(scheme)
    return [(g.id, g.label) for g in rules.grades] if rules else []


def agreed_grades_of(person: Person) -> list[SchemeGrades]:
    """Per scheme screened or graded (the default scheme at least): current and earlier."""
    agreed = list(AgreedGrade.objects.filter(person=person))
    screened = ScreeningResult.objects.filter(person=person).values_list("scheme", flat=True)
    used = {a.scheme for a in agreed} | set(screened)
    ordered = [s for s in schemes() if s in used] + sorted(used - set(schemes()))
    return [_scheme_grades(s, [a for a in agreed if a.scheme == s]) for s in ordered or
            [next(iter(schemes()))]]  # fmt: skip


def _scheme_grades(scheme: str, agreed: list[AgreedGrade]) -> SchemeGrades:
    current = next((a for a in agreed if a.superseded_by_id is None), None)
    rules = rule_file_for(scheme)
    return SchemeGrades(
        scheme=scheme,
        title=rules.title if rules else scheme,
        current=_view(current) if current else None,
        earlier=tuple(_view(a) for a in agreed if a is not current),
    )


def _view(agreed: AgreedGrade) -> AgreedGradeView:
    suggested = ""
    if agreed.suggested_grade:
        label = grade_label(agreed.scheme, agreed.suggested_grade)
        suggested = f"{label}, score {agreed.suggested_score}"
    return AgreedGradeView(
        grade=grade_label(agreed.scheme, agreed.grade),
        rationale=agreed.rationale,
        recorded_by=agreed.recorded_by,
        recorded_at=agreed.recorded_at,
        review_due=agreed.review_due,
        review_overdue=agreed.review_due <= timezone.localdate(),
        suggested=suggested,
        rules_version=agreed.rules_version,
    )


def record_grade(
    opening: Opening,
    choice: tuple[str, str, str, date | None],
    request: HttpRequest | None = None,
) -> AgreedGrade:
    """Record (and audit) the grade agreed: choice is (scheme, grade, rationale, review date)."""
    scheme, grade, rationale, review_due = choice
    allowed = [g for g, _ in grade_choices(scheme)]
    with transaction.atomic():
        agreed = grades.record_agreed_grade(opening.person, scheme, grade, rationale,
                                            opening.user.username, allowed, review_due)  # fmt: skip
        record_event(
            opening.user, "grade.record", target_type="person",
            target_id=opening.person.person_id, purpose=opening.purpose.purpose,
            basis=opening.basis,
            detail={"scheme": scheme, "grade": grade, "review_due": agreed.review_due.isoformat(),
                    "suggested_grade": agreed.suggested_grade, "agreed_grade_id": agreed.pk},
            request=request,
        )  # fmt: skip
    return agreed
