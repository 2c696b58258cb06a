"""Read the people a redactor should know about from a PEOPLE.csv file.

The columns are those of `joinedup link-file` (`record_id` required; `forenames`,
`surname`, `dob`, `postcode`, `phone`, `nhs_number` optional; extra columns ignored),
plus `person_id` (used as the reference when present), `other_names` (";"-separated),
`address`, `email` and `vehicle`.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from joinedup.disclosure.redaction.dates import parse_iso_partial
from joinedup.disclosure.redaction.spans import KnownPerson
from joinedup.errors import FileFormatError, RowProblem, ValidationFailed

__all__ = ["read_known_people"]

_EXTRA = "\x00extra"
_TEXT_FIELDS = ("forenames", "surname", "postcode", "address", "phone", "email", "vehicle")


def read_known_people(path: Path) -> list[KnownPerson]:
    """The people in PEOPLE.csv; raises an InputError naming file, row and field."""
    path = Path(path)
    try:
        text = path.read_text("utf-8-sig")
    except FileNotFoundError:
        raise FileFormatError(str(path), "file not found") from None
    except UnicodeDecodeError:
        raise FileFormatError(str(path), "not UTF-8 text; save it as CSV UTF-8") from None
    reader = csv.DictReader(io.StringIO(text, newline=""), restkey=_EXTRA)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise FileFormatError(str(path), f"not valid CSV: {error}", reader.line_num) from None
    if "record_id" not in (reader.fieldnames or []):
        raise FileFormatError(str(path), "no record_id column; expected a PEOPLE.csv header", 1)
    people, problems = [], []
    for number, row in enumerate(rows, start=2):
        person, row_problems = _person(str(path), number, row)
        problems += row_problems
        if person is not None:
            people.append(person)
    if problems:
        raise ValidationFailed(problems)
    return people


def _person(
    file: str, row_number: int, row: dict[str, str | list[str] | None]
) -> tuple[KnownPerson | None, list[RowProblem]]:
    def value(field: str) -> str:
        found = row.get(field)
        return found.strip() if isinstance(found, str) else ""

    def problem(field: str, found: str, expected: str) -> RowProblem:
        return RowProblem(file, row_number, field, found, expected)

    problems = []
    extra = row.get(_EXTRA)
    if isinstance(extra, list):
        problems.append(problem("(row)", ",".join(extra), "no more values than the header"))
    if not value("record_id"):
        problems.append(problem("record_id", "", "a record id"))
    if value("dob") and parse_iso_partial(value("dob")) is None:
        problems.append(problem("dob", value("dob"), "an ISO date: YYYY, YYYY-MM or YYYY-MM-DD"))
    nhs = re.sub(r"[\s-]", "", value("nhs_number"))
    if nhs and not (nhs.isdigit() and len(nhs) == 10):
        problems.append(problem("nhs_number", value("nhs_number"), "ten digits"))
    if value("email") and "@" not in value("email"):
        problems.append(problem("email", value("email"), "an e-mail address"))
    if problems:
        return None, problems
    other_names = tuple(n.strip() for n in value("other_names").split(";") if n.strip())
    person = KnownPerson(
        ref=value("person_id") or value("record_id"),
        other_names=other_names,
        dob=value("dob"),
        nhs_number=nhs,
        **{field: value(field) for field in _TEXT_FIELDS},
    )
    return person, []
