"""When an item must be decided: working days from the moment it was logged.

The number of working days comes from data/deadlines.yaml by the item's grade (the first
rule that matches, else the default); weekends and the file's bank holidays are skipped.
The deadline is the end of the last working day (17:00 UK time, the close of the
working day), so an item logged on a Friday afternoon with two days is due at 17:00 on
Tuesday.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from joinedup.web.intelligence.services.vocabulary import bank_holidays, deadline_rules

__all__ = [
    "END_OF_DAY",
    "add_working_days",
    "decide_by",
    "is_working_day",
    "remind_before",
    "working_days_for",
]

END_OF_DAY = time(17, 0)
_GRADE_KEYS = {
    "source_evaluation": "grade_source",
    "intelligence_assessment": "grade_intelligence",
    "handling_code": "grade_handling",
}


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays()


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day after `start` (start itself is not counted)."""
    day = start
    left = days
    while left > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def _matches(rule: dict[str, Any], grade: dict[str, str]) -> bool:
    return all(
        grade.get(_GRADE_KEYS[part], "") in [str(c) for c in codes]
        for part, codes in rule.items()
        if part in _GRADE_KEYS
    )


def working_days_for(grade: dict[str, str]) -> int:
    """grade: {grade_source, grade_intelligence, grade_handling} -> working days to decide."""
    rules = deadline_rules()
    for rule in rules.get("rules") or []:
        if _matches(rule, grade):
            return int(rule["working_days"])
    return int(rules["default_working_days"])


def decide_by(logged_at: datetime, grade: dict[str, str]) -> datetime:
    """The end of the working day by which an item logged at `logged_at` must be decided."""
    local = timezone.localtime(logged_at)
    day = add_working_days(local.date(), working_days_for(grade))
    return timezone.make_aware(datetime.combine(day, END_OF_DAY))


def remind_before() -> timedelta:
    return timedelta(hours=int(deadline_rules()["remind_hours"]))
