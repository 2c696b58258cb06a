"""Protect a year's tables together, and write them as plain data for storing.

Every table of every figure for one year goes through `disclose_linked` in one call, so a
breakdown cannot be differenced against its total, nor one breakdown against another
(sex × ethnic group against sex and against ethnic group). A later publication for the same
year (a correction, or the full year after the year so far) keeps the earlier one's
suppressed cells suppressed and its published cells published (`published_before`), so
setting the two side by side shows no cell in one that the other hid.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from joinedup.disclosure import (
    CellReason,
    CountTable,
    DisclosureResult,
    Layout,
    Level,
    Profile,
    PublishedTable,
    SuppressionFailed,
    disclose_linked,
    load_profile,
)
from joinedup.errors import InputError

__all__ = [
    "protect_tables",
    "published_table_from_data",
    "published_table_to_data",
    "reason_to_data",
]


def protect_tables(
    tables: Sequence[CountTable],
    profile: Profile | str,
    level: str | None = None,
    earlier: Sequence[PublishedTable] = (),
) -> DisclosureResult:
    """`tables` protected together; `earlier` is what was published for the same tables
    before (matched by name; tables no longer published are left out)."""
    chosen = profile if isinstance(profile, Profile) else load_profile(profile)
    rules = chosen.level(level)
    by_name = {t.name: t for t in tables}
    before = {
        t.name: _pattern(t, by_name[t.name], rules)
        for t in earlier
        if t.name in by_name and _same_shape(t, by_name[t.name])
    }
    try:
        return disclose_linked(tables, chosen, level, published_before=before)
    except SuppressionFailed as error:
        raise InputError(
            "the figures cannot be protected while keeping what the earlier publication for "
            "this year showed and hid; publish under another profile, or ask an analyst to "
            f"check the tables ({error})"
        ) from error


def _same_shape(published: PublishedTable, table: CountTable) -> bool:
    """Whether the new table of the same name has the same rows and columns."""
    old, new = published.layout, table.layout
    return (old.row_labels, old.count_columns) == (new.row_labels, new.count_columns)


def _pattern(published: PublishedTable, table: CountTable, rules: Level) -> PublishedTable:
    """What the earlier table hid, in this profile's symbol: every cell it suppressed, and
    every cell small enough now to be suppressed anyway (it cannot stay published)."""
    symbol = str(rules.symbol or "*")
    values = tuple(
        tuple(
            symbol if not text.isdigit() or rules.is_primary(table.count(r, c)) else text
            for c, text in enumerate(row)
        )
        for r, row in enumerate(published.values)
    )
    return PublishedTable(table.layout, values)


def published_table_to_data(table: PublishedTable) -> dict[str, Any]:
    """A published table as JSON-ready data: its layout and the published text only."""
    layout = table.layout
    return {
        "name": layout.name,
        "label_columns": list(layout.label_columns),
        "count_columns": list(layout.count_columns),
        "column_variable": layout.column_variable,
        "fixed": [list(pair) for pair in layout.fixed],
        "rows": [
            {"labels": list(labels), "values": list(values)}
            for labels, values in zip(layout.row_labels, table.values, strict=True)
        ],
    }


def published_table_from_data(data: Mapping[str, Any]) -> PublishedTable:
    layout = Layout(
        name=str(data["name"]),
        label_columns=tuple(data["label_columns"]),
        count_columns=tuple(data["count_columns"]),
        row_labels=tuple(tuple(row["labels"]) for row in data["rows"]),
        column_variable=str(data["column_variable"]),
        fixed=tuple((str(a), str(b)) for a, b in data["fixed"]),
    )
    return PublishedTable(layout, tuple(tuple(row["values"]) for row in data["rows"]))


def reason_to_data(reason: CellReason) -> dict[str, str]:
    return {"table": reason.table, "row": reason.row, "column": reason.column,
            "reason": reason.reason}  # fmt: skip
