"""Midshire Licensing: semicolon-separated CSV in Windows-1252 (cp1252)."""

from __future__ import annotations

import csv
import random
import unicodedata
from pathlib import Path

from joinedup.synth.distortions import SourceRecord
from joinedup.synth.events import Event
from joinedup.synth.exports.base import ExportWriter
from joinedup.synth.geography import Business
from joinedup.synth.people import Person

__all__ = ["LicensingExport", "cp1252_safe"]

HOLDER_COLUMNS = [
    "Licence No",
    "First Name",
    "Last Name",
    "Date of Birth",
    "Phone",
    "Address",
    "Postcode",
]
OPERATOR_COLUMNS = ["Operator Licence", "Trading Name", "Address", "Postcode", "Phone"]
EVENT_COLUMNS = ["Event Ref", "Licence No", "Event", "Date", "VRM", "Operator Licence", "Notes"]
_NOT_DECOMPOSABLE = str.maketrans({"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "ß": "ss"})


def cp1252_safe(text: str) -> str:
    """`text` with letters Windows-1252 cannot hold written without their accents."""
    try:
        text.encode("cp1252")
        return text
    except UnicodeEncodeError:
        pass
    out = []
    for char in text.translate(_NOT_DECOMPOSABLE):
        try:
            char.encode("cp1252")
            out.append(char)
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", char)[0]
            out.append(base if base.isascii() else "?")
    return "".join(out)


class LicensingExport(ExportWriter):
    agency = "LIC"
    folder_name = "licensing"
    kind = "licensing"
    name = "Midshire Licensing"
    file_format = "csv"

    def __init__(self, out_dir: Path, operators: tuple[Business, ...]) -> None:
        super().__init__(out_dir)
        names = ("licence_holders.csv", "operators.csv", "licence_events.csv")
        self._files = [self.folder / n for n in names]
        self._handles = [p.open("w", encoding="cp1252", newline="") for p in self._files]
        self._holders, operators_csv, self._events = (
            csv.writer(h, delimiter=";") for h in self._handles
        )
        self._holders.writerow(HOLDER_COLUMNS)
        operators_csv.writerow(OPERATOR_COLUMNS)
        self._events.writerow(EVENT_COLUMNS)
        for firm in operators:
            operators_csv.writerow([firm.key, firm.name, firm.line, firm.postcode, firm.phone])

    def new_person_id(self, person: Person) -> str:
        self.people += 1
        return person.licence_no

    def write_person(self, record: SourceRecord, rng: random.Random) -> None:
        home = record.residence
        self._holders.writerow(
            [
                record.source_id,
                cp1252_safe(" ".join(record.forenames)),
                cp1252_safe(record.surname),
                record.dob.isoformat() if record.dob else "",
                record.person.phones[0] if record.person.phones else "",
                home.line if home else "",
                home.postcode if home else "",
            ]
        )

    def new_event_id(self, event: Event) -> str:
        self.events += 1
        return f"LE{self.events:07d}"

    def write_event(
        self, event: Event, source_id: str, refs: list[tuple[str, str]], rng: random.Random
    ) -> None:
        self._events.writerow(
            [
                source_id,
                refs[0][0],
                event.code,
                event.when.date().isoformat(),
                event.vehicles[0] if event.vehicles else "",
                event.organisations[0] if event.organisations else "",
                cp1252_safe(event.summary),
            ]
        )

    def close(self) -> list[str]:
        for handle in self._handles:
            handle.close()
        return [self.relative(p) for p in self._files]
