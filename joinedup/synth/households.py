"""Households: parents and children sharing a surname and a dated address history,
with twins, step-families (a stepfather's surname used by some agencies) and moves."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from joinedup.synth.data import PopulationGroup
from joinedup.synth.geography import Geography
from joinedup.synth.identifiers import IdentifierCounters
from joinedup.synth.people import (
    Person,
    Residence,
    draw_forenames,
    draw_group,
    draw_surname,
    group_for,
)

__all__ = ["Borough", "Household", "build_household", "random_day"]

# The parent a mixed-heritage child's father is drawn from (mother: White British).
_MIXED_FATHERS = {
    "mixed_white_black_caribbean": "black_caribbean",
    "mixed_white_black_african": "black_african",
    "mixed_white_asian": "asian_pakistani",
    "mixed_other": "other_any",
}
_CHILDREN_PER_HOUSEHOLD = (1, 1, 1, 2, 2, 2, 2, 3, 3, 4)
TWIN_RATE = 0.015
STEP_FAMILY_RATE = 0.12


@dataclass(slots=True)
class Borough:
    """Borough-wide state carried from chunk to chunk (small)."""

    years: tuple[int, int]
    geography: Geography
    counters: IdentifierCounters
    next_pid: int = 0
    next_hid: int = 0
    next_network: int = 0
    next_licence: int = 0

    def new_pid(self) -> str:
        self.next_pid += 1
        return f"T{self.next_pid:07d}"

    def new_hid(self) -> str:
        self.next_hid += 1
        return f"H{self.next_hid:07d}"

    @property
    def end(self) -> date:
        return date(self.years[1], 12, 31)

    @property
    def start(self) -> date:
        return date(self.years[0], 1, 1)


@dataclass(slots=True)
class Household:
    hid: str
    adults: list[Person] = field(default_factory=list)
    children: list[Person] = field(default_factory=list)


def random_day(rng: random.Random, first: date, last: date) -> date:
    span = (last - first).days
    return first + timedelta(days=rng.randint(0, max(span, 0)))


def new_adult(
    borough: Borough, rng: random.Random, group: PopulationGroup, sex: str, dob: date, hid: str
) -> Person:
    return Person(
        pid=borough.new_pid(),
        forenames=draw_forenames(rng, group, sex, dob.year),
        surname=draw_surname(rng, group),
        dob=dob,
        sex=sex,
        ethnicity=group.ethnicity,
        household_id=hid,
        role="adult",
    )


def _birth_dates(rng: random.Random, borough: Borough, count: int) -> list[date]:
    first = random_day(rng, date(borough.years[0] - 8, 1, 1), date(borough.years[1] - 3, 12, 31))
    dates = [first]
    while len(dates) < count:
        if rng.random() < TWIN_RATE:
            dates.append(dates[-1])
            continue
        following = dates[-1] + timedelta(days=rng.randint(400, 2200))
        if following > borough.end - timedelta(days=200):
            break
        dates.append(following)
    return dates


def _residences(borough: Borough, rng: random.Random, since: date) -> list[Residence]:
    line, code = borough.geography.address(rng)
    history = [Residence(line, code, since)]
    moved = since
    while True:
        moved = moved + timedelta(days=int(rng.expovariate(1 / 2900)) + 90)
        if moved >= borough.end:
            return history
        history[-1].end = moved - timedelta(days=1)
        line, code = borough.geography.address(rng)
        history.append(Residence(line, code, moved))


def _parents(
    borough: Borough, rng: random.Random, group: PopulationGroup, first_birth: date, hid: str
) -> list[Person]:
    mother_group = group_for("white_british") if group.ethnicity in _MIXED_FATHERS else group
    father_group = group_for(_MIXED_FATHERS.get(group.ethnicity, group.ethnicity))
    mother_dob = first_birth - timedelta(days=rng.randint(18 * 365, 38 * 365))
    adults = [new_adult(borough, rng, mother_group, "female", mother_dob, hid)]
    if rng.random() < 0.72 or group.ethnicity in _MIXED_FATHERS:
        father_dob = mother_dob - timedelta(days=rng.randint(-3 * 365, 8 * 365))
        adults.append(new_adult(borough, rng, father_group, "male", father_dob, hid))
    return adults


def _child(
    borough: Borough, rng: random.Random, group: PopulationGroup, dob: date, surname: str, hid: str
) -> Person:
    sex = "female" if rng.random() < 0.49 else "male"
    return Person(
        pid=borough.new_pid(),
        forenames=draw_forenames(rng, group, sex, dob.year),
        surname=surname,
        dob=dob,
        sex=sex,
        ethnicity=group.ethnicity,
        household_id=hid,
        role="child",
        nhs_number=borough.counters.next_nhs_number(),
    )


def _add_phones(borough: Borough, rng: random.Random, household: Household) -> None:
    landline = borough.counters.next_phone() if rng.random() < 0.4 else ""
    for adult in household.adults:
        if rng.random() < 0.85:
            adult.phones.append(borough.counters.next_phone())
        if landline:
            adult.phones.append(landline)
    parent_phones = [p for adult in household.adults for p in adult.phones]
    for child in household.children:
        child.contact_phone = parent_phones[0] if parent_phones else ""


def _add_stepfather(borough: Borough, rng: random.Random, household: Household) -> None:
    joined = household.children[0].dob + timedelta(days=rng.randint(2 * 365, 9 * 365))
    if joined >= borough.end or rng.random() >= STEP_FAMILY_RATE:
        return
    mother = household.adults[0]
    group = draw_group(rng)  # a new partner comes from the whole population
    dob = mother.dob - timedelta(days=rng.randint(-3 * 365, 10 * 365))
    stepfather = new_adult(borough, rng, group, "male", dob, household.hid)
    stepfather.residences = mother.residences
    household.adults.append(stepfather)
    for child in household.children:
        if child.surname != stepfather.surname:
            child.step_surname = stepfather.surname


def build_household(borough: Borough, rng: random.Random, most_children: int) -> Household:
    """One household with up to `most_children` children."""
    household = Household(borough.new_hid())
    group = draw_group(rng)
    count = min(most_children, rng.choice(_CHILDREN_PER_HOUSEHOLD))
    births = _birth_dates(rng, borough, count)
    household.adults = _parents(borough, rng, group, births[0], household.hid)
    surname = household.adults[-1].surname
    household.children = [
        _child(borough, rng, group, dob, surname, household.hid) for dob in births
    ]
    for twin, earlier in zip(household.children[1:], household.children, strict=False):
        if twin.dob == earlier.dob:
            twin.twin_of = earlier.pid
            while twin.first_name == earlier.first_name:
                twin.forenames = draw_forenames(rng, group, twin.sex, twin.dob.year)
    since = max(
        births[0] - timedelta(days=rng.randint(0, 1500)), borough.start - timedelta(days=3650)
    )
    residences = _residences(borough, rng, since)
    for person in household.adults + household.children:
        person.residences = residences
    _add_phones(borough, rng, household)
    _add_stepfather(borough, rng, household)
    return household
