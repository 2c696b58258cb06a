"""The true people of the borough, and how their names are chosen.

A `Person` is the ground truth; agencies only ever see distorted copies of it.
Names are drawn from the name lists of the person's group (data/forenames.csv,
data/surnames.csv), by birth decade where the list has decades.
"""

from __future__ import annotations

import bisect
import itertools
import random
from dataclasses import dataclass, field
from datetime import date

from joinedup.synth.data import PopulationGroup, forenames, population, surnames

__all__ = ["Person", "Residence", "draw_group", "draw_forenames", "draw_surname", "group_for"]


@dataclass(slots=True)
class Residence:
    line: str
    postcode: str
    start: date
    end: date | None = None


@dataclass(slots=True, eq=False)
class Person:
    pid: str
    forenames: list[str]
    """First name, then any middle names."""
    surname: str
    dob: date
    sex: str
    """female or male."""
    ethnicity: str
    household_id: str
    role: str
    """child or adult."""
    residences: list[Residence] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    twin_of: str = ""
    step_surname: str = ""
    """A stepfather's surname some agencies record instead of the true one."""
    aliases: list[str] = field(default_factory=list)
    vehicles: list[str] = field(default_factory=list)
    nhs_number: str = ""
    upn: str = ""
    school: str = ""
    licence_no: str = ""
    taxi_operator: str = ""
    """The operator licence of the taxi firm a licensed driver works for."""
    contact_phone: str = ""
    """For a child: a parent's phone, which schools and health record."""
    of_concern: bool = False
    in_health: bool = False
    """Registered with the borough's health services (has a health record)."""

    @property
    def first_name(self) -> str:
        return self.forenames[0]

    def age_on(self, day: date) -> int:
        before_birthday = (day.month, day.day) < (self.dob.month, self.dob.day)
        return day.year - self.dob.year - int(before_birthday)

    def residence_on(self, day: date) -> Residence | None:
        for residence in reversed(self.residences):
            if residence.start <= day:
                return residence
        return self.residences[0] if self.residences else None


def _cumulative_shares() -> tuple[list[float], tuple[PopulationGroup, ...]]:
    groups = population()
    return list(itertools.accumulate(g.share for g in groups)), groups


def draw_group(rng: random.Random) -> PopulationGroup:
    """A population group by its share of the borough's residents."""
    cumulative, groups = _cumulative_shares()
    index = bisect.bisect_left(cumulative, rng.random() * cumulative[-1])
    return groups[min(index, len(groups) - 1)]


def group_for(ethnicity: str) -> PopulationGroup:
    return next(g for g in population() if g.ethnicity == ethnicity)


def _decade(year: int) -> str:
    return str(min(max(year // 10 * 10, 1950), 2010))


def _pick_forename(rng: random.Random, name_list: str, sex: str, year: int) -> str:
    table = forenames()
    names = table.get((name_list, sex, _decade(year))) or table[(name_list, sex, "")]
    return rng.choice(names)


def draw_forenames(rng: random.Random, group: PopulationGroup, sex: str, year: int) -> list[str]:
    """A first name and, for most people, a middle name (from the English list at times)."""
    first = _pick_forename(rng, group.forename_list, sex, year)
    if rng.random() < 0.4:
        return [first]
    middle_list = group.forename_list if rng.random() < 0.7 else "english"
    middle = _pick_forename(rng, middle_list, sex, year)
    return [first] if middle == first else [first, middle]


def draw_surname(rng: random.Random, group: PopulationGroup) -> str:
    return rng.choice(surnames()[group.surname_list])
