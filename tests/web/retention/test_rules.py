"""The schedule's date arithmetic: partial dates of birth, death, leap days, later-of."""

from __future__ import annotations

from datetime import date

import pytest

from joinedup.errors import ConfigurationError
from joinedup.records.partial_dates import PartialDate
from joinedup.web.retention.services.rules import Facts, add_years, check_rule, due_date

LOOKED_AFTER = {"birthday": 75, "if_died_before": {"age": 18, "years": 15}}
CHILD_PROTECTION = {"years_after": {"trigger": "closed", "years": 35}}
SPECIALIST = {"later_of": [{"birthday": 25}, {"years_after": {"trigger": "closed", "years": 6}}]}


def test_looked_after_records_are_due_on_the_75th_birthday() -> None:
    due = due_date(LOOKED_AFTER, Facts(born=PartialDate(2001, 6, 15)))
    assert due is not None
    assert (due.on, due.trigger, due.counts_from) == (
        date(2076, 6, 15),
        date(2001, 6, 15),
        "date of birth",
    )


def test_a_year_of_birth_counts_from_its_last_day_so_nothing_is_destroyed_early() -> None:
    due = due_date(LOOKED_AFTER, Facts(born=PartialDate(2001)))
    assert due is not None and due.on == date(2076, 12, 31)


def test_a_month_of_birth_counts_from_the_last_day_of_that_month() -> None:
    due = due_date({"birthday": 25}, Facts(born=PartialDate(2001, 2)))
    assert due is not None and due.on == date(2026, 2, 28)
    leap_born = due_date({"birthday": 25}, Facts(born=PartialDate(2000, 2)))  # 29 February
    assert leap_born is not None and leap_born.on == date(2025, 3, 1)


def test_a_birthday_on_29_february_falls_due_on_1_march_in_other_years() -> None:
    due = due_date(LOOKED_AFTER, Facts(born=PartialDate(2008, 2, 29)))
    assert due is not None and due.on == date(2083, 3, 1)
    assert add_years(date(2008, 2, 29), 4) == date(2012, 2, 29)
    assert add_years(date(2008, 2, 29), 1) == date(2009, 3, 1)


def test_a_child_who_died_before_18_is_due_15_years_after_the_death() -> None:
    due = due_date(LOOKED_AFTER, Facts(born=PartialDate(2001, 6, 15), died=date(2012, 3, 1)))
    assert due is not None
    assert (due.on, due.trigger, due.counts_from) == (
        date(2027, 3, 1),
        date(2012, 3, 1),
        "date of death",
    )


def test_a_death_after_18_leaves_the_75th_birthday() -> None:
    due = due_date(LOOKED_AFTER, Facts(born=PartialDate(2001, 6, 15), died=date(2030, 1, 1)))
    assert due is not None and due.on == date(2076, 6, 15)


def test_a_death_only_possibly_before_18_leaves_the_75th_birthday() -> None:
    """Born some time in 2001: a death in March 2019 may be after the 18th birthday."""
    due = due_date(LOOKED_AFTER, Facts(born=PartialDate(2001), died=date(2019, 3, 1)))
    assert due is not None and due.on == date(2076, 12, 31)


def test_child_protection_is_due_35_years_after_closure() -> None:
    due = due_date(CHILD_PROTECTION, Facts(closed=date(2016, 2, 29)))
    assert due is not None and due.on == date(2051, 3, 1)


def test_later_of_takes_the_later_date() -> None:
    young = due_date(SPECIALIST, Facts(born=PartialDate(2010, 1, 1), closed=date(2020, 5, 1)))
    old = due_date(SPECIALIST, Facts(born=PartialDate(1990, 1, 1), closed=date(2020, 5, 1)))
    assert young is not None and young.on == date(2035, 1, 1)
    assert old is not None and (old.on, old.counts_from) == (date(2026, 5, 1), "closed")


def test_no_date_of_birth_means_no_due_date_rather_than_an_early_one() -> None:
    assert due_date(LOOKED_AFTER, Facts()) is None
    assert due_date(SPECIALIST, Facts(closed=date(2000, 1, 1))) is None


def test_a_record_about_no_person_counts_from_its_closure_only() -> None:
    due = due_date(SPECIALIST, Facts(closed=date(2020, 5, 1), about_a_person=False))
    assert due is not None and due.on == date(2026, 5, 1)


def test_permanent_records_are_never_due() -> None:
    facts = Facts(born=PartialDate(1900), closed=date(1950, 1, 1))
    assert due_date({"permanent": True}, facts) is None
    mixed = {"later_of": [{"permanent": True}, {"birthday": 25}]}
    assert due_date(mixed, Facts(born=PartialDate(1990))) is None


@pytest.mark.parametrize(
    "rule",
    [
        {},
        {"birthday": "75"},
        {"birthday": 0},
        {"years_after": {"trigger": "opened", "years": 6}},
        {"years_after": {"trigger": "closed"}},
        {"birthday": 75, "years_after": {"trigger": "closed", "years": 6}},
        {"later_of": [{"birthday": -1}]},
        {"permanent": "yes"},
    ],
)
def test_a_rule_the_schedule_does_not_allow_is_refused(rule: dict[str, object]) -> None:
    with pytest.raises(ConfigurationError, match="looked_after"):
        check_rule(rule, "schedule.yaml: looked_after")
