"""Move source person records out of the ORM as the linkage core's person table.

The core (`joinedup.linkage`) never sees the ORM: it gets an Arrow table with one row
per SourcePerson, `record_id` = "<agency code>:<source_id>".
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pyarrow as pa

from joinedup.web.records import models as m

LIST_COLUMNS = ("other_names", "postcodes", "phones", "emails")


def record_id(agency_code: str, source_id: str) -> str:
    return f"{agency_code}:{source_id}"


def _grouped(model: type[Any], *fields: str) -> dict[int, list[tuple[Any, ...]]]:
    grouped: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in model.objects.order_by("person_id", "pk").values_list("person_id", *fields):
        grouped[row[0]].append(row[1:])
    return grouped


def person_table_from_database() -> tuple[pa.Table, dict[str, int]]:
    """Every SourcePerson as one row, and record_id -> SourcePerson pk."""
    names = _grouped(m.PersonOtherName, "forenames", "surname")
    addresses = _grouped(m.PersonAddress, "postcode")
    phones = _grouped(m.PersonPhone, "number")
    emails = _grouped(m.PersonEmail, "address")
    identifiers = _grouped(m.PersonIdentifier, "scheme", "value")
    rows, pks = [], {}
    people = m.SourcePerson.objects.order_by("pk").values_list(
        "pk", "agency__code", "source_id", "forenames", "surname", "dob", "sex"
    )
    for pk, agency, source_id, forenames, surname, dob, sex in people:
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


def _table(rows: list[dict[str, Any]]) -> pa.Table:
    text = pa.string()
    scalars = ("record_id", "source", "forenames", "surname", "dob", "sex", "postcode", "phone",
               "nhs_number", "upn", "pnc_id")  # fmt: skip
    fields: list[tuple[str, pa.DataType]] = [(name, text) for name in scalars]
    fields += [(name, pa.list_(text)) for name in LIST_COLUMNS]
    return pa.Table.from_pylist(rows, schema=pa.schema(fields))
