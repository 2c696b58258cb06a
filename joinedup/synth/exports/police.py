"""Midshire Police: CSV, UK dates, upper-case names, semicolon-separated lists."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from joinedup.synth.distortions import SourceRecord
from joinedup.synth.events import Event
from joinedup.synth.exports.base import (
    ExportWriter,
    day_month_year,
    phone_as_written,
    registration_as_written,
)
from joinedup.synth.identifiers import IdentifierCounters
from joinedup.synth.people import Person

__all__ = ["PoliceExport"]

NOMINAL_COLUMNS = [
    "NOMINAL_REF",
    "SURNAME",
    "FORENAMES",
    "DOB",
    "SEX",
    "SELF_DEFINED_ETHNICITY",
    "ALIASES",
    "PNC_ID",
    "ADDRESS",
    "POSTCODE",
    "PHONES",
]
OCCURRENCE_COLUMNS = [
    "OCC_REF",
    "OCC_TYPE",
    "OCC_DATETIME",
    "REPORTED_DATE",
    "LOCATION_NAME",
    "LOCATION_TYPE",
    "LOCATION_POSTCODE",
    "SUMMARY",
    "NARRATIVE",
    "SUBJECT_REFS",
    "VICTIM_REFS",
    "SUSPECT_REFS",
    "ASSOCIATE_REFS",
    "VRMS",
    "PHONE_NUMBERS",
    "GRADE",
]
# Self-defined ethnicity (16+1 style) for each canonical code.
ETHNICITY_CODES = {
    "white_british": "W1",
    "white_irish": "W2",
    "white_gypsy_irish_traveller": "W3",
    "white_roma": "W9",
    "white_other": "W9",
    "mixed_white_black_caribbean": "M1",
    "mixed_white_black_african": "M2",
    "mixed_white_asian": "M3",
    "mixed_other": "M9",
    "asian_indian": "A1",
    "asian_pakistani": "A2",
    "asian_bangladeshi": "A3",
    "asian_other": "A9",
    "asian_chinese": "O1",
    "black_caribbean": "B1",
    "black_african": "B2",
    "black_other": "B9",
    "other_arab": "O9",
    "other_any": "O9",
}
LOCATION_CODES = {
    "home": "HOME",
    "care_home": "RES",
    "takeaway": "TAKE",
    "hotel": "HOTEL",
    "taxi_firm": "TAXI",
    "shop": "SHOP",
    "park": "PARK",
    "transport_hub": "STN",
    "licensed_premises": "PUB",
    "health_setting": "HOSP",
    "school": "SCH",
    "street": "STR",
    "online_space": "ONL",
    "other": "OTH",
}
_ROLE_COLUMNS = {"subject": 0, "victim": 1, "suspect": 2, "associate": 3}
_FOLLOW_UPS = (
    "Officer attended; details recorded.",
    "Details passed to the MASH.",
    "Initial account taken; further enquiries to follow.",
    "No further police action at this time.",
)


def _police_ethnicity(rng: random.Random, code: str) -> str:
    roll = rng.random()
    if roll < 0.35:
        return ""
    return "NS" if roll < 0.40 else ETHNICITY_CODES.get(code, "O9")


class PoliceExport(ExportWriter):
    agency = "POL"
    folder_name = "police"
    kind = "police"
    name = "Midshire Police"
    file_format = "csv"

    def __init__(self, out_dir: Path, counters: IdentifierCounters) -> None:
        super().__init__(out_dir)
        self.counters = counters
        self._files = [self.folder / "nominals.csv", self.folder / "occurrences.csv"]
        self._handles = [p.open("w", encoding="utf-8", newline="") for p in self._files]
        self.nominals = csv.writer(self._handles[0])
        self.occurrences = csv.writer(self._handles[1])
        self.nominals.writerow(NOMINAL_COLUMNS)
        self.occurrences.writerow(OCCURRENCE_COLUMNS)

    def new_person_id(self, person: Person) -> str:
        self.people += 1
        return f"NOM{self.people:07d}"

    def _dob(self, record: SourceRecord) -> str:
        if record.dob is None:
            return ""
        return (
            record.dob.strftime("%m/%Y")
            if record.dob_precision == "month"
            else day_month_year(record.dob)
        )

    def _pnc(self, record: SourceRecord, rng: random.Random) -> str:
        person = record.person
        chance = 0.6 if person.of_concern else (0.15 if person.role == "adult" else 0.03)
        return self.counters.next_pnc_id(person.dob.year + 18) if rng.random() < chance else ""

    def write_person(self, record: SourceRecord, rng: random.Random) -> None:
        home = record.residence
        sex = "U" if rng.random() < 0.02 else record.person.sex[0].upper()
        phones = [phone_as_written(rng, p) for p in record.person.phones]
        self.nominals.writerow(
            [
                record.source_id,
                record.surname.upper(),
                " ".join(record.forenames).upper(),
                self._dob(record),
                sex,
                _police_ethnicity(rng, record.person.ethnicity),
                ";".join(a.upper() for a in record.aliases),
                self._pnc(record, rng),
                home.line.upper() if home else "",
                home.postcode if home else "",
                ";".join(phones),
            ]
        )

    def write_event(
        self, event: Event, source_id: str, refs: list[tuple[str, str]], rng: random.Random
    ) -> None:
        roles: list[list[str]] = [[], [], [], []]
        for ref, role in refs:
            roles[_ROLE_COLUMNS[role]].append(ref)
        place = event.place
        reported = (
            event.when.date()
            if rng.random() < 0.7
            else event.when.date().fromordinal(event.when.date().toordinal() + rng.randint(1, 3))
        )
        self.occurrences.writerow(
            [
                source_id,
                event.code,
                event.when.strftime("%d/%m/%Y %H:%M"),
                day_month_year(reported),
                place.name.upper() if place else "",
                LOCATION_CODES[place.kind] if place else "",
                place.postcode if place else "",
                event.summary,
                f"{event.summary} {rng.choice(_FOLLOW_UPS)}",
                *(";".join(r) for r in roles),
                ";".join(registration_as_written(rng, v) for v in event.vehicles),
                ";".join(phone_as_written(rng, p) for p in event.phones),
                event.grade,
            ]
        )

    def close(self) -> list[str]:
        for handle in self._handles:
            handle.close()
        return [self.relative(p) for p in self._files]
