"""One chunk of the borough: households, their histories, exploitation networks and
licensed drivers. Only a chunk's people are in memory at once."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from joinedup.synth.data import rates
from joinedup.synth.events import Event
from joinedup.synth.exploitation import ChildOutcome, record_exploitation
from joinedup.synth.histories import record_ordinary_history
from joinedup.synth.households import Borough, Household, build_household
from joinedup.synth.licences import license_driver
from joinedup.synth.networks import Network, build_network, choose_exploited_runs
from joinedup.synth.people import Person
from joinedup.synth.recorder import Recorder
from joinedup.synth.timeline import birthday

__all__ = ["Chunk", "generate_chunk"]


@dataclass(slots=True)
class Chunk:
    households: list[Household] = field(default_factory=list)
    network_adults: list[Person] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    networks: list[Network] = field(default_factory=list)
    outcomes: list[ChildOutcome] = field(default_factory=list)

    @property
    def children(self) -> list[Person]:
        return [c for h in self.households for c in h.children]

    @property
    def people(self) -> list[Person]:
        adults = [a for h in self.households for a in h.adults]
        return sorted(adults + self.children + self.network_adults, key=lambda p: p.pid)


def _enrol(borough: Borough, rng: random.Random, child: Person) -> None:
    """Registers the child with health, and with a school if of school age in the window."""
    coverage = rates()["coverage"]
    child.in_health = rng.random() < float(coverage["health"])
    starts_school = date(birthday(child, 4).year, 9, 1)
    leaves = birthday(child, 16)
    if starts_school > borough.end or leaves < borough.start:
        return
    if rng.random() < float(coverage["education"]):
        school = rng.randrange(len(borough.geography.schools))
        child.school = borough.geography.schools[school]
        child.upn = borough.counters.next_upn(2000 + school, max(starts_school, date(1999, 1, 1)))


def _households(borough: Borough, rng: random.Random, children: int) -> list[Household]:
    households: list[Household] = []
    count = 0
    while count < children:
        household = build_household(borough, rng, children - count)
        households.append(household)
        count += len(household.children)
    return households


def _license_drivers(rec: Recorder, chunk: Chunk) -> None:
    share = float(rates()["coverage"]["taxi_driver_share"])
    for household in chunk.households:
        for adult in household.adults:
            if adult.sex == "male" and rec.rng.random() < share:
                license_driver(rec, adult)
    for adult in chunk.network_adults:
        if adult.taxi_operator:
            license_driver(rec, adult)


def generate_chunk(borough: Borough, rng: random.Random, children: int) -> Chunk:
    chunk = Chunk(households=_households(borough, rng, children))
    for child in chunk.children:
        _enrol(borough, rng, child)
    rec = Recorder(borough, rng)
    for household in chunk.households:
        record_ordinary_history(rec, household)
    share = float(rates()["coverage"]["exploited_share"])
    for scenario, kids in choose_exploited_runs(rng, borough, chunk.children, share):
        borough.next_network += 1
        network = build_network(borough, rng, f"N{borough.next_network:05d}", scenario, kids)
        chunk.networks.append(network)
        chunk.network_adults.extend(network.adults)
        chunk.outcomes.extend(record_exploitation(rec, network))
    _license_drivers(rec, chunk)
    chunk.events = sorted(rec.events, key=lambda e: e.when)
    return chunk


def last_seen(events: list[Event], person: Person, end: date) -> date:
    """When an agency last updated its record of `person`."""
    days = [e.when.date() for e in events]
    if days:
        return max(days)
    return min(end, birthday(person, 18) - timedelta(days=1)) if person.role == "child" else end
