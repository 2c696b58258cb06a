"""Synthetic inquiry documents with their true identifying spans, to measure redaction.

`known_people_from_borough` reads a `joinedup synth` borough folder into the people an
index would hold (names and dates of birth from the ground truth; addresses, postcodes,
phones, NHS numbers and aliases from the agencies' exports; vehicles from the networks).
`generate_documents` writes case notes, police reports, letters and e-mails about them
from `data/documents_templates.yaml`, naming people in varied forms (nicknames, initials,
capitals, "SURNAME, Forename", possessives) among words that only look like names
(streets, places and schools of the borough, professionals by role, months). Each
document carries its true spans: every identifying stretch, its category and person.

Everything here is SYNTHETIC; no real person is described.
"""

from __future__ import annotations

import csv
import json
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import yaml

from joinedup.disclosure.redaction import KnownPerson, Span
from joinedup.errors import FileFormatError
from joinedup.synth.data import name_alternatives, place_words
from joinedup.synth.identifiers import registration

__all__ = [
    "KINDS",
    "SyntheticDocument",
    "generate_documents",
    "known_people_from_borough",
]

KINDS = ("case_note", "police_report", "letter", "email")
TEMPLATES = Path(__file__).resolve().parent / "data" / "documents_templates.yaml"
_MONTHS = ("January February March April May June July August September October "
           "November December").split()  # fmt: skip
_SLOT = re.compile(r"\{(?:([cap])\.)?(\w+)\}")
_NAME_FORMS = (
    ("full", 30), ("forename", 30), ("surname_caps", 8), ("surname_first", 6),
    ("initial", 8), ("nickname", 8), ("caps", 6), ("surname", 4),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class SyntheticDocument:
    """One synthetic document and every identifying span in it (`source` "truth")."""

    kind: str
    title: str
    text: str
    spans: tuple[Span, ...]


# --- the people an index would hold ---------------------------------------------------


def known_people_from_borough(folder: Path) -> list[KnownPerson]:
    """The borough's people as an index would know them, in true-person-id order."""
    folder = Path(folder)
    truth = folder / "truth" / "people.csv"
    if not truth.is_file():
        raise FileFormatError(str(folder), "not a joinedup synth borough (no truth/people.csv)")
    details: dict[str, dict[str, Any]] = {}
    for agency, source_id, person_id in _person_sources(folder):
        record = _agency_records(folder).get((agency, source_id))
        if record:
            found = details.setdefault(person_id, {})
            for field, value in record.items():
                if value and not found.get(field):
                    found[field] = value
    vehicles = _vehicles_by_adult(folder)
    people = []
    for row in _read_csv(truth):
        found = details.get(row["true_person_id"], {})
        people.append(
            KnownPerson(
                ref=row["true_person_id"],
                forenames=row["forenames"],
                surname=row["surname"],
                other_names=tuple(found.get("other_names", ())),
                dob=row["dob"],
                postcode=found.get("postcode", ""),
                address=found.get("address", ""),
                phone=found.get("phone", ""),
                nhs_number=found.get("nhs_number", ""),
                vehicle=vehicles.get(row["true_person_id"], ""),
            )
        )
    return people


def _read_csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def _person_sources(folder: Path) -> list[tuple[str, str, str]]:
    rows = _read_csv(folder / "truth" / "persons.csv")
    return [(r["agency"], r["source_id"], r["true_person_id"]) for r in rows]


def _agency_records(folder: Path) -> dict[tuple[str, str], dict[str, Any]]:
    return _cached_agency_records(str(folder.resolve()))


@cache
def _cached_agency_records(folder_name: str) -> dict[tuple[str, str], dict[str, Any]]:
    folder = Path(folder_name)
    records: dict[tuple[str, str], dict[str, Any]] = {}
    for reader in (_social_care, _health, _police, _licensing):
        records.update(reader(folder))
    return records


def _social_care(folder: Path) -> dict[tuple[str, str], dict[str, Any]]:
    path = folder / "social_care" / "people.jsonl"
    found: dict[tuple[str, str], dict[str, Any]] = {}
    if not path.is_file():
        return found
    for line in path.read_text("utf-8").splitlines():
        row = json.loads(line)
        address = (row.get("addresses") or [{}])[-1]
        found[("CSC", row["personId"])] = {
            "address": address.get("line", ""),
            "postcode": address.get("postcode", ""),
            "nhs_number": (row.get("identifiers") or {}).get("nhsNumber", ""),
        }
    return found


def _health(folder: Path) -> dict[tuple[str, str], dict[str, Any]]:
    path = folder / "health" / "patients.parquet"
    if not path.is_file():
        return {}
    return {
        ("HLT", row["patient_id"]): {
            "nhs_number": row["nhs_number"] or "",
            "phone": row["phone"] or "",
            "postcode": row["postcode"] or "",
        }
        for row in pq.read_table(path).to_pylist()
    }


def _police(folder: Path) -> dict[tuple[str, str], dict[str, Any]]:
    path = folder / "police" / "nominals.csv"
    if not path.is_file():
        return {}
    return {
        ("POL", row["NOMINAL_REF"]): {
            "address": row["ADDRESS"].title(),
            "postcode": row["POSTCODE"],
            "phone": row["PHONES"].split(";")[0],
            "other_names": [a.title() for a in row["ALIASES"].split(";") if a],
        }
        for row in _read_csv(path)
    }


def _licensing(folder: Path) -> dict[tuple[str, str], dict[str, Any]]:
    path = folder / "licensing" / "licence_holders.csv"
    if not path.is_file():
        return {}
    return {
        ("LIC", row["Licence No"]): {
            "address": row["Address"],
            "postcode": row["Postcode"],
            "phone": row["Phone"],
        }
        for row in _read_csv(path, delimiter=";")
    }


def _vehicles_by_adult(folder: Path) -> dict[str, str]:
    path = folder / "truth" / "networks.csv"
    if not path.is_file():
        return {}
    found: dict[str, str] = {}
    for row in _read_csv(path):
        adults = [a for a in row["adult_ids"].split(";") if a]
        for adult, vehicle in zip(
            adults, [v for v in row["vehicles"].split(";") if v], strict=False
        ):
            found.setdefault(adult, vehicle)
    return found


# --- documents ------------------------------------------------------------------------


@cache
def _templates() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(TEMPLATES.read_text("utf-8"))
    return data


def generate_documents(
    known: Sequence[KnownPerson],
    count: int,
    seed: int,
    kinds: Sequence[str] = KINDS,
) -> list[SyntheticDocument]:
    """`count` documents about the known people, the same for the same arguments."""
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise ValueError(f"unknown document kinds {unknown}; expected some of {list(KINDS)}")
    if not known:
        raise ValueError("no known people to write documents about")
    rng = random.Random(seed)
    children, adults = _split_by_age(known)
    return [_document(rng, kinds[number % len(kinds)], children, adults) for number in range(count)]


def _split_by_age(known: Sequence[KnownPerson]) -> tuple[list[KnownPerson], list[KnownPerson]]:
    years = [int(p.dob[:4]) for p in known if p.dob[:4].isdigit()]
    latest = max(years, default=date.today().year)
    is_child = [p.dob[:4].isdigit() and int(p.dob[:4]) > latest - 18 for p in known]
    children = [p for p, child in zip(known, is_child, strict=True) if child]
    adults = [p for p, child in zip(known, is_child, strict=True) if not child]
    return children or list(known), adults or list(known)


def _document(
    rng: random.Random, kind: str, children: list[KnownPerson], adults: list[KnownPerson]
) -> SyntheticDocument:
    section = _templates()["kinds"][kind]
    child = rng.choice(children)
    cast = {"c": child, "a": rng.choice(adults), "p": rng.choice(adults)}
    lines = [rng.choice(section["opening"])]
    lines += rng.sample(section["body"], k=min(len(section["body"]), rng.randint(3, 6)))
    lines.append("\n" + rng.choice(section["closing"]))
    writer = _Writer(rng, cast)
    for number, line in enumerate(lines):
        writer.write_template(line + (" " if 0 < number < len(lines) - 2 else ""))
    title = rng.choice(_templates()["titles"][kind])
    return SyntheticDocument(kind, title, writer.text(), tuple(writer.spans))


class _Writer:
    """Writes one document from templates, recording where identifying text went."""

    def __init__(self, rng: random.Random, cast: dict[str, KnownPerson]) -> None:
        self.rng = rng
        self.cast = cast
        self.pieces: list[str] = []
        self.length = 0
        self.spans: list[Span] = []
        self.invented: dict[tuple[str, str], str] = {}

    def text(self) -> str:
        return "".join(self.pieces)

    def write_template(self, template: str) -> None:
        position = 0
        for slot in _SLOT.finditer(template):
            self._plain(template[position : slot.start()])
            role, field = slot.groups()
            if role is None:
                self._plain(_sentence_case(self._distractor(field), self.text()))
            else:
                self._person_field(self.cast[role], field)
            position = slot.end()
        self._plain(template[position:])

    def _plain(self, text: str) -> None:
        self.pieces.append(text)
        self.length += len(text)

    def _identifying(self, text: str, category: str, person: KnownPerson) -> None:
        start = self.length
        self._plain(text)
        self.spans.append(Span(start, self.length, category, text, "truth", person.ref))

    def _person_field(self, person: KnownPerson, field: str) -> None:
        if field == "family":
            self._identifying(_surname(person), "name", person)
            self._plain(" family")
            return
        if field == "name":
            forms, weights = zip(*_NAME_FORMS, strict=True)
            field = self.rng.choices(forms, weights)[0]
        writer = _FIELDS.get(field)
        if writer is None:
            raise ValueError(f"{TEMPLATES}: unknown placeholder field {field!r}")
        text, category = writer(self, person)
        self._identifying(text, category, person)

    def _distractor(self, field: str) -> str:
        words = place_words()
        data = _templates()
        choices: dict[str, Callable[[], str]] = {
            "street": lambda: (
                f"{self.rng.choice(words['street_stems'])} {self.rng.choice(words['street_types'])}"
            ),
            "school": lambda: (
                f"{self.rng.choice(words['street_stems'])} "
                f"{self.rng.choice(['Primary School', 'Academy', 'High School'])}"
            ),
            "place": lambda: self.rng.choice(data["places"]),
            "officer": lambda: self.rng.choice(data["officers"]),
            "date": lambda: _written_date(self.rng, _random_date(self.rng, 2015, 2024)),
            "month": lambda: f"{self.rng.choice(_MONTHS)} {self.rng.randint(2015, 2024)}",
            "ref": lambda: self.rng.choice(
                [f"POL{self.rng.randint(0, 10**9):09d}", f"OCC/{self.rng.randint(1000, 9999)}/21"]
            ),
        }
        if field not in choices:
            raise ValueError(f"{TEMPLATES}: unknown placeholder {field!r}")
        return choices[field]()

    def invent(self, person: KnownPerson, field: str, make: Callable[[], str]) -> str:
        """A detail the index does not hold, made once per person and document."""
        key = (person.ref, field)
        if key not in self.invented:
            self.invented[key] = make()
        return self.invented[key]


def _sentence_case(words: str, before: str) -> str:
    starts = not before.rstrip(" ") or before.rstrip(" ")[-1] in ".!?\n"
    return words[:1].upper() + words[1:] if starts else words


def _forenames(person: KnownPerson) -> list[str]:
    return person.forenames.split() or [person.other_names[0] if person.other_names else "Sam"]


def _surname(person: KnownPerson) -> str:
    return person.surname or "Jones"


def _full(writer: _Writer, person: KnownPerson) -> tuple[str, str]:
    forenames = _forenames(person)
    shown = forenames if writer.rng.random() < 0.3 else forenames[:1]
    return f"{' '.join(shown)} {_surname(person)}", "name"


def _nickname(writer: _Writer, person: KnownPerson) -> tuple[str, str]:
    first = _forenames(person)[0]
    options = [*name_alternatives().get((first, "nickname"), ()), *person.other_names]
    return (writer.rng.choice(options) if options else first), "name"


def _written_date(rng: random.Random, day: date) -> str:
    month = _MONTHS[day.month - 1]
    formats = [
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{day.day}/{day.month}/{day.year}",
        f"{day.day} {month} {day.year}",
        f"{day.day}{_ordinal(day.day)} {month} {day.year}",
        day.isoformat(),
        f"{day.day:02d}.{day.month:02d}.{day.year}",
        f"{day.day} {month[:3]} {day.year}",
        f"{month} {day.day}, {day.year}",
    ]
    return rng.choice(formats)


def _ordinal(day: int) -> str:
    if 10 < day % 100 < 14:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _random_date(rng: random.Random, first_year: int, last_year: int) -> date:
    start, end = date(first_year, 1, 1).toordinal(), date(last_year, 12, 31).toordinal()
    return date.fromordinal(rng.randint(start, end))


def _dob(writer: _Writer, person: KnownPerson) -> tuple[str, str]:
    try:
        born = date.fromisoformat(person.dob)
    except ValueError:
        born = date.fromisoformat(
            writer.invent(person, "dob", lambda: _random_date(writer.rng, 1970, 2012).isoformat())
        )
    return _written_date(writer.rng, born), "date_of_birth"


def _address(writer: _Writer, person: KnownPerson) -> tuple[str, str]:
    def make() -> str:
        words = place_words()
        stem, kind = (
            writer.rng.choice(words["street_stems"]),
            writer.rng.choice(words["street_types"]),
        )
        return f"{writer.rng.randint(1, 140)} {stem} {kind}"

    line = (
        person.address.split(",")[0] if person.address else writer.invent(person, "address", make)
    )
    return line, "address"


def _postcode(writer: _Writer, person: KnownPerson) -> tuple[str, str]:
    def make() -> str:
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        inward = "".join(writer.rng.choice(letters) for _ in range(2))
        return f"MS{writer.rng.randint(1, 9)} {writer.rng.randint(1, 9)}{inward}"

    return (person.postcode or writer.invent(person, "postcode", make)), "postcode"


def _phone(writer: _Writer, person: KnownPerson) -> tuple[str, str]:
    number = person.phone or writer.invent(
        person, "phone", lambda: f"07700 900{writer.rng.randint(0, 999):03d}"
    )
    digits = re.sub(r"\D", "", number).removeprefix("44").removeprefix("0")
    forms = [f"0{digits[:4]} {digits[4:]}", f"0{digits}", f"+44 {digits[:4]} {digits[4:]}"]
    return writer.rng.choice(forms), "phone"


def _nhs(writer: _Writer, person: KnownPerson) -> tuple[str, str]:
    number = person.nhs_number or writer.invent(person, "nhs", lambda: _invented_nhs(writer.rng))
    digits = re.sub(r"\D", "", number)
    forms = [
        digits,
        f"{digits[:3]} {digits[3:6]} {digits[6:]}",
        f"{digits[:3]}-{digits[3:6]}-{digits[6:]}",
    ]
    return writer.rng.choice(forms), "nhs_number"


def _invented_nhs(rng: random.Random) -> str:
    while True:
        nine = f"999{rng.randint(0, 999_999):06d}"
        remainder = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True)) % 11
        if remainder != 1:
            return f"{nine}{(11 - remainder) % 11}"


def _vehicle(writer: _Writer, person: KnownPerson) -> tuple[str, str]:
    plate = person.vehicle or writer.invent(
        person, "vehicle", lambda: registration(writer.rng, writer.rng.randint(2002, 2024))
    )
    compact = plate.replace(" ", "")
    return (compact if writer.rng.random() < 0.3 else f"{compact[:4]} {compact[4:]}"), (
        "vehicle_registration"
    )


def _email(writer: _Writer, person: KnownPerson) -> tuple[str, str]:
    first, last = _forenames(person)[0].lower(), _surname(person).lower().replace("'", "")
    domain = writer.rng.choice(["example.com", "example.net", "example.org"])
    return f"{first}.{last}{writer.rng.randint(1, 99)}@{domain}", "email"


def _ni_number(writer: _Writer, person: KnownPerson) -> tuple[str, str]:
    def make() -> str:
        first, second = (
            writer.rng.choice("ABCEGHJKLMNPRSTWXYZ"),
            writer.rng.choice("ABCEGHJKLMNPRSTWXYZ"),
        )
        digits = f"{writer.rng.randint(0, 999_999):06d}"
        return (
            f"{first}{second} {digits[:2]} {digits[2:4]} {digits[4:]} {writer.rng.choice('ABCD')}"
        )

    number = writer.invent(person, "ni", make)
    while number[:2] in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}:
        number = "J" + number[1:]
    return number, "ni_number"


_FIELDS: dict[str, Callable[[_Writer, KnownPerson], tuple[str, str]]] = {
    "full": _full,
    "forename": lambda w, p: (_forenames(p)[0], "name"),
    "surname": lambda w, p: (_surname(p), "name"),
    "surname_caps": lambda w, p: (_surname(p).upper(), "name"),
    "surname_first": lambda w, p: (f"{_surname(p).upper()}, {_forenames(p)[0]}", "name"),
    "caps": lambda w, p: (f"{_forenames(p)[0]} {_surname(p)}".upper(), "name"),
    "initial": lambda w, p: (
        f"{_forenames(p)[0][0]}{w.rng.choice(['. ', ' '])}{_surname(p)}",
        "name",
    ),
    "initials": lambda w, p: (f"{_forenames(p)[0][0]}{_surname(p)[0]}".upper(), "name"),
    "nickname": _nickname,
    "dob": _dob,
    "address": _address,
    "address_caps": lambda w, p: (_address(w, p)[0].upper(), "address"),
    "postcode": _postcode,
    "phone": _phone,
    "nhs": _nhs,
    "vehicle": _vehicle,
    "email": _email,
    "ni": _ni_number,
}
