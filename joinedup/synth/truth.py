"""The ground truth (truth/): who every source record really is, which children were
exploited and by which network, and every event. Never imported by joinedup."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from joinedup.records.normalise import normalise_phone
from joinedup.synth.distortions import SourceRecord
from joinedup.synth.events import Event, canonical_type
from joinedup.synth.exploitation import ChildOutcome
from joinedup.synth.networks import Network
from joinedup.synth.people import Person

__all__ = ["TruthWriter"]

_FILES = {
    "persons": ["agency", "source_id", "true_person_id", "distortions"],
    "children": [
        "true_person_id",
        "exploited",
        "first_indicator_date",
        "first_protective_action_date",
        "network_id",
        "scenario",
    ],
    "networks": [
        "network_id",
        "scenario",
        "member_ids",
        "adult_ids",
        "child_ids",
        "places",
        "vehicles",
        "phones",
        "organisations",
    ],
    "people": [
        "true_person_id",
        "forenames",
        "surname",
        "dob",
        "sex",
        "ethnicity",
        "household_id",
        "twin_of",
        "role",
    ],
    "events": ["agency", "source_id", "true_person_ids", "event_type", "date", "indicator"],
}


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


class TruthWriter:
    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._handles = {
            n: (folder / f"{n}.csv").open("w", encoding="utf-8", newline="") for n in _FILES
        }
        self._writers = {n: csv.writer(h) for n, h in self._handles.items()}
        for name, columns in _FILES.items():
            self._writers[name].writerow(columns)

    def source_record(self, record: SourceRecord) -> None:
        self._writers["persons"].writerow(
            [record.agency, record.source_id, record.person.pid, ";".join(record.distortions)]
        )

    def event(self, event: Event, source_id: str) -> None:
        self._writers["events"].writerow(
            [
                event.agency,
                source_id,
                ";".join(p.pid for p in event.people),
                canonical_type(event.agency, event.code),
                event.when.date().isoformat(),
                int(event.indicator),
            ]
        )

    def person(self, person: Person) -> None:
        self._writers["people"].writerow(
            [
                person.pid,
                " ".join(person.forenames),
                person.surname,
                person.dob.isoformat(),
                person.sex,
                person.ethnicity,
                person.household_id,
                person.twin_of,
                person.role,
            ]
        )

    def child(self, child: Person, outcome: ChildOutcome | None) -> None:
        if outcome is None:
            self._writers["children"].writerow([child.pid, 0, "", "", "", ""])
            return
        self._writers["children"].writerow(
            [
                child.pid,
                1,
                _iso(outcome.first_indicator),
                _iso(outcome.first_protective_action),
                outcome.network_id,
                outcome.scenario,
            ]
        )

    def network(self, network: Network) -> None:
        adults = [a.pid for a in network.adults]
        children = [c.pid for c in network.children]
        places = sorted({f"{p.name}, {p.postcode}" for p in network.places})
        firms = sorted(
            {f.key if f.kind == "taxi_firm" else f"{f.name}, {f.postcode}" for f in network.firms}
        )
        self._writers["networks"].writerow(
            [
                network.nid,
                network.scenario,
                ";".join(adults + children),
                ";".join(adults),
                ";".join(children),
                ";".join(places),
                ";".join(network.vehicles),
                ";".join(sorted({normalise_phone(p) for p in network.phones})),
                ";".join(firms),
            ]
        )

    def close(self) -> list[str]:
        for handle in self._handles.values():
            handle.close()
        return [f"truth/{n}.csv" for n in _FILES]
