"""A synthetic borough (written by `joinedup synth`) as one flat person table.

Each agency export listed in the borough's `manifest.json` is read through its mapping
by the import engine, and every person record becomes one row of the person table
(`features.INPUT_COLUMNS` plus the lists), with record_id = "{agency}:{source_id}".
The ground truth (`truth/persons.csv`, `truth/people.csv`) is read separately by
`truth_table_from_borough`, for benchmarks and calibration only.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pyarrow as pa

from joinedup.errors import InputError
from joinedup.records.canonical import PersonRecord
from joinedup.records.export import read_export
from joinedup.records.mapping import load_mapping

__all__ = ["person_row", "person_table_from_borough", "truth_table_from_borough"]

_LIST_COLUMNS = ("other_names", "postcodes", "phones", "emails")


def person_table_from_borough(borough_dir: str | Path) -> pa.Table:
    """Every agency's person records of a synthetic borough, one row each."""
    folder = Path(borough_dir)
    rows: list[dict[str, Any]] = []
    for export in _manifest(folder)["exports"]:
        mapping = load_mapping(folder / export["mapping"])
        result = read_export(mapping, [folder / name for name in export["files"]])
        agency = result.batch.agency_code
        rows.extend(person_row(agency, person) for person in result.batch.persons.values())
    return _person_table(rows)


def _manifest(folder: Path) -> dict[str, Any]:
    path = folder / "manifest.json"
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise InputError(f"{path}: cannot read the borough manifest ({error})") from error
    return manifest


def person_row(agency: str, person: PersonRecord) -> dict[str, Any]:
    """One PersonRecord as a row of the person table."""
    identifiers = {identifier.scheme: identifier.value for identifier in person.identifiers}
    postcodes = [address.postcode for address in person.addresses if address.postcode]
    return {
        "record_id": f"{agency}:{person.source_id}",
        "source": agency,
        "forenames": person.forenames,
        "surname": person.surname,
        "dob": person.dob.iso() if person.dob else None,
        "sex": person.sex,
        "postcode": postcodes[0] if postcodes else None,
        "phone": person.phones[0] if person.phones else None,
        "nhs_number": identifiers.get("nhs_number"),
        "upn": identifiers.get("upn"),
        "pnc_id": identifiers.get("pnc_id"),
        "other_names": [_other_name(o.forenames, o.surname) for o in person.other_names],
        "postcodes": postcodes,
        "phones": list(person.phones),
        "emails": list(person.emails),
    }


def _other_name(forenames: str | None, surname: str | None) -> str:
    return " ".join(part for part in (forenames, surname) if part)


def _person_table(rows: list[dict[str, Any]]) -> pa.Table:
    fields = [
        pa.field(name, pa.list_(pa.string()) if name in _LIST_COLUMNS else pa.string())
        for name in person_row("X", PersonRecord(source_id="x"))
    ]
    return pa.Table.from_pylist(rows, schema=pa.schema(fields))


def truth_table_from_borough(borough_dir: str | Path) -> pa.Table:
    """record_id, true_person_id, distortions, household_id, twin_of for every record."""
    truth = Path(borough_dir) / "truth"
    people = {row["true_person_id"]: row for row in _csv_rows(truth / "people.csv")}
    rows = []
    for row in _csv_rows(truth / "persons.csv"):
        person = people.get(row["true_person_id"], {})
        rows.append({
            "record_id": f"{row['agency']}:{row['source_id']}",
            "true_person_id": row["true_person_id"],
            "distortions": row.get("distortions", ""),
            "household_id": person.get("household_id", ""),
            "twin_of": person.get("twin_of", ""),
        })  # fmt: skip
    return pa.Table.from_pylist(rows)


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
