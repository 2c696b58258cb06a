"""Dates within the borough's window and within a person's life."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from joinedup.synth.people import Person

__all__ = ["day_at_age", "later", "moment", "within"]


def within(day: date, first: date, last: date) -> bool:
    return first <= day <= last


def birthday(person: Person, age: int) -> date:
    try:
        return person.dob.replace(year=person.dob.year + age)
    except ValueError:  # 29 February
        return person.dob.replace(year=person.dob.year + age, day=28)


def day_at_age(
    rng: random.Random, person: Person, youngest: int, oldest: int, first: date, last: date
) -> date | None:
    """A random day when the person is aged youngest..oldest, inside first..last."""
    start = max(birthday(person, youngest), first)
    end = min(birthday(person, oldest + 1) - timedelta(days=1), last)
    if start > end:
        return None
    return start + timedelta(days=rng.randint(0, (end - start).days))


def later(rng: random.Random, day: date, fewest_days: int, most_days: int) -> date:
    return day + timedelta(days=rng.randint(fewest_days, most_days))


def moment(rng: random.Random, day: date, night: bool = False) -> datetime:
    """A time of day on `day`; `night` favours the evening and small hours."""
    hour = rng.choice((20, 21, 22, 23, 0, 1, 2, 3)) if night else rng.randint(8, 19)
    return datetime.combine(day, time(hour, rng.choice((0, 5, 10, 15, 20, 30, 40, 45, 50))))
