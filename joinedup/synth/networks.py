"""Exploitation networks: adults, children, places, vehicles, phones and businesses.

Exploited children are chosen among those whose teenage years fall inside the window,
in runs of children close in age. Adults are drawn from the same population mix as
every other adult in the borough, by `draw_group`: offender ethnicity is never
stereotyped, it follows the borough's population.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

import yaml

from joinedup.synth.data import data_text
from joinedup.synth.events import Place
from joinedup.synth.geography import Business
from joinedup.synth.households import Borough, new_adult
from joinedup.synth.identifiers import registration
from joinedup.synth.people import Person, Residence, draw_forenames, draw_group, draw_surname
from joinedup.synth.timeline import birthday

__all__ = ["Network", "choose_exploited_runs", "build_network", "scenarios"]


@dataclass(slots=True)
class Network:
    nid: str
    scenario: str
    start: date
    adults: list[Person]
    children: list[Person]
    places: list[Place] = field(default_factory=list)
    vehicles: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    firms: list[Business] = field(default_factory=list)
    """Taxi firms its drivers work for, and takeaways it uses."""


@cache
def scenarios() -> dict[str, dict[str, Any]]:
    loaded: dict[str, dict[str, Any]] = yaml.safe_load(data_text("scenarios.yaml"))["scenarios"]
    return loaded


def _pick_scenario(rng: random.Random) -> str:
    names = sorted(scenarios())
    return rng.choices(names, weights=[scenarios()[n]["weight"] for n in names])[0]


def _eligible(children: list[Person], borough: Borough) -> list[Person]:
    first = borough.start + timedelta(days=365)
    last = borough.end - timedelta(days=365)
    found = [c for c in children if first <= birthday(c, 13) <= last]
    return sorted(found, key=lambda c: (c.dob, c.pid))


def choose_exploited_runs(
    rng: random.Random, borough: Borough, children: list[Person], share: float
) -> list[tuple[str, list[Person]]]:
    """Scenarios with their children: runs of eligible children close in age."""
    pool = _eligible(children, borough)
    target = int(share * len(children) + rng.random())
    runs: list[tuple[str, list[Person]]] = []
    while target >= 2 and len(pool) >= 2:
        scenario = _pick_scenario(rng)
        low, high = scenarios()[scenario]["children"]
        size = min(rng.randint(low, high), len(pool), max(target, 2))
        at = rng.randrange(len(pool) - size + 1)
        runs.append((scenario, pool[at : at + size]))
        del pool[at : at + size]
        target -= size
    return runs


def _alias(rng: random.Random, adult: Person) -> str:
    group = draw_group(rng)
    if rng.random() < 0.5:
        return f"{draw_forenames(rng, group, adult.sex, adult.dob.year)[0]} {adult.surname}"
    return f"{adult.first_name} {draw_surname(rng, group)}"


def _network_adult(borough: Borough, rng: random.Random, start: date, scenario: str) -> Person:
    youngest, oldest = (18, 26) if scenario in ("older_boyfriend", "peer_recruitment") else (19, 48)
    dob = start - timedelta(days=rng.randint(youngest * 365, oldest * 365))
    sex = "male" if rng.random() < 0.92 else "female"
    adult = new_adult(borough, rng, draw_group(rng), sex, dob, borough.new_hid())
    line, code = borough.geography.address(rng)
    adult.residences = [Residence(line, code, start - timedelta(days=rng.randint(100, 3000)))]
    adult.phones = [borough.counters.next_phone() for _ in range(rng.randint(2, 3))]
    if rng.random() < 0.75:
        adult.vehicles = [registration(rng, start.year - rng.randint(0, 6))]
    adult.aliases = sorted({_alias(rng, adult) for _ in range(rng.randint(1, 2))})
    adult.of_concern = True
    return adult


def _places(rng: random.Random, borough: Borough, network: Network) -> None:
    geo = borough.geography
    for kind in scenarios()[network.scenario]["places"]:
        if kind == "house":
            home = rng.choice(network.adults).residences[0]
            network.places.append(Place(home.line, "home", home.postcode, home.line))
        elif kind in ("takeaway", "hotel"):
            business = rng.choice(geo.takeaways if kind == "takeaway" else geo.hotels)
            network.places.append(Place(business.name, kind, business.postcode, business.line))
            if kind == "takeaway":
                network.firms.append(business)
        else:
            spot = rng.choice(geo.public_places)
            network.places.append(Place(spot.name, spot.kind, spot.postcode, spot.line))


def _taxi_drivers(rng: random.Random, borough: Borough, network: Network) -> None:
    drivers = 0
    for adult in network.adults:
        wanted = network.scenario == "takeaways_and_taxis" and drivers < 2
        if adult.sex == "male" and (wanted or rng.random() < 0.1):
            firm = rng.choice(borough.geography.taxi_firms)
            adult.taxi_operator = firm.key
            adult.vehicles.append(registration(rng, network.start.year - rng.randint(0, 4)))
            network.firms.append(firm)
            drivers += 1


def build_network(
    borough: Borough, rng: random.Random, nid: str, scenario: str, children: list[Person]
) -> Network:
    middle = children[len(children) // 2]
    start = birthday(middle, 13) + timedelta(days=rng.randint(-300, 400))
    start = min(max(start, borough.start + timedelta(days=30)), borough.end - timedelta(days=200))
    low, high = scenarios()[scenario]["adults"]
    adults = [_network_adult(borough, rng, start, scenario) for _ in range(rng.randint(low, high))]
    network = Network(nid, scenario, start, adults, list(children))
    _places(rng, borough, network)
    _taxi_drivers(rng, borough, network)
    network.vehicles = sorted({v for a in adults for v in a.vehicles})
    network.phones = sorted({p for a in adults for p in a.phones})
    return network
