"""What every agency's export writer does, and the formats they share."""

from __future__ import annotations

import random
from abc import ABC, abstractmethod
from datetime import date
from pathlib import Path

from joinedup.synth.distortions import SourceRecord
from joinedup.synth.events import Event
from joinedup.synth.people import Person

__all__ = ["ExportWriter", "phone_as_written", "registration_as_written"]


def phone_as_written(rng: random.Random, national: str) -> str:
    """A phone number written one of the ways people write them."""
    compact = national.replace(" ", "")
    area, local = national.split(" ")
    style = rng.randrange(5)
    if style == 0:
        return compact
    if style == 1:
        return f"+44 {area[1:]} {local}"
    if style == 2:
        return f"+44{compact[1:]}"
    if style == 3 and area.startswith("01"):
        return f"({area}) {local}"
    return national


def registration_as_written(rng: random.Random, registration: str) -> str:
    """'AB12CDE' as an officer might type it: 'AB12 CDE', 'ab12cde', 'AB 12 CDE'..."""
    spaced = f"{registration[:4]} {registration[4:]}"
    return rng.choice(
        (
            spaced,
            registration,
            spaced.lower(),
            registration.lower(),
            f"{registration[:2]} {registration[2:4]} {registration[4:]}",
            f" {spaced} ",
        )
    )


class ExportWriter(ABC):
    """Streams one agency's export: person records, then events, chunk by chunk."""

    agency: str
    folder_name: str
    kind: str
    name: str
    file_format: str

    def __init__(self, out_dir: Path) -> None:
        self.folder = out_dir / self.folder_name
        self.folder.mkdir(parents=True, exist_ok=True)
        self.people = 0
        self.events = 0
        self.chunks_written = 0

    @abstractmethod
    def new_person_id(self, person: Person) -> str:
        """The agency's own key for a new record of `person`."""

    @abstractmethod
    def write_person(self, record: SourceRecord, rng: random.Random) -> None: ...

    @abstractmethod
    def write_event(
        self, event: Event, source_id: str, refs: list[tuple[str, str]], rng: random.Random
    ) -> None:
        """`refs` are (agency person key, canonical role) of the participants."""

    def new_event_id(self, event: Event) -> str:
        self.events += 1
        return f"{self.agency}{self.events:09d}"

    def end_chunk(self) -> None:
        """Flush what a chunk wrote (Parquet writes one row group per chunk)."""
        self.chunks_written += 1

    @abstractmethod
    def close(self) -> list[str]:
        """Close every file; their paths relative to the borough folder."""

    def relative(self, path: Path) -> str:
        return f"{self.folder_name}/{path.name}"


def day_month_year(day: date) -> str:
    return day.strftime("%d/%m/%Y")
