"""Recording the agreed grade: a practitioner's decision, with reasons and a review date."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.analysis import models as am
from joinedup.web.people.models import Person

REVIEW_AFTER = timedelta(days=91)  # reassess at least every three months (DOMAIN.md §C.11)


def current_agreed_grade(person: Person, scheme: str) -> am.AgreedGrade | None:
    return am.AgreedGrade.objects.filter(
        person=person, scheme=scheme, superseded_by__isnull=True).first()  # fmt: skip


def record_agreed_grade(person: Person, scheme: str, grade: str, rationale: str, user: str,
                        allowed_grades: list[str], review_due: date | None = None,
                        today: date | None = None) -> am.AgreedGrade:  # fmt: skip
    """Record the grade a practitioner agreed; the previous agreement is superseded."""
    if grade not in allowed_grades:
        raise InputError(f"grade {grade!r}: expected one of {', '.join(allowed_grades)}")
    if not rationale.strip():
        raise InputError("an agreed grade needs a rationale: what you weighed and why")
    today = today or timezone.localdate()
    due = review_due or today + REVIEW_AFTER
    if due <= today:
        raise InputError(f"review date {due}: expected a date after today ({today})")
    suggestion = am.ScreeningResult.objects.filter(person=person, scheme=scheme).first()
    with transaction.atomic():
        previous = current_agreed_grade(person, scheme)
        agreed = am.AgreedGrade.objects.create(
            person=person, scheme=scheme, grade=grade, rationale=rationale.strip(),
            suggested_grade=suggestion.suggested_grade if suggestion else "",
            suggested_score=suggestion.score if suggestion else None,
            rules_version=suggestion.rules_version if suggestion else "",
            recorded_by=user, recorded_at=timezone.now(), review_due=due)  # fmt: skip
        if previous is not None:
            previous.superseded_by = agreed
            previous.save(update_fields=["superseded_by"])
    return agreed


def reviews_due(on_or_before: date) -> list[am.AgreedGrade]:
    """Current agreements whose review date has come."""
    return list(am.AgreedGrade.objects.filter(superseded_by__isnull=True,
                                              review_due__lte=on_or_before)
                .select_related("person").order_by("review_due"))  # fmt: skip
