"""The borough's streets, postcodes, schools and businesses, built once from the seed.

Streets get one to four postcodes each in the fictional 'MS' area; an address is a
house number on a street. Schools and businesses are few, so they are borough-wide.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from joinedup.synth.data import place_words
from joinedup.synth.identifiers import IdentifierCounters, postcode

__all__ = ["Business", "Geography", "build_geography"]


@dataclass(frozen=True, slots=True)
class Business:
    key: str
    name: str
    kind: str
    """Place kind: takeaway, hotel, taxi_firm, park, ..."""
    line: str
    postcode: str
    phone: str = ""


@dataclass(frozen=True, slots=True)
class Geography:
    streets: tuple[tuple[str, tuple[str, ...]], ...]
    """Street name and its postcodes."""
    schools: tuple[str, ...]
    takeaways: tuple[Business, ...]
    taxi_firms: tuple[Business, ...]
    hotels: tuple[Business, ...]
    public_places: tuple[Business, ...]

    def address(self, rng: random.Random) -> tuple[str, str]:
        """A random house (line, postcode)."""
        street, postcodes = rng.choice(self.streets)
        return f"{rng.randint(1, 180)} {street}", rng.choice(postcodes)


_Streets = tuple[tuple[str, tuple[str, ...]], ...]


def _streets(rng: random.Random, count: int, districts: int) -> _Streets:
    words = place_words()
    streets = []
    for _ in range(count):
        name = f"{rng.choice(words['street_stems'])} {rng.choice(words['street_types'])}"
        codes = tuple(sorted({postcode(rng, districts) for _ in range(rng.randint(1, 4))}))
        streets.append((name, codes))
    return tuple(streets)


def _businesses(
    rng: random.Random, names: list[str], kind: str, prefix: str, streets: _Streets
) -> tuple[Business, ...]:
    found = []
    for index, name in enumerate(names):
        street, postcodes = rng.choice(streets)
        line = f"{rng.randint(1, 99)} {street}"
        found.append(Business(f"{prefix}{index:03d}", name, kind, line, rng.choice(postcodes)))
    return tuple(found)


def build_geography(rng: random.Random, children: int, counters: IdentifierCounters) -> Geography:
    districts = min(40, max(4, children // 2500))
    streets = _streets(rng, max(60, children // 12), districts)
    words = place_words()
    scale = max(1, children // 20000)
    takeaway_names = list(words["takeaway_names"]) * scale
    schools = _school_names(max(4, children // 250))
    public = [
        Business(f"PUB{i:03d}", p["name"], p["kind"], p["name"], rng.choice(rng.choice(streets)[1]))
        for i, p in enumerate(words["other_places"])
    ]
    return Geography(
        streets=streets,
        schools=schools,
        takeaways=_businesses(rng, takeaway_names, "takeaway", "TK", streets),
        taxi_firms=_taxi_firms(rng, streets, counters, scale),
        hotels=_businesses(rng, list(words["hotel_names"]), "hotel", "HT", streets),
        public_places=tuple(public),
    )


def _school_names(count: int) -> tuple[str, ...]:
    stems = place_words()["street_stems"]
    kinds = ("Primary School", "Academy", "C of E Primary School", "High School")
    base = [f"{stem} {kind}" for kind in kinds for stem in stems]
    return tuple(
        base[i % len(base)] + (f" ({i // len(base) + 1})" if i >= len(base) else "")
        for i in range(count)
    )


def _taxi_firms(
    rng: random.Random, streets: _Streets, counters: IdentifierCounters, scale: int
) -> tuple[Business, ...]:
    names = list(place_words()["taxi_firm_names"]) * scale
    firms = _businesses(rng, names, "taxi_firm", "PHO", streets)
    return tuple(
        Business(f"PHO/{i + 1:04d}", f.name, f.kind, f.line, f.postcode, counters.next_phone())
        for i, f in enumerate(firms)
    )
