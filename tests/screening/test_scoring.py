"""Points by window, grading by score, and who counts as a child."""

from __future__ import annotations

from datetime import date

import pytest

from joinedup.screening import load_rule_file, screen_children
from tests.screening.histories import AS_OF, CHILD, build_history

OVERNIGHT = {"type": "missing_episode", "agency": "POL", "summary": "Missing overnight."}
ABSENCE = {"type": "school_absence", "agency": "EDU"}


def _score(specs: list[dict[str, object]], age: float = 14, as_of: date = AS_OF) -> tuple[int, str]:
    results = screen_children(build_history(specs, age), as_of=as_of)
    found = [r for r in results if r.person_id == CHILD]
    return (found[0].score, found[0].suggested_grade) if found else (-1, "not screened")


# a missing episode is also 'staying out late' (moderate: 1 point within 6 months)
@pytest.mark.parametrize(
    ("days_ago", "points"), [(10, 5 + 1), (170, 5 + 1), (200, 1), (360, 1), (400, 0)]
)
def test_significant_scores_five_within_six_months_one_within_twelve(
    days_ago: int, points: int
) -> None:
    assert _score([{**OVERNIGHT, "days_ago": days_ago}])[0] == points


@pytest.mark.parametrize(("days_ago", "points"), [(30, 1), (150, 1), (200, 0)])
def test_moderate_scores_one_only_in_the_last_six_months(days_ago: int, points: int) -> None:
    assert _score([{**ABSENCE, "days_ago": days_ago}])[0] == points


def test_a_vulnerability_counts_whenever_it_was_recorded() -> None:
    assert _score([{"type": "looked_after_start", "days_ago": 3000}])[0] == 1


def test_each_rule_counts_once_however_many_events_match() -> None:
    assert _score([{**ABSENCE, "days_ago": d} for d in (10, 20, 30, 40)])[0] == 1


def test_events_after_the_evaluation_date_are_ignored() -> None:
    assert _score([OVERNIGHT], as_of=date(2020, 1, 1))[0] == 0


@pytest.mark.parametrize(
    ("specs", "grade"),
    [
        ([ABSENCE], "not_at_risk"),
        ([OVERNIGHT], "mild"),  # 5 + 1
        (
            [
                OVERNIGHT,
                {"type": "sti_diagnosis", "agency": "HLT"},
                {"type": "disclosure_withdrawn", "agency": "POL", "role": "victim"},
            ],
            "moderate",
        ),  # 6+1+1+5
        (
            [
                OVERNIGHT,
                {"type": "disclosure_withdrawn", "agency": "POL", "role": "victim"},
                {"type": "found_with_adult", "agency": "POL"},
            ],
            "significant",
        ),  # 6+6+5
    ],
)
def test_grades_follow_the_seraf_bands(specs: list[dict[str, object]], grade: str) -> None:
    assert _score(specs)[1] == grade


def test_a_person_of_eighteen_or_more_is_not_screened() -> None:
    assert _score([OVERNIGHT], age=18.2)[1] == "not screened"


def test_the_grade_is_only_a_suggestion_with_the_scheme_and_version() -> None:
    [result] = screen_children(build_history([OVERNIGHT]), as_of=AS_OF)
    assert (result.scheme, result.rules_version) == ("seraf", load_rule_file().version)
    [missing, late] = result.indicators
    assert [e.event_type for e in missing.evidence] == ["missing_episode"]
    assert late.evidence[0].agency == "POL" and late.evidence[0].date < AS_OF
