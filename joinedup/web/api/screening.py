"""Screening prompts and the agreed grade: read both, record a grade with its rationale.

A screening result is a prompt for a practitioner's judgement, never a decision; the
agreed grade is the judgement, recorded by a role with `record_agreed_grades`, with a
rationale and a review date (three months on unless another is given). Recording one
supersedes the previous agreement and is audited (`grade.record`), as on the page.
"""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from joinedup.web.api.errors import Invalid, answers
from joinedup.web.api.opening import (
    PERSON_ERRORS,
    PurposeParams,
    open_person,
    require_capability,
)
from joinedup.web.api.people import OpeningOut, opening_out
from joinedup.web.children.services import grades
from joinedup.web.children.services.rule_files import default_scheme
from joinedup.web.children.services.screening import SchemeScreening, screening_of
from joinedup.web.people.models import Person

__all__ = ["router"]

router = Router(tags=["Screening and agreed grade"])


class EvidenceOut(Schema):
    agency: str
    date: str
    event_type: str


class PromptOut(Schema):
    label: str
    category: str
    points: int
    evidence: list[EvidenceOut]
    withheld: int = Field(description="Events behind this indicator the reader may not see.")


class SchemeScreeningOut(Schema):
    scheme: str
    title: str
    rules_version: str
    rules_file: str
    as_of: date
    screened_at: datetime
    score: int
    suggested_grade: str = Field(description="What the rules suggest: a prompt, not a decision.")
    prompts_referral: bool
    prompts: list[PromptOut]
    hidden_indicators: int = Field(description="Indicators resting only on events not shown.")
    hidden_points: int


class ScreeningOut(Schema):
    person: OpeningOut
    screenings: list[SchemeScreeningOut]


@router.get(
    "/people/{person_id}/screening",
    response=answers(ScreeningOut, *PERSON_ERRORS),
    summary="Screening prompts",
)
def screening(request: HttpRequest, person_id: str, purpose: Query[PurposeParams]) -> ScreeningOut:
    """The latest screening under each rule file: each indicator found with the events that
    triggered it, the score and the suggested grade; indicators the reader may not see are
    counted, so the score is never unexplained."""
    opening = open_person(request, person_id, purpose, "screening")
    found = screening_of(opening.person, opening.reader)
    return ScreeningOut(person=opening_out(opening), screenings=[_screening(s) for s in found])


def _screening(found: SchemeScreening) -> SchemeScreeningOut:
    prompts = [
        PromptOut(label=p.label, category=p.category, points=p.points, withheld=p.withheld,
                  evidence=[EvidenceOut(**vars(e)) for e in p.evidence])
        for p in found.prompts
    ]  # fmt: skip
    return SchemeScreeningOut(**(vars(found) | {"prompts": prompts}))


class AgreedGradeOut(Schema):
    grade: str
    rationale: str
    recorded_by: str
    recorded_at: datetime
    review_due: date
    review_overdue: bool
    suggested: str = Field(description="What screening suggested then; '' if not screened.")
    rules_version: str


class SchemeGradesOut(Schema):
    scheme: str
    title: str
    current: AgreedGradeOut | None
    earlier: list[AgreedGradeOut]


class GradesOut(Schema):
    person: OpeningOut
    schemes: list[SchemeGradesOut]


@router.get(
    "/people/{person_id}/grades",
    response=answers(GradesOut, *PERSON_ERRORS),
    summary="Agreed grades",
)
def agreed_grades(request: HttpRequest, person_id: str, purpose: Query[PurposeParams]) -> GradesOut:
    """The grade agreed now under each scheme, with its rationale and review date, and the
    earlier agreements it superseded."""
    opening = open_person(request, person_id, purpose, "grades")
    return GradesOut(person=opening_out(opening), schemes=_schemes(opening.person))


def _schemes(person: Person) -> list[SchemeGradesOut]:
    return [
        SchemeGradesOut(scheme=g.scheme, title=g.title,
                        current=AgreedGradeOut(**vars(g.current)) if g.current else None,
                        earlier=[AgreedGradeOut(**vars(e)) for e in g.earlier])
        for g in grades.agreed_grades_of(person)
    ]  # fmt: skip


class GradeIn(PurposeParams):
    scheme: str = Field("", description="The rule file's scheme; empty: the default scheme.")
    grade: str = Field(description="A grade of the scheme, such as 'significant'.")
    rationale: str = Field(max_length=5000, description="What you weighed and why.")
    review_due: date | None = Field(None, description="When to review it; empty: in 3 months.")


@router.post(
    "/people/{person_id}/grades",
    response=answers(GradesOut, *PERSON_ERRORS, status=201),
    summary="Record an agreed grade",
)
def record_grade(request: HttpRequest, person_id: str, data: GradeIn) -> Status[GradesOut]:
    """Record the grade agreed for the person (roles with `record_agreed_grades`). The
    previous agreement under the scheme is kept as superseded."""
    require_capability(request, "record_agreed_grades", "Your role does not record agreed grades.")
    scheme = data.scheme.strip() or default_scheme()
    if not grades.grade_choices(scheme):
        known = ", ".join(s for s, _ in grades.scheme_choices())
        raise Invalid(f"scheme {scheme!r}: expected one of {known}")
    opening = open_person(request, person_id, data, "grade")
    grades.record_grade(opening, (scheme, data.grade, data.rationale, data.review_due), request)
    return Status(201, GradesOut(person=opening_out(opening), schemes=_schemes(opening.person)))
