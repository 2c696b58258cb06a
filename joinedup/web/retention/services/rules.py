"""The date arithmetic of the retention schedule: when a record falls due for review.

A rule (data/schedule.yaml) is `permanent`, `birthday: N` (with `if_died_before`),
`years_after: {trigger, years}` or `later_of: [rules]`. Every uncertainty is resolved
towards keeping the record longer, so nothing is destroyed early:

- a partial date of birth (a year, or a month and year) counts from the latest day it
  could mean;
- a date that would fall on 29 February in a year without one moves to 1 March;
- a rule whose date cannot be worked out (no date of birth, say) gives no due date, and
  neither does `later_of` when any of its rules cannot be dated; a birthday rule inside
  `later_of` is left out for a record about no person (a case about a place).

No Django here: the rules are plain functions of the facts a record kind supplies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from joinedup.errors import ConfigurationError
from joinedup.records.partial_dates import PartialDate

__all__ = ["TRIGGERS", "Due", "Facts", "add_years", "check_rule", "due_date"]

Rule = Mapping[str, Any]
TRIGGERS = {"closed": "Closed", "recorded": "Recorded"}


@dataclass(frozen=True, slots=True)
class Facts:
    """What a record kind knows about one record, for the rules to count from."""

    born: PartialDate | None = None
    died: date | None = None
    closed: date | None = None
    recorded: date | None = None
    about_a_person: bool = True


@dataclass(frozen=True, slots=True)
class Due:
    """The day a record falls due for review, the date counted from, and what that was."""

    on: date
    trigger: date
    counts_from: str


def add_years(start: date, years: int) -> date:
    """`years` after `start`; 29 February in a year without one becomes 1 March."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return date(start.year + years, 3, 1)


def due_date(rule: Rule, facts: Facts) -> Due | None:
    """When the record falls due; None when never (permanent) or it cannot be worked out."""
    if rule.get("permanent"):
        return None
    if "later_of" in rule:
        return _later_of(rule["later_of"], facts)
    if "birthday" in rule:
        return _birthday(rule, facts)
    return _years_after(rule["years_after"], facts)


def _later_of(rules: list[Rule], facts: Facts) -> Due | None:
    found = []
    for part in rules:
        if "birthday" in part and not facts.about_a_person:
            continue
        due = due_date(part, facts)
        if due is None:
            return None
        found.append(due)
    return max(found, key=lambda due: due.on) if found else None


def _birthday(rule: Rule, facts: Facts) -> Due | None:
    if facts.born is None:
        return None
    death = rule.get("if_died_before")
    if death and facts.died and facts.died < add_years(facts.born.earliest(), death["age"]):
        return Due(add_years(facts.died, death["years"]), facts.died, "date of death")
    latest = facts.born.latest()
    return Due(add_years(latest, rule["birthday"]), latest, "date of birth")


def _years_after(part: Rule, facts: Facts) -> Due | None:
    trigger = getattr(facts, part["trigger"])
    if trigger is None:
        return None
    return Due(add_years(trigger, part["years"]), trigger, TRIGGERS[part["trigger"]].lower())


def check_rule(rule: Any, where: str) -> None:
    """Raise ConfigurationError naming `where` unless `rule` is a rule the schedule allows."""
    if not isinstance(rule, Mapping) or len(rule.keys() - {"if_died_before"}) != 1:
        raise ConfigurationError(f"{where}: a rule is one of permanent, birthday, "
                                 "years_after or later_of")  # fmt: skip
    if "later_of" in rule:
        for number, part in enumerate(rule["later_of"], start=1):
            check_rule(part, f"{where}: later_of rule {number}")
    elif "birthday" in rule:
        _check_years(rule["birthday"], where)
        death = rule.get("if_died_before")
        if death is not None and not isinstance(death, Mapping):
            raise ConfigurationError(f"{where}: if_died_before needs age and years")
        if death is not None:
            _check_years(death.get("age"), where)
            _check_years(death.get("years"), where)
    elif "years_after" in rule:
        part = rule["years_after"]
        if not isinstance(part, Mapping) or part.get("trigger") not in TRIGGERS:
            raise ConfigurationError(f"{where}: years_after needs a trigger: closed or recorded")
        _check_years(part.get("years"), where)
    elif rule.get("permanent") is not True:
        raise ConfigurationError(f"{where}: unknown rule {sorted(rule)}")


def _check_years(value: Any, where: str) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= 150:
        raise ConfigurationError(f"{where}: {value!r} is not a number of years (1-150)")
