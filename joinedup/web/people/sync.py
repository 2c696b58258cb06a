"""Move source person records out of the ORM as the linkage core's person table.

The core (`joinedup.linkage`) never sees the ORM: it gets an Arrow table with one row
per SourcePerson, `record_id` = "<agency code>:<source_id>".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pyarrow as pa
from django.db.models import QuerySet

from joinedup.web.records import models as m

LIST_COLUMNS = ("other_names", "postcodes", "phones", "emails")
CHUNK = 900  # primary keys per query, below SQLite's default limit on parameters


def record_id(agency_code: str, source_id: str) -> str:
    return f"{agency_code}:{source_id}"


People = QuerySet[m.SourcePerson]


def _grouped(
    model: type[Any], people: People | None, *fields: str
) -> dict[int, list[tuple[Any, ...]]]:
    grouped: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    rows = model.objects.all() if people is None else model.objects.filter(person__in=people)
    for row in rows.order_by("person_id", "pk").values_list("person_id", *fields):
        grouped[row[0]].append(row[1:])
    return grouped


def person_table_from_database(people: People | None = None) -> tuple[pa.Table, dict[str, int]]:
    """Every SourcePerson (or those of `people`) as one row, and record_id -> pk."""
    names = _grouped(m.PersonOtherName, people, "forenames", "surname")
    addresses = _grouped(m.PersonAddress, people, "postcode")
    phones = _grouped(m.PersonPhone, people, "number")
    emails = _grouped(m.PersonEmail, people, "address")
    identifiers = _grouped(m.PersonIdentifier, people, "scheme", "value")
    rows, pks = [], {}
    chosen = m.SourcePerson.objects.all() if people is None else people
    rows_of_people = chosen.order_by("pk").values_list(
        "pk", "agency__code", "source_id", "forenames", "surname", "dob", "sex"
    )
    for pk, agency, source_id, forenames, surname, dob, sex in rows_of_people:
        ids = dict(identifiers.get(pk, []))
        postcodes = [p for (p,) in addresses.get(pk, []) if p]
        numbers = [n for (n,) in phones.get(pk, [])]
        rid = record_id(agency, source_id)
        pks[rid] = pk
        rows.append({
            "record_id": rid, "source": agency, "forenames": forenames or None,
            "surname": surname or None, "dob": dob or None, "sex": sex,
            "postcode": postcodes[0] if postcodes else None,
            "phone": numbers[0] if numbers else None,
            "nhs_number": ids.get("nhs_number"), "upn": ids.get("upn"),
            "pnc_id": ids.get("pnc_id"),
            "other_names": [" ".join(x for x in n if x) for n in names.get(pk, [])],
            "postcodes": postcodes, "phones": numbers,
            "emails": [e for (e,) in emails.get(pk, [])],
        })  # fmt: skip
    return _table(rows), pks


def person_table_of(pks: Iterable[int]) -> tuple[pa.Table, dict[str, int]]:
    """`person_table_from_database` for the SourcePersons with these primary keys."""
    wanted = sorted(set(pks))
    parts, found = [], {}
    for start in range(0, len(wanted), CHUNK):
        people = m.SourcePerson.objects.filter(pk__in=wanted[start : start + CHUNK])
        table, part_pks = person_table_from_database(people)
        parts.append(table)
        found.update(part_pks)
    return (pa.concat_tables(parts) if parts else _table([])), found


def _table(rows: list[dict[str, Any]]) -> pa.Table:
    text = pa.string()
    scalars = ("record_id", "source", "forenames", "surname", "dob", "sex", "postcode", "phone",
               "nhs_number", "upn", "pnc_id")  # fmt: skip
    fields: list[tuple[str, pa.DataType]] = [(name, text) for name in scalars]
    fields += [(name, pa.list_(text)) for name in LIST_COLUMNS]
    return pa.Table.from_pylist(rows, schema=pa.schema(fields))
