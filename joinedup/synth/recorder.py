"""`Recorder`: makes events with their narratives and keeps those inside the window."""

from __future__ import annotations

import random
from datetime import date

from joinedup.synth.events import Event, Place, narrative
from joinedup.synth.households import Borough
from joinedup.synth.people import Person
from joinedup.synth.timeline import moment

__all__ = ["Recorder", "home_place"]


def home_place(person: Person, day: date) -> Place | None:
    residence = person.residence_on(day)
    if residence is None:
        return None
    return Place(residence.line, "home", residence.postcode, residence.line)


class Recorder:
    """Collects one chunk's events."""

    def __init__(self, borough: Borough, rng: random.Random) -> None:
        self.borough = borough
        self.rng = rng
        self.events: list[Event] = []

    def add(
        self,
        agency: str,
        code: str,
        day: date | None,
        participants: list[tuple[Person, str]],
        story: str = "ordinary",
        *,
        key: str = "",
        night: bool = False,
        setting: str = "",
        details: dict[str, str] | None = None,
        **values: str,
    ) -> Event | None:
        """Record an event on `day` if it falls inside the borough's years and the
        agency serves the subject (health and schools only record their own)."""
        if day is None or not self.borough.start <= day <= self.borough.end:
            return None
        subject = participants[0][0]
        if not _serves(agency, subject):
            return None
        values = {**(details or {}), **values}
        values.setdefault("child", subject.first_name)
        summary = narrative(self.rng, agency, key or code, story, **values)
        event = Event(
            agency, code, moment(self.rng, day, night), participants, summary, story == "exploited"
        )
        event.setting = setting
        if agency == "POL":
            event.place = home_place(subject, day)
        self.events.append(event)
        return event


def _serves(agency: str, person: Person) -> bool:
    if agency == "HLT":
        return person.in_health
    if agency == "EDU":
        return bool(person.upn)
    return True
