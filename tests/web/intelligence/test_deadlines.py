"""Working days and the deadline rules of data/deadlines.yaml."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from joinedup.web.intelligence.services.deadlines import (
    add_working_days,
    decide_by,
    working_days_for,
)


def test_weekends_and_bank_holidays_are_not_working_days() -> None:
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)  # Friday -> Monday
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)  # Easter
    assert add_working_days(date(2026, 12, 24), 2) == date(2026, 12, 30)


def test_first_hand_or_corroborated_intelligence_gets_one_day_and_the_rest_two() -> None:
    grade = {"grade_source": "3", "grade_handling": "P"}
    assert working_days_for({**grade, "grade_intelligence": "A"}) == 1
    assert working_days_for({**grade, "grade_intelligence": "B"}) == 1
    assert working_days_for({**grade, "grade_intelligence": "D"}) == 2
    assert working_days_for({}) == 2


def test_the_deadline_is_the_end_of_the_working_day() -> None:
    logged = timezone.make_aware(datetime(2026, 3, 3, 23, 30))
    due = decide_by(logged, {"grade_intelligence": "E"})
    assert timezone.localtime(due) == timezone.make_aware(datetime(2026, 3, 5, 17, 0))
