"""Private-hire driver licences: grants, renewals every three years, complaints and
suspensions. Some exploiting adults are licensed drivers, so they appear in licensing
and in police intelligence."""

from __future__ import annotations

import random
from datetime import date, timedelta

from joinedup.synth.households import Borough
from joinedup.synth.identifiers import registration
from joinedup.synth.people import Person
from joinedup.synth.recorder import Recorder
from joinedup.synth.timeline import day_at_age

__all__ = ["license_driver"]

_RENEWAL_DAYS = 3 * 365


def _grant_day(rng: random.Random, borough: Borough, driver: Person) -> date | None:
    if driver.of_concern:
        day = borough.start + timedelta(days=rng.randint(0, (borough.end - borough.start).days))
        return max(day, driver.dob + timedelta(days=21 * 365 + 30))
    return day_at_age(rng, driver, 21, 60, borough.start, borough.end)


def license_driver(rec: Recorder, driver: Person) -> None:
    """Give `driver` a licence, a vehicle and an operator, and record its events."""
    rng, borough = rec.rng, rec.borough
    granted = _grant_day(rng, borough, driver)
    if granted is None or granted > borough.end:
        return
    borough.next_licence += 1
    driver.licence_no = f"PH{borough.next_licence:06d}"
    if not driver.taxi_operator:
        driver.taxi_operator = rng.choice(borough.geography.taxi_firms).key
    if not driver.vehicles:
        driver.vehicles.append(registration(rng, granted.year))
    holder = [(driver, "licence_holder")]
    day = granted
    for code in ["GRANT"] + ["RENEW"] * 12:
        event = rec.add("LIC", code, day, holder)
        if event is None:
            break
        event.vehicles, event.organisations = [driver.vehicles[-1]], [driver.taxi_operator]
        if rng.random() < (0.35 if driver.of_concern else 0.04):
            _complaint(rec, driver, day + timedelta(days=rng.randint(30, 900)))
        day += timedelta(days=_RENEWAL_DAYS)


def _complaint(rec: Recorder, driver: Person, day: date) -> None:
    story = "exploited" if driver.of_concern else "ordinary"
    holder = [(driver, "licence_holder")]
    for code, gap in (("COMPLAINT", 0), ("SUSP", 20)):
        event = rec.add("LIC", code, day + timedelta(days=gap), holder, story)
        if event is None or (code == "COMPLAINT" and rec.rng.random() < 0.7):
            if event is not None:
                event.vehicles, event.organisations = [driver.vehicles[-1]], [driver.taxi_operator]
            return
        event.vehicles, event.organisations = [driver.vehicles[-1]], [driver.taxi_operator]
