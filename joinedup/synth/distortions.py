"""How an agency's copy of a person differs from the truth.

`copy_for_agency` makes one `SourceRecord` and lists the distortion kinds applied,
at the per-agency rates of data/rates.yaml (more date problems in police and older
records, preferred names at school, clean dates of birth in health).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from joinedup.synth.data import name_alternatives, rates
from joinedup.synth.people import Person, Residence

__all__ = ["DISTORTION_KINDS", "SourceRecord", "copy_for_agency"]

DISTORTION_KINDS = (
    "nickname",
    "typo_forename",
    "typo_surname",
    "surname_change",
    "transposed_names",
    "dob_missing",
    "dob_partial",
    "dob_day_month_swap",
    "dob_digit_error",
    "dob_placeholder_0101",
    "moved_address",
    "alias",
)
_DOB_KINDS = DISTORTION_KINDS[5:10]
# How often each agency records a stepfather's surname instead of the true one.
_STEP_SURNAME_RATE = {"EDU": 0.8, "CSC": 0.5, "POL": 0.5, "HLT": 0.25, "LIC": 0.0}
_KEYBOARD = "qwertyuiopasdfghjklzxcvbnm"


@dataclass(slots=True)
class SourceRecord:
    agency: str
    source_id: str
    person: Person
    forenames: list[str]
    surname: str
    dob: date | None
    dob_precision: str = "day"
    """day, month or none."""
    residence: Residence | None = None
    aliases: list[str] = field(default_factory=list)
    preferred: str = ""
    former_surname: str = ""
    distortions: list[str] = field(default_factory=list)


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 3:
        return word + word[-1]
    at = rng.randrange(1, len(word) - 1)
    operation = rng.randrange(4)
    if operation == 0:
        return word[:at] + word[at + 1 :]
    if operation == 1:
        return word[:at] + word[at] + word[at:]
    if operation == 2 and word[at] != word[at + 1]:
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return word[:at] + rng.choice(_KEYBOARD.replace(word[at].lower(), "")) + word[at + 1 :]


def alternative(rng: random.Random, name: str, kind: str) -> str:
    """A nickname or spelling variant of `name`, or '' if the table has none."""
    options = name_alternatives().get((name, kind))
    return rng.choice(options) if options else ""


def _agency_rates(agency: str, person: Person) -> dict[str, float]:
    table = rates()
    found = {k: float(v) for k, v in table["distortions"].get(agency, {}).items()}
    if person.dob.year < 1995:
        for kind, extra in table["older_extra"].get(agency, {}).items():
            found[kind] = found.get(kind, 0.0) + float(extra)
    return found


def _digit_error(rng: random.Random, dob: date) -> date:
    """One mistyped digit: in the day, or the year's last digit (never a later year,
    so the date of birth never lands in the future)."""
    for _ in range(10):
        candidates = (
            (dob.year - rng.randint(1, dob.year % 10 or 1), dob.month, dob.day),
            (dob.year, dob.month, dob.day - dob.day % 10 + rng.randrange(10)),
        )
        try:
            changed = date(*rng.choice(candidates))
        except ValueError:
            continue
        if changed != dob:
            return changed
    return dob.replace(year=dob.year - 1, day=min(dob.day, 28))


def _distort_dob(record: SourceRecord, rng: random.Random, kind: str) -> bool:
    dob = record.person.dob
    if kind == "dob_missing":
        record.dob, record.dob_precision = None, "none"
    elif kind == "dob_partial":
        record.dob, record.dob_precision = dob.replace(day=1), "month"
    elif kind == "dob_day_month_swap":
        if dob.day > 12 or dob.day == dob.month:
            return False
        record.dob = date(dob.year, dob.day, dob.month)
    elif kind == "dob_digit_error":
        record.dob = _digit_error(rng, dob)
    elif kind == "dob_placeholder_0101":
        if (dob.month, dob.day) == (1, 1):
            return False
        record.dob = date(dob.year, 1, 1)
    return True


def _distort_names(record: SourceRecord, rng: random.Random, kind: str) -> bool:
    if kind == "nickname":
        nickname = alternative(rng, record.forenames[0], "nickname")
        if not nickname:
            return False
        record.forenames = [nickname, *record.forenames[1:]]
    elif kind == "typo_forename":
        variant = alternative(rng, record.forenames[0], "variant")
        record.forenames[0] = variant or _typo(rng, record.forenames[0])
    elif kind == "typo_surname":
        record.surname = _typo(rng, record.surname)
    elif kind == "transposed_names":
        record.forenames, record.surname = [record.surname], record.forenames[0]
    return True


def _distort_other(record: SourceRecord, rng: random.Random, kind: str) -> bool:
    person = record.person
    if kind == "moved_address":
        older = [r for r in person.residences if r is not record.residence]
        if not older or record.residence is None:
            return False
        record.residence = rng.choice(older)
    elif kind == "alias":
        if not person.aliases:
            other = alternative(rng, person.first_name, "nickname") or person.first_name
            record.aliases = [f"{other} {_typo(rng, person.surname)}"]
    return True


def _apply(record: SourceRecord, rng: random.Random, kind: str) -> bool:
    if kind in _DOB_KINDS:
        return _distort_dob(record, rng, kind)
    if kind in ("moved_address", "alias"):
        return _distort_other(record, rng, kind)
    return _distort_names(record, rng, kind)


def _step_surname(record: SourceRecord, rng: random.Random) -> None:
    person = record.person
    if person.step_surname and rng.random() < _STEP_SURNAME_RATE[record.agency]:
        record.surname = person.step_surname
        record.former_surname = person.surname if rng.random() < 0.5 else ""
        record.distortions.append("surname_change")


def copy_for_agency(
    rng: random.Random, agency: str, person: Person, source_id: str, seen_on: date
) -> SourceRecord:
    """The agency's record of `person`, as last updated on `seen_on`."""
    record = SourceRecord(
        agency,
        source_id,
        person,
        list(person.forenames),
        person.surname,
        person.dob,
        residence=person.residence_on(seen_on),
    )
    record.aliases = list(person.aliases) if agency == "POL" else []
    if record.aliases:
        record.distortions.append("alias")
    _step_surname(record, rng)
    dob_done = False
    for kind, rate in sorted(_agency_rates(agency, person).items()):
        if rng.random() >= rate or (dob_done and kind in _DOB_KINDS) or kind in record.distortions:
            continue
        if _apply(record, rng, kind):
            record.distortions.append(kind)
            dob_done = dob_done or kind in _DOB_KINDS
    return record
